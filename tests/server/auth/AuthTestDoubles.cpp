#include "AuthTestDoubles.h"

#include <QMutexLocker>

namespace berth::test {

void FakeCredentialVerifier::addUser(const QString& name, const QString& password, const QStringList& groups,
                                     bool admin)
{
    QMutexLocker lock(&m_mutex);
    m_users.insert(name, User{password, groups, admin, false});
}

void FakeCredentialVerifier::setDisabled(const QString& name, bool disabled)
{
    QMutexLocker lock(&m_mutex);
    m_users[name].disabled = disabled;
}

void FakeCredentialVerifier::removeUser(const QString& name)
{
    QMutexLocker lock(&m_mutex);
    m_users.remove(name);
}

int FakeCredentialVerifier::verifyCalls() const
{
    QMutexLocker lock(&m_mutex);
    return m_verifyCalls;
}

Result<AuthorizationSubject> FakeCredentialVerifier::verify(const QString& userName, const QString& secret,
                                                            const QString&)
{
    QMutexLocker lock(&m_mutex);
    ++m_verifyCalls;
    auto it = m_users.constFind(userName);
    if (it == m_users.constEnd() || it->password != secret)
        return Error(ErrorCode::Unauthorized, QStringLiteral("The user name or password is wrong."));
    if (it->disabled)
        return Error(ErrorCode::Unauthorized, QStringLiteral("The user %1 is locked.").arg(userName));
    return AuthorizationSubject::user(userName, it->groups, it->admin);
}

Result<AuthorizationSubject> FakeCredentialVerifier::resolve(const QString& userName, const QString&)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_users.constFind(userName);
    if (it == m_users.constEnd())
        return Error(ErrorCode::Unauthorized, QStringLiteral("The user %1 does not exist.").arg(userName));
    if (it->disabled)
        return Error(ErrorCode::Unauthorized, QStringLiteral("The user %1 is locked.").arg(userName));
    return AuthorizationSubject::user(userName, it->groups, it->admin);
}

void FakeScopeAuthorizer::allow(const QString& user, const QString& repository, const QStringList& actions)
{
    QMutexLocker lock(&m_mutex);
    m_rules.append(Rule{user, repository, actions});
}

QStringList FakeScopeAuthorizer::grant(const AuthorizationSubject& subject, const RequestedScope& scope,
                                       const QString&)
{
    if (scope.type == QLatin1String("registry"))
        return subject.administrator ? scope.actions : QStringList();
    if (subject.administrator)
        return scope.actions;
    QMutexLocker lock(&m_mutex);
    QStringList granted;
    for (const Rule& rule : m_rules) {
        const bool userMatches = subject.anonymous
                                     ? rule.user.isEmpty()
                                     : (rule.user == QLatin1String("*") || rule.user == subject.userName);
        const bool repoMatches = rule.repository == QLatin1String("*") || rule.repository == scope.name;
        if (!userMatches || !repoMatches)
            continue;
        for (const QString& action : scope.actions) {
            if (rule.actions.contains(action) && !granted.contains(action))
                granted.append(action);
        }
    }
    return granted;
}

void RecordingSink::signInSucceeded(const QString& userName, const QString&, const QString& method)
{
    QMutexLocker lock(&m_mutex);
    m_events.append(QStringLiteral("succeeded %1 %2").arg(userName, method));
}

void RecordingSink::signInFailed(const QString& userName, const QString&, const QString& method,
                                 const QString& reason)
{
    QMutexLocker lock(&m_mutex);
    m_events.append(QStringLiteral("failed %1 %2: %3").arg(userName, method, reason));
}

void RecordingSink::signInThrottled(const QString& userName, const QString&, const QString& method,
                                    qint64 retryAfterSeconds)
{
    QMutexLocker lock(&m_mutex);
    m_events.append(QStringLiteral("throttled %1 %2 %3").arg(userName, method).arg(retryAfterSeconds));
}

void RecordingSink::tokenIssued(const QString& userName, const QString&, const QVector<AccessEntry>& access)
{
    QStringList scopes;
    for (const AccessEntry& e : access)
        scopes.append(e.toScope());
    QMutexLocker lock(&m_mutex);
    m_events.append(QStringLiteral("token %1 [%2]").arg(userName, scopes.join(QLatin1Char(' '))));
}

QStringList RecordingSink::events() const
{
    QMutexLocker lock(&m_mutex);
    return m_events;
}

void RecordingSink::clear()
{
    QMutexLocker lock(&m_mutex);
    m_events.clear();
}

} // namespace berth::test
