#pragma once

#include <QObject>

class QAction;
class QTimer;
class QWidget;

namespace berth {

class ConsoleSession;
class Prompter;
class ServerStatusPage;
struct GcStatus;

/// Garbage collection in the console: the "Collect garbage…" action (a preview through the Prompter,
/// then a run as a job the jobs panel shows with progress and cancel) and the figures on the server
/// status page, loaded again whenever something that changes them happens (and every minute, for the
/// next scheduled run).
class GcActions : public QObject
{
    Q_OBJECT
public:
    GcActions(QWidget* window, ServerStatusPage& page, QObject* parent = nullptr);

    void setPrompter(Prompter* prompter) { m_prompter = prompter; }
    void setSession(ConsoleSession* session);
    /// Loads the figures for the status page again.
    void refresh();

    QAction* collectGarbage = nullptr;

signals:
    void statusMessage(const QString& message);
    /// The status page shows new figures (tests).
    void statusShown();

private:
    void onCollect();

    QWidget* m_window;
    ServerStatusPage& m_page;
    Prompter* m_prompter = nullptr;
    ConsoleSession* m_session = nullptr;
    QTimer* m_timer = nullptr;
    quint64 m_statusRequest = 0;
};

} // namespace berth
