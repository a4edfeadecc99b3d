#pragma once

#include "oci/Digest.h"
#include "storage/BlobWriter.h"
#include "util/Result.h"

#include <QDateTime>
#include <QIODevice>
#include <QList>
#include <QString>
#include <memory>
#include <optional>

namespace berth {

/// One blob as the store holds it: for garbage collection and checks.
struct StoredBlob
{
    Digest digest;
    qint64 size = 0;
    QDateTime touchedAt; ///< when the blob was last committed or touched (UTC)
};

/// Content-addressed storage: one copy of each blob for the whole registry. Which repository holds
/// what lives in metadata, not here. Implementations are thread-safe.
class BlobStore
{
public:
    virtual ~BlobStore() = default;

    virtual bool contains(const Digest& digest) const = 0;
    /// Size in bytes, or -1 when the blob is not stored.
    virtual qint64 size(const Digest& digest) const = 0;
    /// Opens the blob for reading, or nullptr when it is not stored.
    virtual std::unique_ptr<QIODevice> openRead(const Digest& digest) const = 0;
    /// A local file path for the blob when the store has one (lets the server use sendfile), else empty.
    virtual QString localPath(const Digest& digest) const = 0;
    /// Stores small content held in memory (manifests) under its digest, durably.
    virtual Result<Digest> put(QByteArrayView content) = 0;
    /// Removes the blob; true if it was there.
    virtual bool remove(const Digest& digest) = 0;

    /// Every blob stored, with its size and the time it was last committed or touched.
    virtual QList<StoredBlob> storedBlobs() const = 0;
    /// When the blob was last committed or touched (a commit of content already stored touches it), or
    /// nothing when it is not stored.
    virtual std::optional<QDateTime> touchedAt(const Digest& digest) const = 0;
    /// Removes the blob only when it was last touched before `cutoff`; returns the bytes freed, or -1
    /// when it was not removed (missing, touched since, or the removal failed).
    virtual qint64 removeIfUntouchedSince(const Digest& digest, const QDateTime& cutoff) = 0;

    /// A writer for an upload session: a new one, or (resume=true) the session's data so far.
    virtual Result<std::unique_ptr<BlobWriter>> openUpload(const QString& uploadId, bool resume) = 0;
    /// Deletes whatever an upload session left behind.
    virtual void discardUpload(const QString& uploadId) = 0;
    /// Ids of upload sessions with data on disk (to reconcile with metadata at start-up).
    virtual QStringList uploadIds() const = 0;
};

} // namespace berth
