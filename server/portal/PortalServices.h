#pragma once

#include <QString>

namespace berth {

class AuditLog;
class Clock;
class PortalSessionStore;
class RegistryService;
class RepositoryAuthorizer;
class SignInService;

/// What the portal works with; all owned by RegistryHost and alive as long as the routes.
struct PortalServices
{
    RegistryService* registry = nullptr;
    SignInService* signIn = nullptr;
    RepositoryAuthorizer* repositories = nullptr;
    AuditLog* audit = nullptr; ///< may be null
    PortalSessionStore* sessions = nullptr;
    QString externalUrl; ///< berthd's externalUrl ("" when not behind a proxy)
};

} // namespace berth
