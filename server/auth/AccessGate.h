#pragma once

#include "http/HttpRequest.h"
#include "iam/AuthorizationRequest.h"
#include "iam/CompartmentPath.h"
#include "iam/Permission.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVector>

namespace berth {

/// What the gate decided about one request.
struct AccessOutcome
{
    enum class Kind
    {
        Allowed,      ///< go ahead; subject says who
        Unauthorized, ///< 401: no or wrong credentials; headers carry the WWW-Authenticate challenge
        Denied,       ///< 403 DENIED: signed in but not allowed; message says why
        Throttled,    ///< 429 TOOMANYREQUESTS: too many failed sign-ins; headers carry Retry-After
    };
    Kind kind = Kind::Unauthorized;
    AuthorizationSubject subject;
    QString message;                              ///< for the client, plain English
    QString reason;                               ///< the statement that allowed it, or why none did
    QList<QPair<QByteArray, QByteArray>> headers; ///< to add to the response

    bool allowed() const { return kind == Kind::Allowed; }
};

/// The one place that decides who a request comes from and whether policy lets them do what a route
/// needs: authentication (Basic with a password or auth token, Bearer JWT), authorization through the
/// policies of the target's compartment and its ancestors, public repositories, and the audit trail
/// of every decision. Routes of /v2 and /api/v1 both go through it. Thread-safe.
class AccessGate
{
public:
    virtual ~AccessGate() = default;

    /// Who is asking, checking credentials only. Unauthorized when credentials are given but wrong;
    /// Allowed with an anonymous subject when none are given.
    virtual AccessOutcome authenticate(const HttpRequest& request) = 0;
    /// Authenticates and checks `permission` on a repository (its compartment is looked up; a
    /// repository that does not exist yet is checked against the tenancy, where first pushes land).
    virtual AccessOutcome authorizeRepository(const HttpRequest& request, Permission permission,
                                              const QString& repository) = 0;
    /// Authenticates and checks `permission` on a compartment (for listings and creation in it).
    virtual AccessOutcome authorizeCompartment(const HttpRequest& request, Permission permission,
                                               const CompartmentPath& compartment) = 0;
    /// Authenticates and requires membership of the built-in Administrators group (user, group,
    /// policy, network source and compartment management).
    virtual AccessOutcome requireAdministrator(const HttpRequest& request) = 0;
    /// For filtering listings: may `subject` inspect this repository?
    virtual bool canInspect(const AuthorizationSubject& subject, const QString& repository,
                            const QString& clientAddress) = 0;
    /// canInspect() for many repositories at once (element i answers for repositories[i]).
    virtual QVector<bool> canInspectEach(const AuthorizationSubject& subject, const QStringList& repositories,
                                         const QString& clientAddress)
    {
        QVector<bool> answers;
        answers.reserve(repositories.size());
        for (const QString& repository : repositories)
            answers.append(canInspect(subject, repository, clientAddress));
        return answers;
    }
};

} // namespace berth
