#pragma once

#include "iam/CompartmentPath.h"
#include "oci/Digest.h"
#include "util/Result.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace berth {

class MetadataStore;

/// A repository as the management API and the console list it.
struct RepositorySummary
{
    QString name;
    CompartmentPath compartment;
    bool isPublic = false;
    QDateTime createdAt;
    QDateTime lastPushAt; ///< null when nothing was pushed
    QDateTime lastPullAt; ///< null when never pulled
    qint64 manifestCount = 0;
    qint64 tagCount = 0;
    qint64 size = -1;    ///< bytes stored (ImageCatalog::repositoriesIn fills it); -1 = not computed
    QString description; ///< plain text set by RegistryService::setRepositoryDescription ("" when none)
};

/// One manifest of a repository with what it is and the tags that point at it.
struct ImageSummary
{
    enum class Kind
    {
        Image,    ///< an image manifest with an image config
        Index,    ///< an OCI index or Docker manifest list
        Artifact, ///< an image manifest whose artifact type is not an image config
        Helm,     ///< a Helm chart (config application/vnd.cncf.helm.config.v1+json)
    };
    Digest digest;
    QString mediaType;
    QString artifactType;
    Kind kind = Kind::Image;
    qint64 size = 0;  ///< of the manifest itself
    QStringList tags; ///< in byte order
    std::optional<Digest> subject;
    QDateTime pushedAt;
    QDateTime lastPulledAt; ///< null when never pulled

    /// "image", "index", "artifact", "helm".
    static QString kindName(Kind kind);
    /// What a manifest of this media type and effective artifact type is.
    static Kind kindOf(const QString& mediaType, const QString& artifactType);
};

/// Read-only queries over the metadata for listings (repositories with their compartment, manifests with
/// their tags) that RegistryService does not answer itself. Reads only; thread-safe like MetadataStore.
class RepositoryCatalog
{
public:
    explicit RepositoryCatalog(MetadataStore& metadata);

    /// Every repository, in byte order of its name.
    Result<QList<RepositorySummary>> repositories() const;
    /// One repository; nullopt when it does not exist.
    Result<std::optional<RepositorySummary>> repository(const QString& name) const;
    /// The repositories of one compartment (not of its children), in byte order of their name; NameUnknown
    /// (IamErrors NOT_FOUND) when the compartment does not exist.
    Result<QList<RepositorySummary>> repositoriesIn(const CompartmentPath& compartment) const;
    /// Every compartment's path by its database row id (the tenancy is row 1, the empty path).
    Result<QHash<qint64, CompartmentPath>> compartmentPaths() const;
    /// The repository's manifests, newest push first (then by digest); NameUnknown when the repository
    /// does not exist.
    Result<QList<ImageSummary>> images(const QString& repository) const;

private:
    Result<QList<RepositorySummary>> query(const QString& where, const QVariantList& values) const;

    MetadataStore& m_metadata;
};

} // namespace berth
