#pragma once

#include "oci/Digest.h"
#include "oci/Digester.h"
#include "util/Result.h"

#include <QFile>
#include <QString>
#include <functional>

namespace berth {

/// Writes one upload session's bytes to a temporary file while hashing them. commit() verifies the
/// digest, fsyncs and renames the file into place: no partial blob is ever visible under a digest.
/// Not thread-safe: one writer belongs to one request at a time.
class BlobWriter
{
public:
    /// dataPath: the session's temporary file; blobPathFor maps a digest to its final path; stamp (optional)
    /// sets a blob file's modification time to "now" when it is committed or found already stored.
    BlobWriter(QString dataPath, std::function<QString(const Digest&)> blobPathFor,
               std::function<bool(const QString&)> stamp = {});
    ~BlobWriter();
    BlobWriter(const BlobWriter&) = delete;
    BlobWriter& operator=(const BlobWriter&) = delete;

    /// Replaces how commit() and restore() turn the verified, fsynced session file into the stored blob
    /// (by default: a hard link or rename to blobPathFor(digest)). Called with the session file's path
    /// (closed), which it must leave where it is; an error fails the commit and keeps the writer usable.
    using Placer = std::function<Result<void>(const QString& sessionFile, const Digest& digest)>;
    void setPlacer(Placer placer) { m_placer = std::move(placer); }

    /// Creates the file (resume=false) or opens it and re-hashes what is there (resume=true).
    Result<void> open(bool resume);
    /// Appends bytes. InsufficientStorage when the disk is full (the file is left at its old size).
    Result<void> write(const char* data, qint64 size);
    Result<void> write(QByteArrayView data) { return write(data.data(), data.size()); }
    /// Bytes written so far (the offset the next chunk must start at).
    qint64 size() const { return m_size; }
    /// Verifies the content against expected (DigestInvalid when it differs), fsyncs, gives it its
    /// content-addressed path and fsyncs the directory; when that blob already exists it is touched
    /// instead. With keepSessionFile the session's file stays (a second name for the same bytes) until
    /// abort() or the session's directory goes, so restore() can put the blob back; otherwise it goes now.
    Result<Digest> commit(const Digest& expected, bool keepSessionFile = false);
    /// After commit(expected, true): when the blob has gone from its path since (garbage collection removed
    /// it between the commit and the metadata link), moves the kept session file into place again.
    Result<void> restore(const Digest& digest);
    /// Truncates back to offset, e.g. when a chunk failed half-way (keeps the hash consistent).
    Result<void> truncate(qint64 offset);
    /// Removes the temporary file.
    void abort();

private:
    Result<void> rehash();
    void startWriteback(int fd);
    /// After hashing: compares, fsyncs and renames into place.
    Result<Digest> place(const Digest& expected, const Digest& actual, bool keepSessionFile);

    QString m_dataPath;
    std::function<QString(const Digest&)> m_blobPathFor;
    std::function<bool(const QString&)> m_stamp;
    Placer m_placer;
    QFile m_file;
    Digester m_digester;
    qint64 m_writebackFrom = 0; ///< the data before this offset was handed to the disk's writeback
    qint64 m_size = 0;
};

} // namespace berth
