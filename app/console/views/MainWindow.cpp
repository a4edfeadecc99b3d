#include "views/MainWindow.h"

#include "actions/GcActions.h"
#include "actions/RegistryActions.h"
#include "data/RegistryBrowser.h"
#include "dialogs/AdministratorPasswordDialog.h"
#include "dialogs/SettingsDialog.h"
#include "jobs/JobRunner.h"
#include "models/ImageTableModel.h"
#include "models/JobsModel.h"
#include "models/NavigationModel.h"
#include "models/RepositoryTableModel.h"
#include "server/ServerController.h"
#include "settings/ConsoleSettings.h"
#include "views/CompartmentPage.h"
#include "views/ConsoleSession.h"
#include "views/JobsPanel.h"
#include "views/MainArea.h"
#include "views/MainMenus.h"
#include "views/RepositoryPage.h"
#include "views/SearchBox.h"
#include "views/ServerStatusPage.h"
#include "views/StatusIndicators.h"

#include <QApplication>
#include <QCloseEvent>
#include <QSplitter>
#include <QStatusBar>
#include <QTreeView>

namespace berth {

MainWindow::MainWindow(ConsoleSettings& settings, QWidget* parent)
    : QMainWindow(parent), m_settings(settings), m_server(std::make_unique<ServerController>()),
      m_runner(std::make_unique<JobRunner>())
{
    // The server's own jobs (scheduled garbage collection...) run here too: one jobs panel shows all.
    m_server->setJobRunner(m_runner.get());
    setWindowTitle(tr("Berth"));
    m_actions = new RegistryActions(this, *m_runner, this);
    m_prompter = &m_actions->prompter();

    m_tree = new QTreeView(this);
    m_tree->setHeaderHidden(true);
    m_tree->setDragEnabled(true);
    m_tree->setAcceptDrops(true);
    m_tree->setDropIndicatorShown(true);
    m_tree->setDragDropMode(QAbstractItemView::DragDrop);
    m_tree->setDefaultDropAction(Qt::MoveAction);
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_tree->addActions({m_actions->newCompartment, m_actions->renameCompartment, m_actions->moveCompartment,
                        m_actions->deleteCompartment, m_actions->newRepository});
    m_area = new MainArea(this);
    m_actions->setContextProvider([this] { return actionContext(); });
    auto* splitter = new QSplitter(this);
    splitter->addWidget(m_tree);
    splitter->addWidget(m_area);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({260, 740});
    setCentralWidget(splitter);

    m_area->compartmentPage()->addActions({m_actions->newRepository, m_actions->deleteRepository,
                                           m_actions->moveRepository, m_actions->makePublic,
                                           m_actions->makePrivate});
    m_area->repositoryPage()->addActions({m_actions->copyPullCommand, m_actions->untag,
                                          m_actions->deleteImage, m_actions->exportImage,
                                          m_actions->exportRepository});
    connect(m_area, &MainArea::locationChanged, this, &MainWindow::syncTree);
    connect(m_area, &MainArea::selectionChanged, m_actions, &RegistryActions::updateEnabled);
    connect(m_area->statusPage(), &ServerStatusPage::startRequested, this, &MainWindow::startServer);
    connect(m_area->statusPage(), &ServerStatusPage::settingsRequested, this, &MainWindow::openSettings);
    m_gcActions = new GcActions(this, *m_area->statusPage(), this);
    m_gcActions->setPrompter(m_prompter);
    connect(m_gcActions, &GcActions::statusMessage, this,
            [this](const QString& message) { statusBar()->showMessage(message, 10'000); });

    m_search = new SearchBox(this);
    m_search->setBrowser(nullptr);
    connect(m_search, &SearchBox::hitActivated, this, [this](const SearchHit& hit) {
        navigateTo(hit.tag.isEmpty()
                       ? Location::ofRepository(hit.compartment, hit.repository)
                       : Location::ofManifest(hit.compartment, hit.repository, hit.tag, hit.digest));
    });

    m_jobsPanel = new JobsPanel(*m_runner, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_jobsPanel);
    m_status = new StatusIndicators(statusBar());
    connect(m_jobsPanel->model(), &JobsModel::activeCountChanged, this, [this](int active) {
        m_status->setJobs(active);
        if (active == 0 && m_stopWhenIdle) {
            m_stopWhenIdle = false;
            stopServer();
        }
    });

    connect(m_actions, &RegistryActions::statusMessage, this,
            [this](const QString& message) { statusBar()->showMessage(message, 10'000); });
    connect(m_actions, &RegistryActions::repositoryDeleted, this, [this](const QString& repository) {
        if (m_area->location().repository == repository)
            navigateTo(Location::ofCompartment(m_area->location().compartment));
    });
    connect(m_actions, &RegistryActions::repositoryMoved, this,
            [this](const QString& repository, const CompartmentPath& compartment) {
                Location location = m_area->location();
                if (location.repository == repository) {
                    location.compartment = compartment;
                    navigateTo(location);
                }
            });
    connect(m_actions, &RegistryActions::imageDeleted, this, [this](const QString& repository) {
        const Location& location = m_area->location();
        if (location.kind == Location::Kind::Manifest && location.repository == repository)
            navigateTo(Location::ofRepository(location.compartment, repository));
    });
    connect(m_actions, &RegistryActions::compartmentDeleted, this, [this](const CompartmentPath& path) {
        if (path.contains(m_area->location().compartment))
            navigateTo(Location::ofCompartment(path.parent()));
    });
    connect(m_actions, &RegistryActions::compartmentRenamed, this,
            [this](const CompartmentPath& from, const CompartmentPath& to) {
                const Location& location = m_area->location();
                if (location.kind == Location::Kind::Compartment && from.contains(location.compartment)) {
                    QStringList names = to.names();
                    names += location.compartment.names().mid(from.depth());
                    navigateTo(Location::ofCompartment(CompartmentPath(names)));
                }
            });

    connect(m_server.get(), &ServerController::started, this, &MainWindow::onServerStarted);
    connect(m_server.get(), &ServerController::failed, this, &MainWindow::onServerFailed);
    connect(m_server.get(), &ServerController::stopped, this, &MainWindow::onServerStopped);
    connect(m_server.get(), &ServerController::connectionCountChanged, m_status,
            &StatusIndicators::setClients);

    MainMenus::build(*this, *m_actions, *m_gcActions, *m_jobsPanel, *m_search);
    resize(1100, 720);
    if (m_settings.startServerWithApp())
        startServer();
}

MainWindow::~MainWindow()
{
    closeSession();
    for (const JobSnapshot& job : m_runner->jobs())
        if (!job.isFinished())
            m_runner->cancel(job.id);
    m_runner->waitForIdle(30'000);
    m_server.reset(); // the server runs its jobs on m_runner: it goes first
    m_runner.reset();
}

AdministratorPasswordDialog* MainWindow::administratorDialog() const
{
    return m_adminDialog.data();
}

void MainWindow::setPrompter(Prompter* prompter)
{
    m_actions->setPrompter(prompter);
    m_prompter = &m_actions->prompter();
    m_gcActions->setPrompter(m_prompter);
}

ActionContext MainWindow::actionContext() const
{
    ActionContext context;
    if (!m_session)
        return context;
    context.location = m_area->location();
    switch (context.location.kind) {
    case Location::Kind::Compartment:
        context.repository = m_area->compartmentPage()->selectedRepository();
        break;
    case Location::Kind::Repository:
        context.repository = context.location.repository;
        context.image = m_area->repositoryPage()->selectedRow();
        break;
    case Location::Kind::Manifest: {
        context.repository = context.location.repository;
        TagRow row;
        row.tag = context.location.tag;
        row.digest = context.location.digest;
        context.image = row;
        break;
    }
    }
    return context;
}

// ---- the server

void MainWindow::startServer()
{
    if (m_server->state() != ServerController::State::Stopped)
        return;
    m_area->statusPage()->showStarting();
    m_status->setNotServing(tr("Starting…"));
    m_server->start(m_settings.serverSettings());
}

void MainWindow::stopServer()
{
    if (m_server->state() != ServerController::State::Running)
        return;
    if (m_runner->activeCount() > 0) {
        if (!m_stopWhenIdle &&
            !m_prompter->confirm(
                this, tr("Stop the server"),
                tr("%n job(s) are still running. Stopping the server cancels them. Stop anyway?", nullptr,
                   m_runner->activeCount()))) {
            m_restartAfterStop = false;
            return;
        }
        m_stopWhenIdle = true;
        for (const JobSnapshot& job : m_runner->jobs())
            if (!job.isFinished())
                m_runner->cancel(job.id);
        statusBar()->showMessage(tr("Cancelling jobs before the server stops…"));
        return;
    }
    closeSession();
    m_status->setNotServing(tr("Stopping…"));
    m_server->stop();
}

void MainWindow::restartServer()
{
    if (m_server->state() == ServerController::State::Stopped) {
        startServer();
        return;
    }
    m_restartAfterStop = true;
    stopServer();
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_settings, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (dialog.languageChanged())
        statusBar()->showMessage(tr("The new language is used from the next start of Berth."), 10'000);
    if (!dialog.serverSettingsChanged())
        return;
    if (m_server->state() == ServerController::State::Running) {
        if (m_prompter->confirm(this, tr("Restart the server"),
                                tr("The server uses the new settings after a restart. Restart it now?")))
            restartServer();
    } else if (m_server->state() == ServerController::State::Stopped) {
        startServer();
    }
}

void MainWindow::onServerStarted(const QString& address, quint16 port, bool tls)
{
    const QString clientHost = ServerController::clientHost(address, port);
    const QString url = (tls ? QStringLiteral("https://") : QStringLiteral("http://")) + clientHost;
    m_status->setServing(url, tls, m_server->localCaCertificate());
    m_status->setClients(0);
    statusBar()->showMessage(tr("The registry is ready at %1.").arg(url), 10'000);

    m_session = new ConsoleSession(*m_server->host(), clientHost, this);
    NavigationModel& navigation = m_session->navigation();
    // Rows going away move the tree's current row; that is not the person choosing a new place.
    // (Connected before the view's own handlers, so the flag is up when the view moves it.)
    connect(&navigation, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this] { m_syncingTree = true; });
    connect(&navigation, &QAbstractItemModel::rowsRemoved, this, [this] { m_syncingTree = false; });
    m_tree->setModel(&navigation);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::onTreeCurrentChanged);
    connect(&navigation, &NavigationModel::loaded, this, [this] {
        m_tree->expand(m_session->navigation().index(0, 0));
        syncTree(m_area->location());
    });
    connect(&navigation, &NavigationModel::repositoryMoveRequested, m_actions,
            &RegistryActions::requestRepositoryMove);
    connect(&navigation, &NavigationModel::compartmentMoveRequested, m_actions,
            &RegistryActions::requestCompartmentMove);
    connect(&navigation, &NavigationModel::importRequested, m_actions, &RegistryActions::importFiles);
    connect(&m_session->repositories(), &RepositoryTableModel::importRequested, m_actions,
            &RegistryActions::importFiles);
    connect(&m_session->images(), &ImageTableModel::importRequested, m_actions,
            &RegistryActions::importFiles);
    connect(&m_session->browser(), &RegistryBrowser::failed, this,
            [this](quint64, const Error& error) { statusBar()->showMessage(error.message, 10'000); });
    m_search->setBrowser(&m_session->browser());
    m_actions->setSession(m_session);
    m_area->setSession(m_session);
    m_area->statusPage()->showRunning(url);
    m_gcActions->setSession(m_session);
    emit sessionChanged(m_session);

    const AdministratorBootstrap& bootstrap = m_server->administratorBootstrap();
    if (bootstrap.created && !bootstrap.passwordFromFile && !bootstrap.password.isEmpty()) {
        m_adminDialog = new AdministratorPasswordDialog(bootstrap.userName, bootstrap.password, this);
        m_adminDialog->setAttribute(Qt::WA_DeleteOnClose);
        m_adminDialog->show();
    }
}

void MainWindow::onServerFailed(const QString& message)
{
    m_restartAfterStop = false;
    m_status->setNotServing(tr("Not serving"));
    m_area->statusPage()->showFailure(message);
    statusBar()->showMessage(tr("The registry could not start: %1").arg(message));
}

void MainWindow::onServerStopped()
{
    m_status->setNotServing(tr("Not serving"));
    m_area->statusPage()->showStopped();
    if (m_restartAfterStop) {
        m_restartAfterStop = false;
        startServer();
    }
}

void MainWindow::closeSession()
{
    if (!m_session)
        return;
    m_area->setSession(nullptr);
    m_search->setBrowser(nullptr);
    m_actions->setSession(nullptr);
    m_gcActions->setSession(nullptr);
    m_tree->setModel(nullptr);
    delete m_session;
    m_session = nullptr;
    emit sessionChanged(nullptr);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_settings.sync();
    event->accept();
}

// ---- navigation

void MainWindow::navigateTo(const Location& location)
{
    m_area->navigateTo(location);
}

void MainWindow::syncTree(const Location& location)
{
    if (!m_session)
        return;
    const QModelIndex index = location.kind == Location::Kind::Compartment
                                  ? m_session->navigation().indexOfCompartment(location.compartment)
                                  : m_session->navigation().indexOfRepository(location.repository);
    if (!index.isValid() || index == m_tree->currentIndex())
        return;
    m_syncingTree = true;
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
    m_syncingTree = false;
}

void MainWindow::onTreeCurrentChanged()
{
    if (m_syncingTree || !m_session)
        return;
    const QModelIndex index = m_tree->currentIndex();
    if (!index.isValid())
        return;
    const auto compartment = CompartmentPath::parse(index.data(ConsoleRoles::CompartmentPathRole).toString())
                                 .value_or(CompartmentPath());
    if (NodeKind(index.data(ConsoleRoles::KindRole).toInt()) == NodeKind::Repository)
        navigateTo(Location::ofRepository(compartment, index.data(ConsoleRoles::RepositoryRole).toString()));
    else
        navigateTo(Location::ofCompartment(compartment));
}

} // namespace berth
