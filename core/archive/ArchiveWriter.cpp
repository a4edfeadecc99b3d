#include "archive/ArchiveWriter.h"

#include <QFile>
#include <archive.h>
#include <archive_entry.h>
#include <cerrno>
#include <memory>

namespace berth {

ArchiveWriter::~ArchiveWriter()
{
    if (m_archive)
        archive_write_free(m_archive);
}

Error ArchiveWriter::failure(const QString& sentence) const
{
    const char* reason = m_archive ? archive_error_string(m_archive) : nullptr;
    const QString detail = reason ? QString::fromLocal8Bit(reason) : tr("unknown error");
    const bool full = m_archive && archive_errno(m_archive) == ENOSPC;
    return Error(full ? ErrorCode::InsufficientStorage : ErrorCode::Internal,
                 tr("%1 (%2). Check that the folder exists, that you may write there "
                    "and that the disk has room.")
                     .arg(sentence.arg(m_path), detail));
}

Result<void> ArchiveWriter::open(const QString& path, Compression compression)
{
    if (m_archive)
        archive_write_free(m_archive);
    m_archive = archive_write_new();
    m_path = path;
    m_remaining = 0;
    m_contentBytes = 0;
    if (!m_archive)
        return Error(ErrorCode::Internal, tr("Could not start writing %1: out of memory.").arg(path));
    if (archive_write_set_format_pax_restricted(m_archive) != ARCHIVE_OK)
        return failure(tr("Could not set up the archive %1"));
    if (compression == Compression::Gzip) {
        if (archive_write_add_filter_gzip(m_archive) != ARCHIVE_OK)
            return failure(tr("Could not set up gzip compression for %1"));
        // No time in the gzip header: the same images always give the same file.
        if (archive_write_set_filter_option(m_archive, "gzip", "timestamp", nullptr) < ARCHIVE_OK)
            return failure(tr("Could not set up gzip compression for %1"));
    } else {
        archive_write_add_filter_none(m_archive);
    }
    // Plain tar files end at the last block, with no padding to a 10 KiB record.
    archive_write_set_bytes_in_last_block(m_archive, 1);
#ifdef Q_OS_WIN
    const int rc = archive_write_open_filename_w(m_archive, reinterpret_cast<const wchar_t*>(path.utf16()));
#else
    const int rc = archive_write_open_filename(m_archive, QFile::encodeName(path).constData());
#endif
    if (rc != ARCHIVE_OK)
        return failure(tr("Could not create %1"));
    return {};
}

Result<void> ArchiveWriter::writeHeader(const QString& name, qint64 size, bool directory)
{
    if (!m_archive)
        return Error(ErrorCode::Internal, tr("The archive is not open."));
    if (m_remaining != 0)
        return Error(ErrorCode::Internal,
                     tr("The previous entry of %1 is %2 bytes short.").arg(m_path).arg(m_remaining));
    std::unique_ptr<archive_entry, decltype(&archive_entry_free)> entry(archive_entry_new(),
                                                                        archive_entry_free);
    const QByteArray utf8 = name.toUtf8();
    archive_entry_set_pathname_utf8(entry.get(), utf8.constData());
    archive_entry_set_filetype(entry.get(), directory ? AE_IFDIR : AE_IFREG);
    archive_entry_set_perm(entry.get(), directory ? 0755 : 0644);
    archive_entry_set_size(entry.get(), directory ? 0 : size);
    archive_entry_set_mtime(entry.get(), 0, 0);
    archive_entry_set_uid(entry.get(), 0);
    archive_entry_set_gid(entry.get(), 0);
    if (archive_write_header(m_archive, entry.get()) != ARCHIVE_OK)
        return failure(tr("Could not write to %1"));
    m_remaining = directory ? 0 : size;
    return {};
}

Result<void> ArchiveWriter::addDirectory(const QString& name)
{
    return writeHeader(name.endsWith(QLatin1Char('/')) ? name : name + QLatin1Char('/'), 0, true);
}

Result<void> ArchiveWriter::addFile(const QString& name, const QByteArray& bytes)
{
    if (auto r = beginFile(name, bytes.size()); !r)
        return r;
    return writeData(bytes.constData(), bytes.size());
}

Result<void> ArchiveWriter::beginFile(const QString& name, qint64 size)
{
    return writeHeader(name, size, false);
}

Result<void> ArchiveWriter::writeData(const char* data, qint64 size)
{
    if (!m_archive)
        return Error(ErrorCode::Internal, tr("The archive is not open."));
    if (size > m_remaining)
        return Error(ErrorCode::Internal, tr("More bytes than announced for an entry of %1.").arg(m_path));
    while (size > 0) {
        const la_ssize_t written = archive_write_data(m_archive, data, size_t(size));
        if (written <= 0)
            return failure(tr("Could not write to %1"));
        data += written;
        size -= written;
        m_remaining -= written;
        m_contentBytes += written;
    }
    return {};
}

Result<void> ArchiveWriter::close()
{
    if (!m_archive)
        return Error(ErrorCode::Internal, tr("The archive is not open."));
    if (m_remaining != 0)
        return Error(ErrorCode::Internal,
                     tr("The last entry of %1 is %2 bytes short.").arg(m_path).arg(m_remaining));
    const int rc = archive_write_close(m_archive);
    Result<void> result;
    if (rc != ARCHIVE_OK)
        result = failure(tr("Could not finish writing %1"));
    archive_write_free(m_archive);
    m_archive = nullptr;
    return result;
}

} // namespace berth
