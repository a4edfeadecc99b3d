#include "api/OpenApiDocument.h"

#include "api/ApiErrors.h"
#include "api/ApiSchema.h"

#include <QJsonArray>
#include <QStringList>

namespace berth {

namespace {

QJsonObject jsonContent(const QJsonObject& schema)
{
    return {{QStringLiteral("application/json"), QJsonObject{{QStringLiteral("schema"), schema}}}};
}

QString errorCodesFor(int status)
{
    QStringList codes;
    for (const ApiErrors::Entry& e : ApiErrors::all()) {
        if (e.status == status)
            codes.append(QLatin1String(e.code));
    }
    return codes.join(QStringLiteral(", "));
}

QString statusText(int status)
{
    switch (status) {
    case 200:
        return QStringLiteral("OK");
    case 201:
        return QStringLiteral("Created");
    case 202:
        return QStringLiteral("Accepted: a job was started (see Location)");
    case 204:
        return QStringLiteral("No Content");
    case 400:
        return QStringLiteral("The request is not valid");
    case 401:
        return QStringLiteral("Not signed in (see WWW-Authenticate)");
    case 403:
        return QStringLiteral("Signed in but not allowed");
    case 404:
        return QStringLiteral("Not found");
    case 409:
        return QStringLiteral("Conflicts with the current state");
    case 413:
        return QStringLiteral("Body over 1 MiB");
    case 415:
        return QStringLiteral("Body is not JSON");
    case 429:
        return QStringLiteral("Too many failed sign-ins (see Retry-After)");
    case 500:
        return QStringLiteral("Server error");
    default:
        return QStringLiteral("Status %1").arg(status);
    }
}

} // namespace

QJsonObject OpenApiDocument::build(const QList<ApiOperation>& operations, const QJsonObject& schemas)
{
    QJsonObject paths;
    for (const ApiOperation& op : operations) {
        QJsonObject operation{{QStringLiteral("operationId"), op.operationId},
                              {QStringLiteral("summary"), op.summary},
                              {QStringLiteral("tags"), QJsonArray{op.tag}},
                              {QStringLiteral("x-berth-access"), op.access.toJson()}};
        operation.insert(QStringLiteral("description"), op.summary + QStringLiteral(" Requires: ") +
                                                            op.access.describe() + QLatin1Char('.'));
        if (op.access.kind == ApiAccess::Kind::Public)
            operation.insert(QStringLiteral("security"), QJsonArray{});

        QJsonArray parameters;
        for (const ApiParameter& p : op.parameters) {
            QJsonObject parameter{{QStringLiteral("name"), p.name},
                                  {QStringLiteral("in"), p.in == ApiParameter::In::Path
                                                             ? QStringLiteral("path")
                                                             : QStringLiteral("query")},
                                  {QStringLiteral("required"), p.in == ApiParameter::In::Path || p.required},
                                  {QStringLiteral("schema"), p.schema}};
            if (!p.description.isEmpty())
                parameter.insert(QStringLiteral("description"), p.description);
            parameters.append(parameter);
        }
        if (!parameters.isEmpty())
            operation.insert(QStringLiteral("parameters"), parameters);

        if (!op.requestSchema.isEmpty())
            operation.insert(QStringLiteral("requestBody"),
                             QJsonObject{{QStringLiteral("required"), true},
                                         {QStringLiteral("content"), jsonContent(op.requestSchema)}});

        QJsonObject responses;
        QJsonObject success{{QStringLiteral("description"), statusText(op.status)}};
        if (!op.responseSchema.isEmpty())
            success.insert(QStringLiteral("content"), jsonContent(op.responseSchema));
        responses.insert(QString::number(op.status), success);

        QList<int> errors{400};
        if (op.access.kind != ApiAccess::Kind::Public)
            errors << 401 << 403 << 429;
        if (!op.requestSchema.isEmpty())
            errors << 413 << 415;
        errors << op.errorStatuses << 500;
        std::sort(errors.begin(), errors.end());
        errors.erase(std::unique(errors.begin(), errors.end()), errors.end());
        for (int status : errors) {
            QJsonObject response{
                {QStringLiteral("description"),
                 statusText(status) + QStringLiteral(" (code: ") + errorCodesFor(status) + QLatin1Char(')')},
                {QStringLiteral("content"), jsonContent(ApiSchema::ref(QStringLiteral("Error")))}};
            if (status == 401)
                response.insert(QStringLiteral("headers"),
                                QJsonObject{{QStringLiteral("WWW-Authenticate"),
                                             QJsonObject{{QStringLiteral("schema"), ApiSchema::string()}}}});
            if (status == 429)
                response.insert(QStringLiteral("headers"),
                                QJsonObject{{QStringLiteral("Retry-After"),
                                             QJsonObject{{QStringLiteral("schema"), ApiSchema::integer()}}}});
            responses.insert(QString::number(status), response);
        }
        operation.insert(QStringLiteral("responses"), responses);

        QJsonObject item = paths.value(op.path).toObject();
        item.insert(QString::fromLatin1(op.method).toLower(), operation);
        paths.insert(op.path, item);
    }

    QJsonObject allSchemas = schemas;
    QStringList codes;
    for (const ApiErrors::Entry& e : ApiErrors::all()) {
        if (!codes.contains(QLatin1String(e.code)))
            codes.append(QLatin1String(e.code));
    }
    QJsonObject error = ApiSchema::object(
        {{QStringLiteral("code"), ApiSchema::stringEnum(codes, QStringLiteral("Stable; safe to match on."))},
         {QStringLiteral("message"), ApiSchema::string(QStringLiteral("For people; may change."))},
         {QStringLiteral("detail"),
          QJsonObject{
              {QStringLiteral("type"), QStringLiteral("object")},
              {QStringLiteral("description"), QStringLiteral("Structured detail, e.g. policy problems.")}}}},
        {QStringLiteral("code"), QStringLiteral("message")});
    allSchemas.insert(QStringLiteral("Error"), error);

    return QJsonObject{
        {QStringLiteral("openapi"), QStringLiteral("3.0.3")},
        {QStringLiteral("info"),
         QJsonObject{{QStringLiteral("title"), QStringLiteral("Berth management API")},
                     {QStringLiteral("version"), QStringLiteral(BERTH_VERSION)},
                     {QStringLiteral("description"),
                      QStringLiteral("Compartments, repositories, images, identities, policies and the audit "
                                     "log of a Berth registry. Lists are paged with ?limit= and ?page=.")}}},
        {QStringLiteral("servers"), QJsonArray{QJsonObject{{QStringLiteral("url"), QStringLiteral("/")}}}},
        {QStringLiteral("security"), QJsonArray{QJsonObject{{QStringLiteral("basic"), QJsonArray{}}},
                                                QJsonObject{{QStringLiteral("bearer"), QJsonArray{}}}}},
        {QStringLiteral("paths"), paths},
        {QStringLiteral("components"),
         QJsonObject{
             {QStringLiteral("schemas"), allSchemas},
             {QStringLiteral("securitySchemes"),
              QJsonObject{{QStringLiteral("basic"),
                           QJsonObject{{QStringLiteral("type"), QStringLiteral("http")},
                                       {QStringLiteral("scheme"), QStringLiteral("basic")},
                                       {QStringLiteral("description"),
                                        QStringLiteral("User name with a password or an auth token.")}}},
                          {QStringLiteral("bearer"),
                           QJsonObject{{QStringLiteral("type"), QStringLiteral("http")},
                                       {QStringLiteral("scheme"), QStringLiteral("bearer")},
                                       {QStringLiteral("bearerFormat"), QStringLiteral("JWT")}}}}}}}};
}

} // namespace berth
