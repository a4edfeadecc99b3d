#pragma once

#include "storage/BlobStore.h"
#include "storage/StorageOptions.h"
#include "util/Clock.h"

#include <functional>
#include <memory>

namespace berth {

/// The registry's blob store: every blob kept in N fault domains (StorageOptions::domains), each laid
/// out as <domain>/<algorithm>/<first two hex>/<hex>; upload sessions in <data>/uploads/<id>/data.
///
/// Writes: a commit (upload or put) makes one copy per domain, each fsynced and renamed into place, and
/// succeeds once writeQuorum copies are durable; domains that failed are left for scrub to fill.
///
/// Reads: openRead() serves the first good copy. A missing copy, a copy whose size differs from the
/// others, or (for blobs up to verifyBeforeServeBytes, re-hashed before serving) a corrupt copy is
/// skipped, moved to <domain>/quarantine/ and repaired from a good copy before the read returns. Larger
/// blobs are hashed while they stream and the device holds back its last bytes until the digest is
/// confirmed: on a mismatch the read fails (the client sees an aborted transfer, never a complete wrong
/// blob), the copy is quarantined and repaired, and the next read gets a good one. localPath() (used for
/// sendfile) only returns a copy verified since it last changed; otherwise the server reads through
/// openRead(), which verifies.
///
/// With N-1 domains destroyed (their directories gone or emptied) every blob is still read, and the
/// destroyed domains are refilled by reads and by scrub.
///
/// Thread-safe.
class ReplicatedBlobStore final : public BlobStore
{
public:
    ReplicatedBlobStore(QString dataDirectory, StorageOptions options = {});
    ~ReplicatedBlobStore() override;

    /// Creates the domain and upload directories (a destroyed domain's directory is made again);
    /// removes temporary files of interrupted writes. Fails (ErrorCode::Internal, with a message saying
    /// what to change) for settings validate() refuses, and when fewer than writeQuorum domains can be used.
    Result<void> initialize();
    /// The domain directories the options name, made absolute (relative ones against the data directory);
    /// <data>/blobs/0 when the options name none.
    static QStringList resolvedDomains(const QString& dataDirectory, const StorageOptions& options);
    /// Refuses settings the store cannot work with: writeQuorum negative or above the number of domains,
    /// a domain listed twice, domains nested in each other or overlapping <data>/uploads. The message says
    /// what to change.
    static Result<void> validate(const QString& dataDirectory, const StorageOptions& options);
    /// True when the upload id is safe as a single path component (letters, digits, '-' and '_'; at most
    /// 128 characters): anything else never reaches the filesystem.
    static bool isSafeUploadId(const QString& uploadId);

    /// The clock blob files are stamped with (default: the system clock). Set before use.
    void setClock(Clock* clock);

    // ---- BlobStore (contains/size: any domain holds a copy of the right size; remove: from every domain)
    bool contains(const Digest& digest) const override;
    qint64 size(const Digest& digest) const override;
    std::unique_ptr<QIODevice> openRead(const Digest& digest) const override;
    QString localPath(const Digest& digest) const override;
    Result<Digest> put(QByteArrayView content) override;
    bool remove(const Digest& digest) override;
    /// The union over the domains (each digest once; the newest touch time).
    QList<StoredBlob> storedBlobs() const override;
    std::optional<QDateTime> touchedAt(const Digest& digest) const override;
    qint64 removeIfUntouchedSince(const Digest& digest, const QDateTime& cutoff) override;
    Result<std::unique_ptr<BlobWriter>> openUpload(const QString& uploadId, bool resume) override;
    void discardUpload(const QString& uploadId) override;
    QStringList uploadIds() const override;

    // ---- what RegistryService needs beyond BlobStore
    /// Like put(), addressed with the given algorithm (manifests pushed by sha512).
    Result<Digest> putAs(QByteArrayView content, DigestAlgorithm algorithm);
    /// Bytes an upload session holds on disk, or -1 when it has no data.
    qint64 uploadSize(const QString& uploadId) const;
    /// Sets every copy's modification time to the clock's now; false when no copy exists.
    bool touch(const Digest& digest) const;

    // ---- per copy: for scrub, fsck and tests
    enum class CopyState
    {
        Good,       ///< present, and its content hashes to its digest
        Missing,    ///< no file in this domain
        Corrupt,    ///< present, but the content does not hash to the digest
        Unreadable, ///< present, but reading it failed (I/O error, permissions)
    };
    int domainCount() const;
    int writeQuorum() const;
    QString domainDirectory(int domain) const;
    /// Where the domain's copy of the digest lives (whether or not it exists).
    QString copyPath(int domain, const Digest& digest) const;
    /// What one domain holds.
    QList<StoredBlob> storedBlobs(int domain) const;
    /// Re-hashes the domain's copy. `progress(bytesSoFar)` is called every few MiB; when it returns false
    /// the check stops and Cancelled is returned.
    Result<CopyState> verifyCopy(int domain, const Digest& digest,
                                 const std::function<bool(qint64)>& progress = {}) const;
    /// Makes the domain's copy good again from a good copy in another domain (hashed while copying,
    /// fsynced, renamed into place); a corrupt copy found there is moved to quarantine first.
    /// DataLoss-style Error (ErrorCode::Internal with a message naming the digest) when no good copy
    /// exists anywhere.
    Result<void> repairCopy(int domain, const Digest& digest);

    /// What reads and writes have had to work around since start.
    struct Counters
    {
        qint64 missingCopiesFound = 0;
        qint64 corruptCopiesFound = 0;
        qint64 copiesRepaired = 0;
        qint64 degradedWrites = 0; ///< acknowledged with fewer copies than domains
    };
    Counters counters() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace berth
