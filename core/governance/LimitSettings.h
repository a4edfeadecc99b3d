#pragma once

#include "governance/RegistryLimits.h"
#include "util/Result.h"

#include <QDateTime>
#include <QString>
#include <optional>

namespace berth {

class MetadataStore;

/// The limits in force and the figures they bound. The registry-wide limits are berthd's configured
/// defaults unless an administrator changed them at run time (registry_settings keys
/// "limits.repositories" and "limits.imagesPerRepository"); a repository's image limit is its own
/// (repositories.image_limit, set by an approved increase request) when that is higher.
/// Reads work anywhere; the setters must run inside MetadataStore::transaction() (they join it).
class LimitSettings
{
public:
    static inline const QString RepositoriesKey = QStringLiteral("limits.repositories");
    static inline const QString ImagesPerRepositoryKey = QStringLiteral("limits.imagesPerRepository");
    /// The names requests and the API use for the two limits.
    static inline const QString Repositories = QStringLiteral("repositories");
    static inline const QString ImagesPerRepository = QStringLiteral("imagesPerRepository");

    LimitSettings(MetadataStore& metadata, RegistryLimits defaults);

    const RegistryLimits& defaults() const { return m_defaults; }
    /// The registry-wide limits in force.
    Result<RegistryLimits> effective() const;
    Result<void> setRepositories(qint64 limit, const QString& by, const QDateTime& now);
    Result<void> setImagesPerRepository(qint64 limit, const QString& by, const QDateTime& now);

    Result<qint64> repositoryCount() const;
    /// Manifests stored in the repository (each platform manifest of an index counts).
    Result<qint64> imageCount(qint64 repositoryId) const;
    /// The repository's own limit, if it has one.
    Result<std::optional<qint64>> ownImageLimit(qint64 repositoryId) const;
    Result<void> setOwnImageLimit(qint64 repositoryId, qint64 limit);
    /// The image limit in force for the repository: its own or the registry's, whichever is higher.
    Result<qint64> imageLimit(qint64 repositoryId) const;

    /// INVALID (IamErrors) unless 1 <= value <= RegistryLimits::Maximum; `what` names the limit.
    static Result<void> validate(qint64 value, const QString& what);

private:
    Result<void> write(const QString& key, qint64 value, const QString& by, const QDateTime& now);

    MetadataStore& m_metadata;
    RegistryLimits m_defaults;
};

} // namespace berth
