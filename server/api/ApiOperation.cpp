#include "api/ApiOperation.h"

#include "api/ApiSchema.h"

#include <QStringList>

namespace berth {

QString ApiAccess::describe() const
{
    switch (kind) {
    case Kind::Public:
        return QStringLiteral("none (public)");
    case Kind::SignedIn:
        return QStringLiteral("any signed-in user");
    case Kind::Self:
        return QStringLiteral("the user named in the path, or an administrator");
    case Kind::Administrator:
        return QStringLiteral("membership of the Administrators group");
    case Kind::Repository:
        return IamVocabulary::permissionName(permission) + QStringLiteral(" on the repository");
    case Kind::Compartment:
        return IamVocabulary::permissionName(permission) + QStringLiteral(" in the compartment given by \"") +
               compartmentField + QStringLiteral("\"");
    }
    return QString();
}

QJsonObject ApiAccess::toJson() const
{
    static const char* const names[] = {"public",        "signed-in",  "self",
                                        "administrator", "repository", "compartment"};
    QJsonObject json{{QStringLiteral("check"), QLatin1String(names[int(kind)])},
                     {QStringLiteral("description"), describe()}};
    if (kind == Kind::Repository || kind == Kind::Compartment)
        json.insert(QStringLiteral("permission"), IamVocabulary::permissionName(permission));
    if (kind == Kind::Compartment)
        json.insert(QStringLiteral("compartmentFrom"), compartmentField);
    return json;
}

ApiOperation ApiOperation::make(const char* method, const QString& path, const QString& operationId,
                                const QString& tag, const QString& summary, ApiAccess access,
                                std::function<ApiReply(ApiCall&)> run)
{
    ApiOperation op;
    op.method = method;
    op.path = path;
    op.operationId = operationId;
    op.tag = tag;
    op.summary = summary;
    op.access = access;
    op.run = std::move(run);
    return op;
}

QString ApiOperation::routePattern() const
{
    QStringList segments = path.split(QLatin1Char('/'));
    for (QString& segment : segments) {
        if (!segment.startsWith(QLatin1Char('{')) || !segment.endsWith(QLatin1Char('}')))
            continue;
        const ApiParameter* p = parameter(segment.mid(1, segment.size() - 2));
        segment = p && p->multiSegment ? QStringLiteral("{name}") : QStringLiteral("{param}");
    }
    return segments.join(QLatin1Char('/'));
}

ApiParameter ApiParameter::repositoryName()
{
    return ApiParameter{
        QStringLiteral("name"),
        ApiParameter::In::Path,
        QStringLiteral("The repository name, e.g. team/app; its slashes are not percent-encoded."),
        ApiSchema::string(),
        true,
        true};
}

ApiParameter ApiParameter::compartmentPath()
{
    return ApiParameter{QStringLiteral("compartment"),
                        ApiParameter::In::Path,
                        QStringLiteral("The compartment's path, e.g. Apps:Backend."),
                        ApiSchema::string(),
                        true,
                        false};
}

const ApiParameter* ApiOperation::parameter(const QString& name) const
{
    for (const ApiParameter& p : parameters) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

bool ApiOperation::hasPathParameter(const QString& name) const
{
    const ApiParameter* p = parameter(name);
    return p && p->in == ApiParameter::In::Path;
}

} // namespace berth
