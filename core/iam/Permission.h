#pragma once

#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

namespace berth {

/// What a request wants to do, named after OCI Container Registry's permissions
/// (REPOSITORY_INSPECT ... REPOSITORY_MANAGE). Each route needs exactly one.
enum class Permission
{
    RepositoryInspect, ///< list repositories, their tags and metadata; the catalog
    RepositoryRead,    ///< pull manifests and blobs
    RepositoryUpdate,  ///< push into an existing repository (tag writes are part of a push)
    RepositoryCreate,  ///< create a repository, including by its first push
    RepositoryDelete,  ///< delete repositories, manifests, tags and blobs
    RepositoryManage,  ///< move a repository, make it public, configure it
};
constexpr int PermissionCount = 6;

/// The four policy verbs; each grants everything the previous one grants and more.
enum class Verb
{
    Inspect = 0,
    Read = 1,
    Use = 2,
    Manage = 3
};

/// Policy resource types. `repositories` is accepted as an alias of `repos` when parsing.
enum class ResourceType
{
    Repos,
    AllResources
};

/// Vocabulary of the policy language: names, parsing, and what each verb grants.
namespace IamVocabulary {

/// "REPOSITORY_READ" etc., as OCI names them.
QString permissionName(Permission permission);
/// Parses "REPOSITORY_READ" (case-insensitive).
std::optional<Permission> permissionFromName(QStringView name);
/// "inspect", "read", "use", "manage".
QString verbName(Verb verb);
std::optional<Verb> verbFromName(QStringView name);
/// "repos" or "all-resources".
QString resourceTypeName(ResourceType type);
/// Accepts repos, repositories and all-resources, case-insensitively.
std::optional<ResourceType> resourceTypeFromName(QStringView name);
/// The names accepted by resourceTypeFromName, for error messages.
QString knownResourceTypesText();

/// The resource type a permission belongs to (all current permissions are on repos).
ResourceType resourceTypeOf(Permission permission);
/// The weakest verb that grants the permission on its resource type.
Verb minimumVerb(Permission permission);
/// Whether `verb` on `type` grants `permission`.
bool grants(Verb verb, ResourceType type, Permission permission);
/// Bit i set when the verb on the type grants Permission(i).
quint32 grantedMask(Verb verb, ResourceType type);
/// Every permission, in declaration order.
const QVector<Permission>& allPermissions();

} // namespace IamVocabulary
} // namespace berth
