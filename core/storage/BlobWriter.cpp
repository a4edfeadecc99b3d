#include "storage/BlobWriter.h"

#include "storage/FileSystem.h"

#include <QFileInfo>
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace berth {

namespace {

constexpr qint64 ReadChunk = 1 << 20;

QString parentOf(const QString& path)
{
    const qsizetype slash = path.lastIndexOf(u'/');
    return slash > 0 ? path.left(slash) : QStringLiteral(".");
}

int fdatasyncRetry(int fd)
{
    int rc;
    do {
        rc = ::fdatasync(fd);
    } while (rc != 0 && errno == EINTR);
    return rc;
}

} // namespace

BlobWriter::BlobWriter(QString dataPath, std::function<QString(const Digest&)> blobPathFor,
                       std::function<bool(const QString&)> stamp)
    : m_dataPath(std::move(dataPath)), m_blobPathFor(std::move(blobPathFor)), m_stamp(std::move(stamp)),
      m_file(m_dataPath)
{}

BlobWriter::~BlobWriter()
{
    m_file.close();
}

Result<void> BlobWriter::open(bool resume)
{
    m_file.close();
    m_digester = Digester(DigestAlgorithm::Sha256);
    m_size = 0;
    if (resume && !QFileInfo::exists(m_dataPath)) {
        return Error(ErrorCode::BlobUploadUnknown,
                     QStringLiteral("The upload's data file %1 is missing").arg(m_dataPath));
    }
    QIODevice::OpenMode mode = QIODevice::ReadWrite | QIODevice::Unbuffered;
    if (!resume)
        mode |= QIODevice::Truncate;
    if (!m_file.open(mode)) {
        return Error(
            ErrorCode::Internal,
            QStringLiteral("Could not open upload data %1: %2").arg(m_dataPath, m_file.errorString()));
    }
    if (resume)
        return rehash();
    return {};
}

Result<void> BlobWriter::rehash()
{
    Digester digester(DigestAlgorithm::Sha256);
    const int fd = m_file.handle();
    const off_t end = ::lseek(fd, 0, SEEK_END);
    if (end < 0)
        return FileSystem::errorFromErrno(errno, QStringLiteral("reading upload data %1").arg(m_dataPath));
    QByteArray buffer(ReadChunk, Qt::Uninitialized);
    qint64 offset = 0;
    while (offset < end) {
        const ssize_t n = ::pread(fd, buffer.data(), static_cast<size_t>(buffer.size()), offset);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return FileSystem::errorFromErrno(errno,
                                              QStringLiteral("reading upload data %1").arg(m_dataPath));
        }
        if (n == 0)
            break;
        digester.update(buffer.constData(), n);
        offset += n;
    }
    m_digester = std::move(digester);
    m_size = offset;
    return {};
}

Result<void> BlobWriter::write(const char* data, qint64 size)
{
    if (!m_file.isOpen())
        return Error(ErrorCode::Internal, QStringLiteral("The upload writer is not open"));
    if (size <= 0)
        return {};
    const int fd = m_file.handle();
    qint64 done = 0;
    while (done < size) {
        const ssize_t n = ::pwrite(fd, data + done, static_cast<size_t>(size - done), m_size + done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const int saved = errno;
            // Nothing half-written may count: cut the file back to what was there before this call.
            if (::ftruncate(fd, m_size) != 0) {
                std::fprintf(stderr, "berth: could not truncate %s after a failed write\n",
                             qPrintable(m_dataPath));
            }
            return FileSystem::errorFromErrno(
                saved, QStringLiteral("writing upload data (%1 bytes at offset %2)").arg(size).arg(m_size));
        }
        done += n;
    }
    m_digester.update(data, size);
    m_size += size;
    startWriteback(fd);
    return {};
}

void BlobWriter::startWriteback(int fd)
{
    // Start writing what has come so far to the disk while more arrives, so the commit's fdatasync only
    // waits for the last few megabytes instead of the whole blob (a 256 MiB push spent about half its
    // time in that one call). SYNC_FILE_RANGE_WRITE only starts the writeback: it neither waits nor
    // makes anything durable; the commit's fdatasync still does that.
    constexpr qint64 WritebackBytes = 8 << 20;
    if (m_writebackFrom > m_size)
        m_writebackFrom = m_size; // truncated, or a new upload after a commit
    if (m_size - m_writebackFrom < WritebackBytes)
        return;
    (void)::sync_file_range(fd, m_writebackFrom, m_size - m_writebackFrom, SYNC_FILE_RANGE_WRITE);
    m_writebackFrom = m_size;
}

Result<void> BlobWriter::truncate(qint64 offset)
{
    if (!m_file.isOpen())
        return Error(ErrorCode::Internal, QStringLiteral("The upload writer is not open"));
    if (offset < 0 || offset > m_size) {
        return Error(
            ErrorCode::UploadRangeInvalid,
            QStringLiteral("Cannot truncate the upload to %1 bytes: it holds %2").arg(offset).arg(m_size));
    }
    if (offset == m_size)
        return {};
    if (::ftruncate(m_file.handle(), offset) != 0)
        return FileSystem::errorFromErrno(errno, QStringLiteral("truncating upload data %1").arg(m_dataPath));
    return rehash();
}

