// /api/v1/jobs over a real HttpServer and JobRunner: listing with filters, one job, cancelling a running
// job (202, then cancelled), 409 for a finished one, 404 for unknown ids, administrators only, and the
// answers match the documented "Job" schema.

#include "ApiTestServer.h"
#include "SchemaCheck.h"
#include "api/JobJson.h"
#include "jobs/JobContext.h"
#include "jobs/JobRunner.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>
#include <thread>

using namespace berth;
using namespace berth::test;

namespace {

const QString Admin = QStringLiteral("admin");
const QString Alice = QStringLiteral("alice");
const QString Jobs = QStringLiteral("/api/v1/jobs");

/// A task that runs until cancelled (at most 30 s), reporting progress as it goes.
JobTask untilCancelled()
{
    return [](JobContext& context) -> Result<QString> {
        QElapsedTimer timer;
        timer.start();
        qint64 step = 0;
        while (!context.isCancelled() && timer.elapsed() < 30000) {
            context.setProgress(++step, 1000000);
            context.setStatus(QStringLiteral("Step %1").arg(step));
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        if (context.isCancelled())
            return Error(ErrorCode::Cancelled, QStringLiteral("Stopped at step %1.").arg(step));
        return QStringLiteral("never cancelled");
    };
}

} // namespace

class TestApiJobs : public QObject
{
    Q_OBJECT

private:
    ApiTestServer m_server;
    QJsonObject m_document;

    QJsonObject jobSchema() const
    {
        return QJsonObject{{QStringLiteral("$ref"), QStringLiteral("#/components/schemas/Job")}};
    }

    QJsonObject poll(quint64 id, const QString& state)
    {
        QJsonObject job;
        for (int i = 0; i < 300; ++i) {
            const RegistryResponse r = m_server.call("GET", Jobs + QStringLiteral("/%1").arg(id), Admin);
            job = r.json().object();
            if (job.value(QStringLiteral("state")).toString() == state)
                return job;
            QTest::qWait(20);
        }
        return job;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        const RegistryResponse r = m_server.call("GET", QStringLiteral("/api/v1/openapi.json"), QString());
        QCOMPARE(r.status, 200);
        m_document = r.json().object();
    }

    void onlyAdministrators()
    {
        QCOMPARE(m_server.call("GET", Jobs, Alice).status, 403);
        QCOMPARE(m_server.call("GET", Jobs + QStringLiteral("/1"), Alice).status, 403);
        QCOMPARE(m_server.call("DELETE", Jobs + QStringLiteral("/1"), Alice).status, 403);
        QCOMPARE(m_server.call("GET", Jobs, QString()).status, 401);
    }

    void finishedJobIsListedAndShown()
    {
        const quint64 id = m_server.jobs().submit(JobKind::GarbageCollection, QStringLiteral("Quick one"),
                                                  [](JobContext& context) -> Result<QString> {
                                                      context.setProgress(7, 7);
                                                      return QStringLiteral("Freed 7 bytes");
                                                  });
        QVERIFY(m_server.jobs().waitForIdle(10000));

        RegistryResponse r = m_server.call("GET", Jobs + QStringLiteral("/%1").arg(id), Admin);
        QCOMPARE(r.status, 200);
        const QJsonObject job = r.json().object();
        QCOMPARE(checkSchema(job, jobSchema(), m_document), QString());
        QCOMPARE(job.value(QStringLiteral("id")).toInteger(), qint64(id));
        QCOMPARE(job.value(QStringLiteral("kind")).toString(), QStringLiteral("gc"));
        QCOMPARE(job.value(QStringLiteral("title")).toString(), QStringLiteral("Quick one"));
        QCOMPARE(job.value(QStringLiteral("state")).toString(), QStringLiteral("succeeded"));
        QCOMPARE(job.value(QStringLiteral("result")).toString(), QStringLiteral("Freed 7 bytes"));
        QCOMPARE(job.value(QStringLiteral("done")).toInteger(), 7);
        QCOMPARE(job.value(QStringLiteral("total")).toInteger(), 7);
        QVERIFY(!job.value(QStringLiteral("startedAt")).isNull());
        QVERIFY(!job.value(QStringLiteral("finishedAt")).isNull());
        QCOMPARE(job.value(QStringLiteral("cancelRequested")).toBool(), false);

        r = m_server.call("GET", Jobs, Admin);
        QCOMPARE(r.status, 200);
        QJsonArray items = r.json().object().value(QStringLiteral("items")).toArray();
        bool found = false;
        for (const QJsonValue& v : items) {
            QCOMPARE(checkSchema(v, jobSchema(), m_document), QString());
            found = found || v.toObject().value(QStringLiteral("id")).toInteger() == qint64(id);
        }
        QVERIFY(found);

        // Filters: a finished job is not active; kind and state select it.
        r = m_server.call("GET", Jobs + QStringLiteral("?state=active"), Admin);
        QCOMPARE(r.status, 200);
        for (const QJsonValue& v : r.json().object().value(QStringLiteral("items")).toArray())
            QVERIFY(v.toObject().value(QStringLiteral("id")).toInteger() != qint64(id));
        r = m_server.call("GET", Jobs + QStringLiteral("?state=succeeded&kind=gc"), Admin);
        items = r.json().object().value(QStringLiteral("items")).toArray();
        QVERIFY(!items.isEmpty());
        QCOMPARE(items.last().toObject().value(QStringLiteral("id")).toInteger(), qint64(id));
        r = m_server.call("GET", Jobs + QStringLiteral("?kind=import"), Admin);
        QCOMPARE(r.status, 200);
        QVERIFY(r.json().object().value(QStringLiteral("items")).toArray().isEmpty());
        QCOMPARE(m_server.call("GET", Jobs + QStringLiteral("?state=sleeping"), Admin).status, 400);
        QCOMPARE(m_server.call("GET", Jobs + QStringLiteral("?kind=nap"), Admin).status, 400);

        // A finished job cannot be cancelled.
        r = m_server.call("DELETE", Jobs + QStringLiteral("/%1").arg(id), Admin);
        QCOMPARE(r.status, 409);
        QCOMPARE(r.json().object().value(QStringLiteral("code")).toString(), QStringLiteral("CONFLICT"));
    }

