#pragma once

#include "auth/AccessEntry.h"

#include <QString>
#include <QVector>

namespace berth {

/// Where token authentication reports sign-ins, for the audit log. Every method has an empty
/// default; override what you record. Called on HTTP worker threads: implementations must be
/// thread-safe and quick. `method` is "basic" (credentials on a registry request), "token-get",
/// "token-password" or "token-refresh".
class AuthEventSink
{
public:
    virtual ~AuthEventSink() = default;

    virtual void signInSucceeded(const QString& userName, const QString& clientAddress, const QString& method)
    {}
    virtual void signInFailed(const QString& userName, const QString& clientAddress, const QString& method,
                              const QString& reason)
    {}
    /// An attempt refused without checking credentials because of earlier failures.
    virtual void signInThrottled(const QString& userName, const QString& clientAddress, const QString& method,
                                 qint64 retryAfterSeconds)
    {}
    /// A token was issued (userName empty for anonymous).
    virtual void tokenIssued(const QString& userName, const QString& clientAddress,
                             const QVector<AccessEntry>& access)
    {}
};

} // namespace berth
