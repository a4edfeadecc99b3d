#include "FakeAccessGate.h"

#include "registry/RegistryService.h"

namespace berth::test {

namespace {

AccessOutcome unauthorized(const QString& message)
{
    AccessOutcome o;
    o.kind = AccessOutcome::Kind::Unauthorized;
    o.message = message;
    o.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray(FakeAccessGate::Challenge)));
    return o;
}

AccessOutcome denied(const AuthorizationSubject& subject, const QString& message)
{
    AccessOutcome o;
    o.kind = AccessOutcome::Kind::Denied;
    o.subject = subject;
    o.message = message;
    o.reason = QStringLiteral("no grant in the test table");
    return o;
}

AccessOutcome allowed(const AuthorizationSubject& subject)
{
    AccessOutcome o;
    o.kind = AccessOutcome::Kind::Allowed;
    o.subject = subject;
    o.reason = QStringLiteral("test grant");
    return o;
}

} // namespace

FakeAccessGate::FakeAccessGate(RegistryService* registry) : m_registry(registry) {}

void FakeAccessGate::setAdministrators(const QStringList& users)
{
    QMutexLocker lock(&m_mutex);
    m_administrators = QSet<QString>(users.begin(), users.end());
}

void FakeAccessGate::allowRepository(const QString& user, Permission permission, const QString& repository)
{
    QMutexLocker lock(&m_mutex);
    m_grants.append(Grant{user, permission, repository, {}});
}

void FakeAccessGate::allowCompartment(const QString& user, Permission permission,
                                      const CompartmentPath& compartment)
{
    QMutexLocker lock(&m_mutex);
    m_grants.append(Grant{user, permission, QString(), compartment});
}

void FakeAccessGate::hideRepository(const QString& user, const QString& repository)
{
    QMutexLocker lock(&m_mutex);
    m_hidden.insert(user + QLatin1Char(' ') + repository);
}

void FakeAccessGate::clearGrants()
{
    QMutexLocker lock(&m_mutex);
    m_grants.clear();
    m_hidden.clear();
}

QStringList FakeAccessGate::takeLog()
{
    QMutexLocker lock(&m_mutex);
    QStringList log;
    log.swap(m_log);
    return log;
}

void FakeAccessGate::log(const QString& entry)
{
    QMutexLocker lock(&m_mutex);
    m_log.append(entry);
}

AccessOutcome FakeAccessGate::authenticate(const HttpRequest& request)
{
    log(QStringLiteral("authenticate"));
    QString user = QString::fromUtf8(request.header("X-Test-User"));
    // Clients that sign in with HTTP Basic (berthctl's ApiClient) are taken at their user name; any password.
    const QByteArray authorization = request.header("Authorization");
    if (user.isEmpty() && authorization.startsWith("Basic "))
        user =
            QString::fromUtf8(QByteArray::fromBase64(authorization.mid(6))).section(QLatin1Char(':'), 0, 0);
    if (user.isEmpty())
        return allowed(AuthorizationSubject::anonymousUser());
    if (user == QLatin1String("!bad"))
        return unauthorized(QStringLiteral("The user name or password is wrong."));
    if (user == QLatin1String("throttled")) {
        AccessOutcome o;
        o.kind = AccessOutcome::Kind::Throttled;
        o.message = QStringLiteral("Too many failed sign-ins; try again in 30 seconds.");
        o.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("30")));
        return o;
    }
    QMutexLocker lock(&m_mutex);
    const bool admin = m_administrators.contains(user);
    return allowed(AuthorizationSubject::user(
        user, admin ? QStringList{QStringLiteral("Administrators")} : QStringList{}, admin));
}

CompartmentPath FakeAccessGate::compartmentOf(const QString& repository) const
{
    if (!m_registry)
        return CompartmentPath::tenancy();
    auto compartment = m_registry->repositoryCompartment(repository);
    return compartment ? compartment.value() : CompartmentPath::tenancy();
}

bool FakeAccessGate::granted(const AuthorizationSubject& subject, Permission permission,
                             const QString& repository, const CompartmentPath& compartment) const
{
    if (subject.administrator)
        return true;
    QMutexLocker lock(&m_mutex);
    for (const Grant& g : m_grants) {
        if (g.user != subject.userName || g.permission != permission)
            continue;
        if (!g.repository.isEmpty() ? g.repository == repository : g.compartment.contains(compartment))
            return true;
    }
    return false;
}

AccessOutcome FakeAccessGate::authorizeRepository(const HttpRequest& request, Permission permission,
                                                  const QString& repository)
{
    AccessOutcome who = authenticate(request);
    log(QStringLiteral("repository %1 %2").arg(IamVocabulary::permissionName(permission), repository));
    if (!who.allowed())
        return who;
    if (who.subject.anonymous)
        return unauthorized(QStringLiteral("Sign in to do this."));
    if (granted(who.subject, permission, repository, compartmentOf(repository)))
        return allowed(who.subject);
    return denied(who.subject,
                  QStringLiteral("%1 may not %2 on repository %3.")
                      .arg(who.subject.userName, IamVocabulary::permissionName(permission), repository));
}

AccessOutcome FakeAccessGate::authorizeCompartment(const HttpRequest& request, Permission permission,
                                                   const CompartmentPath& compartment)
{
    AccessOutcome who = authenticate(request);
    log(QStringLiteral("compartment %1 %2")
            .arg(IamVocabulary::permissionName(permission), compartment.toString()));
    if (!who.allowed())
        return who;
    if (who.subject.anonymous)
        return unauthorized(QStringLiteral("Sign in to do this."));
    if (granted(who.subject, permission, QString(), compartment))
        return allowed(who.subject);
    return denied(who.subject, QStringLiteral("%1 may not %2 in %3.")
                                   .arg(who.subject.userName, IamVocabulary::permissionName(permission),
                                        compartment.describe()));
}

AccessOutcome FakeAccessGate::requireAdministrator(const HttpRequest& request)
{
    AccessOutcome who = authenticate(request);
    log(QStringLiteral("administrator"));
    if (!who.allowed())
        return who;
    if (who.subject.anonymous)
        return unauthorized(QStringLiteral("Sign in to do this."));
    if (who.subject.administrator)
        return who;
    return denied(who.subject, QStringLiteral("Only administrators may do this."));
}

bool FakeAccessGate::canInspect(const AuthorizationSubject& subject, const QString& repository,
                                const QString&)
{
    if (subject.anonymous)
        return false;
    {
        QMutexLocker lock(&m_mutex);
        if (m_hidden.contains(subject.userName + QLatin1Char(' ') + repository))
            return false;
    }
    return granted(subject, Permission::RepositoryInspect, repository, compartmentOf(repository));
}

} // namespace berth::test