Result<Digest> BlobWriter::commit(const Digest& expected, bool keepSessionFile)
{
    if (!m_file.isOpen())
        return Error(ErrorCode::Internal, QStringLiteral("The upload writer is not open"));
    if (!expected.isValid())
        return Error(ErrorCode::DigestInvalid, QStringLiteral("The expected digest is not valid"));

    Digest actual;
    if (expected.algorithm() == DigestAlgorithm::Sha256) {
        actual = m_digester.finish();
    } else {
        Digester digester(expected.algorithm());
        const int fd = m_file.handle();
        QByteArray buffer(ReadChunk, Qt::Uninitialized);
        qint64 offset = 0;
        while (offset < m_size) {
            const ssize_t n = ::pread(fd, buffer.data(), static_cast<size_t>(buffer.size()), offset);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                return FileSystem::errorFromErrno(errno,
                                                  QStringLiteral("reading upload data %1").arg(m_dataPath));
            }
            if (n == 0)
                break;
            digester.update(buffer.constData(), n);
            offset += n;
        }
        actual = digester.finish();
    }
    auto result = place(expected, actual, keepSessionFile);
    if (!result.ok() && m_file.isOpen() && expected.algorithm() == DigestAlgorithm::Sha256) {
        // finish() consumed the running hash: rebuild it so the writer stays usable after a failure.
        auto restored = rehash();
        if (!restored)
            return restored.error();
    }
    return result;
}

Result<Digest> BlobWriter::place(const Digest& expected, const Digest& actual, bool keepSessionFile)
{
    if (actual != expected) {
        return Error(ErrorCode::DigestInvalid,
                     QStringLiteral("The uploaded content has digest %1, not %2")
                         .arg(actual.toString(), expected.toString()),
                     QJsonValue(actual.toString()));
    }

    if (fdatasyncRetry(m_file.handle()) != 0)
        return FileSystem::errorFromErrno(errno, QStringLiteral("syncing upload data %1").arg(m_dataPath));

    if (m_placer) {
        m_file.close();
        auto placed = m_placer(m_dataPath, actual);
        if (!placed) {
            (void)m_file.open(QIODevice::ReadWrite | QIODevice::Unbuffered);
            return placed.error();
        }
        if (!keepSessionFile)
            ::unlink(QFile::encodeName(m_dataPath).constData());
        m_size = 0;
        m_digester = Digester(DigestAlgorithm::Sha256);
        return actual;
    }

    const QString target = m_blobPathFor(actual);
    const QString targetDir = parentOf(target);
    auto made = FileSystem::makePath(targetDir);
    if (!made)
        return made.error();

    m_file.close();
    const QByteArray source = QFile::encodeName(m_dataPath);
    const QByteArray destination = QFile::encodeName(target);
    // With keepSessionFile the session's file stays (a second name for the blob), so restore() can put the
    // blob back if garbage collection removes it before the caller has linked it in the metadata.
    if (QFileInfo::exists(target) && (!m_stamp || m_stamp(target))) {
        // Content-addressed: the same digest means the same bytes. Keep the existing copy, touched so
        // garbage collection leaves it alone.
    } else if (::link(source.constData(), destination.constData()) == 0 || errno == EEXIST) {
        if (m_stamp)
            (void)m_stamp(target);
    } else if (::rename(source.constData(), destination.constData()) != 0) {
        // No hard links on this filesystem: move the file instead.
        const int saved = errno;
        // Reopen so the caller may retry or abort cleanly.
        (void)m_file.open(QIODevice::ReadWrite | QIODevice::Unbuffered);
        return FileSystem::errorFromErrno(saved, QStringLiteral("moving %1 to %2").arg(m_dataPath, target));
    } else if (m_stamp) {
        (void)m_stamp(target);
    }
    if (!keepSessionFile)
        ::unlink(source.constData());
    auto synced = FileSystem::syncDirectory(targetDir);
    if (!synced)
        return synced.error();
    m_size = 0;
    m_digester = Digester(DigestAlgorithm::Sha256);
    return actual;
}

Result<void> BlobWriter::restore(const Digest& digest)
{
    if (m_placer) {
        if (!QFileInfo::exists(m_dataPath)) {
            return Error(ErrorCode::BlobUploadInvalid,
                         QStringLiteral("Blob %1 was removed while the upload completed; push it again")
                             .arg(digest.toString()));
        }
        return m_placer(m_dataPath, digest);
    }
    const QString target = m_blobPathFor(digest);
    if (QFileInfo::exists(target))
        return {};
    if (!QFileInfo::exists(m_dataPath)) {
        return Error(ErrorCode::BlobUploadInvalid,
                     QStringLiteral("Blob %1 was removed while the upload completed; push it again")
                         .arg(digest.toString()));
    }
    const QString targetDir = parentOf(target);
    auto made = FileSystem::makePath(targetDir);
    if (!made)
        return made;
    if (::rename(QFile::encodeName(m_dataPath).constData(), QFile::encodeName(target).constData()) != 0)
        return FileSystem::errorFromErrno(errno, QStringLiteral("moving %1 to %2").arg(m_dataPath, target));
    if (m_stamp)
        (void)m_stamp(target);
    return FileSystem::syncDirectory(targetDir);
}

void BlobWriter::abort()
{
    m_file.close();
    QFile::remove(m_dataPath);
    m_size = 0;
    m_digester = Digester(DigestAlgorithm::Sha256);
}

} // namespace berth
