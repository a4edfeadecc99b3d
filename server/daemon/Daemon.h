#pragma once

#include "daemon/DaemonOptions.h"

#include <QObject>
#include <QSet>
#include <memory>

class QSocketNotifier;

namespace berth {

class HttpServer;
class RegistryHost;

/// berthd: opens the registry, serves it over HTTP or HTTPS, and on SIGTERM or SIGINT stops accepting,
/// lets requests in flight finish, and quits.
class Daemon : public QObject
{
    Q_OBJECT
public:
    explicit Daemon(DaemonOptions options, QObject* parent = nullptr);
    ~Daemon() override;

    /// Opens the data directory and starts listening; false (after logging why) if that fails.
    bool start();

private:
    void installSignalHandlers();
    void onSignal();
    bool writeReadyFile();
    bool setUpTls();
    void printWelcome() const;
    void logJobs();

    DaemonOptions m_options;
    std::unique_ptr<RegistryHost> m_host;
    std::unique_ptr<HttpServer> m_server;
    QSocketNotifier* m_signalNotifier = nullptr;
    bool m_stopping = false;
    QString m_localCaCertificate;  ///< --tls auto: the CA clients must trust
    bool m_localCaCreated = false; ///< --tls auto made a new CA on this start: say how to trust it
    QSet<quint64> m_startedJobs;   ///< jobs whose start was logged
};

} // namespace berth
