// /api/v1/fsck over a real HttpServer and RegistryService: administrators only, POST starts a job (202),
// GET answers the last report from the maintenance history, repair through the API, bad bodies, audit.
#include "ApiTestServer.h"
#include "audit/AuditLog.h"
#include "jobs/JobRunner.h"
#include "storage/BlobStore.h"
#include "support/core/OciLayoutPusher.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

using namespace berth;
using namespace berth::test;

namespace {

const QString Admin = QStringLiteral("admin");
const QString Alice = QStringLiteral("alice");
const QString Fsck = QStringLiteral("/api/v1/fsck");

bool pushBlob(RegistryService& registry, const QString& repository, const QByteArray& bytes)
{
    return OciLayoutPusher::pushBlob(registry, repository, bytes).ok();
}

} // namespace

class TestApiFsck : public QObject
{
    Q_OBJECT

private:
    ApiTestServer m_server{ApiTestServer::Options{false, true}};

    /// POSTs, checks the 202 and waits for the job; returns GET /api/v1/fsck's lastRun.
    QJsonObject runAndFetch(const QJsonObject& body)
    {
        RegistryResponse r = m_server.call("POST", Fsck, Admin, body);
        if (r.status != 202) {
            qWarning("%s", qPrintable(r.describe()));
            return {};
        }
        const qint64 id =
            r.json().object().value(QStringLiteral("job")).toObject().value(QStringLiteral("id")).toInteger();
        if (id <= 0 || !m_server.jobs().waitForIdle(20000))
            return {};
        r = m_server.call("GET", QStringLiteral("/api/v1/jobs/%1").arg(id), Admin);
        if (r.json().object().value(QStringLiteral("state")).toString() != QLatin1String("succeeded") ||
            r.json().object().value(QStringLiteral("kind")).toString() != QLatin1String("fsck")) {
            qWarning("%s", qPrintable(r.describe()));
            return {};
        }
        return m_server.call("GET", Fsck, Admin).json().object().value(QStringLiteral("lastRun")).toObject();
    }

private slots:
    void initTestCase() { QVERIFY2(m_server.start(), qPrintable(m_server.errorString())); }

    void onlyAdministrators()
    {
        QCOMPARE(m_server.call("GET", Fsck, Alice).status, 403);
        QCOMPARE(m_server.call("POST", Fsck, Alice, QJsonObject{{QStringLiteral("repair"), true}}).status,
                 403);
        QCOMPARE(m_server.jobs().jobs().size(), 0);
    }

    void reportThenRepair()
    {
        RegistryResponse r = m_server.call("GET", Fsck, Admin);
        QCOMPARE(r.status, 200);
        QVERIFY(r.json().object().value(QStringLiteral("lastRun")).isNull());

        // A blob linked into a repository whose bytes are lost, and no manifest needs it.
        const QByteArray bytes = "bytes that will be lost";
        QVERIFY(pushBlob(m_server.registry(), QStringLiteral("team/app"), bytes));
        QVERIFY(m_server.registry().blobStore().remove(Digest::compute(bytes)));

        QJsonObject last = runAndFetch({});
        QCOMPARE(last.value(QStringLiteral("outcome")).toString(), QStringLiteral("succeeded"));
        QJsonObject report = last.value(QStringLiteral("report")).toObject();
        QCOMPARE(report.value(QStringLiteral("problems")).toInt(), 1);
        QCOMPARE(
            report.value(QStringLiteral("counts")).toObject().value(QStringLiteral("missingBlob")).toInt(),
            1);
        const QJsonObject finding = report.value(QStringLiteral("findings")).toArray().first().toObject();
        QCOMPARE(finding.value(QStringLiteral("object")).toString(), Digest::compute(bytes).toString());
        QVERIFY(finding.value(QStringLiteral("repairable")).toBool());
        QVERIFY(!finding.value(QStringLiteral("repaired")).toBool());

        last = runAndFetch(QJsonObject{{QStringLiteral("repair"), true}});
        report = last.value(QStringLiteral("report")).toObject();
        QCOMPARE(report.value(QStringLiteral("repaired")).toInt(), 1);
        QCOMPARE(report.value(QStringLiteral("problems")).toInt(), 0);
        QVERIFY(report.value(QStringLiteral("repair")).toBool());

        last = runAndFetch({});
        QCOMPARE(last.value(QStringLiteral("report"))
                     .toObject()
                     .value(QStringLiteral("findings"))
                     .toArray()
                     .size(),
                 0);
    }

    void badBodies()
    {
        QCOMPARE(
            m_server.call("POST", Fsck, Admin, QJsonObject{{QStringLiteral("repair"), QStringLiteral("yes")}})
                .status,
            400);
        QCOMPARE(m_server.call("POST", Fsck, Admin, QJsonObject{{QStringLiteral("removeUnreferenced"), true}})
                     .status,
                 400);
        QCOMPARE(m_server.call("POST", Fsck, Admin, QJsonObject{{QStringLiteral("fast"), true}}).status, 400);
    }

    void runsAreAudited()
    {
        QVERIFY(m_server.audit());
        QCOMPARE(m_server.call("POST", Fsck, Admin, QJsonObject{}).status, 202);
        QVERIFY(m_server.jobs().waitForIdle(20000));
        QVERIFY(m_server.audit()->flush().ok());
        AuditFilter filter;
        filter.actor = Admin;
        auto records = m_server.audit()->query(filter);
        QVERIFY(records.ok());
        bool found = false;
        for (const AuditRecord& record : records.value().records)
            found = found || (record.action == QLatin1String("api.runFsck") && record.target == Fsck);
        QVERIFY2(found, "no audit record of the POST /api/v1/fsck");
    }
};

QTEST_GUILESS_MAIN(TestApiFsck)
#include "tst_api_fsck.moc"
