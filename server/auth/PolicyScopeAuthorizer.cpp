#include "auth/PolicyScopeAuthorizer.h"

#include "auth/RepositoryAuthorizer.h"

namespace berth {

bool PolicyScopeAuthorizer::allows(const AuthorizationSubject& subject, const QString& action,
                                   const QString& repository, const QString& clientAddress)
{
    Permission permission = Permission::RepositoryRead;
    if (action == QLatin1String("push"))
        permission = m_repositories.pushPermission(repository);
    else if (action == QLatin1String("delete"))
        permission = Permission::RepositoryDelete;
    else if (action != QLatin1String("pull"))
        return false;
    return m_repositories.decide(subject, permission, repository, clientAddress).allowed;
}

QStringList PolicyScopeAuthorizer::grant(const AuthorizationSubject& subject, const RequestedScope& scope,
                                         const QString& clientAddress)
{
    if (scope.type == QLatin1String("registry")) {
        if (scope.name == QLatin1String("catalog") && !subject.anonymous &&
            scope.actions.contains(QStringLiteral("*")))
            return {QStringLiteral("*")};
        return {};
    }
    if (scope.type != QLatin1String("repository"))
        return {};
    QStringList granted;
    for (const QString& action : scope.actions) {
        if (action == QLatin1String("*")) {
            const QStringList all = {QStringLiteral("pull"), QStringLiteral("push"),
                                     QStringLiteral("delete")};
            bool every = true;
            for (const QString& a : all)
                every = every && allows(subject, a, scope.name, clientAddress);
            if (every)
                granted.append(action);
            continue;
        }
        if (allows(subject, action, scope.name, clientAddress))
            granted.append(action);
    }
    return granted;
}

} // namespace berth
