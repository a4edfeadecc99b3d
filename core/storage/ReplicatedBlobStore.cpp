#include "storage/ReplicatedBlobStore.h"

#include "storage/FileSystem.h"
#include "storage/ReplicaReader.h"
#include "storage/ReplicaSet.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>

namespace berth {

struct ReplicatedBlobStore::Private
{
    QString dataDirectory;
    StorageOptions options;
    std::shared_ptr<ReplicaSet> set;

    QString uploadsDirectory() const { return dataDirectory + QStringLiteral("/uploads"); }
    QString uploadDirectory(const QString& id) const { return uploadsDirectory() + u'/' + id; }
    int quorum() const { return options.writeQuorum > 0 ? options.writeQuorum : set->count(); }

    /// Success once at least the quorum holds a copy; otherwise an error naming what failed.
    Result<void> settle(const Digest& digest, int copies, const QMap<int, Error>& failed) const
    {
        const int domains = set->count();
        QStringList reasons;
        bool full = false;
        for (auto it = failed.cbegin(); it != failed.cend(); ++it) {
            reasons << QStringLiteral("%1: %2").arg(set->domain(it.key()).directory(), it.value().message);
            full = full || it.value().code == ErrorCode::InsufficientStorage;
        }
        if (copies >= quorum()) {
            if (copies < domains) {
                set->degradedWrites++;
                qWarning("berth: blob %s was stored in %d of %d fault domains (%s); scrub will make the "
                         "missing copies",
                         qPrintable(digest.toString()), copies, domains, qPrintable(reasons.join(u"; ")));
            }
            return {};
        }
        return Error(
            full ? ErrorCode::InsufficientStorage : ErrorCode::Internal,
            QStringLiteral("Blob %1 could be stored in only %2 of %3 fault domains, and %4 copies are "
                           "needed before a write is acknowledged (%5). Check the disks of the "
                           "failing domains, then retry.")
                .arg(digest.toString())
                .arg(copies)
                .arg(domains)
                .arg(quorum())
                .arg(reasons.join(u"; ")));
    }

    /// Domains without a copy; those with one are touched (content-addressed: same digest, same bytes).
    QList<int> touchOrList(const Digest& digest, int* copies) const
    {
        QList<int> need;
        const QDateTime now = set->now();
        for (int i = 0; i < set->count(); ++i) {
            if (set->domain(i).copySize(digest) >= 0 && set->touch(i, digest, now))
                ++*copies;
            else
                need << i;
        }
        return need;
    }

