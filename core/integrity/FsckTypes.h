#pragma once

#include "gc/GcTypes.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

namespace berth {

/// What an fsck run does.
struct FsckOptions
{
    /// Repair what can be repaired (each repair in a metadata transaction that re-checks its condition);
    /// otherwise only report.
    bool repair = false;
    /// With repair: also remove unreferenced blobs older than the grace period (otherwise they are left
    /// to garbage collection and only reported as reclaimable).
    bool removeUnreferenced = false;
    /// Blobs committed, touched or linked more recently than this are never called unreferenced: a push
    /// in progress is about to reference them (the same rule as garbage collection).
    qint64 gracePeriodSeconds = GcOptions().gracePeriodSeconds;
    /// Temporary files and upload data without a session row younger than this (by their modification
    /// time, wall clock), and upload rows started less than this ago (registry clock), are left alone:
    /// a write or an upload may be in progress.
    qint64 strayAgeSeconds = 600;
    /// "manual" or "schedule", for the maintenance history.
    QString trigger = QStringLiteral("manual");
};

/// What a finding is about.
enum class FsckFindingKind
{
    DatabaseIntegrity,  ///< PRAGMA integrity_check reported a problem (not repairable here)
    DanglingRow,        ///< a row referring to a row that does not exist (repair: remove it)
    MissingBlob,        ///< a blob metadata refers to is not in the blob store
    MissingManifest,    ///< a manifest's own bytes are not in the blob store
    CorruptManifest,    ///< a manifest's stored bytes do not hash to its digest
    UnparsableManifest, ///< a manifest's stored bytes no longer parse
    ManifestReferences, ///< manifest_blobs / manifest_children disagree with the manifest (repair: re-derive)
    UploadWithoutData,  ///< an upload session row whose data is gone (repair: remove the row)
    UploadDataWithoutRow, ///< upload data no session row knows (repair: remove the data)
    StrayTemporaryFile,   ///< a temporary file of an interrupted write (repair: remove it)
    ReclaimableBlob,      ///< a stored blob nothing references, older than the grace period (not a problem)
};

/// One thing fsck found.
struct FsckFinding
{
    FsckFindingKind kind = FsckFindingKind::DanglingRow;
    QString object; ///< what it is about: a digest, "repository@digest", "tags row 7", a file path
    QString detail; ///< for a person: what is wrong and what it affects
    bool repairable = false;
    bool repaired = false;

    /// Everything but a reclaimable blob is a problem (until repaired).
    bool isProblem() const { return kind != FsckFindingKind::ReclaimableBlob; }
};

/// What one run found and did.
struct FsckReport
{
    FsckOptions options;
    QDateTime startedAt;
    QDateTime finishedAt;
    int manifestsChecked = 0;
    int blobsChecked = 0;
    int uploadsChecked = 0;
    qint64 reclaimableBytes = 0;
    QList<FsckFinding> findings;

    int count(FsckFindingKind kind) const;
    /// Problems not repaired (reclaimable blobs are not problems).
    int problemsRemaining() const;
    int repairedCount() const;
    QList<FsckFinding> ofKind(FsckFindingKind kind) const;
};

} // namespace berth
