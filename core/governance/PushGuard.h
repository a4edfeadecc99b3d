#pragma once

#include "governance/LimitSettings.h"
#include "oci/Digest.h"

#include <QStringList>
#include <optional>

namespace berth {

/// The governance checks RegistryService makes inside its write transactions, so that concurrent pushes
/// cannot overshoot a limit (transactions are serialized): a new repository against the registry's
/// repository limit, a new manifest against the repository's image limit, and moving or deleting a tag
/// against the repository's tag immutability. A refusal is LimitExceeded or TagImmutable with a
/// message naming the limit, the current figure and what to do; a push that brings a figure to 80% of
/// its limit or more adds a warning.
class PushGuard
{
public:
    PushGuard(MetadataStore& metadata, RegistryLimits defaults);

    /// Before creating repository `name` (which does not exist yet).
    Result<void> admitRepository(const QString& name, QStringList* warnings);
    /// Before storing a manifest the repository does not hold yet.
    Result<void> admitManifest(qint64 repositoryId, const QString& repository, QStringList* warnings);
    /// Before pointing `tag` at `next`; `current` is what it names now (nothing for a new tag).
    Result<void> admitTagMove(qint64 repositoryId, const QString& repository, const QString& tag,
                              const std::optional<Digest>& current, const Digest& next);
    /// Before deleting `tag`, or (with an empty tag) before deleting manifest `digest` that `tags` name.
    Result<void> admitTagDelete(qint64 repositoryId, const QString& repository, const QStringList& tags,
                                const Digest& digest);

    /// The texts the checks use, shared with the API's figures.
    static QString repositoriesWarning(qint64 count, qint64 limit);
    static QString imagesWarning(const QString& repository, qint64 count, qint64 limit);

private:
    LimitSettings m_settings;
    MetadataStore& m_metadata;
};

} // namespace berth
