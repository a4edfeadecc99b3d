#include "storage/ReplicaSet.h"

#include "oci/Digester.h"
#include "storage/FileSystem.h"

#include <QFile>
#include <QFileInfo>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace berth {

namespace {

constexpr qint64 ChunkBytes = 1 << 20;
constexpr qint64 ProgressEveryBytes = 4 << 20;

int fdatasyncRetry(int fd)
{
    int rc;
    do {
        rc = ::fdatasync(fd);
    } while (rc != 0 && errno == EINTR);
    return rc;
}

qint64 readRetry(int fd, char* buffer, qint64 size)
{
    ssize_t n;
    do {
        n = ::read(fd, buffer, static_cast<size_t>(size));
    } while (n < 0 && errno == EINTR);
    return n;
}

bool writeAll(int fd, const char* data, qint64 size)
{
    qint64 done = 0;
    while (done < size) {
        const ssize_t n = ::write(fd, data + done, static_cast<size_t>(size - done));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        done += n;
    }
    return true;
}

} // namespace

ReplicaSet::ReplicaSet(QList<BlobDomain> domains, int writeQuorum, qint64 verifyBeforeServeBytes)
    : m_domains(std::move(domains)), m_writeQuorum(writeQuorum),
      m_verifyBeforeServeBytes(verifyBeforeServeBytes)
{}

ReplicaSet::Counters ReplicaSet::counters() const
{
    Counters c;
    c.missingCopiesFound = missingCopiesFound.load();
    c.corruptCopiesFound = corruptCopiesFound.load();
    c.copiesRepaired = copiesRepaired.load();
    c.degradedWrites = degradedWrites.load();
    return c;
}

QString ReplicaSet::key(int domain, const Digest& digest)
{
    return QString::number(domain) + u'/' + digest.toString();
}

QString ReplicaSet::identityOf(int domain, const Digest& digest) const
{
    struct stat st;
    if (::stat(QFile::encodeName(m_domains.at(domain).copyPath(digest)).constData(), &st) != 0 ||
        !S_ISREG(st.st_mode))
        return QString();
    // Not the change time: it also moves when a name is added or removed, and every upload's session file
    // is a second name that goes away after the commit, which would leave every fresh blob unverified (and
    // served by reading and hashing it instead of sendfile). A write moves the modification time.
    return QStringLiteral("%1:%2:%3:%4.%5")
        .arg(qulonglong(st.st_dev))
        .arg(qulonglong(st.st_ino))
        .arg(qlonglong(st.st_size))
        .arg(qlonglong(st.st_mtim.tv_sec))
        .arg(qlonglong(st.st_mtim.tv_nsec));
}

bool ReplicaSet::isVerified(int domain, const Digest& digest) const
{
    const QString identity = identityOf(domain, digest);
    if (identity.isEmpty())
        return false;
    std::lock_guard lock(m_verifiedMutex);
    return m_verified.value(key(domain, digest)) == identity;
}

void ReplicaSet::markVerified(int domain, const Digest& digest) const
{
    const QString identity = identityOf(domain, digest);
    std::lock_guard lock(m_verifiedMutex);
    if (identity.isEmpty())
        m_verified.remove(key(domain, digest));
    else
        m_verified.insert(key(domain, digest), identity);
}

bool ReplicaSet::touch(int domain, const Digest& digest, const QDateTime& now) const
{
    const bool wasVerified = isVerified(domain, digest);
    if (!m_domains.at(domain).stamp(digest, now))
        return false;
    if (wasVerified)
        markVerified(domain, digest);
    return true;
}

