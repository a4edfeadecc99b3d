#include "storage/FileBlobStore.h"

#include "storage/FileSystem.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUuid>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace berth {

namespace {

const QString TempSuffix = QStringLiteral(".tmp");
const QString TempPrefix = QStringLiteral("put-");

QString parentOf(const QString& path)
{
    const qsizetype slash = path.lastIndexOf(u'/');
    return slash > 0 ? path.left(slash) : QStringLiteral(".");
}

} // namespace

FileBlobStore::FileBlobStore(QString root, QString domain)
    : m_root(std::move(root)), m_domain(std::move(domain))
{
    while (m_root.size() > 1 && m_root.endsWith(u'/'))
        m_root.chop(1);
}

QString FileBlobStore::uploadsDirectory() const
{
    return m_root + QStringLiteral("/uploads");
}

QString FileBlobStore::uploadDirectory(const QString& uploadId) const
{
    return uploadsDirectory() + u'/' + uploadId;
}

bool FileBlobStore::isSafeUploadId(const QString& uploadId)
{
    if (uploadId.isEmpty() || uploadId.size() > 128)
        return false;
    for (QChar c : uploadId) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') ||
                        u == u'-' || u == u'_';
        if (!ok)
            return false;
    }
    return true;
}

Result<void> FileBlobStore::initialize()
{
    for (const QString& dir : {m_root + QStringLiteral("/blobs/") + m_domain, uploadsDirectory()}) {
        auto made = FileSystem::makePath(dir);
        if (!made)
            return made;
    }
    // Temporary files of put() calls interrupted by a crash: never visible under a digest, just litter.
    QDir uploads(uploadsDirectory());
    const QStringList strays =
        uploads.entryList({TempPrefix + QStringLiteral("*") + TempSuffix}, QDir::Files | QDir::Hidden);
    for (const QString& name : strays)
        uploads.remove(name);
    return {};
}

QString FileBlobStore::blobPath(const Digest& digest) const
{
    const QString& hex = digest.hex();
    return m_root + QStringLiteral("/blobs/") + m_domain + u'/' + digest.algorithmName() + u'/' +
           hex.left(2) + u'/' + hex;
}

bool FileBlobStore::contains(const Digest& digest) const
{
    return digest.isValid() && QFileInfo(blobPath(digest)).isFile();
}

qint64 FileBlobStore::size(const Digest& digest) const
{
    if (!digest.isValid())
        return -1;
    const QFileInfo info(blobPath(digest));
    return info.isFile() ? info.size() : -1;
}

std::unique_ptr<QIODevice> FileBlobStore::openRead(const Digest& digest) const
{
    if (!digest.isValid())
        return nullptr;
    auto file = std::make_unique<QFile>(blobPath(digest));
    if (!file->open(QIODevice::ReadOnly))
        return nullptr;
    return file;
}

QString FileBlobStore::localPath(const Digest& digest) const
{
    return contains(digest) ? blobPath(digest) : QString();
}

Result<Digest> FileBlobStore::put(QByteArrayView content)
{
    return putAs(content, DigestAlgorithm::Sha256);
}

Result<Digest> FileBlobStore::putAs(QByteArrayView content, DigestAlgorithm algorithm)
{
    const Digest digest = Digest::compute(content, algorithm);
    const QString target = blobPath(digest);
    if (QFileInfo::exists(target) && stampPath(target))
        return digest; // already stored: touched, so garbage collection keeps it for its grace period

    auto made = FileSystem::makePath(uploadsDirectory());
    if (!made)
        return made.error();
    const QString temp = uploadsDirectory() + u'/' + TempPrefix +
                         QUuid::createUuid().toString(QUuid::WithoutBraces) + TempSuffix;
    const QByteArray tempNative = QFile::encodeName(temp);
    const int fd = ::open(tempNative.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return FileSystem::errorFromErrno(errno, QStringLiteral("creating %1").arg(temp));

    auto fail = [&](const QString& what) -> Error {
        const int saved = errno;
        ::close(fd);
        ::unlink(tempNative.constData());
        return FileSystem::errorFromErrno(saved, what);
    };
    qint64 done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, static_cast<size_t>(content.size() - done));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return fail(QStringLiteral("writing %1 bytes to %2").arg(content.size()).arg(temp));
        }
        done += n;
    }
    int rc;
    do {
        rc = ::fdatasync(fd);
    } while (rc != 0 && errno == EINTR);
    if (rc != 0)
        return fail(QStringLiteral("syncing %1").arg(temp));
    ::close(fd);

    const QString targetDir = parentOf(target);
    made = FileSystem::makePath(targetDir);
    if (!made) {
        ::unlink(tempNative.constData());
        return made.error();
    }
    if (::rename(tempNative.constData(), QFile::encodeName(target).constData()) != 0) {
        const int saved = errno;
        ::unlink(tempNative.constData());
        return FileSystem::errorFromErrno(saved, QStringLiteral("moving %1 to %2").arg(temp, target));
    }
    (void)stampPath(target);
    auto synced = FileSystem::syncDirectory(targetDir);
    if (!synced)
        return synced.error();
    return digest;
}

