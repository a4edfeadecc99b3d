#include "BigDockerArchive.h"
#include "actions/RegistryActions.h"
#include "app/console/window/ScriptedPrompter.h"
#include "jobs/JobRunner.h"
#include "models/ImageTableModel.h"
#include "models/NavigationModel.h"
#include "server/ServerController.h"
#include "settings/ConsoleSettings.h"
#include "views/ConsoleSession.h"
#include "views/MainWindow.h"

#include <QAction>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <memory>

using namespace berth;

namespace {

QString fixture(const QString& name)
{
    return QStringLiteral(BERTH_BINARY_DIR "/test-images/") + name;
}

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QString describe() const
    {
        return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
            .arg(exitCode)
            .arg(QString::fromUtf8(out.left(2000)), QString::fromUtf8(err.left(2000)));
    }
};

/// Runs a client to completion while the GUI event loop keeps turning (the server lives in the same
/// process: blocking here would stall the console this test is about).
Run runClient(const QString& program, const QStringList& arguments, int timeoutMs = 120'000)
{
    QProcess process;
    process.start(program, arguments);
    Run run;
    if (!process.waitForStarted(10'000)) {
        run.err = process.errorString().toUtf8();
        return run;
    }
    QElapsedTimer timer;
    timer.start();
    while (process.state() != QProcess::NotRunning && timer.elapsed() < timeoutMs)
        QTest::qWait(20);
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished();
        run.err = "timed out";
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace

class TestConsoleClients : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ConsoleSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    ScriptedPrompter m_prompter;
    QString m_skopeo;
    QString m_host;
    QString m_credentials;

    ConsoleSession& session() { return *m_window->session(); }

    QStringList skopeoArgs(const QStringList& arguments) const
    {
        return QStringList{QStringLiteral("--insecure-policy")} + arguments;
    }

    QStringList registryFlags(const QString& direction) const
    {
        return {QStringLiteral("--%1-tls-verify=false").arg(direction),
                QStringLiteral("--%1-creds=%2").arg(direction, m_credentials)};
    }

    /// Waits until every job has finished and returns the latest one.
    JobSnapshot waitForJobs(int timeoutMs)
    {
        QElapsedTimer timer;
        timer.start();
        while (m_window->jobRunner().activeCount() > 0 && timer.elapsed() < timeoutMs)
            QTest::qWait(20);
        const QList<JobSnapshot> jobs = m_window->jobRunner().jobs();
        return jobs.isEmpty() ? JobSnapshot() : jobs.last();
    }

    QString manifestDigest(const QString& reference)
    {
        const Run run =
            runClient(m_skopeo, skopeoArgs({QStringLiteral("inspect"), QStringLiteral("--raw"),
                                            QStringLiteral("--tls-verify=false"),
                                            QStringLiteral("--creds=") + m_credentials,
                                            QStringLiteral("docker://%1/%2").arg(m_host, reference)}));
        if (run.exitCode != 0)
            return QStringLiteral("failed: ") + run.describe();
        return QStringLiteral("sha256:") +
               QString::fromLatin1(QCryptographicHash::hash(run.out, QCryptographicHash::Sha256).toHex());
    }

private slots:
    void initTestCase()
    {
        m_skopeo = QStandardPaths::findExecutable(QStringLiteral("skopeo"));
        if (m_skopeo.isEmpty())
            QFAIL("skopeo is not installed: run `make test` (it installs what the tests need).");
        if (!QFileInfo::exists(fixture(QStringLiteral("SUMMARY.txt"))))
            QFAIL("The test images are missing: run scripts/prepare-test-tools.sh <build dir>.");
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_settings = std::make_unique<ConsoleSettings>(m_dir.filePath(QStringLiteral("berth.ini")));
        m_settings->overrideDataDirectory(m_dir.filePath(QStringLiteral("registry")));
        m_settings->overridePort(0);
        m_window = std::make_unique<MainWindow>(*m_settings);
        m_window->setPrompter(&m_prompter);
        m_window->show();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->session() != nullptr, 60'000);
        const AdministratorBootstrap& admin = m_window->server().administratorBootstrap();
        QVERIFY(admin.created);
        m_credentials = admin.userName + QLatin1Char(':') + admin.password;
        m_host = QStringLiteral("127.0.0.1:%1").arg(m_window->server().port());
        QTRY_VERIFY_WITH_TIMEOUT(session().navigation().isLoaded(), 10'000);
    }

    void droppedArchiveIsPulledBySkopeo()
    {
        NavigationModel& navigation = session().navigation();
        const QModelIndex tenancy = navigation.indexOfCompartment(CompartmentPath());
        QVERIFY(tenancy.isValid());
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(fixture(QStringLiteral("docker-archive.tar")))});
        QVERIFY(navigation.canDropMimeData(&mime, Qt::CopyAction, -1, -1, tenancy));
        QVERIFY(navigation.dropMimeData(&mime, Qt::CopyAction, -1, -1, tenancy));

        const JobSnapshot job = waitForJobs(60'000);
        QCOMPARE(job.kind, JobKind::Import);
        QVERIFY2(job.state == JobState::Succeeded, qPrintable(job.result));
        QTRY_VERIFY_WITH_TIMEOUT(navigation.indexOfRepository(QStringLiteral("feas/single")).isValid(),
                                 10'000);

        // skopeo pulls it back, every blob verified against its digest on the way.
        const QString layout = m_dir.filePath(QStringLiteral("pulled"));
        const Run copy = runClient(
            m_skopeo, skopeoArgs(QStringList{QStringLiteral("copy")} + registryFlags(QStringLiteral("src")) +
                                 QStringList{QStringLiteral("docker://%1/feas/single:v1").arg(m_host),
                                             QStringLiteral("oci:%1:v1").arg(layout)}));
        QVERIFY2(copy.exitCode == 0, qPrintable(copy.describe()));
        QVERIFY(QFileInfo::exists(layout + QStringLiteral("/index.json")));
        QVERIFY(manifestDigest(QStringLiteral("feas/single:v1")).startsWith(QStringLiteral("sha256:")));
    }

    void droppedOciArchiveOnARepositoryKeepsItsTag()
    {
        // Dropping onto a repository imports into that repository whatever the archive calls itself.
        m_prompter.newRepository = Prompter::NewRepository{QStringLiteral("drop/target"), CompartmentPath()};
        m_window->actions().newRepository->trigger();
        NavigationModel& navigation = session().navigation();
        QTRY_VERIFY_WITH_TIMEOUT(navigation.indexOfRepository(QStringLiteral("drop/target")).isValid(),
                                 10'000);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(fixture(QStringLiteral("oci-multi")))});
        QVERIFY(navigation.dropMimeData(&mime, Qt::CopyAction, -1, -1,
                                        navigation.indexOfRepository(QStringLiteral("drop/target"))));
        const JobSnapshot job = waitForJobs(60'000);
        QVERIFY2(job.state == JobState::Succeeded, qPrintable(job.result));
        const Run raw =
            runClient(m_skopeo, skopeoArgs({QStringLiteral("inspect"), QStringLiteral("--raw"),
                                            QStringLiteral("--tls-verify=false"),
                                            QStringLiteral("--creds=") + m_credentials,
                                            QStringLiteral("docker://%1/drop/target:v1").arg(m_host)}));
        QVERIFY2(raw.exitCode == 0, qPrintable(raw.describe()));
        const QJsonObject index = QJsonDocument::fromJson(raw.out).object();
        QCOMPARE(index.value(QStringLiteral("manifests")).toArray().size(), 2);
    }

    void repositoryCreatedInTheConsoleIsSeenBySkopeo()
    {
        m_prompter.newRepository =
            Prompter::NewRepository{QStringLiteral("made/in-console"), CompartmentPath()};
        m_window->actions().newRepository->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(
            session().navigation().indexOfRepository(QStringLiteral("made/in-console")).isValid(), 10'000);
        QVERIFY(m_prompter.errors.isEmpty());
        const Run tags =
            runClient(m_skopeo, skopeoArgs({QStringLiteral("list-tags"), QStringLiteral("--tls-verify=false"),
                                            QStringLiteral("--creds=") + m_credentials,
                                            QStringLiteral("docker://%1/made/in-console").arg(m_host)}));
        QVERIFY2(tags.exitCode == 0, qPrintable(tags.describe()));
        const QJsonObject list = QJsonDocument::fromJson(tags.out).object();
        QCOMPARE(list.value(QStringLiteral("Tags")).toArray().size(), 0);
    }

    void imagePushedBySkopeoAppearsInTheOpenRepository()
    {
        // Open the (empty) repository in the window first, then push: the rows come without a refresh.
        m_window->navigateTo(Location::ofRepository(CompartmentPath(), QStringLiteral("made/in-console")));
        ImageTableModel& images = session().images();
        QTRY_COMPARE_WITH_TIMEOUT(images.repository(), QStringLiteral("made/in-console"), 5'000);
        QCOMPARE(images.rowCount(), 0);
        const Run push = runClient(
            m_skopeo,
            skopeoArgs(QStringList{QStringLiteral("copy")} + registryFlags(QStringLiteral("dest")) +
                       QStringList{QStringLiteral("oci:%1:v1").arg(fixture(QStringLiteral("oci-single"))),
                                   QStringLiteral("docker://%1/made/in-console:pushed").arg(m_host)}));
        QVERIFY2(push.exitCode == 0, qPrintable(push.describe()));
        QTRY_COMPARE_WITH_TIMEOUT(images.rowCount(), 1, 10'000);
        QCOMPARE(images.rowAt(0).tag, QStringLiteral("pushed"));
        QCOMPARE(images.rowAt(0).digest.toString(), manifestDigest(QStringLiteral("made/in-console:pushed")));
    }

    void eventLoopNeverStallsDuringABigImportAndAPush()
    {
        const QString archive = m_dir.filePath(QStringLiteral("big.tar"));
        QString error;
        QVERIFY2(BigDockerArchive::write(archive, QStringLiteral("big/zeros:v1"), qint64(1) << 30, &error),
                 qPrintable(error));

        QElapsedTimer clock;
        qint64 lastTick = 0;
        qint64 longestGap = 0;
        QTimer ticker;
        ticker.setInterval(10);
        connect(&ticker, &QTimer::timeout, this, [&] {
            const qint64 now = clock.elapsed();
            longestGap = std::max(longestGap, now - lastTick);
            lastTick = now;
        });
        clock.start();
        ticker.start();

        // The import runs as a job while skopeo pushes an image; the window shows the repository the
        // push goes to, so its model reloads as the push lands.
        m_window->navigateTo(Location::ofRepository(CompartmentPath(), QStringLiteral("made/in-console")));
        m_window->actions().importFiles({QUrl::fromLocalFile(archive)}, CompartmentPath(), QString());
        const Run push = runClient(
            m_skopeo,
            skopeoArgs(QStringList{QStringLiteral("copy")} + registryFlags(QStringLiteral("dest")) +
                       QStringList{QStringLiteral("oci:%1:v1").arg(fixture(QStringLiteral("oci-multi"))),
                                   QStringLiteral("docker://%1/made/in-console:multi").arg(m_host),
                                   QStringLiteral("--all")}));
        QVERIFY2(push.exitCode == 0, qPrintable(push.describe()));
        const JobSnapshot job = waitForJobs(600'000);
        const qint64 elapsed = clock.elapsed();
        ticker.stop();
        QVERIFY2(job.state == JobState::Succeeded, qPrintable(job.result));
        qInfo("1 GiB import + push took %lld ms; longest gap between 10 ms ticks of the GUI thread: %lld ms",
              elapsed, longestGap);
        // Blocking on the import would stall for seconds (it hashes and copies 1 GiB); a loaded machine
        // (the suite in parallel, a benchmark beside it) delays 10 ms ticks by up to a few hundred ms
        // (238 ms seen), which is scheduling, not the console: the bound leaves room for that.
        QVERIFY2(longestGap < 750,
                 qPrintable(QStringLiteral("the GUI thread stalled for %1 ms").arg(longestGap)));
        QTRY_COMPARE_WITH_TIMEOUT(session().images().rowCount(), 2, 10'000);
        QVERIFY(manifestDigest(QStringLiteral("big/zeros:v1")).startsWith(QStringLiteral("sha256:")));
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestConsoleClients)
#include "tst_console_clients.moc"