    void cancelRunningJob()
    {
        const quint64 id =
            m_server.jobs().submit(JobKind::Scrub, QStringLiteral("Long one"), untilCancelled());
        QJsonObject job = poll(id, QStringLiteral("running"));
        QCOMPARE(job.value(QStringLiteral("state")).toString(), QStringLiteral("running"));

        RegistryResponse r = m_server.call("GET", Jobs + QStringLiteral("?state=active&kind=scrub"), Admin);
        QCOMPARE(r.json().object().value(QStringLiteral("items")).toArray().size(), 1);

        r = m_server.call("DELETE", Jobs + QStringLiteral("/%1").arg(id), Admin);
        QCOMPARE(r.status, 202);
        const QJsonObject accepted = r.json().object().value(QStringLiteral("job")).toObject();
        QCOMPARE(checkSchema(accepted, jobSchema(), m_document), QString());
        QCOMPARE(accepted.value(QStringLiteral("cancelRequested")).toBool(), true);

        job = poll(id, QStringLiteral("cancelled"));
        QCOMPARE(job.value(QStringLiteral("state")).toString(), QStringLiteral("cancelled"));
        QVERIFY(job.value(QStringLiteral("done")).toInteger() > 0);
        QVERIFY(job.value(QStringLiteral("result")).toString().startsWith(QStringLiteral("Stopped at step")));
        QCOMPARE(m_server.call("DELETE", Jobs + QStringLiteral("/%1").arg(id), Admin).status, 409);
    }

    void unknownJobs()
    {
        for (const QString& id : {QStringLiteral("999999"), QStringLiteral("0"), QStringLiteral("abc")}) {
            QCOMPARE(m_server.call("GET", Jobs + QLatin1Char('/') + id, Admin).status, 404);
            QCOMPARE(m_server.call("DELETE", Jobs + QLatin1Char('/') + id, Admin).status, 404);
        }
    }

    void acceptedConvention()
    {
        JobSnapshot job;
        job.id = 42;
        job.kind = JobKind::Import;
        job.title = QStringLiteral("Import");
        job.queuedAt = QDateTime::currentDateTimeUtc();
        const ApiReply reply = JobJson::accepted(job);
        QCOMPARE(reply.status, 202);
        QCOMPARE(reply.headers.size(), 1);
        QCOMPARE(reply.headers.first().first, QByteArray("Location"));
        QCOMPARE(reply.headers.first().second, QByteArray("/api/v1/jobs/42"));
        QCOMPARE(checkSchema(reply.body,
                             QJsonObject{{QStringLiteral("$ref"),
                                          QStringLiteral("#/components/schemas/JobAccepted")}},
                             m_document),
                 QString());
        for (JobKind kind : {JobKind::Import, JobKind::Export, JobKind::Retention, JobKind::GarbageCollection,
                             JobKind::Scrub, JobKind::Check, JobKind::Backup, JobKind::Scan, JobKind::Other})
            QCOMPARE(JobJson::kindFromName(JobJson::kindName(kind)), std::optional<JobKind>(kind));
    }
};

QTEST_GUILESS_MAIN(TestApiJobs)
#include "tst_api_jobs.moc"