bool FileBlobStore::remove(const Digest& digest)
{
    if (!digest.isValid())
        return false;
    const QString path = blobPath(digest);
    if (!QFile::remove(path))
        return false;
    (void)FileSystem::syncDirectory(parentOf(path));
    return true;
}

bool FileBlobStore::stampPath(const QString& path) const
{
    const qint64 msecs = m_clock->now().toMSecsSinceEpoch();
    struct timespec times[2];
    times[0].tv_sec = static_cast<time_t>(msecs / 1000);
    times[0].tv_nsec = static_cast<long>((msecs % 1000) * 1000000);
    times[1] = times[0];
    return ::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, 0) == 0;
}

bool FileBlobStore::touch(const Digest& digest) const
{
    return digest.isValid() && stampPath(blobPath(digest));
}

std::optional<QDateTime> FileBlobStore::touchedAt(const Digest& digest) const
{
    if (!digest.isValid())
        return std::nullopt;
    const QFileInfo info(blobPath(digest));
    if (!info.isFile())
        return std::nullopt;
    return info.lastModified().toUTC();
}

QList<StoredBlob> FileBlobStore::storedBlobs() const
{
    QList<StoredBlob> out;
    const QDir domainDir(m_root + QStringLiteral("/blobs/") + m_domain);
    const auto dirs = QDir::Dirs | QDir::NoDotAndDotDot;
    for (const QString& algorithm : domainDir.entryList(dirs, QDir::Name)) {
        const QDir algorithmDir(domainDir.filePath(algorithm));
        for (const QString& prefix : algorithmDir.entryList(dirs, QDir::Name)) {
            const QDir prefixDir(algorithmDir.filePath(prefix));
            for (const QFileInfo& file : prefixDir.entryInfoList(QDir::Files, QDir::Name)) {
                const auto digest = Digest::parse(QString(algorithm + u':' + file.fileName()));
                if (!digest || blobPath(*digest) != file.filePath())
                    continue; // not a blob file (e.g. litter): not for us to judge
                out.append(StoredBlob{*digest, file.size(), file.lastModified().toUTC()});
            }
        }
    }
    return out;
}

qint64 FileBlobStore::removeIfUntouchedSince(const Digest& digest, const QDateTime& cutoff)
{
    if (!digest.isValid())
        return -1;
    const QString path = blobPath(digest);
    const QFileInfo info(path);
    if (!info.isFile() || info.lastModified().toUTC() >= cutoff)
        return -1;
    const qint64 size = info.size();
    if (::unlink(QFile::encodeName(path).constData()) != 0)
        return -1;
    (void)FileSystem::syncDirectory(parentOf(path));
    return size;
}

Result<std::unique_ptr<BlobWriter>> FileBlobStore::openUpload(const QString& uploadId, bool resume)
{
    if (!isSafeUploadId(uploadId)) {
        return Error(ErrorCode::BlobUploadUnknown,
                     QStringLiteral("\"%1\" is not a valid upload session id").arg(uploadId.left(64)));
    }
    const QString dir = uploadDirectory(uploadId);
    if (resume && !QFileInfo(dir + QStringLiteral("/data")).isFile()) {
        return Error(ErrorCode::BlobUploadUnknown,
                     QStringLiteral("Upload session %1 has no data on disk").arg(uploadId));
    }
    auto made = FileSystem::makePath(dir);
    if (!made)
        return made.error();
    auto writer = std::make_unique<BlobWriter>(
        dir + QStringLiteral("/data"), [store = *this](const Digest& d) { return store.blobPath(d); },
        [store = *this](const QString& path) { return store.stampPath(path); });
    auto opened = writer->open(resume);
    if (!opened)
        return opened.error();
    if (!resume) {
        auto synced = FileSystem::syncDirectory(uploadsDirectory());
        if (!synced)
            return synced.error();
    }
    return writer;
}

void FileBlobStore::discardUpload(const QString& uploadId)
{
    if (!isSafeUploadId(uploadId))
        return;
    QDir(uploadDirectory(uploadId)).removeRecursively();
}

QStringList FileBlobStore::uploadIds() const
{
    return QDir(uploadsDirectory()).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
}

qint64 FileBlobStore::uploadSize(const QString& uploadId) const
{
    if (!isSafeUploadId(uploadId))
        return -1;
    const QFileInfo info(uploadDirectory(uploadId) + QStringLiteral("/data"));
    return info.isFile() ? info.size() : -1;
}

} // namespace berth
