#include "ScriptedPrompter.h"
#include "actions/RegistryActions.h"
#include "data/RegistryBrowser.h"
#include "dialogs/AdministratorPasswordDialog.h"
#include "jobs/JobRunner.h"
#include "models/ImageTableModel.h"
#include "models/JobsModel.h"
#include "models/NavigationModel.h"
#include "models/RepositoryTableModel.h"
#include "server/ServerController.h"
#include "settings/ConsoleSettings.h"
#include "views/BreadcrumbBar.h"
#include "views/CompartmentPage.h"
#include "views/ConsoleSession.h"
#include "views/ImagePage.h"
#include "views/JobsPanel.h"
#include "views/MainArea.h"
#include "views/MainWindow.h"
#include "views/RepositoryPage.h"
#include "views/SearchBox.h"
#include "views/ServerStatusPage.h"
#include "views/StatusIndicators.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>
#include <memory>

using namespace berth;

namespace {

const CompartmentPath Apps(QStringList{QStringLiteral("Apps")});

bool hasRepositoryRow(const RepositoryTableModel& model, const QString& repository)
{
    for (int row = 0; row < model.rowCount(); ++row)
        if (model.repositoryAt(row) == repository)
            return true;
    return false;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ConsoleSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    ScriptedPrompter m_prompter;

    ConsoleSession& session() { return *m_window->session(); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_settings = std::make_unique<ConsoleSettings>(m_dir.filePath(QStringLiteral("berth.ini")));
        m_settings->overrideDataDirectory(m_dir.filePath(QStringLiteral("registry")));
        m_settings->overridePort(0);

        // The event loop keeps turning while the server starts: record the longest gap between the
        // ticks of a 10 ms timer from the moment the window exists (its constructor starts the server)
        // until the server has started and the session is built.
        QElapsedTimer clock;
        qint64 lastTick = 0;
        qint64 longestGap = 0;
        qint64 constructed = -1;
        QTimer ticker;
        ticker.setInterval(10);
        connect(&ticker, &QTimer::timeout, this, [&] {
            const qint64 now = clock.elapsed();
            if (constructed >= 0)
                longestGap = std::max(longestGap, now - lastTick);
            lastTick = now;
        });
        clock.start();
        ticker.start();
        QTimer::singleShot(0, this, [&] {
            const qint64 before = clock.elapsed();
            m_window = std::make_unique<MainWindow>(*m_settings);
            m_window->setPrompter(&m_prompter);
            m_window->show();
            constructed = clock.elapsed();
            lastTick = constructed;
            qInfo("Building and showing the window took %lld ms", constructed - before);
        });
        QTRY_VERIFY_WITH_TIMEOUT(m_window && m_window->session() != nullptr, 60'000);
        const qint64 startup = clock.elapsed() - constructed;
        ticker.stop();
        qInfo("Server start-up took %lld ms; longest gap between 10 ms ticks meanwhile: %lld ms", startup,
              longestGap);
        QVERIFY(m_window->server().isRunning());
        QVERIFY(m_window->server().port() != 0);
        // Opening the registry (SQLite, migrations, the administrator's scrypt hash) and listening run in
        // the server thread; had they run here, one gap would span most of the start-up.
        QVERIFY2(longestGap < 50 || longestGap * 2 < startup,
                 qPrintable(QStringLiteral("longest gap %1 ms of %2 ms").arg(longestGap).arg(startup)));
    }

    void statusBarSaysWhereItServes()
    {
        const QString expected =
            QStringLiteral("Serving on http://localhost:%1").arg(m_window->server().port());
        QCOMPARE(m_window->statusIndicators()->servingText(), expected);
        QVERIFY(m_window->statusIndicators()->clientsText().startsWith(QStringLiteral("0 client")));
        QVERIFY(m_window->statusIndicators()->jobsText().startsWith(QStringLiteral("0 job")));

        // The client count follows connections (polled once a second).
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, m_window->server().port());
        QVERIFY(client.waitForConnected(5000));
        QTRY_VERIFY_WITH_TIMEOUT(
            m_window->statusIndicators()->clientsText().startsWith(QStringLiteral("1 client")), 5000);
        client.disconnectFromHost();
        QTRY_VERIFY_WITH_TIMEOUT(
            m_window->statusIndicators()->clientsText().startsWith(QStringLiteral("0 client")), 5000);
    }

    void administratorPasswordShownOnce()
    {
        AdministratorPasswordDialog* dialog = m_window->administratorDialog();
        QVERIFY(dialog != nullptr);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->userName(), QStringLiteral("admin"));
        QCOMPARE(dialog->password(), m_window->server().administratorBootstrap().password);
        QVERIFY(dialog->password().size() >= 12);
        QTest::mouseClick(dialog->copyButton(), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), dialog->password());
        dialog->close();
        QTRY_VERIFY(m_window->administratorDialog() == nullptr);
    }

    void navigationShowsTheTenancy()
    {
        NavigationModel& navigation = session().navigation();
        QTRY_VERIFY_WITH_TIMEOUT(navigation.isLoaded(), 10'000);
        QCOMPARE(m_window->navigationTree()->model(), &navigation);
        QVERIFY(navigation.rowCount() >= 1);
        const QModelIndex tenancy = navigation.index(0, 0);
        QCOMPARE(NodeKind(tenancy.data(ConsoleRoles::KindRole).toInt()), NodeKind::Tenancy);
        QVERIFY(!tenancy.data(Qt::DisplayRole).toString().isEmpty());
        QCOMPARE(m_window->mainArea()->currentPage(), m_window->mainArea()->compartmentPage());
        QCOMPARE(m_window->mainArea()->breadcrumbs()->parts(), QStringList{QStringLiteral("Tenancy")});
    }

    void createCompartmentThroughTheAction()
    {
        m_prompter.newCompartment = Prompter::NewCompartment{CompartmentPath(), QStringLiteral("Apps"),
                                                             QStringLiteral("Applications")};
        QVERIFY(m_window->actions().newCompartment->isEnabled());
        m_window->actions().newCompartment->trigger();
        QCOMPARE(m_prompter.asked.last(), QStringLiteral("newCompartment"));
        QTRY_VERIFY_WITH_TIMEOUT(session().navigation().indexOfCompartment(Apps).isValid(), 10'000);
        QVERIFY(m_prompter.errors.isEmpty());

        // Clicking it in the tree shows its (empty) repository list and the breadcrumbs follow.
        m_window->navigationTree()->setCurrentIndex(session().navigation().indexOfCompartment(Apps));
        QCOMPARE(m_window->mainArea()->location().compartment, Apps);
        QCOMPARE(m_window->mainArea()->breadcrumbs()->parts(),
                 (QStringList{QStringLiteral("Tenancy"), QStringLiteral("Apps")}));
        QCOMPARE(session().repositories().compartment(), Apps);
        QVERIFY(m_window->actions().renameCompartment->isEnabled());
    }

    void createRepositoryThroughTheAction()
    {
        m_prompter.newRepository = Prompter::NewRepository{QStringLiteral("team/app"), Apps};
        m_window->actions().newRepository->trigger();
        QVERIFY(m_prompter.offeredCompartments.contains(Apps));
        QTRY_VERIFY_WITH_TIMEOUT(hasRepositoryRow(session().repositories(), QStringLiteral("team/app")),
                                 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(
            session().navigation().indexOfRepository(QStringLiteral("team/app")).isValid(), 10'000);
        QCOMPARE(session().compartmentOf(QStringLiteral("team/app")), Apps);
        QVERIFY(m_prompter.errors.isEmpty());

        // The filter narrows the table.
        CompartmentPage* page = m_window->mainArea()->compartmentPage();
        page->filterEdit()->setText(QStringLiteral("nothing-like-it"));
        QCOMPARE(page->proxy()->rowCount(), 0);
        page->filterEdit()->setText(QStringLiteral("TEAM"));
        QCOMPARE(page->proxy()->rowCount(), 1);
        page->filterEdit()->clear();
        QVERIFY(page->selectRepository(QStringLiteral("team/app")));
        QCOMPARE(page->selectedRepository(), QStringLiteral("team/app"));
        QVERIFY(m_window->actions().deleteRepository->isEnabled());
    }

    void creatingItAgainShowsTheError()
    {
        m_prompter.newRepository = Prompter::NewRepository{QStringLiteral("team/app"), Apps};
        m_window->actions().newRepository->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(m_prompter.errors.size(), 1, 10'000);
        QVERIFY2(m_prompter.errors.first().startsWith(QStringLiteral("Create repository team/app: ")),
                 qPrintable(m_prompter.errors.first()));
        m_prompter.errors.clear();
    }

    void selectingARepositoryShowsItsPage()
    {
        const QModelIndex index = session().navigation().indexOfRepository(QStringLiteral("team/app"));
        m_window->navigationTree()->setCurrentIndex(index);
        QCOMPARE(m_window->mainArea()->currentPage(), m_window->mainArea()->repositoryPage());
        QCOMPARE(m_window->mainArea()->location().kind, Location::Kind::Repository);
        QCOMPARE(m_window->mainArea()->location().repository, QStringLiteral("team/app"));
        QCOMPARE(session().images().repository(), QStringLiteral("team/app"));
        QCOMPARE(
            m_window->mainArea()->breadcrumbs()->parts(),
            (QStringList{QStringLiteral("Tenancy"), QStringLiteral("Apps"), QStringLiteral("team/app")}));

        // The breadcrumb back to the compartment works.
        m_window->mainArea()->breadcrumbs()->activatePart(1);
        QCOMPARE(m_window->mainArea()->currentPage(), m_window->mainArea()->compartmentPage());
        QCOMPARE(m_window->navigationTree()->currentIndex(), session().navigation().indexOfCompartment(Apps));
        m_window->navigationTree()->setCurrentIndex(index);
        QCOMPARE(m_window->mainArea()->currentPage(), m_window->mainArea()->repositoryPage());
    }

    void importIntoTheRepository()
    {
        const QString archive = QStringLiteral(BERTH_BINARY_DIR "/test-images/docker-archive.tar");
        if (!QFile::exists(archive))
            QFAIL("Test images are missing: run scripts/prepare-test-tools.sh (it makes build/test-images).");
        m_prompter.importFiles = QStringList{archive};
        m_window->actions().import->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->jobRunner().jobs().size() == 1, 5000);
        QVERIFY(m_window->jobRunner().waitForIdle(120'000));
        const JobSnapshot job = m_window->jobRunner().jobs().first();
        QVERIFY2(job.state == JobState::Succeeded, qPrintable(job.result));
        QVERIFY(job.title.contains(QStringLiteral("team/app")));
        QTRY_VERIFY_WITH_TIMEOUT(session().images().rowCount() > 0, 10'000);
    }

    void copyPullCommand()
    {
        RepositoryPage* page = m_window->mainArea()->repositoryPage();
        QVERIFY(page->selectRow(0));
        const TagRow row = *page->selectedRow();
        QVERIFY(m_window->actions().copyPullCommand->isEnabled());
        m_window->actions().copyPullCommand->trigger();
        const QString host = QStringLiteral("localhost:%1").arg(m_window->server().port());
        const QString expected =
            row.tag.isEmpty() ? QStringLiteral("docker pull %1/team/app@%2").arg(host, row.digest.toString())
                              : QStringLiteral("docker pull %1/team/app:%2").arg(host, row.tag);
        QCOMPARE(QApplication::clipboard()->text(), expected);
        QCOMPARE(RegistryActions::pullCommand(QStringLiteral("localhost:5000"), QStringLiteral("a/b"),
                                              QString(), row.digest),
                 QStringLiteral("docker pull localhost:5000/a/b@") + row.digest.toString());
    }

    void openTheImage()
    {
        RepositoryPage* page = m_window->mainArea()->repositoryPage();
        const TagRow row = *page->selectedRow();
        QSignalSpy shown(m_window->mainArea(), &MainArea::detailShown);
        emit page->rowActivated(row);
        QCOMPARE(m_window->mainArea()->currentPage(), m_window->mainArea()->imagePage());
        QVERIFY(shown.wait(10'000));
        ImagePage* image = m_window->mainArea()->imagePage();
        QCOMPARE(image->detail().digest, row.digest);
        QVERIFY(image->manifestView()->toPlainText().contains(QStringLiteral("\"schemaVersion\"")));
        QVERIFY(image->configTree()->topLevelItemCount() > 0);
        QCOMPARE(m_window->mainArea()->breadcrumbs()->parts().size(), 4);
        QVERIFY(m_window->actions().copyPullCommand->isEnabled());
    }

    void exportTheImage()
    {
        const QString file = m_dir.filePath(QStringLiteral("exported.tar"));
        m_prompter.exportChoice = Prompter::ExportChoice{ExportFormat::OciArchive, file};
        QVERIFY(m_window->actions().exportImage->isEnabled());
        m_window->actions().exportImage->trigger();
        QCOMPARE(m_prompter.asked.last(), QStringLiteral("export"));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->jobRunner().jobs().size(), 2, 5000);
        QVERIFY(m_window->jobRunner().waitForIdle(120'000));
        const JobSnapshot job = m_window->jobRunner().jobs().last();
        QCOMPARE(job.kind, JobKind::Export);
        QVERIFY2(job.state == JobState::Succeeded, qPrintable(job.result));
        QVERIFY(QFileInfo(file).size() > 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->jobsPanel()->model()->rowCount(), 2, 5000);
        QTRY_VERIFY(m_window->statusIndicators()->jobsText().startsWith(QStringLiteral("0 job")));
    }

    void searchFindsTheRepository()
    {
        SearchBox* search = m_window->searchBox();
        QSignalSpy loaded(search, &SearchBox::hitsLoaded);
        search->setText(QStringLiteral("team"));
        search->searchNow();
        QVERIFY(loaded.wait(10'000));
        QVERIFY(!search->hits().isEmpty());
        QCOMPARE(search->hits().first().repository, QStringLiteral("team/app"));
        QVERIFY(search->hits().first().tag.isEmpty());
        search->activateHit(0);
        QCOMPARE(m_window->mainArea()->location().kind, Location::Kind::Repository);
        QCOMPARE(m_window->mainArea()->location().repository, QStringLiteral("team/app"));
        QCOMPARE(m_window->mainArea()->location().compartment, Apps);
    }

    void moveRepositoryByDropAndBack()
    {
        // A drop on the tenancy in the tree: the model asks, the window confirms and moves.
        emit session().navigation().repositoryMoveRequested(QStringLiteral("team/app"), CompartmentPath());
        QVERIFY(m_prompter.asked.last().startsWith(QStringLiteral("Move repository: ")));
        QTRY_COMPARE_WITH_TIMEOUT(session().compartmentOf(QStringLiteral("team/app")), CompartmentPath(),
                                  10'000);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->mainArea()->location().compartment, CompartmentPath(), 10'000);
        QCOMPARE(m_window->mainArea()->breadcrumbs()->parts(),
                 (QStringList{QStringLiteral("Tenancy"), QStringLiteral("team/app")}));

        // And back through the action, choosing the compartment in the dialog.
        m_prompter.compartment = Apps;
        m_window->actions().moveRepository->trigger();
        QCOMPARE(m_prompter.asked.at(m_prompter.asked.size() - 2), QStringLiteral("Move repository"));
        QVERIFY(m_prompter.offeredCompartments.contains(Apps));
        QTRY_COMPARE_WITH_TIMEOUT(session().compartmentOf(QStringLiteral("team/app")), Apps, 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->mainArea()->location().compartment, Apps, 10'000);
        QVERIFY(m_prompter.errors.isEmpty());
    }

    void deleteRepositoryAsksFirst()
    {
        m_prompter.confirmAnswer = false;
        m_window->actions().deleteRepository->trigger();
        QVERIFY(m_prompter.asked.last().startsWith(QStringLiteral("Delete repository")));
        QVERIFY(session().browser().waitForIdle());
        QCoreApplication::processEvents();
        QVERIFY(session().navigation().indexOfRepository(QStringLiteral("team/app")).isValid());

        m_prompter.confirmAnswer = true;
        m_window->actions().deleteRepository->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(
            !session().navigation().indexOfRepository(QStringLiteral("team/app")).isValid(), 10'000);
        QCOMPARE(m_window->mainArea()->location().kind, Location::Kind::Compartment);
        QCOMPARE(m_window->mainArea()->location().compartment, Apps);
        QVERIFY(m_prompter.errors.isEmpty());
    }

    void renameAndDeleteCompartment()
    {
        m_prompter.compartmentName = QStringLiteral("Services");
        m_window->actions().renameCompartment->trigger();
        const CompartmentPath services(QStringList{QStringLiteral("Services")});
        QTRY_VERIFY_WITH_TIMEOUT(session().navigation().indexOfCompartment(services).isValid(), 10'000);
        QTRY_VERIFY2_WITH_TIMEOUT(m_window->mainArea()->location().compartment == services,
                                  qPrintable(m_window->mainArea()->location().compartment.toString() +
                                             QLatin1Char(' ') + m_prompter.asked.join(QLatin1Char('|'))),
                                  10'000);

        m_window->actions().deleteCompartment->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!session().navigation().indexOfCompartment(services).isValid(), 10'000);
        QCOMPARE(m_window->mainArea()->location().compartment, CompartmentPath());
        QVERIFY(m_prompter.errors.isEmpty());
    }

    void stopAndStartAgain()
    {
        QSignalSpy stopped(&m_window->server(), &ServerController::stopped);
        m_window->stopServer();
        QVERIFY(m_window->session() == nullptr);
        QVERIFY(stopped.wait(30'000));
        QCOMPARE(m_window->mainArea()->currentPage(), m_window->mainArea()->statusPage());
        QCOMPARE(m_window->statusIndicators()->servingText(), QStringLiteral("Not serving"));
        QVERIFY(!m_window->actions().newRepository->isEnabled());

        QSignalSpy started(&m_window->server(), &ServerController::started);
        m_window->mainArea()->statusPage()->startButton()->click();
        QVERIFY(started.wait(30'000));
        QVERIFY(m_window->session() != nullptr);
        QVERIFY(m_window->administratorDialog() == nullptr); // only on the first start
    }

    void portInUseShowsSettingsButton()
    {
        QTcpServer blocker;
        QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
        ConsoleSettings settings(m_dir.filePath(QStringLiteral("second.ini")));
        settings.overrideDataDirectory(m_dir.filePath(QStringLiteral("second")));
        settings.overridePort(blocker.serverPort());
        MainWindow window(settings);
        QSignalSpy failed(&window.server(), &ServerController::failed);
        QVERIFY(failed.wait(30'000));
        ServerStatusPage* page = window.mainArea()->statusPage();
        QCOMPARE(window.mainArea()->currentPage(), page);
        QVERIFY(page->message().contains(QString::number(blocker.serverPort())));
        QVERIFY(page->settingsButton()->isVisibleTo(&window));
        QVERIFY(page->startButton()->isEnabled());
        QVERIFY(window.session() == nullptr);
    }

    void noServerOverride()
    {
        ConsoleSettings settings(m_dir.filePath(QStringLiteral("third.ini")));
        settings.overrideStartServerWithApp(false);
        MainWindow window(settings);
        QCOMPARE(window.server().state(), ServerController::State::Stopped);
        QCOMPARE(window.mainArea()->currentPage(), window.mainArea()->statusPage());
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
