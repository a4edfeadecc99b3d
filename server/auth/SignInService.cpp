#include "auth/SignInService.h"

#include "auth/AuthEventSink.h"
#include "auth/CredentialVerifier.h"
#include "auth/SignInThrottle.h"

#include <QJsonObject>

namespace berth {

SignInService::SignInService(CredentialVerifier& verifier, SignInThrottle& throttle, AuthEventSink* sink)
    : m_verifier(verifier), m_throttle(throttle), m_sink(sink)
{}

qint64 SignInService::retryAfterOf(const Error& error)
{
    return qint64(error.detail.toObject().value(QLatin1String("retryAfter")).toDouble());
}

qint64 SignInService::retryAfter(const QString& userName, const QString& clientAddress)
{
    return m_throttle.retryAfter(userName, clientAddress);
}

Result<AuthorizationSubject> SignInService::signIn(const QString& userName, const QString& secret,
                                                   const QString& clientAddress, const QString& method)
{
    const qint64 wait = m_throttle.retryAfter(userName, clientAddress);
    if (wait > 0) {
        if (m_sink)
            m_sink->signInThrottled(userName, clientAddress, method, wait);
        return Error(
            ErrorCode::TooManyRequests,
            QStringLiteral("Too many failed sign-ins for this user or from this address; try again in "
                           "%1 seconds.")
                .arg(wait),
            QJsonObject{{QStringLiteral("retryAfter"), double(wait)}});
    }
    if (userName.isEmpty() || secret.isEmpty()) {
        m_throttle.recordFailure(userName, clientAddress);
        if (m_sink)
            m_sink->signInFailed(userName, clientAddress, method,
                                 QStringLiteral("empty user name or secret"));
        return Error(ErrorCode::Unauthorized,
                     QStringLiteral("A user name and a password or auth token are required."));
    }
    Result<AuthorizationSubject> subject = m_verifier.verify(userName, secret, clientAddress);
    if (!subject) {
        m_throttle.recordFailure(userName, clientAddress);
        if (m_sink)
            m_sink->signInFailed(userName, clientAddress, method, subject.error().message);
        return subject;
    }
    m_throttle.recordSuccess(userName, clientAddress);
    if (m_sink)
        m_sink->signInSucceeded(subject->userName, clientAddress, method);
    return subject;
}

Result<AuthorizationSubject> SignInService::resolve(const QString& userName, const QString& clientAddress,
                                                    const QString& method)
{
    Result<AuthorizationSubject> subject = m_verifier.resolve(userName, clientAddress);
    if (!subject) {
        if (m_sink)
            m_sink->signInFailed(userName, clientAddress, method, subject.error().message);
        return subject;
    }
    if (m_sink)
        m_sink->signInSucceeded(subject->userName, clientAddress, method);
    return subject;
}

void SignInService::recordInvalidToken(const QString& clientAddress, const QString& method,
                                       const QString& reason)
{
    m_throttle.recordFailure(QString(), clientAddress);
    if (m_sink)
        m_sink->signInFailed(QString(), clientAddress, method, reason);
}

} // namespace berth
