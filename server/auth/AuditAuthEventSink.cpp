#include "auth/AuditAuthEventSink.h"

#include "audit/AuditLog.h"
#include "util/Clock.h"

#include <QJsonArray>

namespace berth {

namespace {

AuditRecord record(const QString& userName, const QString& clientAddress, const QString& action,
                   AuditDecision decision, const QString& method)
{
    AuditRecord r;
    r.actor = userName.isEmpty() ? AuditRecord::anonymousActor() : userName;
    r.clientAddress = clientAddress;
    r.action = action;
    r.target = userName.isEmpty() ? QString() : QStringLiteral("user %1").arg(userName);
    r.decision = decision;
    r.details = QJsonObject{{QStringLiteral("method"), method}};
    return r;
}

constexpr int MaxRememberedSignIns = 10'000;

} // namespace

AuditAuthEventSink::AuditAuthEventSink(AuditLog& audit) : AuditAuthEventSink(audit, Clock::system()) {}

AuditAuthEventSink::AuditAuthEventSink(AuditLog& audit, const Clock& clock) : m_audit(audit), m_clock(clock)
{}

bool AuditAuthEventSink::signInDue(const QString& userName, const QString& clientAddress,
                                   const QString& method)
{
    const qint64 now = m_clock.now().toMSecsSinceEpoch();
    const qint64 windowMs = SignInWindowSeconds * 1000;
    const QString key = userName + QLatin1Char('\n') + clientAddress + QLatin1Char('\n') + method;
    std::lock_guard lock(m_mutex);
    auto it = m_lastWritten.find(key);
    if (it != m_lastWritten.end() && now >= *it && now - *it < windowMs)
        return false;
    if (it == m_lastWritten.end() && m_lastWritten.size() >= MaxRememberedSignIns) {
        // Bounded: drop what has left its window; when all are recent, start over (a few repeats written).
        m_lastWritten.removeIf([&](const auto& entry) { return now - entry.value() >= windowMs; });
        if (m_lastWritten.size() >= MaxRememberedSignIns)
            m_lastWritten.clear();
    }
    m_lastWritten.insert(key, now);
    return true;
}

void AuditAuthEventSink::signInSucceeded(const QString& userName, const QString& clientAddress,
                                         const QString& method)
{
    if (!signInDue(userName, clientAddress, method))
        return;
    m_audit.append(
        record(userName, clientAddress, QStringLiteral("auth.signin"), AuditDecision::Allowed, method));
}

void AuditAuthEventSink::signInFailed(const QString& userName, const QString& clientAddress,
                                      const QString& method, const QString& reason)
{
    AuditRecord r =
        record(userName, clientAddress, QStringLiteral("auth.signin.failed"), AuditDecision::Denied, method);
    r.reason = reason;
    m_audit.append(std::move(r));
}

void AuditAuthEventSink::signInThrottled(const QString& userName, const QString& clientAddress,
                                         const QString& method, qint64 retryAfterSeconds)
{
    AuditRecord r = record(userName, clientAddress, QStringLiteral("auth.signin.throttled"),
                           AuditDecision::Denied, method);
    r.reason = QStringLiteral("Too many failed sign-ins; the next attempt is allowed in %1 s.")
                   .arg(retryAfterSeconds);
    r.details.insert(QStringLiteral("retryAfterSeconds"), retryAfterSeconds);
    m_audit.append(std::move(r));
}

void AuditAuthEventSink::tokenIssued(const QString& userName, const QString& clientAddress,
                                     const QVector<AccessEntry>& access)
{
    AuditRecord r = record(userName, clientAddress, QStringLiteral("auth.token.issued"),
                           AuditDecision::Allowed, QStringLiteral("token"));
    QJsonArray scopes;
    for (const AccessEntry& entry : access)
        scopes.append(entry.toScope());
    r.details.insert(QStringLiteral("access"), scopes);
    m_audit.append(std::move(r));
}

} // namespace berth