ReplicaSet::CopyOutcome ReplicaSet::writeCopies(const std::function<qint64(char*, qint64)>& read,
                                                const Digest& digest, const QList<int>& targets) const
{
    CopyOutcome outcome;
    struct Target
    {
        int domain;
        QString path;
        int fd;
    };
    QList<Target> open;
    auto drop = [&](qsizetype i, const Error& error) {
        ::close(open[i].fd);
        ::unlink(QFile::encodeName(open[i].path).constData());
        outcome.failed.insert(open[i].domain, error);
        open.removeAt(i);
    };
    for (int domain : targets) {
        auto path = m_domains.at(domain).newIncomingPath();
        if (!path) {
            outcome.failed.insert(domain, path.error());
            continue;
        }
        const int fd = ::open(QFile::encodeName(path.value()).constData(),
                              O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0) {
            outcome.failed.insert(
                domain, FileSystem::errorFromErrno(errno, QStringLiteral("creating %1").arg(path.value())));
            continue;
        }
        open.append(Target{domain, path.value(), fd});
    }
    auto dropAll = [&] {
        for (const Target& t : open) {
            ::close(t.fd);
            ::unlink(QFile::encodeName(t.path).constData());
        }
        open.clear();
    };
    if (open.isEmpty())
        return outcome;

    Digester digester(digest.algorithm());
    QByteArray buffer(ChunkBytes, Qt::Uninitialized);
    for (;;) {
        const qint64 n = read(buffer.data(), buffer.size());
        if (n < 0) {
            outcome.sourceError = FileSystem::errorFromErrno(
                errno, QStringLiteral("reading a copy of %1").arg(digest.toString()));
            dropAll();
            return outcome;
        }
        if (n == 0)
            break;
        digester.update(buffer.constData(), n);
        for (qsizetype i = open.size() - 1; i >= 0; --i) {
            if (!writeAll(open[i].fd, buffer.constData(), n))
                drop(i, FileSystem::errorFromErrno(errno, QStringLiteral("writing %1").arg(open[i].path)));
        }
    }
    if (digester.finish() != digest) {
        outcome.sourceCorrupt = true;
        dropAll();
        return outcome;
    }
    for (qsizetype i = open.size() - 1; i >= 0; --i) {
        if (fdatasyncRetry(open[i].fd) != 0)
            drop(i, FileSystem::errorFromErrno(errno, QStringLiteral("syncing %1").arg(open[i].path)));
    }
    const QDateTime stamp = now();
    for (const Target& t : open) {
        ::close(t.fd);
        BlobDomain::stampPath(t.path, stamp);
        auto moved = m_domains.at(t.domain).moveIntoPlace(t.path, digest);
        if (!moved) {
            ::unlink(QFile::encodeName(t.path).constData());
            outcome.failed.insert(t.domain, moved.error());
            continue;
        }
        markVerified(t.domain, digest);
        outcome.placed.append(t.domain);
    }
    return outcome;
}

ReplicaSet::CopyOutcome ReplicaSet::copyFile(const QString& source, const Digest& digest,
                                             const QList<int>& targets) const
{
    const int fd = ::open(QFile::encodeName(source).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        CopyOutcome outcome;
        outcome.sourceError = FileSystem::errorFromErrno(errno, QStringLiteral("opening %1").arg(source));
        return outcome;
    }
    auto outcome =
        writeCopies([fd](char* buffer, qint64 size) { return readRetry(fd, buffer, size); }, digest, targets);
    ::close(fd);
    return outcome;
}

ReplicaSet::CopyOutcome ReplicaSet::writeBytes(QByteArrayView content, const Digest& digest,
                                               const QList<int>& targets) const
{
    qint64 offset = 0;
    return writeCopies(
        [&](char* buffer, qint64 size) {
            const qint64 n = qMin(size, content.size() - offset);
            std::memcpy(buffer, content.data() + offset, size_t(n));
            offset += n;
            return n;
        },
        digest, targets);
}

bool ReplicaSet::linkInto(const QString& source, const Digest& digest, int domain) const
{
    const QString target = m_domains.at(domain).copyPath(digest);
    const QString dir = QFileInfo(target).path();
    if (!FileSystem::makePath(dir).ok())
        return false;
    if (::link(QFile::encodeName(source).constData(), QFile::encodeName(target).constData()) != 0)
        return false;
    BlobDomain::stampPath(target, now());
    if (!FileSystem::syncDirectory(dir).ok()) {
        ::unlink(QFile::encodeName(target).constData());
        return false;
    }
    markVerified(domain, digest);
    return true;
}

