#include "ConsoleFixture.h"
#include "jobs/JobContext.h"
#include "jobs/JobRunner.h"
#include "models/DetailModels.h"
#include "models/JobsModel.h"
#include "support/core/OciLayoutPusher.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <atomic>

using namespace berth;

class TestJobsDetailModels : public QObject
{
    Q_OBJECT

private slots:
    void jobsModelFollowsRunner()
    {
        JobRunner runner;
        JobsModel model(runner);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy active(&model, &JobsModel::activeCountChanged);
        std::atomic<bool> release{false};
        std::atomic<bool> reported{false};
        const quint64 slow = runner.submit(JobKind::Import, QStringLiteral("Import a.tar into team/app"),
                                           [&](JobContext& context) -> Result<QString> {
                                               context.setStatus(QStringLiteral("Writing layer 1 of 4"));
                                               context.setProgress(25, 100);
                                               reported = true;
                                               while (!release)
                                                   QThread::msleep(5);
                                               return QStringLiteral("Imported 1 image");
                                           });
        const quint64 failing = runner.submit(
            JobKind::Export, QStringLiteral("Export team/app"), [](JobContext&) -> Result<QString> {
                return Error(ErrorCode::Internal, QStringLiteral("Disk full"));
            });
        QTRY_COMPARE(model.rowCount(), 2);
        QCOMPARE(model.jobAt(0).id, failing); // newest first
        QCOMPARE(model.rowOf(slow), 1);
        QCOMPARE(model.index(1, JobsModel::TitleColumn).data().toString(),
                 QStringLiteral("Import a.tar into team/app"));
        QCOMPARE(model.index(1, 0).data(ConsoleRoles::JobIdRole).toULongLong(), slow);
        QTRY_VERIFY(reported.load());
        QTRY_COMPARE(model.index(1, JobsModel::ProgressColumn).data().toInt(), 25);
        QTRY_COMPARE(model.index(1, JobsModel::MessageColumn).data().toString(),
                     QStringLiteral("Writing layer 1 of 4"));
        QCOMPARE(model.jobAt(1).state, JobState::Running);
        QTRY_COMPARE(model.jobAt(0).state, JobState::Failed);
        QCOMPARE(model.index(0, JobsModel::MessageColumn).data().toString(), QStringLiteral("Disk full"));
        QCOMPARE(model.index(0, JobsModel::StateColumn).data().toString(),
                 JobSnapshot::stateName(JobState::Failed));
        QCOMPARE(model.activeCount(), 1);
        release = true;
        QTRY_COMPARE(model.jobAt(1).state, JobState::Succeeded);
        QCOMPARE(model.index(1, JobsModel::ProgressColumn).data().toInt(), 100);
        QCOMPARE(model.index(1, JobsModel::MessageColumn).data().toString(),
                 QStringLiteral("Imported 1 image"));
        QVERIFY(!model.index(1, JobsModel::FinishedColumn).data().toString().isEmpty());
        QTRY_COMPARE(model.activeCount(), 0);
        QVERIFY(!active.isEmpty());
        QCOMPARE(active.last().first().toInt(), 0);

        // A model made later shows the history; clearing it removes the rows.
        JobsModel later(runner);
        QCOMPARE(later.rowCount(), 2);
        QCOMPARE(later.jobAt(0).id, failing);
        runner.clearHistory();
        QTRY_COMPARE(model.rowCount(), 0);
    }

    void detailModels()
    {
        ConsoleFixture f;
        const QString problem = f.open();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QString missing;
        const QString multi = OciLayoutPusher::fixture(QStringLiteral("oci-multi"), &missing);
        const QString referrer = OciLayoutPusher::fixture(QStringLiteral("oci-referrer"), &missing);
        if (!missing.isEmpty())
            QFAIL(qPrintable(missing));
        VERIFY_OK(OciLayoutPusher::push(*f.registry, multi, QStringLiteral("multi")));
        VERIFY_OK(OciLayoutPusher::push(*f.registry, referrer, QStringLiteral("ref")));

        QSignalSpy details(f.browser.get(), &RegistryBrowser::detailLoaded);
        QSignalSpy failures(f.browser.get(), &RegistryBrowser::failed);
        const quint64 indexRequest = f.browser->loadDetail(
            QStringLiteral("multi"),
            *Digest::parse(
                QStringLiteral("sha256:67a1167efc05d94c540fb46adabd1e5f0eb30a1c30a727e44b788b310a5d64e9")));
        const quint64 imageRequest = f.browser->loadDetail(
            QStringLiteral("ref"),
            *Digest::parse(
                QStringLiteral("sha256:ba1e2568af7850df541b95b9ec19936167a2f570385b9b74b1bdee9da32b331b")));
        const quint64 missingRequest = f.browser->loadDetail(QStringLiteral("nothing"), Digest::compute("x"));
        QVERIFY(f.browser->waitForIdle());
        QCOMPARE(details.count(), 2);
        QCOMPARE(failures.count(), 1);
        QCOMPARE(failures[0][0].toULongLong(), missingRequest);
        ImageDetail index;
        ImageDetail image;
        for (const auto& args : std::as_const(details)) {
            if (args[0].toULongLong() == indexRequest)
                index = args[1].value<ImageDetail>();
            if (args[0].toULongLong() == imageRequest)
                image = args[1].value<ImageDetail>();
        }

        PlatformTableModel platforms;
        QAbstractItemModelTester platformTester(&platforms,
                                                QAbstractItemModelTester::FailureReportingMode::Fatal);
        platforms.setDetail(index);
        QCOMPARE(platforms.rowCount(), 2);
        QCOMPARE(platforms.index(1, 0).data().toString(), QStringLiteral("linux/arm64/v8"));
        QCOMPARE(platforms.index(1, 3).data(ConsoleRoles::SortRole).toLongLong(), 475);
        QCOMPARE(platforms.index(0, 2).data(ConsoleRoles::DigestRole).toString(),
                 platforms.entryAt(0).digest.toString());

        LayerTableModel layers;
        QAbstractItemModelTester layerTester(&layers, QAbstractItemModelTester::FailureReportingMode::Fatal);
        layers.setDetail(image);
        QCOMPARE(layers.rowCount(), 3); // the config, then two layers
        QVERIFY(layers.index(0, 0).data().toString().contains(QStringLiteral("config")));
        QCOMPARE(layers.index(0, 2).data(ConsoleRoles::SortRole).toLongLong(), 628);
        layers.setDetail(index);
        QCOMPARE(layers.rowCount(), 0);

        ReferrerTableModel referrers;
        QAbstractItemModelTester referrerTester(&referrers,
                                                QAbstractItemModelTester::FailureReportingMode::Fatal);
        referrers.setDetail(image);
        QCOMPARE(referrers.rowCount(), 1);
        QCOMPARE(referrers.index(0, 0).data().toString(), QStringLiteral("application/spdx+json"));
        QCOMPARE(referrers.referrerAt(0).digest.toString(),
                 QStringLiteral("sha256:79665b51f56c6bb2f5e54604875fdc4ecb93d8b4d68d2ddf231aa7a03af4758a"));
    }
};

QTEST_MAIN(TestJobsDetailModels)
#include "tst_jobsdetailmodels.moc"
