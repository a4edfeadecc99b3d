// berthctl jobs list|show|cancel|wait and JobWaiter, in-process against the real management API
// (ApiTestServer: HttpServer, RegistryService, JobRunner) with jobs submitted to its JobRunner: listing,
// showing, cancelling a running job, waiting for success and for a cancelled job, Ctrl-C (SIGINT)
// during a wait cancelling the job, unknown ids and bad arguments.

#include "CtlRun.h"
#include "cli/JobWaiter.h"
#include "jobs/JobContext.h"
#include "jobs/JobRunner.h"
#include "server/api/ApiTestServer.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTextStream>
#include <QTimer>
#include <csignal>
#include <thread>

using namespace berth;
using namespace berth::test;
using Run = berth::test::CtlRun;

namespace {

/// Runs until cancelled (at most 30 s), reporting progress.
JobTask untilCancelled()
{
    return [](JobContext& context) -> Result<QString> {
        QElapsedTimer timer;
        timer.start();
        qint64 step = 0;
        while (!context.isCancelled() && timer.elapsed() < 30000) {
            context.setProgress(++step, 100000);
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        if (context.isCancelled())
            return Error(ErrorCode::Cancelled, QStringLiteral("Stopped after %1 steps.").arg(step));
        return QStringLiteral("ran out of time");
    };
}

} // namespace

class TestBerthctlJobs : public QObject
{
    Q_OBJECT

private:
    ApiTestServer m_server;

    QString serverUrl() { return m_server.client().baseUrl().toString(); }

    Run as(const QString& user, const QStringList& args)
    {
        return Run::as(serverUrl(), user, QStringLiteral("secret"), args);
    }
    Run admin(const QStringList& args) { return as(QStringLiteral("admin"), args); }

    quint64 quickJob(const QString& title)
    {
        const quint64 id = m_server.jobs().submit(JobKind::GarbageCollection, title, [](JobContext& context) {
            context.setProgress(3, 3);
            return Result<QString>(QStringLiteral("Freed 3 bytes"));
        });
        return id;
    }

    bool waitForState(quint64 id, JobState state)
    {
        for (int i = 0; i < 500; ++i) {
            const std::optional<JobSnapshot> job = m_server.jobs().job(id);
            if (job && job->state == state)
                return true;
            QTest::qWait(10);
        }
        return false;
    }

private slots:
    void initTestCase() { QVERIFY2(m_server.start(), qPrintable(m_server.errorString())); }

    void listAndShow()
    {
        const quint64 id = quickJob(QStringLiteral("Collect the garbage"));
        QVERIFY(m_server.jobs().waitForIdle(10000));

        Run list = admin({"--output", "json", "jobs", "list"});
        EXPECT_EXIT(list, 0);
        bool found = false;
        for (const QJsonValue& v : list.array())
            found = found || v.toObject().value("id").toInteger() == qint64(id);
        QVERIFY2(found, qPrintable(list.describe()));

        Run table = admin({"jobs", "list", "--kind", "gc"});
        EXPECT_EXIT(table, 0);
        QVERIFY2(table.out.contains(QStringLiteral("Collect the garbage")), qPrintable(table.describe()));
        QVERIFY(table.out.contains(QStringLiteral("succeeded")));

        Run active = admin({"--output", "json", "jobs", "list", "--active"});
        EXPECT_EXIT(active, 0);
        for (const QJsonValue& v : active.array())
            QVERIFY(v.toObject().value("id").toInteger() != qint64(id));

        Run show = admin({"jobs", "show", QString::number(id)});
        EXPECT_EXIT(show, 0);
        QVERIFY2(show.out.contains(QStringLiteral("Freed 3 bytes")), qPrintable(show.describe()));
        QVERIFY(show.out.contains(QStringLiteral("100% (3 of 3)")));

        Run json = admin({"--output", "json", "jobs", "show", QString::number(id)});
        EXPECT_EXIT(json, 0);
        QCOMPARE(json.object().value("state").toString(), QStringLiteral("succeeded"));
        QCOMPARE(json.object().value("kind").toString(), QStringLiteral("gc"));

        // Waiting for a finished job answers at once; a finished job cannot be cancelled.
        EXPECT_EXIT(admin({"jobs", "wait", QString::number(id)}), 0);
        Run late = admin({"jobs", "cancel", QString::number(id)});
        EXPECT_EXIT(late, 1);
        QVERIFY2(late.err.contains(QStringLiteral("already finished")), qPrintable(late.describe()));
    }

