#include "storage/BlobDomain.h"

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

QString parentOf(const QString& path)
{
    const qsizetype slash = path.lastIndexOf(u'/');
    return slash > 0 ? path.left(slash) : QStringLiteral(".");
}

} // namespace

BlobDomain::BlobDomain(QString directory) : m_directory(std::move(directory))
{
    while (m_directory.size() > 1 && m_directory.endsWith(u'/'))
        m_directory.chop(1);
}

QString BlobDomain::copyPath(const Digest& digest) const
{
    const QString& hex = digest.hex();
    return m_directory + u'/' + digest.algorithmName() + u'/' + hex.left(2) + u'/' + hex;
}

QString BlobDomain::incomingDirectory() const
{
    return m_directory + QStringLiteral("/incoming");
}

QString BlobDomain::quarantineDirectory() const
{
    return m_directory + QStringLiteral("/quarantine");
}

Result<void> BlobDomain::initialize() const
{
    auto made = FileSystem::makePath(incomingDirectory());
    if (!made)
        return made;
    QDir incoming(incomingDirectory());
    for (const QString& name : incoming.entryList(QDir::Files | QDir::Hidden | QDir::System))
        incoming.remove(name);
    return {};
}

qint64 BlobDomain::copySize(const Digest& digest) const
{
    if (!digest.isValid())
        return -1;
    const QFileInfo info(copyPath(digest));
    return info.isFile() ? info.size() : -1;
}

std::optional<QDateTime> BlobDomain::touchedAt(const Digest& digest) const
{
    if (!digest.isValid())
        return std::nullopt;
    const QFileInfo info(copyPath(digest));
    if (!info.isFile())
        return std::nullopt;
    return info.lastModified().toUTC();
}

bool BlobDomain::stampPath(const QString& path, const QDateTime& now)
{
    const qint64 msecs = now.toMSecsSinceEpoch();
    struct timespec times[2];
    times[0].tv_sec = static_cast<time_t>(msecs / 1000);
    times[0].tv_nsec = static_cast<long>((msecs % 1000) * 1000000);
    times[1] = times[0];
    return ::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, 0) == 0;
}

bool BlobDomain::stamp(const Digest& digest, const QDateTime& now) const
{
    return digest.isValid() && stampPath(copyPath(digest), now);
}

bool BlobDomain::remove(const Digest& digest) const
{
    if (!digest.isValid())
        return false;
    const QString path = copyPath(digest);
    if (::unlink(QFile::encodeName(path).constData()) != 0)
        return false;
    (void)FileSystem::syncDirectory(parentOf(path));
    return true;
}

bool BlobDomain::quarantine(const Digest& digest, const QDateTime& now) const
{
    const QString path = copyPath(digest);
    if (!QFileInfo::exists(path))
        return false;
    const QString name = digest.algorithmName() + u'-' + digest.hex() + u'-' +
                         QString::number(now.toMSecsSinceEpoch()) + u'-' +
                         QUuid::createUuid().toString(QUuid::Id128).left(8);
    const QString target = quarantineDirectory() + u'/' + name;
    if (FileSystem::makePath(quarantineDirectory()).ok() &&
        ::rename(QFile::encodeName(path).constData(), QFile::encodeName(target).constData()) == 0) {
        (void)FileSystem::syncDirectory(parentOf(path));
        return true;
    }
    // Cannot keep it aside: a bad copy must not be served again, so it goes.
    return remove(digest);
}

QList<StoredBlob> BlobDomain::storedBlobs() const
{
    QList<StoredBlob> out;
    const QDir domainDir(m_directory);
    const auto dirs = QDir::Dirs | QDir::NoDotAndDotDot;
    for (const QString& algorithm : domainDir.entryList(dirs, QDir::Name)) {
        const QDir algorithmDir(domainDir.filePath(algorithm));
        for (const QString& prefix : algorithmDir.entryList(dirs, QDir::Name)) {
            const QDir prefixDir(algorithmDir.filePath(prefix));
            for (const QFileInfo& file : prefixDir.entryInfoList(QDir::Files, QDir::Name)) {
                const auto digest = Digest::parse(QString(algorithm + u':' + file.fileName()));
                if (!digest || copyPath(*digest) != file.filePath())
                    continue; // incoming/, quarantine/ or litter: not blobs
                out.append(StoredBlob{*digest, file.size(), file.lastModified().toUTC()});
            }
        }
    }
    return out;
}

Result<QString> BlobDomain::newIncomingPath() const
{
    auto made = FileSystem::makePath(incomingDirectory());
    if (!made)
        return made.error();
    return incomingDirectory() + u'/' + QUuid::createUuid().toString(QUuid::WithoutBraces) +
           QStringLiteral(".part");
}

Result<void> BlobDomain::moveIntoPlace(const QString& written, const Digest& digest) const
{
    const QString target = copyPath(digest);
    const QString targetDir = parentOf(target);
    auto made = FileSystem::makePath(targetDir);
    if (!made)
        return made;
    if (::rename(QFile::encodeName(written).constData(), QFile::encodeName(target).constData()) != 0)
        return FileSystem::errorFromErrno(errno, QStringLiteral("moving %1 to %2").arg(written, target));
    return FileSystem::syncDirectory(targetDir);
}

} // namespace berth
