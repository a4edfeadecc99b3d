#pragma once

#include <QObject>

class QLabel;
class QStatusBar;

namespace berth {

/// The permanent parts of the status bar: where the registry serves (or that it does not), TLS,
/// connected clients and running jobs.
class StatusIndicators : public QObject
{
    Q_OBJECT
public:
    explicit StatusIndicators(QStatusBar* bar);

    void setServing(const QString& url, bool tls, const QString& caCertificate);
    void setNotServing(const QString& text);
    void setClients(int clients);
    void setJobs(int running);

    QString servingText() const;
    QString clientsText() const;
    QString jobsText() const;

private:
    QLabel* m_serving = nullptr;
    QLabel* m_tls = nullptr;
    QLabel* m_clients = nullptr;
    QLabel* m_jobs = nullptr;
};

} // namespace berth
