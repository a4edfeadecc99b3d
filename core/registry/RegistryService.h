#pragma once

#include "governance/RegistryLimits.h"
#include "iam/CompartmentPath.h"
#include "oci/Reference.h"
#include "registry/RegistryTypes.h"
#include "registry/UploadLease.h"
#include "retention/RetentionPlan.h"
#include "storage/StorageOptions.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <QIODevice>
#include <QObject>
#include <memory>

namespace berth {

class BlobStore;
class DataDirectoryLock;
class JobContext;
class LicenceStore;
class MetadataStore;
class ReplicatedBlobStore;
class UsageMeter;

/// The one facade through which the HTTP layer, the console and the CLI change or read the registry.
/// Each operation is one metadata transaction and emits registryEvent() once it has committed.
/// Thread-safe: called from the server's worker threads at once.
class RegistryService : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString dataDirectory; ///< berth.db, blobs/, uploads/ live here
        Clock* clock = &Clock::system();
        /// open() discards upload sessions started longer ago than this many seconds: a client that
        /// has not finished in that time is gone, and its data would stay forever (0: keep them).
        qint64 abandonedUploadSeconds = 7 * 24 * 3600;
        /// The blob store's fault domains and write quorum (default: one domain, <data>/blobs/0).
        StorageOptions storage;
        /// The registry's limits unless an administrator changed them at run time (core/governance):
        /// pushes over them fail inside the write transactions, pushes at 80% and above warn.
        RegistryLimits limits;
    };

    explicit RegistryService(Options options, QObject* parent = nullptr);
    ~RegistryService() override;

    /// Creates or opens the data directory, migrates the schema, reconciles upload sessions. Locks the
    /// directory first (DataDirectoryLock): refused while another process has it open.
    Result<void> open();
    /// Writes pending pull statistics and usage counts (also done periodically and on destruction).
    void flushStatistics();

    // ---- repositories
    bool repositoryExists(const QString& repository) const;
    /// Repository names in lexical order after `last`, at most n (n < 0: all).
    Result<NamePage> catalog(int n, const QString& last) const;

    // ---- repositories in compartments (IAM)
    /// Creates an empty repository in the compartment: NameInvalid for a bad name, ALREADY_EXISTS when
    /// it exists, NOT_FOUND when the compartment does not. (A first push creates it in the tenancy.)
    Result<void> createRepository(const QString& repository, const CompartmentPath& compartment);
    /// Moves the repository to another compartment; the policies that apply change at once (the
    /// compartment is read for every request).
    Result<void> moveRepository(const QString& repository, const CompartmentPath& compartment);
    /// Public repositories can be pulled anonymously.
    Result<void> setRepositoryPublic(const QString& repository, bool isPublic);
    /// NameUnknown when the repository does not exist.
    Result<CompartmentPath> repositoryCompartment(const QString& repository) const;
    Result<bool> isRepositoryPublic(const QString& repository) const;
    /// Deletes the repository, its tags, manifests and blob links, and ends its upload sessions; the
    /// bytes stay for garbage collection.
    Result<void> deleteRepository(const QString& repository);
    /// Sets the repository's description (plain text shown in the portal and the console; "" clears
    /// it): at most MaxDescriptionLength characters, no control characters but line breaks and tabs
    /// (IamErrors INVALID), NameUnknown when the repository does not exist. CRLF is stored as LF.
    Result<void> setRepositoryDescription(const QString& repository, const QString& text);
    static constexpr int MaxDescriptionLength = 2000;

    // ---- licences (issue 7, core/licensing)
    /// The one licence store of this registry: every part of the process (pull gate, API, portal,
    /// console) uses it, so its fast path (no licences at all: no SQL) holds.
    LicenceStore& licences();

    /// The metadata database, shared with IdentityService (one database, one writer lock).
    MetadataStore& metadata();
    /// The blob store (for garbage collection and checks, which work under metadata transactions).
    BlobStore& blobStore();
    /// The same store, with its fault domains (for scrub and the storage status).
    ReplicatedBlobStore& replicatedStore();

    // ---- blobs
    /// BlobUnknown unless the repository holds the blob.
    Result<BlobInfo> statBlob(const QString& repository, const Digest& digest) const;
    /// Opens a blob the repository holds, for streaming to a client.
    Result<std::unique_ptr<QIODevice>> openBlob(const QString& repository, const Digest& digest) const;
    /// Where the blob lives on disk, when it does (for sendfile); empty otherwise.
    QString blobLocalPath(const Digest& digest) const;
    /// Removes the blob from the repository (the bytes go when nothing references them).
    Result<void> deleteBlob(const QString& repository, const Digest& digest);
    /// Links a blob into `repository` when `from` holds it (or, with `from` empty, when any repository
    /// the caller could read holds it). Returns false when nothing was mounted (no error).
    Result<bool> mountBlob(const QString& repository, const Digest& digest, const QString& from);

    // ---- uploads
    /// A new upload session. resumable=false for a session whose id the client never learns (a
    /// monolithic POST ?digest=): after a crash nobody can resume it, so open() discards it.
    Result<UploadStatus> startUpload(const QString& repository, bool resumable = true);
    Result<UploadStatus> uploadStatus(const QString& repository, const QString& uploadId) const;
    /// Exclusive use of the session for one request; BlobUploadUnknown if there is no such session in
    /// that repository, BlobUploadInvalid if another request is using it right now.
    Result<std::unique_ptr<UploadLease>> acquireUpload(const QString& repository, const QString& uploadId);
    /// Verifies and commits the session's bytes as `digest`, links the blob into the repository and
    /// ends the session. On DigestInvalid the session ends too (the client must start over).
    Result<BlobInfo> completeUpload(std::unique_ptr<UploadLease> lease, const Digest& digest);
    Result<void> cancelUpload(const QString& repository, const QString& uploadId);

    // ---- manifests and tags
    /// Validates, checks every referenced blob and child manifest is in the repository, stores the exact
    /// bytes, and tags them when `reference` is a tag (creating the repository on first push).
    Result<PutManifestResult> putManifest(const QString& repository, const Reference& reference,
                                          const QByteArray& bytes, const QString& contentType);
    /// The stored bytes and media type. countPull=false for HEAD.
    Result<ManifestContent> getManifest(const QString& repository, const Reference& reference,
                                        bool countPull = true);
    /// Deletes the manifest and every tag that points at it; withReferrers also deletes the manifests in
    /// the repository whose subject it is (and theirs, recursively).
    Result<void> deleteManifest(const QString& repository, const Digest& digest, bool withReferrers = false);
    Result<void> deleteTag(const QString& repository, const QString& tag);
    /// NameUnknown when the repository does not exist.
    Result<NamePage> listTags(const QString& repository, int n, const QString& last) const;
    /// Manifests in the repository whose subject is `digest`, optionally only of one artifact type.
    Result<QList<Descriptor>> referrers(const QString& repository, const Digest& digest,
                                        const QString& artifactType) const;

    Clock& clock() const { return *m_options.clock; }

    // ---- governance (core/governance: limits and tag immutability are enforced by the operations above)
    /// The configured limits (berthd's config); LimitSettings::effective() says which are in force.
    const RegistryLimits& defaultLimits() const { return m_options.limits; }

    // ---- metering (issue 6)
    /// Usage per day, repository and user, and the last pull per tag, counted in memory by the /v2
    /// handlers and written with the pull statistics (flushStatistics(), when due, on destruction).
    UsageMeter& usageMeter();

    // ---- retention (issue 6, core/registry/RegistryServiceRetention.cpp)
    /// Carries out one repository's retention plan (core/retention): removes its tag-only removals, then
    /// deletes its images in the planned order, in batches of writer transactions. Inside each
    /// transaction every step is checked again against the plan, and skipped (listed in the result) when
    /// anything changed since: the tag points elsewhere or was set again, the image got a new tag, was
    /// pushed again, is listed by an index or has a referrer the plan does not delete. So a run racing
    /// concurrent pushes never deletes what was just pushed or tagged. Emits TagDeleted and
    /// ManifestDeleted like deleteTag() and deleteManifest(); the bytes are left to garbage collection.
    /// Stops between batches when `context` is cancelled (result.cancelled).
    Result<RetentionApplyResult> applyRetention(const RepositoryRetentionPlan& plan,
                                                JobContext* context = nullptr);

signals:
    void registryEvent(const berth::RegistryEvent& event);

private:
    struct Private;
    Options m_options;
    std::unique_ptr<DataDirectoryLock> m_lock; ///< held from open() until destruction (after d is gone)
    std::unique_ptr<Private> d;
};

} // namespace berth
