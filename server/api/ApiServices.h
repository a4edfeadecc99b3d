#pragma once

#include <QString>
#include <QtGlobal>
#include <memory>

namespace berth {

class AccessGate;
class AuditLog;
class GarbageCollector;
class IdentityService;
class JobRunner;
class MaintenanceLog;
class MaintenanceScheduler;
class RegistryService;
class RetentionRunner;

/// What the management API works on. The registry and the gate are required; the identity and audit
/// endpoints are registered only when their service is given.
struct ApiServices
{
    RegistryService* registry = nullptr;
    AccessGate* gate = nullptr;
    IdentityService* identity = nullptr;
    AuditLog* audit = nullptr;
    /// Where long tasks started through the API run (their endpoints answer 202 with the job).
    JobRunner* jobs = nullptr;
    MaintenanceLog* maintenance = nullptr;
    /// When set, GET /api/v1/gc shows when garbage collection runs next.
    MaintenanceScheduler* scheduler = nullptr;
    /// The collector scheduled runs use too, so only one collection runs at a time; when empty the GC
    /// endpoints make their own.
    std::shared_ptr<GarbageCollector> gc;
    /// The grace period GC and fsck use unless a request says otherwise (berthd's configured one).
    qint64 gcGracePeriodSeconds = 3600;
    /// Plans and runs retention (issue 6); the schedule uses the same runner. When empty the retention
    /// endpoints make their own.
    std::shared_ptr<RetentionRunner> retention;
    /// berthd's configured external URL ("" when none): the base of links the API hands out, such as a
    /// licence's acceptUrl (issue 7; see PublicAddress::base).
    QString externalUrl;
};

} // namespace berth
