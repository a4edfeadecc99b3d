#pragma once

#include <Qt>

namespace berth {

/// Item data roles shared by the console's models, so views and tests ask them the same way.
namespace ConsoleRoles {
enum Role
{
    KindRole = Qt::UserRole + 1, ///< NavigationModel: NodeKind; ImageTableModel: ImageSummary::Kind as int
    CompartmentPathRole,         ///< QString "A:B" ("" = the tenancy)
    RepositoryRole,              ///< QString repository name
    TagRole,                     ///< QString (empty for untagged rows)
    DigestRole,                  ///< QString "sha256:..."
    SortRole,                    ///< a value that sorts the column properly (bytes, msecs since epoch)
    PullCommandRole,             ///< QString "docker pull HOST/REPO:TAG" (needs the host: see setRegistryHost)
    JobIdRole,                   ///< quint64
};
}

/// What a NavigationModel node is.
enum class NodeKind
{
    Tenancy,
    Compartment,
    Repository,
};

/// MIME type of a repository dragged in the console (the payload is its name in UTF-8).
inline constexpr const char* RepositoryMimeType = "application/x-berth-repository";
/// MIME type of a compartment dragged in the console (the payload is its path "A:B").
inline constexpr const char* CompartmentMimeType = "application/x-berth-compartment";

} // namespace berth
