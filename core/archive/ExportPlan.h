#pragma once

#include "oci/Digest.h"

#include <QByteArray>
#include <QJsonArray>
#include <QList>
#include <QString>

namespace berth {

/// One file of blobs/<algorithm>/<hex> in an archive being exported.
struct ExportBlob
{
    Digest digest;
    qint64 size = 0;
    QString repository; ///< where it is streamed from (unless held in memory)
    QByteArray bytes;   ///< manifests are held in memory (at most a few MiB each)
    bool inMemory = false;

    /// "blobs/sha256/<hex>": where a blob lives in an OCI layout.
    static QString pathOf(const Digest& d)
    {
        return QStringLiteral("blobs/%1/%2").arg(d.algorithmName(), d.hex());
    }
    QString archivePath() const { return pathOf(digest); }
};

/// What an export writes, worked out before the first byte is: every blob once, in the order first
/// needed, and the entries of index.json and (Docker archives) manifest.json.
struct ExportPlan
{
    QList<ExportBlob> blobs;
    QJsonArray indexManifests; ///< descriptors for index.json, with ref.name annotations
    QJsonArray dockerImages;   ///< manifest.json entries; empty for OCI archives
    int images = 0;            ///< items exported

    qint64 blobBytes() const
    {
        qint64 total = 0;
        for (const ExportBlob& b : blobs)
            total += b.size;
        return total;
    }
};

} // namespace berth
