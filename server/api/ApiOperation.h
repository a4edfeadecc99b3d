#pragma once

#include "api/ApiReply.h"
#include "iam/Permission.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <functional>

namespace berth {

class ApiCall;

/// Who may call an operation; the handler checks it through the AccessGate before the operation runs.
struct ApiAccess
{
    enum class Kind
    {
        Public,        ///< no check at all (only the OpenAPI description itself)
        SignedIn,      ///< any signed-in user
        Self,          ///< the user named by the {user} path parameter, or an administrator
        Administrator, ///< members of the built-in Administrators group
        Repository,    ///< `permission` on the repository named by the {name} path parameter
        Compartment,   ///< `permission` on the compartment named by `compartmentField`
    };
    Kind kind = Kind::Administrator;
    Permission permission = Permission::RepositoryInspect;
    /// For Compartment: the query parameter (GET, DELETE) or body field (POST, PATCH) naming the
    /// compartment, "A:B" with "" or absent meaning the tenancy.
    QString compartmentField;

    static ApiAccess publicAccess() { return {Kind::Public, Permission::RepositoryInspect, {}}; }
    static ApiAccess signedIn() { return {Kind::SignedIn, Permission::RepositoryInspect, {}}; }
    static ApiAccess self() { return {Kind::Self, Permission::RepositoryInspect, {}}; }
    static ApiAccess administrator() { return {Kind::Administrator, Permission::RepositoryInspect, {}}; }
    static ApiAccess repository(Permission p) { return {Kind::Repository, p, {}}; }
    static ApiAccess compartment(Permission p, const QString& field) { return {Kind::Compartment, p, field}; }

    /// "REPOSITORY_INSPECT on the repository", "administrator"... for the description.
    QString describe() const;
    /// The machine-readable form in the description (x-berth-access).
    QJsonObject toJson() const;
};

/// A path or query parameter.
struct ApiParameter
{
    enum class In
    {
        Path,
        Query
    };
    QString name;
    In in = In::Query;
    QString description;
    QJsonObject schema;
    bool required = false;
    /// For a path parameter: routed as the pattern's {name}, which may span several segments ("team/app").
    /// At most one per path; the other path parameter is a single segment.
    bool multiSegment = false;

    /// The {name} path parameter of repository operations ("team/app", slashes as they are).
    static ApiParameter repositoryName();
    /// The {compartment} path parameter ("Apps:Backend").
    static ApiParameter compartmentPath();
};

/// One operation of the management API: the row of the route table and its description, from which
/// /api/v1/openapi.json is generated.
struct ApiOperation
{
    QByteArray method;
    QString path; ///< as OpenAPI writes it, e.g. "/api/v1/repositories/{name}/images/{digest}"
    QString operationId;
    QString tag;
    QString summary;
    ApiAccess access;
    QList<ApiParameter> parameters; ///< path parameters in the order they appear, then query ones
    QJsonObject requestSchema;      ///< empty: no request body
    int status = 200;               ///< of a successful answer
    QJsonObject responseSchema;     ///< empty: no response body (204)
    QList<int> errorStatuses;       ///< the error statuses it documents besides 400/401/403/429/500
    std::function<ApiReply(ApiCall&)> run;

    static ApiOperation make(const char* method, const QString& path, const QString& operationId,
                             const QString& tag, const QString& summary, ApiAccess access,
                             std::function<ApiReply(ApiCall&)> run);

    /// The Router pattern: the multi-segment path parameter becomes {name}, the other one {param}.
    QString routePattern() const;
    const ApiParameter* parameter(const QString& name) const;
    bool hasPathParameter(const QString& name) const;
};

} // namespace berth
