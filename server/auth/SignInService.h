#pragma once

#include "iam/AuthorizationRequest.h"
#include "util/Result.h"

#include <QString>

namespace berth {

class AuthEventSink;
class CredentialVerifier;
class SignInThrottle;

/// Checks credentials the one way every entry point uses (token endpoint, Basic on registry
/// requests): throttle first, then the verifier, then record the outcome and tell the audit sink.
/// Thread-safe when its parts are.
class SignInService
{
public:
    /// `sink` may be null.
    SignInService(CredentialVerifier& verifier, SignInThrottle& throttle, AuthEventSink* sink = nullptr);

    /// Unauthorized for wrong credentials; TooManyRequests (detail {"retryAfter": seconds}) when
    /// throttled.
    Result<AuthorizationSubject> signIn(const QString& userName, const QString& secret,
                                        const QString& clientAddress, const QString& method);
    /// Re-resolves a user for a refresh token (no secret to check; failures are audited).
    Result<AuthorizationSubject> resolve(const QString& userName, const QString& clientAddress,
                                         const QString& method);
    /// A refresh token or bearer token that was refused; counts against the address.
    void recordInvalidToken(const QString& clientAddress, const QString& method, const QString& reason);
    /// Seconds an address must wait before any further attempt (0: none).
    qint64 retryAfter(const QString& userName, const QString& clientAddress);

    AuthEventSink* sink() const { return m_sink; }
    static qint64 retryAfterOf(const Error& error);

private:
    CredentialVerifier& m_verifier;
    SignInThrottle& m_throttle;
    AuthEventSink* m_sink;
};

} // namespace berth
