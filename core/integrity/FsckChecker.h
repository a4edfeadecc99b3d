#pragma once

#include "integrity/FsckTypes.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <mutex>

namespace berth {

class BlobStore;
class JobContext;
class MetadataStore;
class RegistryService;

/// fsck: checks the metadata against the blob store both ways and the database itself, reports each
/// finding, and (with FsckOptions::repair) repairs what can be repaired:
///   - PRAGMA integrity_check (report) and foreign_key_check: rows referring to missing rows, and tags
///     pointing at another repository's manifest (repair: remove the row where the schema would have
///     cascaded the delete);
///   - manifests whose bytes are missing, do not hash to their digest or no longer parse (report, with the
///     repositories and tags affected); manifest_blobs / manifest_children rows that disagree with the
///     parsed manifest (repair: re-derive them);
///   - blobs referenced by manifests but missing from the store (report, with the manifests affected);
///     repository links to missing blobs no manifest needs (repair: remove the link, so the blob is
///     pushed again);
///   - upload rows without data and upload data without a row, stray temporary files (repair: remove);
///   - stored blobs nothing references, older than the grace period: reclaimable, not a problem (repair
///     only with removeUnreferenced, the way garbage collection does it).
/// It runs while the registry serves: every repair is one metadata transaction (the writer lock) that
/// re-checks its condition first, so nothing a concurrent push has just referenced is removed. Each run
/// is recorded in the maintenance history (kind fsck). Thread-safe; one run at a time.
class FsckChecker
{
public:
    FsckChecker(MetadataStore& metadata, BlobStore& store, Clock& clock, QString dataDirectory);
    explicit FsckChecker(RegistryService& registry);

    /// Runs the checks (and repairs). `context` reports progress and may cancel (between steps).
    Result<FsckReport> run(const FsckOptions& options, JobContext* context = nullptr);

private:
    Result<void> checkDatabase(FsckReport& report);
    Result<void> checkForeignKeys(FsckReport& report);
    Result<void> checkMisplacedTags(FsckReport& report);
    Result<void> checkUploads(FsckReport& report);
    void checkTemporaryFiles(FsckReport& report);
    void record(const FsckReport& report, const QString& outcome, const QString& error);

    MetadataStore& m_metadata;
    BlobStore& m_store;
    Clock& m_clock;
    QString m_dataDirectory;
    std::mutex m_runMutex;
};

} // namespace berth
