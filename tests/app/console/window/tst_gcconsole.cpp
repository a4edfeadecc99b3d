// Garbage collection in the console (offscreen) over a real RegistryHost with a ManualClock: the status
// page shows "reclaimable now" and updates after a delete; the preview dialog shows the dry run's figures
// and list; running through the action (scripted Prompter) frees what the preview said, as a job in the
// console's jobs model; a run the host's schedule starts shows in the same jobs model.

#include "ScriptedPrompter.h"
#include "actions/GcActions.h"
#include "data/GcBrowser.h"
#include "dialogs/GcDialog.h"
#include "gc/GarbageCollector.h"
#include "host/RegistryHost.h"
#include "jobs/JobRunner.h"
#include "maintenance/MaintenanceScheduler.h"
#include "models/JobsModel.h"
#include "models/ModelSupport.h"
#include "registry/RegistryService.h"
#include "storage/BlobStore.h"
#include "support/core/OciLayoutPusher.h"
#include "views/ConsoleSession.h"
#include "views/ServerStatusPage.h"

#include <QAction>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace berth;

namespace {

bool pushBlob(RegistryService& registry, const QString& repository, const QByteArray& bytes)
{
    return OciLayoutPusher::pushBlob(registry, repository, bytes).ok();
}

} // namespace

