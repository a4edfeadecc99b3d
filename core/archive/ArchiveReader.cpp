#include "archive/ArchiveReader.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <archive.h>
#include <archive_entry.h>

namespace berth {

ArchiveReader::ArchiveReader() = default;

ArchiveReader::~ArchiveReader()
{
    if (m_archive)
        archive_read_free(m_archive);
}

Error ArchiveReader::failure(const QString& what) const
{
    const char* message = m_archive ? archive_error_string(m_archive) : nullptr;
    const QString reason = message ? QString::fromLocal8Bit(message) : what;
    const QString name = QFileInfo(m_path).fileName();
    if (!m_sawEntry)
        return Error(
            ErrorCode::ArchiveInvalid,
            QCoreApplication::translate("ImageImporter", "%1 is not an image archive: %2").arg(name, reason));
    return Error(
        ErrorCode::ArchiveInvalid,
        QCoreApplication::translate("ImageImporter", "%1 is corrupt or truncated: %2").arg(name, reason));
}

Result<void> ArchiveReader::open(const QString& path)
{
    m_path = path;
    m_archive = archive_read_new();
    if (!m_archive)
        return Error(ErrorCode::Internal,
                     QCoreApplication::translate("ImageImporter", "Could not start reading %1").arg(path));
    archive_read_support_filter_all(m_archive);
    archive_read_support_format_tar(m_archive);
    const QByteArray encoded = QFile::encodeName(path);
    if (archive_read_open_filename(m_archive, encoded.constData(), 64 * 1024) != ARCHIVE_OK)
        return failure(QCoreApplication::translate("ImageImporter", "it could not be opened"));
    return {};
}

std::optional<QString> ArchiveReader::normalizePath(const QString& raw, bool allowAbsolute)
{
    QString path = raw;
    if (path.startsWith(QLatin1Char('/'))) {
        if (!allowAbsolute)
            return std::nullopt;
        path.remove(0, 1);
    }
    QStringList parts;
    for (const QString& part : path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (part == QLatin1String("."))
            continue;
        if (part == QLatin1String(".."))
            return std::nullopt;
        parts << part;
    }
    return parts.join(QLatin1Char('/'));
}

Result<std::optional<ArchiveEntry>> ArchiveReader::next()
{
    struct archive_entry* raw = nullptr;
    const int status = archive_read_next_header(m_archive, &raw);
    if (status == ARCHIVE_EOF) {
        if (!m_sawEntry) {
            return Error(
                ErrorCode::ArchiveInvalid,
                QCoreApplication::translate("ImageImporter", "%1 is not an image archive: it holds no files")
                    .arg(QFileInfo(m_path).fileName()));
        }
        return std::optional<ArchiveEntry>();
    }
    if (status < ARCHIVE_WARN)
        return failure(QCoreApplication::translate("ImageImporter", "its contents could not be read"));
    m_sawEntry = true;

    const char* rawPath = archive_entry_pathname(raw);
    const QString original = rawPath ? QString::fromUtf8(rawPath) : QString();
    const auto normalized = normalizePath(original);
    if (!normalized) {
        return Error(
            ErrorCode::ArchiveInvalid,
            QCoreApplication::translate(
                "ImageImporter", "%1 is refused: it holds the entry \"%2\", which points outside the archive")
                .arg(QFileInfo(m_path).fileName(), original.left(200)));
    }
    ArchiveEntry entry;
    entry.path = *normalized;
    entry.size = archive_entry_size_is_set(raw) ? archive_entry_size(raw) : 0;
    const char* hardlink = archive_entry_hardlink(raw);
    const mode_t type = archive_entry_filetype(raw);
    if (hardlink) {
        entry.kind = ArchiveEntry::Kind::Link;
        entry.linkTarget = normalizePath(QString::fromUtf8(hardlink)).value_or(QString());
    } else if (type == AE_IFLNK) {
        entry.kind = ArchiveEntry::Kind::Link;
        const char* target = archive_entry_symlink(raw);
        const QString link = target ? QString::fromUtf8(target) : QString();
        // Relative to the link's folder; an absolute or escaping target points outside: ignored.
        if (!link.startsWith(QLatin1Char('/'))) {
            const int slash = entry.path.lastIndexOf(QLatin1Char('/'));
            const QString folder = slash < 0 ? QString() : entry.path.left(slash);
            QStringList parts = folder.isEmpty() ? QStringList() : folder.split(QLatin1Char('/'));
            bool escapes = false;
            for (const QString& part : link.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
                if (part == QLatin1String("."))
                    continue;
                if (part == QLatin1String("..")) {
                    if (parts.isEmpty()) {
                        escapes = true;
                        break;
                    }
                    parts.removeLast();
                    continue;
                }
                parts << part;
            }
            if (!escapes)
                entry.linkTarget = parts.join(QLatin1Char('/'));
        }
    } else if (type == AE_IFREG) {
        entry.kind = ArchiveEntry::Kind::File;
    } else if (type == AE_IFDIR) {
        entry.kind = ArchiveEntry::Kind::Directory;
    }
    return std::optional<ArchiveEntry>(std::move(entry));
}

Result<qint64> ArchiveReader::read(char* buffer, qint64 capacity)
{
    const la_ssize_t n = archive_read_data(m_archive, buffer, static_cast<size_t>(capacity));
    if (n < 0)
        return failure(QCoreApplication::translate("ImageImporter", "its contents could not be read"));
    return static_cast<qint64>(n);
}

qint64 ArchiveReader::bytesConsumed() const
{
    return m_archive ? static_cast<qint64>(archive_filter_bytes(m_archive, -1)) : 0;
}

} // namespace berth
