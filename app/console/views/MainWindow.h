#pragma once

#include "views/Location.h"

#include <QMainWindow>
#include <QPointer>
#include <memory>

class QCloseEvent;
class QTreeView;

namespace berth {

class AdministratorPasswordDialog;
struct ActionContext;
class ConsoleSession;
class ConsoleSettings;
class GcActions;
class JobRunner;
class JobsPanel;
class MainArea;
class Prompter;
class RegistryActions;
class SearchBox;
class ServerController;
class StatusIndicators;

/// The console's window: the navigation tree on the left, the breadcrumbs and pages on the right, the
/// search field in the tool bar, the jobs panel at the bottom and the server's state in the status bar.
/// It starts the in-process registry (in its own thread) as the settings say, and builds the browsing
/// session once the server runs.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(ConsoleSettings& settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    void startServer();
    /// Stops the server; running jobs are cancelled first (after asking).
    void stopServer();
    void restartServer();
    void openSettings();
    void navigateTo(const Location& location);

    ServerController& server() const { return *m_server; }
    ConsoleSession* session() const { return m_session; }
    RegistryActions& actions() const { return *m_actions; }
    GcActions& gcActions() const { return *m_gcActions; }
    JobRunner& jobRunner() const { return *m_runner; }
    JobsPanel* jobsPanel() const { return m_jobsPanel; }
    MainArea* mainArea() const { return m_area; }
    QTreeView* navigationTree() const { return m_tree; }
    SearchBox* searchBox() const { return m_search; }
    StatusIndicators* statusIndicators() const { return m_status; }
    /// The dialog with the administrator's first password, while it is open.
    AdministratorPasswordDialog* administratorDialog() const;
    /// Replaces the dialogs the actions and the window open (tests). Not owned.
    void setPrompter(Prompter* prompter);
    /// What the actions act on now: the location and the repository and image selected or shown.
    ActionContext actionContext() const;

signals:
    /// The browsing session exists (after the server started) or went (null).
    void sessionChanged(berth::ConsoleSession* session);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void onServerStarted(const QString& address, quint16 port, bool tls);
    void onServerFailed(const QString& message);
    void onServerStopped();
    void closeSession();
    void syncTree(const Location& location);
    void onTreeCurrentChanged();

    ConsoleSettings& m_settings;
    std::unique_ptr<ServerController> m_server;
    std::unique_ptr<JobRunner> m_runner;
    ConsoleSession* m_session = nullptr;
    RegistryActions* m_actions = nullptr;
    GcActions* m_gcActions = nullptr;
    MainArea* m_area = nullptr;
    QTreeView* m_tree = nullptr;
    SearchBox* m_search = nullptr;
    JobsPanel* m_jobsPanel = nullptr;
    StatusIndicators* m_status = nullptr;
    QPointer<AdministratorPasswordDialog> m_adminDialog;
    Prompter* m_prompter = nullptr;
    bool m_syncingTree = false;
    bool m_restartAfterStop = false;
    bool m_stopWhenIdle = false;
};

} // namespace berth
