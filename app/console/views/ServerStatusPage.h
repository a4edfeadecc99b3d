#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace berth {

/// The main area while no registry is open: starting, stopped, or why it failed to start, with
/// buttons to start the server and to open Settings (for a port in use, say).
class ServerStatusPage : public QWidget
{
    Q_OBJECT
public:
    explicit ServerStatusPage(QWidget* parent = nullptr);

    void showStarting();
    void showStopped();
    void showFailure(const QString& message);
    QString message() const;
    QPushButton* settingsButton() const { return m_settings; }
    QPushButton* startButton() const { return m_start; }

signals:
    void startRequested();
    void settingsRequested();

private:
    QLabel* m_title = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_settings = nullptr;
};

} // namespace berth