class TestGcConsole : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ManualClock m_clock;
    std::unique_ptr<JobRunner> m_runner; ///< the console's runner, shared with the host
    std::unique_ptr<RegistryHost> m_host;
    std::unique_ptr<ConsoleSession> m_session;
    std::unique_ptr<ServerStatusPage> m_page;
    std::unique_ptr<GcActions> m_actions;
    ScriptedPrompter m_prompter;

    bool waitForStatus()
    {
        QSignalSpy shown(m_actions.get(), &GcActions::statusShown);
        return shown.wait(10000);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        JobRunner::Options jobOptions;
        jobOptions.clock = &m_clock;
        m_runner = std::make_unique<JobRunner>(jobOptions);
        RegistryHost::Options options;
        options.dataDirectory = m_dir.path();
        options.clock = &m_clock;
        options.jobRunner = m_runner.get();
        options.scrubIntervalSeconds = 0; // only garbage collection on the schedule here
        options.retentionIntervalSeconds = 0;
        options.usageSampleIntervalSeconds = 0;
        m_host = std::make_unique<RegistryHost>(options);
        QVERIFY(m_host->open().ok());
        m_session = std::make_unique<ConsoleSession>(*m_host, QStringLiteral("localhost:5000"));
        m_page = std::make_unique<ServerStatusPage>();
        m_page->showRunning(QStringLiteral("http://localhost:5000"));
        m_actions = std::make_unique<GcActions>(nullptr, *m_page);
        m_actions->setPrompter(&m_prompter);
        QSignalSpy shown(m_actions.get(), &GcActions::statusShown);
        m_actions->setSession(m_session.get());
        QVERIFY(shown.wait(10000));
        QVERIFY2(m_page->reclaimableText().startsWith(ModelSupport::size(0) + QStringLiteral(" (0 blob")),
                 qPrintable(m_page->reclaimableText()));
        QCOMPARE(m_page->lastRunText(), QStringLiteral("Never"));
        QVERIFY(m_actions->collectGarbage->isEnabled());
    }

    void statusUpdatesAfterADelete()
    {
        RegistryService& registry = m_host->registry();
        const QByteArray orphan(7000, 'o');
        QVERIFY(pushBlob(registry, QStringLiteral("team/app"), orphan));
        QVERIFY(waitForStatus());  // the push is an event too
        m_clock.advance(2 * 3600); // older than the default grace period of an hour
        QVERIFY(registry.deleteBlob(QStringLiteral("team/app"), Digest::compute(orphan)).ok());
        QVERIFY(waitForStatus());
        QVERIFY2(m_page->reclaimableText().startsWith(ModelSupport::size(orphan.size()) +
                                                      QStringLiteral(" (1 blob")),
                 qPrintable(m_page->reclaimableText()));
    }

    void previewShowsTheDryRunAndRunningFreesIt()
    {
        RegistryService& registry = m_host->registry();
        const QByteArray second(3000, 's');
        QVERIFY(pushBlob(registry, QStringLiteral("team/app"), second));
        m_clock.advance(2 * 3600);
        QVERIFY(registry.deleteBlob(QStringLiteral("team/app"), Digest::compute(second)).ok());

        GcDialog dialog(m_session->gc());
        QSignalSpy previewed(&dialog, &GcDialog::previewShown);
        QVERIFY(dialog.isPreviewReady() || previewed.wait(10000));
        QCOMPARE(dialog.previewBlobCount(), 2);
        QCOMPARE(dialog.previewBytes(), qint64(7000 + second.size()));
        QCOMPARE(dialog.list()->topLevelItemCount(), 2);
        QVERIFY2(dialog.summaryText().contains(QStringLiteral("2 blob")), qPrintable(dialog.summaryText()));
        QVERIFY(dialog.summaryText().contains(ModelSupport::size(7000 + second.size())));
        // A preview changes nothing.
        QVERIFY(registry.blobStore().contains(Digest::compute(second)));
        // The options follow the check boxes.
        dialog.setDeleteUntagged(true);
        QVERIFY(previewed.wait(10000));
        QCOMPARE(dialog.options().deleteUntagged, true);
        QCOMPARE(dialog.previewBytes(), qint64(7000 + second.size())); // no untagged manifests here

        // Run through the action: the Prompter answers with the dialog's options.
        m_prompter.gcOptions = dialog.options();
        JobsModel jobs(*m_runner);
        QSignalSpy changed(m_actions.get(), &GcActions::statusShown);
        m_actions->collectGarbage->trigger();
        QCOMPARE(m_prompter.asked.last(), QStringLiteral("garbageCollection"));
        QVERIFY(m_runner->waitForIdle(20000));
        QTRY_COMPARE_WITH_TIMEOUT(jobs.rowCount(), 1, 5000);
        const JobSnapshot job = jobs.jobAt(0);
        QCOMPARE(job.kind, JobKind::GarbageCollection);
        QCOMPARE(job.state, JobState::Succeeded);
        QCOMPARE(m_host->garbageCollector()->lastRun()->bytes, dialog.previewBytes());
        QCOMPARE(m_host->garbageCollector()->lastRun()->blobCount, 2);
        QVERIFY(!registry.blobStore().contains(Digest::compute(second)));

        // The page follows: nothing reclaimable, the last run says what it freed.
        QTRY_VERIFY_WITH_TIMEOUT(m_page->reclaimableText().contains(QStringLiteral("(0 blob")), 10000);
        QVERIFY2(m_page->lastRunText().contains(ModelSupport::size(dialog.previewBytes())),
                 qPrintable(m_page->lastRunText()));
    }

    void cancellingThePromptRunsNothing()
    {
        const int before = int(m_runner->jobs().size());
        m_prompter.gcOptions.reset();
        m_actions->collectGarbage->trigger();
        QCOMPARE(int(m_runner->jobs().size()), before);
    }

    void scheduledRunShowsInTheConsolesJobs()
    {
        JobsModel jobs(*m_runner);
        const int before = jobs.rowCount();
        m_clock.advance(25 * 3600); // a day after the last run
        const QList<quint64> submitted = m_host->scheduler().tick();
        QCOMPARE(submitted.size(), 1);
        QVERIFY(m_runner->waitForIdle(20000));
        QTRY_COMPARE_WITH_TIMEOUT(jobs.rowCount(), before + 1, 5000);
        const int row = jobs.rowOf(submitted.first());
        QVERIFY(row >= 0);
        QCOMPARE(jobs.jobAt(row).kind, JobKind::GarbageCollection);
        QCOMPARE(jobs.jobAt(row).state, JobState::Succeeded);
        QTRY_VERIFY_WITH_TIMEOUT(m_page->lastRunText().contains(QStringLiteral("scheduled")), 10000);
        QVERIFY(!m_page->nextRunText().isEmpty());
    }

    void cleanupTestCase()
    {
        m_actions->setSession(nullptr);
        m_actions.reset();
        m_session.reset();
        m_host.reset();
        m_runner.reset();
    }
};

QTEST_MAIN(TestGcConsole)
#include "tst_gcconsole.moc"
