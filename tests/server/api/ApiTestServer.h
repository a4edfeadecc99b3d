#pragma once

#include "FakeAccessGate.h"
#include "api/ManagementApi.h"
#include "registry/RegistryService.h"
#include "routing/Router.h"
#include "support/RegistryClient.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QThread>
#include <memory>

namespace berth {
class HttpServer;
class IdentityService;
class AuditLog;
class JobRunner;
class MaintenanceLog;
} // namespace berth

namespace berth::test {

/// A real HttpServer on 127.0.0.1 port 0, running on its own thread (so tests can use the blocking
/// RegistryClient), serving /v2 and /api/v1 from one Router over a real RegistryService (and, when
/// asked, IdentityService and AuditLog) in a temporary directory, behind FakeAccessGate.
class ApiTestServer
{
public:
    struct Options
    {
        bool identity = false;
        bool audit = false;
    };

    ApiTestServer();
    explicit ApiTestServer(Options options);
    ~ApiTestServer();

    /// Opens the services and starts serving; false with errorString() on failure.
    bool start();
    QString errorString() const { return m_error; }

    RegistryService& registry() { return *m_registry; }
    IdentityService* identity() { return m_identity.get(); }
    AuditLog* audit() { return m_audit.get(); }
    /// Where the API's jobs run (GET /api/v1/jobs lists them).
    JobRunner& jobs() { return *m_jobs; }
    MaintenanceLog& maintenanceLog() { return *m_maintenance; }
    FakeAccessGate& gate() { return *m_gate; }
    const ManagementApi& api() const { return *m_api; }
    RegistryClient& client() { return *m_client; }
    QString dataDirectory() const { return m_dir.path(); }

    /// A request as `user` ("" = anonymous) with an optional JSON body.
    RegistryResponse call(const QByteArray& method, const QString& target, const QString& user,
                          const QJsonObject& body = {}) const;
    /// A request as `user` with raw body bytes (Content-Type: application/json unless given).
    RegistryResponse callRaw(const QByteArray& method, const QString& target, const QString& user,
                             const QByteArray& body,
                             const QByteArray& contentType = "application/json") const;

private:
    class ServerThread;

    Options m_options;
    QTemporaryDir m_dir;
    std::unique_ptr<RegistryService> m_registry;
    std::unique_ptr<IdentityService> m_identity;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<MaintenanceLog> m_maintenance;
    std::unique_ptr<JobRunner> m_jobs;
    std::unique_ptr<FakeAccessGate> m_gate;
    std::unique_ptr<ManagementApi> m_api;
    Router m_router;
    std::unique_ptr<ServerThread> m_thread;
    std::unique_ptr<RegistryClient> m_client;
    QString m_error;
};

/// Pushes a config, one layer and an image manifest to `repository` under `tag` through /v2; returns the
/// manifest digest ("" on failure).
QString pushImage(const RegistryClient& client, const QString& repository, const QString& tag, quint32 seed,
                  const QString& configMediaType = QString());

} // namespace berth::test
