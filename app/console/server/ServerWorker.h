#pragma once

#include "iam/IdentityTypes.h"
#include "settings/ServerSettings.h"

#include <QHostAddress>
#include <QObject>
#include <atomic>
#include <memory>

namespace berth {

class HttpServer;
class JobRunner;
class RegistryHost;

/// ServerController's half in the server thread: builds the RegistryHost and HttpServer there, opens
/// the data, sets up TLS and listens; tears them down on stop. Its slots run only in that thread.
class ServerWorker : public QObject
{
    Q_OBJECT
public:
    ServerWorker();
    ~ServerWorker() override;

    void start(const berth::ServerSettings& settings);
    /// The runner the server's jobs (scheduled garbage collection...) run on, from the next start; it
    /// must outlive the server. Null: the server has one of its own. Thread-safe.
    void setJobRunner(JobRunner* runner) { m_jobRunner.store(runner); }
    void stop(int drainTimeoutMs);
    /// Tears down at once (the application is quitting).
    void shutdownNow();

    /// Set once the registry is open and listening, cleared before it is destroyed; read by the GUI.
    RegistryHost* host() const { return m_publishedHost.load(); }
    int connectionCount() const;

signals:
    void started(const QString& address, quint16 port, bool tls, const QString& caCertificate,
                 const berth::AdministratorBootstrap& bootstrap);
    void failed(const QString& message);
    void stopped();

private:
    bool setUpTls(const ServerSettings& settings, const QHostAddress& address, QString* caCertificate,
                  QString* error);
    void tearDown();

    std::unique_ptr<RegistryHost> m_host;
    std::unique_ptr<HttpServer> m_server;
    std::atomic<RegistryHost*> m_publishedHost{nullptr};
    std::atomic<HttpServer*> m_publishedServer{nullptr};
    std::atomic<JobRunner*> m_jobRunner{nullptr};
};

} // namespace berth
