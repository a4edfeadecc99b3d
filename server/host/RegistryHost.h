#pragma once

#include "governance/RegistryLimits.h"
#include "http/HttpHandler.h"
#include "iam/IdentityTypes.h"
#include "storage/StorageOptions.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <QObject>
#include <memory>

namespace berth {

class AuditLog;
class GarbageCollector;
class IdentityService;
class JobRunner;
class MaintenanceLog;
class MaintenanceScheduler;
class RegistryService;
class RetentionRunner;
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
        /// Garbage collection runs this often (0: never on its own), keeping what is younger than the
        /// grace period.
        qint64 gcIntervalSeconds = 24 * 3600;
        qint64 gcGracePeriodSeconds = 3600;
        /// Scrub runs this often (0: never on its own).
        qint64 scrubIntervalSeconds = 7 * 24 * 3600;
        /// Retention (every enabled policy) runs this often (0: never on its own).
        qint64 retentionIntervalSeconds = 3600;
        /// Stored bytes per repository are sampled this often (0: never on its own).
        qint64 usageSampleIntervalSeconds = 3600;
        /// The blob store's fault domains and write quorum (default: <data>/blobs/0 alone).
        StorageOptions storage;
        /// The registry's limits (core/governance): berthd's "limits" section; an administrator changes
        /// them at run time through /api/v1/limits.
        RegistryLimits limits;
        /// Run the server's jobs on this runner instead of one of its own (the console shows its jobs
        /// and the server's in one panel). It must outlive the host; the host cancels and waits for what
        /// still runs there when it is destroyed.
        JobRunner* jobRunner = nullptr;
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
    /// Runs maintenance when due (garbage collection every Options::gcIntervalSeconds...) as jobs on
    /// jobs(). Made by open(); call its start() to have it check on its own.
    MaintenanceScheduler& scheduler();
    /// The collector the schedule runs (records its runs in maintenanceLog()).
    std::shared_ptr<GarbageCollector> garbageCollector();
    /// Plans and runs retention policies (the schedule and the API share it; runs recorded in
    /// maintenanceLog() as kind "retention").
    std::shared_ptr<RetentionRunner> retention();

    /// Writes what is pending (pull statistics, audit records). Call before the process exits.
    void flush();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace berth
