#pragma once

#include "http/HttpHandler.h"
#include "iam/IdentityTypes.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <QObject>
#include <memory>

namespace berth {

class AuditLog;
class IdentityService;
class JobRunner;
class MaintenanceLog;
class RegistryService;
class Router;

/// Everything a Berth server is, assembled once: the registry, identities and policies, the audit
/// log, token authentication, and the route table of /v2 and /api/v1 with the guard in front of it.
/// berthd serves it over HTTP; the desktop console will host the same. Open it, then hand
/// handlerFactory() to an HttpServer.
class RegistryHost : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString dataDirectory;
        QString adminPasswordFile; ///< first start: the administrator's password comes from here
        QString service = QStringLiteral("berth"); ///< the token service name (JWT audience)
        QString externalUrl;                       ///< "https://registry.example.com" when behind a proxy
        int tokenLifetimeSeconds = 300;
        int maxAuthTokensPerUser = 2;
        Clock* clock = &Clock::system();
    };

    explicit RegistryHost(Options options, QObject* parent = nullptr);
    ~RegistryHost() override;

    /// Opens (or creates) the data directory and builds the route table.
    Result<void> open();
    /// What the first start did about the administrator (the password to show once).
    const AdministratorBootstrap& administratorBootstrap() const;

    HttpHandlerFactory handlerFactory() const;
    RegistryService& registry();
    IdentityService& identity();
    AuditLog& audit();
    /// Runs the server's long tasks (garbage collection, scrub, fsck, backup) with progress and cancel.
    JobRunner& jobs();
    /// The history of maintenance runs (kept in the metadata database).
    MaintenanceLog& maintenanceLog();

    /// Writes what is pending (pull statistics, audit records). Call before the process exits.
    void flush();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace berth
