#pragma once

#include "iam/CompartmentPath.h"
#include "oci/Descriptor.h"
#include "oci/Digest.h"
#include "registry/RepositoryCatalog.h"
#include "util/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

namespace berth {

class RegistryService;

/// One row of a repository's listing: a tag and the manifest it points at, or (tag empty) a manifest no
/// tag points at.
struct TagRow
{
    QString tag; ///< empty for an untagged manifest
    Digest digest;
    QString mediaType;
    QString artifactType;
    ImageSummary::Kind kind = ImageSummary::Kind::Image;
    qint64 manifestSize = 0;
    qint64 imageSize = 0;   ///< manifest + config + layers; for an index, the sum over its children
    QStringList platforms;  ///< "linux/amd64", "linux/arm64/v8" for an index; the config's for an image
    QDateTime pushedAt;     ///< when the manifest was pushed
    QDateTime taggedAt;     ///< when the tag last moved (null for untagged rows)
    QDateTime lastPulledAt; ///< null when never pulled
};

/// A page of rows in byte order of the tag; `more` says there is a next page (ask with after = the last
/// tag of this page). Untagged manifests come through untaggedRows().
struct TagRowPage
{
    QList<TagRow> rows;
    bool more = false;
};

/// One layer (or any blob) of an image manifest.
struct LayerInfo
{
    Digest digest;
    QString mediaType;
    qint64 size = 0;
};

/// One entry of an index: a platform's manifest (or an attestation and the like).
struct PlatformEntry
{
    Digest digest;
    QString mediaType;
    qint64 size = 0;
    QString os;
    QString architecture;
    QString variant;
    QString osVersion;
    /// "linux/arm64/v8"; "unknown/unknown" entries (BuildKit attestations) are kept and shown as such.
    QString platform() const;
};

/// What an image config says that a person wants to see.
struct ImageConfigInfo
{
    QString os;
    QString architecture;
    QString variant;
    QDateTime created;
    QStringList entrypoint;
    QStringList cmd;
    QStringList env;
    QString workingDir;
    QString user;
    QList<QPair<QString, QString>> labels; ///< in key order
    QStringList exposedPorts;
    struct HistoryEntry
    {
        QDateTime created;
        QString createdBy;
        QString comment;
        bool emptyLayer = false;
    };
    QList<HistoryEntry> history;
};

/// What a Helm chart's config says.
struct HelmChartInfo
{
    QString name;
    QString version;
    QString appVersion;
    QString description;
    QString apiVersion;
    QString type;
};

/// Everything the console shows about one manifest.
struct ImageDetail
{
    QString repository;
    Digest digest;
    QString mediaType;
    QString artifactType;
    ImageSummary::Kind kind = ImageSummary::Kind::Image;
    QByteArray manifest; ///< the exact stored bytes
    qint64 manifestSize = 0;
    qint64 imageSize = 0;
    QStringList tags;
    QDateTime pushedAt;
    QDateTime lastPulledAt;
    std::optional<Digest> subject;
    QList<QPair<QString, QString>> annotations;

    QList<PlatformEntry> platforms;             ///< Index: its entries, in manifest order
    std::optional<LayerInfo> config;            ///< image manifests: the config descriptor
    QByteArray configBytes;                     ///< the config blob when it is JSON under 4 MiB, else empty
    std::optional<ImageConfigInfo> imageConfig; ///< Image kind
    std::optional<HelmChartInfo> helmChart;     ///< Helm kind
    QList<LayerInfo> layers;
    QList<Descriptor> referrers; ///< manifests whose subject is this one
};

/// A match of RegistrySearch: a repository (tag empty) or a tag of one.
struct SearchHit
{
    QString repository;
    CompartmentPath compartment;
    QString tag;
    Digest digest; ///< for tag hits
};

/// Read-only queries behind the console's browsing: paged rows of a repository's tags, the untagged
/// manifests, one manifest in detail, and search across compartments. Reads only; thread-safe; meant
/// to run off the GUI thread. A repository of 100,000 tags is read a page at a time (each page is one
/// indexed query plus the manifests it shows), never whole.
///
/// A page costs one query for its rows, one for the blob sizes of the distinct manifests it shows (and
/// one per level of index children). Platforms come from the manifest bytes (an index's entries) or an
/// image's config blob (read when under 4 MiB); they are cached per digest in memory (content never
/// changes under a digest), so a page whose manifests were seen before reads no file at all. Helm
/// charts and other artifacts have no platforms and are never read for a page.
class ImageCatalog
{
public:
    explicit ImageCatalog(RegistryService& registry);

    /// Up to `limit` rows of tags after `after` (exclusive; empty = from the start). NameUnknown when the
    /// repository does not exist.
    Result<TagRowPage> tagRows(const QString& repository, int limit, const QString& after = QString()) const;
    /// Manifests no tag points at, newest push first, except children of an index of this repository
    /// and referrers (they show under their index / subject); at most `limit`.
    Result<QList<TagRow>> untaggedRows(const QString& repository, int limit) const;
    /// ManifestUnknown when the repository does not hold the manifest.
    Result<ImageDetail> detail(const QString& repository, const Digest& digest) const;
    /// Repositories whose name contains `text` and tags that contain it (case-insensitive), at most
    /// `limit` hits, repositories first, then tags ordered by repository and tag.
    Result<QList<SearchHit>> search(const QString& text, int limit) const;
    /// The repositories of one compartment (not its children), with sizes.
    Result<QList<RepositorySummary>> repositoriesIn(const CompartmentPath& compartment) const;
    /// Bytes of the distinct blobs the repository holds plus its manifests.
    Result<qint64> repositorySize(const QString& repository) const;

    /// How many digests' platforms the in-memory cache keeps (platforms never change for a digest).
    static constexpr int PlatformCacheSize = 20'000;

private:
    struct Cache;
    /// Sets imageSize and platforms of the rows; `manifestIds` are the rows' manifest row ids.
    Result<void> complete(const QString& repository, qint64 repositoryId, QList<TagRow>& rows,
                          const QList<qint64>& manifestIds) const;
    /// The platforms a row shows: from the cache, else read from its index or its image config.
    QStringList platformsOf(const QString& repository, const TagRow& row) const;

    RegistryService& m_registry;
    std::shared_ptr<Cache> m_cache;
};

} // namespace berth

// Rows move in memory as plain bytes (every member is an implicitly shared Qt value), so lists of
// 100,000 rows grow and insert without copying each row.
Q_DECLARE_TYPEINFO(berth::TagRow, Q_RELOCATABLE_TYPE);
