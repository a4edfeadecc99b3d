#pragma once

#include "auth/AccessGate.h"

#include <QMutex>
#include <QSet>
#include <QStringList>

namespace berth {
class RegistryService;
}

namespace berth::test {

/// An AccessGate for the management API tests. Who is asking comes from the "X-Test-User" header
/// (absent: anonymous); "X-Test-User: !bad" stands for wrong credentials (401), the user "throttled" is
/// always throttled (429 with Retry-After). Administrators are allowed everything; other users only
/// what allow() granted, on a repository by name or on a compartment and everything below it. Every
/// check is logged ("repository REPOSITORY_DELETE team/app", "compartment REPOSITORY_INSPECT A:B",
/// "administrator", "authenticate") so tests can see which permission a route asked for.
class FakeAccessGate final : public AccessGate
{
public:
    static constexpr const char* Challenge = "Basic realm=\"berth-test\"";

    explicit FakeAccessGate(RegistryService* registry = nullptr);

    void setAdministrators(const QStringList& users);
    void allowRepository(const QString& user, Permission permission, const QString& repository);
    void allowCompartment(const QString& user, Permission permission, const CompartmentPath& compartment);
    /// canInspect says no for this repository even when a grant covers it (listings must filter).
    void hideRepository(const QString& user, const QString& repository);
    /// Forgets grants and hidden repositories.
    void clearGrants();
    QStringList takeLog();

    AccessOutcome authenticate(const HttpRequest& request) override;
    AccessOutcome authorizeRepository(const HttpRequest& request, Permission permission,
                                      const QString& repository) override;
    AccessOutcome authorizeCompartment(const HttpRequest& request, Permission permission,
                                       const CompartmentPath& compartment) override;
    AccessOutcome requireAdministrator(const HttpRequest& request) override;
    bool canInspect(const AuthorizationSubject& subject, const QString& repository,
                    const QString& clientAddress) override;

private:
    struct Grant
    {
        QString user;
        Permission permission;
        QString repository;          ///< empty: a compartment grant
        CompartmentPath compartment; ///< for compartment grants: this one and below
    };
    bool granted(const AuthorizationSubject& subject, Permission permission, const QString& repository,
                 const CompartmentPath& compartment) const;
    CompartmentPath compartmentOf(const QString& repository) const;
    void log(const QString& entry);

    RegistryService* m_registry;
    mutable QMutex m_mutex;
    QSet<QString> m_administrators;
    QList<Grant> m_grants;
    QSet<QString> m_hidden; ///< "user repository"
    QStringList m_log;
};

} // namespace berth::test
