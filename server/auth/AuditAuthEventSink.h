#pragma once

#include "auth/AuthEventSink.h"

namespace berth {

class AuditLog;

/// Sign-ins, refusals, throttling and issued tokens, into the audit log.
class AuditAuthEventSink final : public AuthEventSink
{
public:
    explicit AuditAuthEventSink(AuditLog& audit) : m_audit(audit) {}

    void signInSucceeded(const QString& userName, const QString& clientAddress,
                         const QString& method) override;
    void signInFailed(const QString& userName, const QString& clientAddress, const QString& method,
                      const QString& reason) override;
    void signInThrottled(const QString& userName, const QString& clientAddress, const QString& method,
                         qint64 retryAfterSeconds) override;
    void tokenIssued(const QString& userName, const QString& clientAddress,
                     const QVector<AccessEntry>& access) override;

private:
    AuditLog& m_audit;
};

} // namespace berth