Result<ReplicaSet::CopyState> ReplicaSet::verify(int domain, const Digest& digest,
                                                 const std::function<bool(qint64)>& progress,
                                                 QByteArray* content) const
{
    const QString path = m_domains.at(domain).copyPath(digest);
    const QString identity = identityOf(domain, digest);
    if (identity.isEmpty())
        return CopyState::Missing;
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? CopyState::Missing : CopyState::Unreadable;
    if (content)
        content->clear();
    Digester digester(digest.algorithm());
    QByteArray buffer(ChunkBytes, Qt::Uninitialized);
    qint64 done = 0;
    qint64 reported = 0;
    for (;;) {
        const qint64 n = readRetry(fd, buffer.data(), buffer.size());
        if (n < 0) {
            ::close(fd);
            return CopyState::Unreadable;
        }
        if (n == 0)
            break;
        digester.update(buffer.constData(), n);
        if (content)
            content->append(buffer.constData(), n);
        done += n;
        if (progress && done - reported >= ProgressEveryBytes) {
            reported = done;
            if (!progress(done)) {
                ::close(fd);
                return Error(ErrorCode::Cancelled,
                             QStringLiteral("Checking %1 was cancelled").arg(digest.toString()));
            }
        }
    }
    ::close(fd);
    if (progress && done != reported)
        (void)progress(done);
    if (digester.finish() != digest) {
        std::lock_guard lock(m_verifiedMutex);
        m_verified.remove(key(domain, digest));
        return CopyState::Corrupt;
    }
    std::lock_guard lock(m_verifiedMutex);
    m_verified.insert(key(domain, digest), identity);
    return CopyState::Good;
}

void ReplicaSet::quarantine(int domain, const Digest& digest) const
{
    {
        std::lock_guard lock(m_verifiedMutex);
        m_verified.remove(key(domain, digest));
    }
    (void)m_domains.at(domain).quarantine(digest, now());
}

void ReplicaSet::streamFoundCorrupt(int domain, const Digest& digest, const QString& identity) const
{
    {
        std::lock_guard lock(m_repairMutex);
        if (identityOf(domain, digest) != identity)
            return; // replaced since the read began (repaired by someone else)
        corruptCopiesFound++;
        quarantine(domain, digest);
    }
    auto repaired = repair(domain, digest);
    if (!repaired)
        qWarning("berth: %s", qPrintable(repaired.error().message));
}

Result<void> ReplicaSet::repair(int domain, const Digest& digest) const
{
    std::lock_guard lock(m_repairMutex);
    const BlobDomain& target = m_domains.at(domain);
    if (target.copySize(digest) >= 0) {
        auto state = verify(domain, digest);
        if (state && state.value() == CopyState::Good)
            return {};
        quarantine(domain, digest);
    }
    // Sources: copies verified since they last changed first, then the others.
    QList<int> sources;
    for (int i = 0; i < count(); ++i) {
        if (i != domain && m_domains.at(i).copySize(digest) >= 0)
            isVerified(i, digest) ? sources.prepend(i) : sources.append(i);
    }
    std::optional<Error> targetError;
    for (int source : sources) {
        auto outcome = copyFile(m_domains.at(source).copyPath(digest), digest, {domain});
        if (outcome.placed.contains(domain)) {
            copiesRepaired++;
            markVerified(source, digest);
            return {};
        }
        if (outcome.sourceCorrupt) {
            corruptCopiesFound++;
            quarantine(source, digest);
            continue;
        }
        if (outcome.sourceError)
            continue;
        if (outcome.failed.contains(domain))
            return Error(
                outcome.failed.value(domain).code,
                QStringLiteral("Could not repair the copy of %1 in fault domain %2: %3")
                    .arg(digest.toString(), target.directory(), outcome.failed.value(domain).message));
    }
    return Error(ErrorCode::Internal,
                 QStringLiteral("No good copy of %1 is left in any fault domain, so it cannot be repaired. "
                                "Push the images that use it again.")
                     .arg(digest.toString()));
}

} // namespace berth
