#pragma once

#include "auth/CredentialVerifier.h"

namespace berth {

class IdentityService;

/// Token authentication's view of the identity store: passwords and auth tokens of local users.
class IdentityCredentialVerifier final : public CredentialVerifier
{
public:
    explicit IdentityCredentialVerifier(IdentityService& identity) : m_identity(identity) {}

    Result<AuthorizationSubject> verify(const QString& userName, const QString& secret,
                                        const QString& clientAddress) override;
    Result<AuthorizationSubject> resolve(const QString& userName, const QString& clientAddress) override;

private:
    IdentityService& m_identity;
};

} // namespace berth
