// /api/v1/backups over a real HttpServer, JobRunner and RegistryService: administrators only, bad
// destinations refused (nothing written), a backup as a job (202 + the job, polled to the end) whose
// folder then holds a complete backup, the history, and the audit record of the POST.
#include "ApiTestServer.h"
#include "audit/AuditLog.h"
#include "backup/BackupManifest.h"
#include "jobs/JobRunner.h"
#include "support/core/OciLayoutPusher.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace berth;
using namespace berth::test;

namespace {

const QString Admin = QStringLiteral("admin");
const QString Alice = QStringLiteral("alice");
const QString Backups = QStringLiteral("/api/v1/backups");

QJsonObject destination(const QString& path)
{
    return QJsonObject{{QStringLiteral("destination"), path}};
}

bool pushBlob(RegistryService& registry, const QString& repository, const QByteArray& bytes)
{
    return OciLayoutPusher::pushBlob(registry, repository, bytes).ok();
}

} // namespace

class TestApiBackup : public QObject
{
    Q_OBJECT

private:
    ApiTestServer m_server{ApiTestServer::Options{false, true}};
    QTemporaryDir m_out;

    QJsonObject pollUntilFinished(quint64 id)
    {
        QJsonObject job;
        for (int i = 0; i < 300; ++i) {
            const RegistryResponse r = m_server.call("GET", QStringLiteral("/api/v1/jobs/%1").arg(id), Admin);
            job = r.json().object();
            const QString state = job.value(QStringLiteral("state")).toString();
            if (state == QLatin1String("succeeded") || state == QLatin1String("failed") ||
                state == QLatin1String("cancelled"))
                return job;
            QTest::qWait(50);
        }
        return job;
    }

private slots:
    void initTestCase() { QVERIFY2(m_server.start(), qPrintable(m_server.errorString())); }

    void onlyAdministrators()
    {
        QCOMPARE(m_server.call("GET", Backups, Alice).status, 403);
        QCOMPARE(
            m_server.call("POST", Backups, Alice, destination(m_out.path() + QStringLiteral("/a"))).status,
            403);
        QCOMPARE(m_server.call("POST", Backups, QString(), destination(m_out.path() + QStringLiteral("/a")))
                     .status,
                 401);
        QVERIFY(!QFileInfo::exists(m_out.path() + QStringLiteral("/a")));
    }

    void badDestinationsAreRefused()
    {
        const QString inside = m_server.dataDirectory() + QStringLiteral("/backups");
        for (const QJsonObject& body :
             {QJsonObject{}, destination(QString()), destination(QStringLiteral("relative/dir")),
              destination(inside), QJsonObject{{QStringLiteral("destination"), 42}}}) {
            const RegistryResponse r = m_server.call("POST", Backups, Admin, body);
            QVERIFY2(r.status == 400, qPrintable(r.describe()));
        }
        const RegistryResponse r = m_server.call("POST", Backups, Admin, destination(inside));
        QVERIFY2(r.json()
                     .object()
                     .value(QStringLiteral("message"))
                     .toString()
                     .contains(QStringLiteral("data directory")),
                 qPrintable(r.describe()));
        QVERIFY(!QFileInfo::exists(inside));
    }

    void backupRunsAsAJobAndIsListed()
    {
        QVERIFY(pushBlob(m_server.registry(), QStringLiteral("team/app"), QByteArray(5000, 'x')));
        const QString dest = m_out.path() + QStringLiteral("/b");
        const RegistryResponse r = m_server.call("POST", Backups, Admin, destination(dest));
        QVERIFY2(r.status == 202, qPrintable(r.describe()));
        const QJsonObject job = r.json().object().value(QStringLiteral("job")).toObject();
        const quint64 id = quint64(job.value(QStringLiteral("id")).toInteger());
        QVERIFY(id > 0);
        QCOMPARE(job.value(QStringLiteral("kind")).toString(), QStringLiteral("backup"));
        QCOMPARE(r.header("Location"), QStringLiteral("/api/v1/jobs/%1").arg(id).toUtf8());

        const QJsonObject finished = pollUntilFinished(id);
        QVERIFY2(finished.value(QStringLiteral("state")).toString() == QLatin1String("succeeded"),
                 qPrintable(QJsonDocument(finished).toJson()));
        auto manifest = BackupManifest::read(dest);
        QVERIFY2(manifest.ok(), manifest.ok() ? "" : qPrintable(manifest.error().message));
        QCOMPARE(manifest->blobs.size(), 1);
        QVERIFY(manifest->hasAudit);

        const RegistryResponse list = m_server.call("GET", Backups, Admin);
        QCOMPARE(list.status, 200);
        const QJsonArray items = list.json().object().value(QStringLiteral("items")).toArray();
        QVERIFY(!items.isEmpty());
        const QJsonObject newest = items.first().toObject();
        QCOMPARE(newest.value(QStringLiteral("outcome")).toString(), QStringLiteral("succeeded"));
        const QJsonObject summary = newest.value(QStringLiteral("summary")).toObject();
        QCOMPARE(summary.value(QStringLiteral("destination")).toString(), dest);
        QCOMPARE(summary.value(QStringLiteral("blobsCopied")).toInteger(), 1);
        QCOMPARE(summary.value(QStringLiteral("bytesCopied")).toInteger(), 5000);
    }

    void postIsAudited()
    {
        QVERIFY(m_server.audit()->flush().ok());
        AuditFilter filter;
        filter.actor = Admin;
        auto records = m_server.audit()->query(filter);
        QVERIFY(records.ok());
        bool found = false;
        for (const AuditRecord& record : records.value().records)
            found = found || (record.action == QLatin1String("api.startBackup") && record.target == Backups);
        QVERIFY2(found, "no audit record of the POST /api/v1/backups");
    }
};

QTEST_GUILESS_MAIN(TestApiBackup)
#include "tst_api_backup.moc"
