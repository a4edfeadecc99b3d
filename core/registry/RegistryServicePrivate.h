#pragma once

#include "licensing/LicenceStore.h"
#include "metadata/MetadataStore.h"
#include "metering/UsageMeter.h"
#include "registry/HeldBlobCache.h"
#include "registry/ManifestCache.h"
#include "registry/PullStatistics.h"
#include "registry/RegistryService.h"
#include "storage/ReplicatedBlobStore.h"

#include <atomic>
#include <functional>
#include <map>
#include <mutex>

namespace berth {

/// RegistryService's state and the helpers its sections share (RegistryService.cpp for repositories,
/// RegistryServiceBlobs.cpp for blobs and uploads, RegistryServiceManifests.cpp for manifests and tags).
/// Internal to core/registry: nothing outside RegistryService includes it.
struct RegistryService::Private
{
    Private(const QString& dataDirectory, const StorageOptions& storage);

    struct OpenUpload
    {
        QString repository;
        std::unique_ptr<BlobWriter> writer; ///< null while being (re)opened
        bool inUse = false;
    };

    ReplicatedBlobStore store;
    MetadataStore metadata;

    std::mutex uploadsMutex;
    std::map<QString, OpenUpload> uploads;

    PullStatistics pulls;

    /// Pull statistics and usage counts are due (UsageMeter, PullStatistics say so as requests record):
    /// flushStatistics() runs on the service's own thread (queued), not on the request that noticed, so
    /// no GET waits for a write transaction and its disk sync. One flush is queued at a time. What a crash
    /// can lose: the pulls and usage of the last FlushIntervalMs (5 s) plus the flush in progress.
    void queueStatisticsFlush(RegistryService& service);
    std::atomic<bool> flushQueued{false};

    /// Manifests served recently (RegistryServiceManifests.cpp getManifest()).
    ManifestCache manifests;
    /// Which repository holds which blob (RegistryServiceBlobs.cpp statBlob()).
    HeldBlobCache heldBlobs;
    /// A manifest's bytes, digest and media type from the database and the blob store (no cache).
    Result<ManifestCache::Entry> loadManifest(const QString& repository, const Reference& reference) const;

    // ---- metering (usage per day, repository and user; last pull per tag)
    std::unique_ptr<UsageMeter> usage; ///< made by RegistryService's constructor (needs the clock)

    // ---- licences (made by RegistryService's constructor; reads the database only once it is open)
    std::unique_ptr<LicenceStore> licences;

    /// The repository's row; NameUnknown when it does not exist.
    Result<qint64> existingRepository(const QString& repository) const;

    /// LimitExceeded when `repository` does not exist and creating it would go over the registry's
    /// repository limit (core/governance PushGuard); call inside the transaction that creates it.
    Result<void> admitNewRepository(const QString& repository, const RegistryLimits& limits);

    /// The metadata row of an upload, checked against the repository it is used with.
    Result<UploadRecord> sessionOf(const QString& repository, const QString& id) const;

    /// Ends a session for good: its writer, its data and (unless already done) its metadata row. The
    /// entry leaves the map before `lease` is released, so no other request can pick the writer up.
    void endSession(const QString& id, std::unique_ptr<UploadLease> lease = nullptr, bool deleteRow = true);

    // ---- checks and errors shared by the sections
    /// NameInvalid unless `repository` is a valid repository name.
    static Result<void> checkRepositoryName(const QString& repository);
    /// Upload ids are UUIDs Berth generated (with UnresumablePrefix for sessions no client can resume);
    /// anything else never reaches the filesystem.
    static bool isUploadId(const QString& id);
    /// Starts the ids of sessions that open() discards after a crash (see startUpload()).
    static inline const QString UnresumablePrefix = QStringLiteral("m-");
    static Error uploadUnknown(const QString& repository, const QString& id);
    static Error uploadInUse(const QString& id);
    static Error repositoryUnknown(const QString& repository);
    static Error blobUnknown(const QString& repository, const Digest& digest);
    /// At most n names (n < 0: all) and whether more follow; `fetch(limit)` reads up to `limit` names in
    /// order (-1: all).
    static Result<NamePage> namePage(int n, const std::function<Result<QStringList>(int limit)>& fetch);
    static RegistryEvent makeEvent(RegistryEventType type, const QString& repository, const Digest& digest,
                                   const QDateTime& at, qint64 bytes = 0, const QString& tag = QString());
};

} // namespace berth