    /// The commit of an upload session: hard-links the session file into the first domain on its
    /// filesystem and copies it into the others.
    Result<void> placeSessionFile(const QString& sessionFile, const Digest& digest) const
    {
        int copies = 0;
        const QList<int> need = touchOrList(digest, &copies);
        QList<int> toCopy;
        bool linked = false;
        for (int i : need) {
            if (!linked && set->linkInto(sessionFile, digest, i)) {
                linked = true;
                ++copies;
            } else {
                toCopy << i;
            }
        }
        if (toCopy.isEmpty())
            return settle(digest, copies, {});
        auto outcome = set->copyFile(sessionFile, digest, toCopy);
        if (outcome.sourceError)
            return *outcome.sourceError;
        if (outcome.sourceCorrupt)
            return Error(
                ErrorCode::Internal,
                QStringLiteral("The upload's data changed while blob %1 was being stored; push it again")
                    .arg(digest.toString()));
        return settle(digest, copies + int(outcome.placed.size()), outcome.failed);
    }
};

ReplicatedBlobStore::ReplicatedBlobStore(QString dataDirectory, StorageOptions options)
    : d(std::make_unique<Private>())
{
    d->dataDirectory = QDir::cleanPath(std::move(dataDirectory));
    d->options = std::move(options);
    QList<BlobDomain> domains;
    for (const QString& path : resolvedDomains(d->dataDirectory, d->options))
        domains.append(BlobDomain(path));
    d->set = std::make_shared<ReplicaSet>(domains, d->options.writeQuorum, d->options.verifyBeforeServeBytes);
}

ReplicatedBlobStore::~ReplicatedBlobStore() = default;

QStringList ReplicatedBlobStore::resolvedDomains(const QString& dataDirectory, const StorageOptions& options)
{
    if (options.domains.isEmpty())
        return {QDir::cleanPath(dataDirectory + QStringLiteral("/blobs/0"))};
    QStringList out;
    for (const QString& path : options.domains)
        out << QDir::cleanPath(QDir(dataDirectory).absoluteFilePath(path));
    return out;
}

Result<void> ReplicatedBlobStore::validate(const QString& dataDirectory, const StorageOptions& options)
{
    auto invalid = [](const QString& message) { return Error(ErrorCode::Internal, message); };
    const QStringList domains = resolvedDomains(QDir::cleanPath(dataDirectory), options);
    if (options.writeQuorum < 0)
        return invalid(
            QStringLiteral("The storage writeQuorum must be 0 (every domain) or a positive number, not %1")
                .arg(options.writeQuorum));
    if (options.writeQuorum > domains.size()) {
        return invalid(
            QStringLiteral("The storage writeQuorum is %1 but only %2 fault domain(s) are configured: "
                           "list at least %1 directories in \"domains\" or lower writeQuorum")
                .arg(options.writeQuorum)
                .arg(domains.size()));
    }
    if (options.verifyBeforeServeBytes < 0)
        return invalid(QStringLiteral("verifyBeforeServeBytes cannot be negative"));
    const QString data = QDir::cleanPath(QDir(dataDirectory).absolutePath());
    const QString uploads = data + QStringLiteral("/uploads");
    auto within = [](const QString& inner, const QString& outer) {
        return inner == outer || inner.startsWith(outer.endsWith(u'/') ? outer : outer + u'/');
    };
    for (int i = 0; i < domains.size(); ++i) {
        if (domains[i] == data || within(domains[i], uploads) || within(uploads, domains[i])) {
            return invalid(
                QStringLiteral("The fault domain %1 overlaps the data directory's uploads (%2): give "
                               "each domain a directory of its own")
                    .arg(domains[i], uploads));
        }
        for (int j = 0; j < i; ++j) {
            if (domains[i] == domains[j])
                return invalid(QStringLiteral("The fault domain %1 is listed twice: each domain needs a "
                                              "directory of its own, normally on its own disk")
                                   .arg(domains[i]));
            if (within(domains[i], domains[j]) || within(domains[j], domains[i]))
                return invalid(QStringLiteral("The fault domains %1 and %2 are nested: each domain needs a "
                                              "directory of its own, normally on its own disk")
                                   .arg(domains[j], domains[i]));
        }
    }
    return {};
}

Result<void> ReplicatedBlobStore::initialize()
{
    auto valid = validate(d->dataDirectory, d->options);
    if (!valid)
        return valid;
    auto made = FileSystem::makePath(d->uploadsDirectory());
    if (!made)
        return made;
    // Temporary files of put() calls of the single-domain store interrupted by a crash.
    QDir uploads(d->uploadsDirectory());
    for (const QString& name : uploads.entryList({QStringLiteral("put-*.tmp")}, QDir::Files | QDir::Hidden))
        uploads.remove(name);
    int usable = 0;
    QStringList failures;
    for (int i = 0; i < d->set->count(); ++i) {
        auto ready = d->set->domain(i).initialize();
        if (ready)
            ++usable;
        else
            failures << ready.error().message;
    }
    if (usable < d->quorum()) {
        return Error(ErrorCode::Internal,
                     QStringLiteral("Only %1 of %2 fault domains can be used, and writes need %3: %4")
                         .arg(usable)
                         .arg(d->set->count())
                         .arg(d->quorum())
                         .arg(failures.join(u"; ")));
    }
    for (const QString& failure : failures)
        qWarning("berth: a fault domain cannot be used now (scrub refills it once it can): %s",
                 qPrintable(failure));
    return {};
}

void ReplicatedBlobStore::setClock(Clock* clock)
{
    d->set->setClock(clock);
}

bool ReplicatedBlobStore::contains(const Digest& digest) const
{
    return size(digest) >= 0;
}

qint64 ReplicatedBlobStore::size(const Digest& digest) const
{
    if (!digest.isValid())
        return -1;
    QHash<qint64, int> votes;
    qint64 best = -1;
    for (int i = 0; i < d->set->count(); ++i) {
        const qint64 s = d->set->domain(i).copySize(digest);
        if (s >= 0 && ++votes[s] > votes.value(best))
            best = s;
    }
    return best;
}

std::unique_ptr<QIODevice> ReplicatedBlobStore::openRead(const Digest& digest) const
{
    return ReplicaReader::open(d->set, digest);
}

QString ReplicatedBlobStore::localPath(const Digest& digest) const
{
    if (!digest.isValid())
        return QString();
    for (int i = 0; i < d->set->count(); ++i) {
        if (d->set->isVerified(i, digest))
            return d->set->domain(i).copyPath(digest);
    }
    return QString();
}

Result<Digest> ReplicatedBlobStore::put(QByteArrayView content)
{
    return putAs(content, DigestAlgorithm::Sha256);
}

Result<Digest> ReplicatedBlobStore::putAs(QByteArrayView content, DigestAlgorithm algorithm)
{
    const Digest digest = Digest::compute(content, algorithm);
    int copies = 0;
    const QList<int> need = d->touchOrList(digest, &copies);
    if (need.isEmpty())
        return digest;
    auto outcome = d->set->writeBytes(content, digest, need);
    auto settled = d->settle(digest, copies + int(outcome.placed.size()), outcome.failed);
    if (!settled)
        return settled.error();
    return digest;
}

bool ReplicatedBlobStore::remove(const Digest& digest)
{
    bool any = false;
    for (int i = 0; i < d->set->count(); ++i)
        any = d->set->domain(i).remove(digest) || any;
    return any;
}

QList<StoredBlob> ReplicatedBlobStore::storedBlobs() const
{
    QHash<Digest, qsizetype> index;
    QList<StoredBlob> out;
    for (int i = 0; i < d->set->count(); ++i) {
        for (const StoredBlob& blob : d->set->domain(i).storedBlobs()) {
            auto it = index.constFind(blob.digest);
            if (it == index.cend()) {
                index.insert(blob.digest, out.size());
                out.append(blob);
            } else if (blob.touchedAt > out[*it].touchedAt) {
                out[*it].touchedAt = blob.touchedAt;
            }
        }
    }
    return out;
}

QList<StoredBlob> ReplicatedBlobStore::storedBlobs(int domain) const
{
    return d->set->domain(domain).storedBlobs();
}

std::optional<QDateTime> ReplicatedBlobStore::touchedAt(const Digest& digest) const
{
    std::optional<QDateTime> newest;
    for (int i = 0; i < d->set->count(); ++i) {
        auto at = d->set->domain(i).touchedAt(digest);
        if (at && (!newest || *at > *newest))
            newest = at;
    }
    return newest;
}

qint64 ReplicatedBlobStore::removeIfUntouchedSince(const Digest& digest, const QDateTime& cutoff)
{
    auto touched = touchedAt(digest);
    if (!touched || *touched >= cutoff)
        return -1;
    const qint64 bytes = size(digest);
    return remove(digest) ? bytes : -1;
}

bool ReplicatedBlobStore::touch(const Digest& digest) const
{
    bool any = false;
    const QDateTime now = d->set->now();
    for (int i = 0; i < d->set->count(); ++i)
        any = d->set->touch(i, digest, now) || any;
    return any;
}

Result<std::unique_ptr<BlobWriter>> ReplicatedBlobStore::openUpload(const QString& uploadId, bool resume)
{
    if (!isSafeUploadId(uploadId)) {
        return Error(ErrorCode::BlobUploadUnknown,
                     QStringLiteral("\"%1\" is not a valid upload session id").arg(uploadId.left(64)));
    }
    const QString dir = d->uploadDirectory(uploadId);
    if (resume && !QFileInfo(dir + QStringLiteral("/data")).isFile()) {
        return Error(ErrorCode::BlobUploadUnknown,
                     QStringLiteral("Upload session %1 has no data on disk").arg(uploadId));
    }
    auto made = FileSystem::makePath(dir);
    if (!made)
        return made.error();
    auto set = d->set;
    auto writer = std::make_unique<BlobWriter>(dir + QStringLiteral("/data"), [set](const Digest& digest) {
        return set->domain(0).copyPath(digest);
    });
    Private* p = d.get();
    writer->setPlacer([p](const QString& sessionFile, const Digest& digest) {
        return p->placeSessionFile(sessionFile, digest);
    });
    // No directory sync here: makePath() synced the uploads directory when it made the session's, and the
    // data file's name only has to last once the commit syncs the data and links it into place.
    auto opened = writer->open(resume);
    if (!opened)
        return opened.error();
    return writer;
}

void ReplicatedBlobStore::discardUpload(const QString& uploadId)
{
    if (isSafeUploadId(uploadId))
        QDir(d->uploadDirectory(uploadId)).removeRecursively();
}

QStringList ReplicatedBlobStore::uploadIds() const
{
    return QDir(d->uploadsDirectory())
        .entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
}

qint64 ReplicatedBlobStore::uploadSize(const QString& uploadId) const
{
    if (!isSafeUploadId(uploadId))
        return -1;
    const QFileInfo info(d->uploadDirectory(uploadId) + QStringLiteral("/data"));
    return info.isFile() ? info.size() : -1;
}

int ReplicatedBlobStore::domainCount() const
{
    return d->set->count();
}

int ReplicatedBlobStore::writeQuorum() const
{
    return d->quorum();
}

QString ReplicatedBlobStore::domainDirectory(int domain) const
{
    return d->set->domain(domain).directory();
}

QString ReplicatedBlobStore::copyPath(int domain, const Digest& digest) const
{
    return d->set->domain(domain).copyPath(digest);
}

Result<ReplicatedBlobStore::CopyState>
ReplicatedBlobStore::verifyCopy(int domain, const Digest& digest,
                                const std::function<bool(qint64)>& progress) const
{
    return d->set->verify(domain, digest, progress);
}

Result<void> ReplicatedBlobStore::repairCopy(int domain, const Digest& digest)
{
    return d->set->repair(domain, digest);
}

ReplicatedBlobStore::Counters ReplicatedBlobStore::counters() const
{
    return d->set->counters();
}

bool ReplicatedBlobStore::isSafeUploadId(const QString& uploadId)
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

} // namespace berth
