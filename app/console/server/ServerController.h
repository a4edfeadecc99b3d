#pragma once

#include "iam/IdentityTypes.h"
#include "settings/ServerSettings.h"

#include <QObject>
#include <QThread>
#include <QTimer>

namespace berth {

class JobRunner;
class RegistryHost;
class ServerWorker;

/// The console's in-process registry server. It owns a RegistryHost and an HttpServer that live in a
/// dedicated thread: opening the data directory, setting up TLS and listening all happen there, never
/// on the GUI thread. start() and stop() return at once; the outcome arrives as started()/failed() and
/// stopped(). While running it polls the number of client connections once a second.
class ServerController : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Stopped,
        Starting,
        Running,
        Stopping,
    };

    explicit ServerController(QObject* parent = nullptr);
    /// Stops the server (blocking: the application is going away) and joins its thread.
    ~ServerController() override;

    /// Starts the server unless it is starting or running. A failure comes back as failed(message).
    void start(const ServerSettings& settings);
    /// Where the server runs its jobs from the next start (the console's runner, so its jobs panel shows
    /// them); it must outlive the server. Null: the server has a runner of its own.
    void setJobRunner(JobRunner* runner);
    /// Stops accepting connections, lets requests in flight finish (at most drainTimeoutMs), then
    /// closes the registry; emits stopped(). Destroy everything using host() before calling it.
    void stop(int drainTimeoutMs = 5'000);

    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }
    /// The registry while running (for RegistryBrowser, importers, exporters); null otherwise.
    RegistryHost* host() const;
    /// What the first start did about the administrator (valid after started()).
    const AdministratorBootstrap& administratorBootstrap() const { return m_bootstrap; }
    /// The settings of the current (or last) start.
    const ServerSettings& settings() const { return m_settings; }
    QString address() const { return m_address; }
    quint16 port() const { return m_port; }
    bool isTlsEnabled() const { return m_tls; }
    /// With TLS auto: the local CA's certificate that clients must trust; empty otherwise.
    QString localCaCertificate() const { return m_localCaCertificate; }
    int connectionCount() const { return m_connections; }

    /// "localhost:5000" (127.0.0.1 and wildcards become localhost; IPv6 in brackets).
    static QString clientHost(const QString& address, quint16 port);

signals:
    void started(const QString& address, quint16 port, bool tlsEnabled);
    void failed(const QString& message);
    void stopped();
    void connectionCountChanged(int connections);

private:
    void onStarted(const QString& address, quint16 port, bool tls, const QString& caCertificate,
                   const berth::AdministratorBootstrap& bootstrap);
    void onFailed(const QString& message);
    void onStopped();
    void pollConnections();

    QThread m_thread;
    ServerWorker* m_worker = nullptr;
    QTimer m_pollTimer;
    State m_state = State::Stopped;
    ServerSettings m_settings;
    AdministratorBootstrap m_bootstrap;
    QString m_address;
    quint16 m_port = 0;
    bool m_tls = false;
    QString m_localCaCertificate;
    int m_connections = 0;
};

} // namespace berth
