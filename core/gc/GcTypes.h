#pragma once

#include "oci/Digest.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace berth {

/// What a garbage collection run does.
struct GcOptions
{
    /// Only work out what would go; change nothing.
    bool dryRun = false;
    /// Also delete manifests no tag keeps (and no kept index lists as a child).
    bool deleteUntagged = false;
    /// With deleteUntagged: manifests whose subject is deleted (or missing) go too.
    bool deleteReferrers = false;
    /// Blobs committed, touched or linked and manifests pushed more recently than this are kept: a push
    /// in progress is about to reference them.
    qint64 gracePeriodSeconds = 3600;
};

/// A blob a run removed (or would remove).
struct GcBlob
{
    Digest digest;
    qint64 size = 0;
};

/// A manifest a run deleted from a repository (or would delete).
struct GcManifest
{
    QString repository;
    Digest digest;
    qint64 size = 0;
};

/// What one run did (or, for a dry run, would do).
struct GcResult
{
    GcOptions options;
    QDateTime startedAt;
    QDateTime finishedAt;
    QList<GcManifest> manifests;
    QList<GcBlob> blobs;
    /// Bytes of the blobs removed (or that would be).
    qint64 bytes = 0;
    /// Garbage candidates left alone because something referenced or touched them meanwhile.
    int skipped = 0;
    /// The run was cancelled (JobContext) before it got through the candidates; the lists say what it
    /// had done by then.
    bool cancelled = false;
};

/// Space a run with default options would free now.
struct GcReclaimable
{
    qint64 bytes = 0;
    int blobs = 0;
    QDateTime computedAt;
};

} // namespace berth
