#include "views/MainMenus.h"

#include "actions/GcActions.h"
#include "actions/RegistryActions.h"
#include "data/RetentionBrowser.h"
#include "dialogs/ImmutabilityDialog.h"
#include "dialogs/LicenceEditorDialog.h"
#include "dialogs/LicenceReportDialog.h"
#include "dialogs/LimitsDialog.h"
#include "dialogs/RetentionPoliciesDialog.h"
#include "models/RepositoryTableModel.h"
#include "server/ServerController.h"
#include "views/ConsoleSession.h"
#include "views/JobsPanel.h"
#include "views/MainArea.h"
#include "views/MainWindow.h"
#include "views/SearchBox.h"
#include "views/UsageDashboard.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QToolBar>

namespace berth {

void MainMenus::build(MainWindow& window, RegistryActions& actions, GcActions& gc, JobsPanel& jobsPanel,
                      SearchBox& search)
{
    QMenu* file = window.menuBar()->addMenu(MainWindow::tr("&File"));
    file->addAction(actions.import);
    file->addAction(actions.exportImage);
    file->addAction(actions.exportRepository);
    file->addSeparator();
    QAction* settings = file->addAction(MainWindow::tr("&Settings…"), &window, &MainWindow::openSettings);
    settings->setMenuRole(QAction::PreferencesRole);
    file->addSeparator();
    QAction* quit = file->addAction(MainWindow::tr("&Quit"), &window, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* server = window.menuBar()->addMenu(MainWindow::tr("&Server"));
    QAction* start = server->addAction(MainWindow::tr("&Start"), &window, &MainWindow::startServer);
    QAction* stop = server->addAction(MainWindow::tr("S&top"), &window, &MainWindow::stopServer);
    QAction* restart = server->addAction(MainWindow::tr("&Restart"), &window, &MainWindow::restartServer);
    server->addSeparator();
    QAction* status = server->addAction(MainWindow::tr("Status and &maintenance"), &window,
                                        [&window] { window.mainArea()->showServerStatus(); });
    server->addAction(gc.collectGarbage);
    // Usage and cost (issue 6): one dashboard window at a time, closed when the session goes.
    auto dashboard = std::make_shared<QPointer<UsageDashboard>>();
    QAction* usage = server->addAction(MainWindow::tr("&Usage and cost…"), &window, [&window, dashboard] {
        if (!window.session())
            return;
        if (!*dashboard) {
            *dashboard = new UsageDashboard(window.session()->host(), &window);
            (*dashboard)->setWindowFlag(Qt::Window);
            (*dashboard)->setAttribute(Qt::WA_DeleteOnClose);
        }
        (*dashboard)->show();
        (*dashboard)->raise();
        (*dashboard)->activateWindow();
    });
    usage->setObjectName(QStringLiteral("usageAndCostAction"));
    // Limits and increase requests (issue 6): a modal dialog while the server runs.
    QAction* limits = server->addAction(MainWindow::tr("&Limits and requests…"), &window, [&window] {
        if (!window.session())
            return;
        LimitsDialog dialog(window.session()->host(), &window);
        dialog.exec();
    });
    limits->setObjectName(QStringLiteral("limitsAction"));
    // Licence acceptances (issue 7): who accepted which licence version, when and how.
    QAction* acceptances = server->addAction(MainWindow::tr("Licence &acceptances…"), &window, [&window] {
        if (!window.session())
            return;
        LicenceReportDialog dialog(window.session()->host(), &window);
        dialog.exec();
    });
    acceptances->setObjectName(QStringLiteral("licenceAcceptancesAction"));
    QObject::connect(&window, &MainWindow::sessionChanged, &window, [dashboard] {
        if (*dashboard)
            delete dashboard->data();
    });
    auto updateServerActions = [&window, start, stop, restart, status, usage, limits, acceptances] {
        const ServerController::State state = window.server().state();
        start->setEnabled(state == ServerController::State::Stopped);
        stop->setEnabled(state == ServerController::State::Running);
        restart->setEnabled(state == ServerController::State::Running);
        status->setEnabled(state == ServerController::State::Running);
        usage->setEnabled(state == ServerController::State::Running && window.session());
        limits->setEnabled(state == ServerController::State::Running && window.session());
        acceptances->setEnabled(state == ServerController::State::Running && window.session());
    };
    QObject::connect(server, &QMenu::aboutToShow, &window, updateServerActions);

    QMenu* compartment = window.menuBar()->addMenu(MainWindow::tr("&Compartment"));
    compartment->addActions({actions.newCompartment, actions.renameCompartment, actions.moveCompartment,
                             actions.deleteCompartment});
    QMenu* repository = window.menuBar()->addMenu(MainWindow::tr("&Repository"));
    repository->addActions({actions.newRepository, actions.deleteRepository, actions.moveRepository,
                            actions.makePublic, actions.makePrivate, actions.exportRepository});
    // Retention policies (issue 6) of the compartment or the repository shown.
    auto retention = [&window](bool ofRepository) {
        if (!window.session())
            return;
        const Location& at = window.mainArea()->location();
        RetentionTarget target;
        target.compartment = at.compartment;
        if (ofRepository) { // the repository selected in a compartment's table, or the one shown
            target.repository = window.actionContext().repository;
            if (target.repository.isEmpty())
                return;
        }
        RetentionBrowser browser(window.session()->host());
        RetentionPoliciesDialog dialog(browser, target, &window);
        dialog.exec();
    };
    QAction* compartmentRetention = compartment->addAction(MainWindow::tr("Retention &policies…"), &window,
                                                           [retention] { retention(false); });
    compartmentRetention->setObjectName(QStringLiteral("compartmentRetentionAction"));
    QAction* repositoryRetention = repository->addAction(MainWindow::tr("Retention &policies…"), &window,
                                                         [retention] { retention(true); });
    repositoryRetention->setObjectName(QStringLiteral("repositoryRetentionAction"));
    auto updateRetentionActions = [&window, compartmentRetention, repositoryRetention] {
        const bool open = window.session() != nullptr;
        compartmentRetention->setEnabled(open);
        repositoryRetention->setEnabled(open && !window.actionContext().repository.isEmpty());
    };
    QObject::connect(compartment, &QMenu::aboutToShow, &window, updateRetentionActions);
    QObject::connect(repository, &QMenu::aboutToShow, &window, updateRetentionActions);
    // Tag immutability (issue 6) of the repository selected or shown.
    QAction* immutability = repository->addAction(MainWindow::tr("Tag &immutability…"), &window, [&window] {
        const QString name = window.actionContext().repository;
        if (!window.session() || name.isEmpty())
            return;
        ImmutabilityDialog dialog(window.session()->host(), name, &window);
        dialog.exec();
    });
    immutability->setObjectName(QStringLiteral("tagImmutabilityAction"));
    QObject::connect(repository, &QMenu::aboutToShow, &window, [&window, immutability] {
        immutability->setEnabled(window.session() && !window.actionContext().repository.isEmpty());
    });
    // Licences (issue 7) of the repository selected or shown, or of the compartment shown.
    auto licence = [&window](bool ofRepository) {
        if (!window.session())
            return;
        const LicenceScope scope =
            ofRepository ? LicenceScope::ofRepository(window.actionContext().repository)
                         : LicenceScope::ofCompartment(window.mainArea()->location().compartment);
        if (ofRepository && scope.repository.isEmpty())
            return;
        LicenceEditorDialog dialog(window.session()->host(), scope, &window);
        dialog.exec();
        if (dialog.changed() && window.session()) // the licence mark in the repository table
            window.session()->repositories().reload();
    };
    QAction* compartmentLicence =
        compartment->addAction(MainWindow::tr("&Licence…"), &window, [licence] { licence(false); });
    compartmentLicence->setObjectName(QStringLiteral("compartmentLicenceAction"));
    QAction* repositoryLicence =
        repository->addAction(MainWindow::tr("&Licence…"), &window, [licence] { licence(true); });
    repositoryLicence->setObjectName(QStringLiteral("repositoryLicenceAction"));
    auto updateLicenceActions = [&window, compartmentLicence, repositoryLicence] {
        compartmentLicence->setEnabled(window.session() != nullptr);
        repositoryLicence->setEnabled(window.session() && !window.actionContext().repository.isEmpty());
    };
    QObject::connect(compartment, &QMenu::aboutToShow, &window, updateLicenceActions);
    QObject::connect(repository, &QMenu::aboutToShow, &window, updateLicenceActions);
    QMenu* image = window.menuBar()->addMenu(MainWindow::tr("&Image"));
    image->addActions({actions.copyPullCommand, actions.untag, actions.deleteImage, actions.exportImage,
                       actions.pullIntoEngine});
    QMenu* view = window.menuBar()->addMenu(MainWindow::tr("&View"));
    view->addAction(jobsPanel.toggleViewAction());
    QMenu* help = window.menuBar()->addMenu(MainWindow::tr("&Help"));
    help->addAction(MainWindow::tr("&About Berth"), &window, [&window] {
        QMessageBox::about(
            &window, MainWindow::tr("About Berth"),
            MainWindow::tr("<p><b>Berth %1</b></p><p>A container registry you install like a desktop "
                           "program.</p>")
                .arg(QStringLiteral(BERTH_VERSION)));
    });

    QToolBar* toolBar = window.addToolBar(MainWindow::tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setMovable(false);
    toolBar->addAction(actions.newCompartment);
    toolBar->addAction(actions.newRepository);
    toolBar->addAction(actions.import);
    auto* spacer = new QWidget(toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolBar->addWidget(spacer);
    toolBar->addWidget(&search);
}

} // namespace berth
