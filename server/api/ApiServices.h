#pragma once

namespace berth {

class AccessGate;
class AuditLog;
class IdentityService;
class JobRunner;
class MaintenanceLog;
class MaintenanceScheduler;
class RegistryService;

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
};

} // namespace berth
