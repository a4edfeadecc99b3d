#pragma once

#include "auth/RequestedScope.h"
#include "iam/AuthorizationRequest.h"

#include <QString>
#include <QStringList>

namespace berth {

/// Policy as token authentication sees it: which of the requested actions a subject may have.
/// Implementations must be thread-safe (called from the HTTP worker threads).
class ScopeAuthorizer
{
public:
    virtual ~ScopeAuthorizer() = default;

    /// The subset of scope.actions the subject is allowed ("pull,push" asked, policy allows pull:
    /// returns {"pull"}). "*" may be returned when asked and allowed in full. The subject may be
    /// anonymous (for public repositories, grant "pull"). Scope types are "repository" (name is a
    /// valid repository name) and "registry" (name "catalog", action "*").
    virtual QStringList grant(const AuthorizationSubject& subject, const RequestedScope& scope,
                              const QString& clientAddress) = 0;
};

} // namespace berth
