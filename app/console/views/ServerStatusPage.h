#pragma once

#include <QWidget>

class QGroupBox;
class QLabel;
class QPushButton;

namespace berth {

struct GcStatus;

/// The main area while no registry is open: starting, stopped, or why it failed to start, with
/// buttons to start the server and to open Settings (for a port in use, say). While the registry runs
/// (Server > Status) it says where it serves and shows garbage collection: the space reclaimable now,
/// the last run and the next scheduled one, with a button to collect garbage.
class ServerStatusPage : public QWidget
{
    Q_OBJECT
public:
    explicit ServerStatusPage(QWidget* parent = nullptr);

    void showStarting();
    void showStopped();
    void showFailure(const QString& message);
    void showRunning(const QString& url);
    /// Fills the garbage collection figures (shown while running).
    void setGcStatus(const GcStatus& status);
    QString reclaimableText() const;
    QString lastRunText() const;
    QString nextRunText() const;
    QPushButton* collectButton() const { return m_collect; }
    QString message() const;
    QPushButton* settingsButton() const { return m_settings; }
    QPushButton* startButton() const { return m_start; }

signals:
    void startRequested();
    void settingsRequested();
    void collectGarbageRequested();

private:
    QLabel* m_title = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_settings = nullptr;
    QGroupBox* m_gc = nullptr;
    QLabel* m_reclaimable = nullptr;
    QLabel* m_lastRun = nullptr;
    QLabel* m_nextRun = nullptr;
    QPushButton* m_collect = nullptr;
};

} // namespace berth
