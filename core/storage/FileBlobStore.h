#pragma once

#include "storage/BlobStore.h"
#include "util/Clock.h"

namespace berth {

/// BlobStore on a local filesystem:
///   <root>/blobs/<domain>/<algorithm>/<first two hex>/<hex>
///   <root>/uploads/<upload id>/data
/// Blobs are written to temporary files under <root>/uploads and renamed into place after fsync.
/// A blob file's modification time is the time it was last committed or touched, taken from the clock
/// (so tests with a ManualClock see consistent ages); committing content that is already stored touches
/// the existing file, which keeps garbage collection from removing it during its grace period.
class FileBlobStore final : public BlobStore
{
public:
    explicit FileBlobStore(QString root, QString domain = QStringLiteral("0"));

    /// Creates the directories; removes stray temporary files of interrupted put() calls.
    Result<void> initialize();

    bool contains(const Digest& digest) const override;
    qint64 size(const Digest& digest) const override;
    std::unique_ptr<QIODevice> openRead(const Digest& digest) const override;
    QString localPath(const Digest& digest) const override;
    Result<Digest> put(QByteArrayView content) override;
    bool remove(const Digest& digest) override;
    QList<StoredBlob> storedBlobs() const override;
    std::optional<QDateTime> touchedAt(const Digest& digest) const override;
    qint64 removeIfUntouchedSince(const Digest& digest, const QDateTime& cutoff) override;
    Result<std::unique_ptr<BlobWriter>> openUpload(const QString& uploadId, bool resume) override;
    void discardUpload(const QString& uploadId) override;
    QStringList uploadIds() const override;

    QString blobPath(const Digest& digest) const;
    /// The clock blob files are stamped with (default: the system clock). Set before use.
    void setClock(Clock* clock) { m_clock = clock ? clock : &Clock::system(); }
    /// Sets the blob's modification time to the clock's now; false when it is not stored.
    bool touch(const Digest& digest) const;
    const QString& root() const { return m_root; }

    /// Like put(), but addresses the content with the given algorithm (manifests pushed by sha512).
    Result<Digest> putAs(QByteArrayView content, DigestAlgorithm algorithm);
    /// Bytes an upload session holds on disk, or -1 when it has no data.
    qint64 uploadSize(const QString& uploadId) const;
    /// True when the id is safe to use as a single path component (no separators, no dots-only).
    static bool isSafeUploadId(const QString& uploadId);

private:
    QString uploadsDirectory() const;
    QString uploadDirectory(const QString& uploadId) const;

    bool stampPath(const QString& path) const;

    QString m_root;
    QString m_domain;
    Clock* m_clock = &Clock::system();
};

} // namespace berth