    void cancelThenWait()
    {
        const quint64 id =
            m_server.jobs().submit(JobKind::Scrub, QStringLiteral("Long scrub"), untilCancelled());
        QVERIFY(waitForState(id, JobState::Running));
        EXPECT_EXIT(admin({"jobs", "cancel", QString::number(id)}), 0);
        Run wait = admin({"--output", "json", "jobs", "wait", QString::number(id)});
        EXPECT_EXIT(wait, 1); // cancelled is not success
        QCOMPARE(wait.object().value("state").toString(), QStringLiteral("cancelled"));
        QVERIFY(wait.object().value("result").toString().startsWith(QStringLiteral("Stopped after")));
    }

    void waitFollowsARunningJobToTheEnd()
    {
        const quint64 id =
            m_server.jobs().submit(JobKind::Other, QStringLiteral("Short"), [](JobContext& context) {
                for (int i = 1; i <= 20; ++i) {
                    context.setProgress(i, 20);
                    std::this_thread::sleep_for(std::chrono::milliseconds(20));
                }
                return Result<QString>(QStringLiteral("All 20 done"));
            });
        Run wait = admin({"jobs", "wait", QString::number(id)});
        EXPECT_EXIT(wait, 0);
        QVERIFY2(wait.out.contains(QStringLiteral("All 20 done")), qPrintable(wait.describe()));
        QCOMPARE(m_server.jobs().job(id)->state, JobState::Succeeded);
    }

    void ctrlCCancelsTheJob()
    {
        const quint64 id =
            m_server.jobs().submit(JobKind::Scrub, QStringLiteral("Interrupted"), untilCancelled());
        QVERIFY(waitForState(id, JobState::Running));
        ApiClient::Settings settings;
        settings.server = QUrl(serverUrl());
        settings.user = QStringLiteral("admin");
        settings.password = QStringLiteral("secret");
        ApiClient api(settings);
        JobWaiter waiter(api);
        waiter.setPollIntervalMs(50);
        QString progress;
        QTextStream stream(&progress);
        waiter.setProgressStream(&stream);
        QTimer::singleShot(300, [] { std::raise(SIGINT); });
        const ApiResponse response = waiter.wait(id);
        QVERIFY2(response.ok(), qPrintable(QString::fromUtf8(response.body)));
        QCOMPARE(response.object().value("state").toString(), QStringLiteral("cancelled"));
        QVERIFY(waiter.cancelRequested());
        QCOMPARE(m_server.jobs().job(id)->state, JobState::Cancelled);
        stream.flush();
        QVERIFY2(progress.contains(QStringLiteral("Interrupted: ")), qPrintable(progress));
        QVERIFY(progress.contains(QStringLiteral("Cancelling job %1").arg(id)));
    }

    void unknownAndBadIds()
    {
        Run unknown = admin({"jobs", "show", "987654"});
        EXPECT_EXIT(unknown, 1);
        QVERIFY(unknown.err.contains(QStringLiteral("987654")));
        EXPECT_EXIT(admin({"jobs", "wait", "987654"}), 1);
        EXPECT_EXIT(admin({"jobs", "cancel", "987654"}), 1);
        EXPECT_EXIT(admin({"jobs", "show", "abc"}), 2);
        EXPECT_EXIT(admin({"jobs", "show"}), 2);
        EXPECT_EXIT(as(QStringLiteral("alice"), {"jobs", "list"}), 1); // not an administrator
    }
};

QTEST_GUILESS_MAIN(TestBerthctlJobs)
#include "tst_berthctl_jobs.moc"
