#pragma once

#include "iam/AuthorizationDecision.h"
#include "iam/AuthorizationRequest.h"

#include <optional>

namespace berth {

class AuditLog;
class IdentityService;
class RegistryService;

/// Policy decisions about repositories, with what the registry knows: which compartment a
/// repository is in (read on every request, so a move takes effect at once), whether it is public
/// (anyone may pull), and whether it exists yet (a first push needs REPOSITORY_CREATE in the
/// tenancy, where new repositories land). Every denial goes to the audit log. Thread-safe.
class RepositoryAuthorizer
{
public:
    struct Outcome
    {
        bool allowed = false;
        QString reason;                                ///< the statement that allowed it, or why nothing did
        std::optional<AuthorizationDecision> decision; ///< absent when a public repository answered
    };

    RepositoryAuthorizer(RegistryService& registry, IdentityService& identity, AuditLog* audit);

    /// audited=false for quiet checks such as filtering a listing.
    Outcome decide(const AuthorizationSubject& subject, Permission permission, const QString& repository,
                   const QString& clientAddress, const std::optional<QString>& tag = std::nullopt,
                   bool audited = true);
    Outcome decideInCompartment(const AuthorizationSubject& subject, Permission permission,
                                const CompartmentPath& compartment, const QString& clientAddress);
    /// Push into `repository`: REPOSITORY_UPDATE when it exists, REPOSITORY_CREATE when it does not.
    Permission pushPermission(const QString& repository) const;

private:
    Outcome evaluate(const AuthorizationRequest& request);
    void auditDenial(const AuthorizationSubject& subject, Permission permission, const QString& target,
                     const QString& clientAddress, const QString& reason);

    RegistryService& m_registry;
    IdentityService& m_identity;
    AuditLog* m_audit;
};

} // namespace berth
