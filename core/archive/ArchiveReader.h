#pragma once

#include "util/Result.h"

#include <QString>
#include <optional>

struct archive;

namespace berth {

/// One entry of a tar archive as ArchiveReader reports it.
struct ArchiveEntry
{
    enum class Kind
    {
        File,
        Directory,
        Link,
        Other
    };
    Kind kind = Kind::Other;
    /// The path inside the archive, normalized: no leading "./" or "/", no "." components.
    QString path;
    qint64 size = 0;
    /// For symbolic and hard links: the archive path the link names (normalized against the
    /// link's folder), or empty when it points outside the archive. Never followed on disk.
    QString linkTarget;
};

/// RAII reader over libarchive for tar archives (ustar, pax, GNU) in any whole-file compression
/// libarchive detects. Entries come one at a time; each entry's data can be read once, in chunks.
/// Entry paths are checked: absolute paths and ".." components are refused (ArchiveInvalid).
/// Errors are ArchiveInvalid with libarchive's message.
class ArchiveReader
{
public:
    ArchiveReader();
    ~ArchiveReader();
    ArchiveReader(const ArchiveReader&) = delete;
    ArchiveReader& operator=(const ArchiveReader&) = delete;

    Result<void> open(const QString& path);
    /// The next entry, or nullopt at the end of the archive.
    Result<std::optional<ArchiveEntry>> next();
    /// Reads up to `capacity` bytes of the current entry's data; 0 at its end.
    Result<qint64> read(char* buffer, qint64 capacity);
    /// Bytes of the file (compressed) consumed so far.
    qint64 bytesConsumed() const;
    /// True once the first entry header was read (a failure after that is corruption, not a
    /// wrong kind of file).
    bool sawEntry() const { return m_sawEntry; }

    /// Normalizes a path inside an archive: strips "./" and "." components and one leading "/"
    /// only when `allowAbsolute`; nullopt for ".." components or absolute paths.
    static std::optional<QString> normalizePath(const QString& raw, bool allowAbsolute = false);

private:
    Error failure(const QString& what) const;

    struct archive* m_archive = nullptr;
    QString m_path;
    bool m_sawEntry = false;
};

} // namespace berth
