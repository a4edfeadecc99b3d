#pragma once

#include "iam/AuthorizationRequest.h"
#include "util/Result.h"

#include <QString>

namespace berth {

/// The identity store as token authentication sees it. Implementations must be thread-safe: they
/// are called from the HTTP worker threads.
class CredentialVerifier
{
public:
    virtual ~CredentialVerifier() = default;

    /// Checks a user name and a secret (password or auth token). On failure returns an Error with
    /// ErrorCode::Unauthorized and a message fit for the client (it must not tell which of the two
    /// was wrong). clientAddress is the peer's address as text, for logs and network rules.
    virtual Result<AuthorizationSubject> verify(const QString& userName, const QString& secret,
                                                const QString& clientAddress) = 0;

    /// The current subject for a user who signed in earlier (a refresh token being used): fails
    /// with ErrorCode::Unauthorized when the user was deleted or locked since.
    virtual Result<AuthorizationSubject> resolve(const QString& userName, const QString& clientAddress) = 0;
};

} // namespace berth
