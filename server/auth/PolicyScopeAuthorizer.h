#pragma once

#include "auth/ScopeAuthorizer.h"

namespace berth {

class RepositoryAuthorizer;

/// Token scopes decided by policy: pull needs REPOSITORY_READ (or a public repository), push needs
/// REPOSITORY_UPDATE (REPOSITORY_CREATE for a repository that does not exist yet), delete needs
/// REPOSITORY_DELETE; the catalog is open to signed-in users and filtered per repository.
class PolicyScopeAuthorizer final : public ScopeAuthorizer
{
public:
    explicit PolicyScopeAuthorizer(RepositoryAuthorizer& repositories) : m_repositories(repositories) {}

    QStringList grant(const AuthorizationSubject& subject, const RequestedScope& scope,
                      const QString& clientAddress) override;

private:
    bool allows(const AuthorizationSubject& subject, const QString& action, const QString& repository,
                const QString& clientAddress);

    RepositoryAuthorizer& m_repositories;
};

} // namespace berth
