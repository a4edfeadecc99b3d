#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

struct archive;

namespace berth {

/// Writes a tar file with libarchive, entry by entry: POSIX pax (restricted: plain ustar headers unless
/// a name or size needs more), optionally gzip-compressed. Entries are deterministic: mtime 0, owner
/// 0:0, mode 0644 for files and 0755 for folders, and a gzip header without a timestamp, so the same
/// content always gives the same bytes.
///
/// A file's size must be known before its bytes are written (tar headers come first); writeData()
/// streams them in any number of pieces. Not thread-safe: one writer per thread.
class ArchiveWriter
{
    Q_DECLARE_TR_FUNCTIONS(ArchiveWriter)

public:
    enum class Compression
    {
        None,
        Gzip,
    };

    ArchiveWriter() = default;
    ~ArchiveWriter(); ///< abandons an archive not closed (the file is left as it is)
    ArchiveWriter(const ArchiveWriter&) = delete;
    ArchiveWriter& operator=(const ArchiveWriter&) = delete;

    /// Creates (or truncates) the file at `path`.
    Result<void> open(const QString& path, Compression compression);
    Result<void> addDirectory(const QString& name);
    /// A whole small file from memory.
    Result<void> addFile(const QString& name, const QByteArray& bytes);
    /// Starts a file of exactly `size` bytes; writeData() must then supply all of them.
    Result<void> beginFile(const QString& name, qint64 size);
    Result<void> writeData(const char* data, qint64 size);
    /// Finishes the current entry and the archive and closes the file.
    Result<void> close();

    /// Bytes of entry content written so far (before compression).
    qint64 contentBytes() const { return m_contentBytes; }

private:
    Result<void> writeHeader(const QString& name, qint64 size, bool directory);
    /// `sentence` names the failed step with %1 for the path; libarchive's reason is added.
    Error failure(const QString& sentence) const;

    struct archive* m_archive = nullptr;
    QString m_path;
    qint64 m_remaining = 0; ///< bytes the current file still expects
    qint64 m_contentBytes = 0;
};

} // namespace berth
