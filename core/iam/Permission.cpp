#include "iam/Permission.h"

#include <QVector>

namespace berth {
namespace IamVocabulary {

QString permissionName(Permission permission)
{
    switch (permission) {
    case Permission::RepositoryInspect:
        return QStringLiteral("REPOSITORY_INSPECT");
    case Permission::RepositoryRead:
        return QStringLiteral("REPOSITORY_READ");
    case Permission::RepositoryUpdate:
        return QStringLiteral("REPOSITORY_UPDATE");
    case Permission::RepositoryCreate:
        return QStringLiteral("REPOSITORY_CREATE");
    case Permission::RepositoryDelete:
        return QStringLiteral("REPOSITORY_DELETE");
    case Permission::RepositoryManage:
        return QStringLiteral("REPOSITORY_MANAGE");
    }
    return QString();
}

std::optional<Permission> permissionFromName(QStringView name)
{
    for (Permission p : allPermissions()) {
        if (name.compare(permissionName(p), Qt::CaseInsensitive) == 0)
            return p;
    }
    return std::nullopt;
}

QString verbName(Verb verb)
{
    switch (verb) {
    case Verb::Inspect:
        return QStringLiteral("inspect");
    case Verb::Read:
        return QStringLiteral("read");
    case Verb::Use:
        return QStringLiteral("use");
    case Verb::Manage:
        return QStringLiteral("manage");
    }
    return QString();
}

std::optional<Verb> verbFromName(QStringView name)
{
    for (Verb v : {Verb::Inspect, Verb::Read, Verb::Use, Verb::Manage}) {
        if (name.compare(verbName(v), Qt::CaseInsensitive) == 0)
            return v;
    }
    return std::nullopt;
}

QString resourceTypeName(ResourceType type)
{
    return type == ResourceType::Repos ? QStringLiteral("repos") : QStringLiteral("all-resources");
}

std::optional<ResourceType> resourceTypeFromName(QStringView name)
{
    if (name.compare(QLatin1String("repos"), Qt::CaseInsensitive) == 0 ||
        name.compare(QLatin1String("repositories"), Qt::CaseInsensitive) == 0)
        return ResourceType::Repos;
    if (name.compare(QLatin1String("all-resources"), Qt::CaseInsensitive) == 0)
        return ResourceType::AllResources;
    return std::nullopt;
}

QString knownResourceTypesText()
{
    return QStringLiteral("repos (or repositories) and all-resources");
}

ResourceType resourceTypeOf(Permission)
{
    return ResourceType::Repos;
}

Verb minimumVerb(Permission permission)
{
    switch (permission) {
    case Permission::RepositoryInspect:
        return Verb::Inspect;
    case Permission::RepositoryRead:
        return Verb::Read;
    case Permission::RepositoryUpdate:
        return Verb::Use;
    case Permission::RepositoryCreate:
    case Permission::RepositoryDelete:
    case Permission::RepositoryManage:
        return Verb::Manage;
    }
    return Verb::Manage;
}

bool grants(Verb verb, ResourceType type, Permission permission)
{
    if (type != ResourceType::AllResources && type != resourceTypeOf(permission))
        return false;
    return static_cast<int>(verb) >= static_cast<int>(minimumVerb(permission));
}

quint32 grantedMask(Verb verb, ResourceType type)
{
    quint32 mask = 0;
    for (Permission p : allPermissions()) {
        if (grants(verb, type, p))
            mask |= 1u << static_cast<int>(p);
    }
    return mask;
}

const QVector<Permission>& allPermissions()
{
    static const QVector<Permission> all{Permission::RepositoryInspect, Permission::RepositoryRead,
                                         Permission::RepositoryUpdate,  Permission::RepositoryCreate,
                                         Permission::RepositoryDelete,  Permission::RepositoryManage};
    return all;
}

} // namespace IamVocabulary
} // namespace berth
