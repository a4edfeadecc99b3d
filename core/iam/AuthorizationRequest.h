#pragma once

#include "iam/CompartmentPath.h"
#include "iam/Permission.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace berth {

/// Who is asking. Anonymous requests match no statement at all (as in OCI, not even any-user):
/// public repositories are served by the caller before it asks the Authorizer.
struct AuthorizationSubject
{
    bool anonymous = true;
    QString userName;
    QStringList groups;         ///< the user's group names (case-sensitive)
    bool administrator = false; ///< member of the built-in Administrators group: allowed everything

    static AuthorizationSubject anonymousUser() { return AuthorizationSubject(); }
    static AuthorizationSubject user(const QString& name, const QStringList& groupNames,
                                     bool isAdministrator = false)
    {
        AuthorizationSubject s;
        s.anonymous = false;
        s.userName = name;
        s.groups = groupNames;
        s.administrator = isAdministrator;
        return s;
    }
};

/// What the request acts on: a repository (or, for listings, just a compartment).
struct AuthorizationTarget
{
    CompartmentPath compartment; ///< the repository's compartment
    QString repository;          ///< empty for compartment-level requests such as the catalog
    std::optional<QString> tag;  ///< only for requests that name a tag
};

/// Facts about the request itself.
struct RequestContext
{
    QString clientAddress; ///< as the socket reports it; IPv4-mapped IPv6 is fine
    QString userName;      ///< request.user.name; empty means the subject's user name
};

struct AuthorizationRequest
{
    AuthorizationSubject subject;
    Permission permission = Permission::RepositoryInspect;
    AuthorizationTarget target;
    RequestContext context;
};

} // namespace berth
