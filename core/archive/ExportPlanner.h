#pragma once

#include "archive/ExportPlan.h"
#include "archive/ExportPlatform.h"
#include "archive/ImageExporter.h"
#include "oci/Manifest.h"
#include "registry/RegistryTypes.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

namespace berth {

class Reference;

/// Works out what ImageExporter writes: resolves each item to its manifest in the registry and
/// collects every blob it needs (for OCI archives the whole tree of an index, for Docker archives
/// the one image for the chosen platform), checking each is stored with the size its manifest gives.
/// Reads only; nothing is written.
class ExportPlanner
{
    Q_DECLARE_TR_FUNCTIONS(ExportPlanner)

public:
    ExportPlanner(RegistryService& registry, ExportFormat format, ExportPlatform platform);

    /// ManifestUnknown / NameUnknown when the item is not in the registry; Unsupported when a Docker
    /// archive cannot hold it (no image for the platform, not a container image).
    Result<void> add(const ExportItem& item);
    const ExportPlan& plan() const { return m_plan; }

    /// The index.json of the archive.
    QByteArray indexJson() const;
    /// The manifest.json of a Docker archive.
    QByteArray dockerManifestJson() const;

private:
    struct Fetched
    {
        ManifestContent content;
        Manifest manifest;
    };

    Result<Fetched> fetch(const QString& repository, const Reference& reference, const QString& name);
    /// The manifest and, recursively, its children and blobs (OCI archives).
    Result<void> addTree(const QString& repository, const Fetched& fetched, int depth);
    /// The single-platform image of an item (Docker archives).
    Result<void> addDockerImage(const ExportItem& item, const QString& name, Fetched fetched);
    Result<Fetched> choosePlatform(const QString& repository, const QString& name, const Manifest& index);
    Result<void> addBlob(const QString& repository, const Descriptor& descriptor, const QString& name);
    void addManifestBytes(const ManifestContent& content);
    void addIndexEntry(const ExportItem& item, const ManifestContent& content, const Manifest& manifest);

    RegistryService& m_registry;
    ExportFormat m_format;
    ExportPlatform m_platform;
    ExportPlan m_plan;
    QSet<QString> m_planned;           ///< digests already in m_plan.blobs
    QSet<QString> m_items;             ///< "repository:tag" / "repository@digest" already added
    QHash<QString, int> m_dockerEntry; ///< image manifest digest -> its manifest.json entry
};

} // namespace berth
