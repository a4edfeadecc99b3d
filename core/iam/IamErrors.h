#pragma once

#include "util/Error.h"

#include <QString>

namespace berth {

/// Errors of the identity model. Each carries a stable reason in detail.reason so the REST API can map
/// it to its own code without parsing messages:
///   INVALID (ErrorCode::NameInvalid)       a name, password, range or policy text is not acceptable
///   NOT_FOUND (ErrorCode::NameUnknown)     no such compartment, user, group, token, policy...
///   ALREADY_EXISTS (ErrorCode::Unsupported) the name is taken
///   NOT_EMPTY (ErrorCode::Unsupported)     a compartment still holds something
///   PROTECTED (ErrorCode::Denied)          the tenancy, Administrators, the last administrator
///   CONFLICT (ErrorCode::Unsupported)      the request contradicts the current state (a published licence
///                                          version given another text; accepting a version no longer in
///                                          force)
///   LIMIT_REACHED (ErrorCode::TooManyRequests) too many auth tokens
///   CREDENTIALS (ErrorCode::Unauthorized)  wrong user name, password or token; locked account
class IamErrors
{
public:
    static Error invalid(const QString& message);
    static Error invalid(const QString& message, const QJsonValue& problems);
    static Error notFound(const QString& message);
    static Error alreadyExists(const QString& message);
    static Error notEmpty(const QString& message);
    static Error protectedObject(const QString& message);
    static Error conflict(const QString& message);
    static Error limitReached(const QString& message);
    static Error credentials(const QString& message, const QString& why);

    /// The detail.reason of an error made here; empty for other errors.
    static QString reason(const Error& error);
};

} // namespace berth
