#pragma once

#include "auth/AccessGate.h"

namespace berth {

class AuditLog;
class IdentityService;
class JwtService;
class RepositoryAuthorizer;
class SignInService;

/// The AccessGate of berthd: Basic credentials (password or auth token, throttled and audited
/// through SignInService), Bearer tokens from the token service, and policy decisions through
/// RepositoryAuthorizer.
class PolicyAccessGate final : public AccessGate
{
public:
    PolicyAccessGate(IdentityService& identity, SignInService& signIn, JwtService& jwt,
                     RepositoryAuthorizer& repositories, AuditLog* audit);

    AccessOutcome authenticate(const HttpRequest& request) override;
    AccessOutcome authorizeRepository(const HttpRequest& request, Permission permission,
                                      const QString& repository) override;
    AccessOutcome authorizeCompartment(const HttpRequest& request, Permission permission,
                                       const CompartmentPath& compartment) override;
    AccessOutcome requireAdministrator(const HttpRequest& request) override;
    bool canInspect(const AuthorizationSubject& subject, const QString& repository,
                    const QString& clientAddress) override;
    QVector<bool> canInspectEach(const AuthorizationSubject& subject, const QStringList& repositories,
                                 const QString& clientAddress) override;

private:
    static AccessOutcome unauthorized(const QString& message);
    AccessOutcome fromPolicy(AccessOutcome signedIn, bool allowed, const QString& reason);

    IdentityService& m_identity;
    SignInService& m_signIn;
    JwtService& m_jwt;
    RepositoryAuthorizer& m_repositories;
    AuditLog* m_audit;
};

} // namespace berth
