#pragma once

#include "auth/RepositoryLinkCache.h"
#include "iam/AuthorizationDecision.h"
#include "iam/AuthorizationRequest.h"

#include <QObject>
#include <memory>
#include <optional>

namespace berth {

class AuditLog;
class IdentityService;
class RegistryService;

/// Policy decisions about repositories, with what the registry knows: which compartment a
/// repository is in, whether it is public (anyone may pull), and whether it exists yet (a first push
/// needs REPOSITORY_CREATE in the tenancy, where new repositories land). Every denial goes to the
/// audit log. Thread-safe.
///
/// Nothing here asks the database while nothing changes: the policies and the compartment tree are
/// cached by IdentityService (dropped by every policy, network source and compartment change), the
/// repositories' compartments and public flags by a RepositoryLinkCache (a repository deleted,
/// moved or made public or private is forgotten on the registry's event, emitted before the call that
/// made the change returns). So a change takes effect with the next request.
class RepositoryAuthorizer
{
public:
    struct Outcome
    {
        bool allowed = false;
        std::optional<AuthorizationDecision> decision; ///< absent when a public repository answered
        QString repository;                            ///< set when a public repository answered
        QString failure;                               ///< set when the policies could not be read
        /// The statement that allowed it, or why nothing did (built when asked for).
        QString reason() const;
    };

    RepositoryAuthorizer(RegistryService& registry, IdentityService& identity, AuditLog* audit);
    ~RepositoryAuthorizer();

    /// audited=false for quiet checks such as filtering a listing.
    Outcome decide(const AuthorizationSubject& subject, Permission permission, const QString& repository,
                   const QString& clientAddress, const std::optional<QString>& tag = std::nullopt,
                   bool audited = true);
    /// decide(...).allowed without the decision's details and without auditing.
    bool allows(const AuthorizationSubject& subject, Permission permission, const QString& repository,
                const QString& clientAddress);
    /// allows() for many repositories at once (listings): one look at the caches, at most one query
    /// for repositories not seen before. Element i answers for repositories[i]; a repository that does
    /// not exist is answered as decide() would (against the tenancy).
    QVector<bool> allowsEach(const AuthorizationSubject& subject, Permission permission,
                             const QStringList& repositories, const QString& clientAddress);
    Outcome decideInCompartment(const AuthorizationSubject& subject, Permission permission,
                                const CompartmentPath& compartment, const QString& clientAddress);
    /// Push into `repository`: REPOSITORY_UPDATE when it exists, REPOSITORY_CREATE when it does not.
    Permission pushPermission(const QString& repository) const;

private:
    struct Target
    {
        bool exists = false;
        bool isPublic = false;
        CompartmentPath compartment;
    };
    static AuthorizationRequest requestFor(const AuthorizationSubject& subject, Permission permission,
                                           const QString& repository, const Target& target,
                                           const QString& clientAddress);
    static bool publicAnswers(Permission permission, const Target& target);
    /// The repository's compartment and flag; a repository that does not exist (or whose link cannot
    /// be read) is checked against the tenancy.
    Target targetOf(const QString& repository, const CompartmentTree* tree);
    Target targetFrom(const std::optional<RepositoryLinkCache::Link>& link,
                      const CompartmentTree* tree) const;
    void auditDenial(const AuthorizationSubject& subject, Permission permission, const QString& target,
                     const QString& clientAddress, const QString& reason);

    RegistryService& m_registry;
    IdentityService& m_identity;
    AuditLog* m_audit;
    std::unique_ptr<RepositoryLinkCache> m_links;
    std::unique_ptr<QObject> m_listener; ///< receives the registry's events while this exists
};

} // namespace berth
