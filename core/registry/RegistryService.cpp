#include "registry/RegistryService.h"

#include "iam/IamErrors.h"
#include "iam/IdentityStore.h"
#include "metadata/MetadataStore.h"
#include "oci/ManifestParser.h"
#include "oci/Names.h"
#include "storage/FileBlobStore.h"

#include <QDir>
#include <QJsonObject>
#include <QUuid>
#include <map>
#include <mutex>

namespace berth {

namespace {

/// Pull statistics are written at most this often (and on flushStatistics()/destruction).
constexpr qint64 StatisticsFlushIntervalMs = 5000;

Result<void> checkRepositoryName(const QString& repository)
{
    if (!Names::isValidRepositoryName(repository)) {
        return Error(
            ErrorCode::NameInvalid,
            QStringLiteral("\"%1\" is not a valid repository name: use lowercase letters, digits and "
                           "separators (. _ __ -), components joined by /, at most %2 characters")
                .arg(repository.left(Names::MaxRepositoryNameLength + 1))
                .arg(Names::MaxRepositoryNameLength),
            QJsonObject{{QStringLiteral("name"), repository.left(300)}});
    }
    return {};
}

/// Upload ids are UUIDs Berth generated; anything else never reaches the filesystem.
bool isUploadId(const QString& id)
{
    if (id.size() != 36)
        return false;
    const QUuid uuid = QUuid::fromString(id);
    return !uuid.isNull() && uuid.toString(QUuid::WithoutBraces) == id;
}

Error uploadUnknown(const QString& repository, const QString& id)
{
    return Error(
        ErrorCode::BlobUploadUnknown,
        QStringLiteral("There is no upload session \"%1\" in repository %2").arg(id.left(64), repository),
        QJsonObject{{QStringLiteral("upload"), id.left(64)}});
}

Error uploadInUse(const QString& id)
{
    return Error(
        ErrorCode::BlobUploadInvalid,
        QStringLiteral("Upload %1 is in use by another request; retry when it has finished").arg(id));
}

RegistryEvent makeEvent(RegistryEventType type, const QString& repository, const Digest& digest,
                        const QDateTime& at, qint64 bytes = 0, const QString& tag = QString())
{
    RegistryEvent e;
    e.type = type;
    e.repository = repository;
    e.digest = digest;
    e.tag = tag;
    e.bytes = bytes;
    e.at = at;
    return e;
}

} // namespace

struct RegistryService::Private
{
    explicit Private(const QString& dataDirectory)
        : store(dataDirectory), metadata(dataDirectory + QStringLiteral("/berth.db"))
    {}

    struct OpenUpload
    {
        QString repository;
        std::unique_ptr<BlobWriter> writer; ///< null while being (re)opened
        bool inUse = false;
    };

    FileBlobStore store;
    MetadataStore metadata;

    std::mutex uploadsMutex;
    std::map<QString, OpenUpload> uploads;

    std::mutex statsMutex;
    std::map<std::pair<QString, QString>, PullRecord> pendingPulls; ///< (repository, digest) -> last pull
    QDateTime lastFlush;

    /// The metadata row of an upload, checked against the repository it is used with.
    Result<UploadRecord> sessionOf(const QString& repository, const QString& id) const
    {
        if (!isUploadId(id))
            return uploadUnknown(repository, id);
        auto record = metadata.upload(id);
        if (!record)
            return record.error();
        if (!record.value() || record.value()->repository != repository)
            return uploadUnknown(repository, id);
        return *record.value();
    }

    /// Ends a session for good: its writer, its data and (unless already done) its metadata row. The
    /// entry leaves the map before `lease` is released, so no other request can pick the writer up.
    void endSession(const QString& id, std::unique_ptr<UploadLease> lease = nullptr, bool deleteRow = true)
    {
        std::unique_ptr<BlobWriter> writer;
        {
            std::lock_guard lock(uploadsMutex);
            auto it = uploads.find(id);
            if (it != uploads.end()) {
                writer = std::move(it->second.writer);
                uploads.erase(it);
            }
        }
        lease.reset();
        writer.reset();
        store.discardUpload(id);
        if (!deleteRow)
            return;
        auto deleted = metadata.transaction([&]() -> Result<void> {
            auto r = metadata.deleteUpload(id);
            if (!r)
                return r.error();
            return {};
        });
        if (!deleted)
            qWarning("berth: could not remove upload session %s: %s", qPrintable(id),
                     qPrintable(deleted.error().message));
    }
};

RegistryService::RegistryService(Options options, QObject* parent)
    : QObject(parent), m_options(std::move(options)), d(std::make_unique<Private>(m_options.dataDirectory))
{
    qRegisterMetaType<berth::RegistryEvent>();
    if (!m_options.clock)
        m_options.clock = &Clock::system();
}

RegistryService::~RegistryService()
{
    if (d->metadata.isOpen())
        flushStatistics();
    {
        std::lock_guard lock(d->uploadsMutex);
        d->uploads.clear();
    }
    d->metadata.close();
}

Result<void> RegistryService::open()
{
    if (m_options.dataDirectory.isEmpty())
        return Error(ErrorCode::Internal, QStringLiteral("No data directory was configured"));
    if (!QDir().mkpath(m_options.dataDirectory)) {
        return Error(ErrorCode::Internal,
                     QStringLiteral("Could not create the data directory %1").arg(m_options.dataDirectory));
    }
    auto initialized = d->store.initialize();
    if (!initialized)
        return initialized;
    auto opened = d->metadata.open();
    if (!opened)
        return opened;

    // Reconcile upload sessions: metadata without data and data without metadata both go.
    auto sessions = d->metadata.uploads();
    if (!sessions)
        return sessions.error();
    QSet<QString> known;
    QStringList orphanRows;
    for (const UploadRecord& record : sessions.value()) {
        if (d->store.uploadSize(record.id) < 0)
            orphanRows << record.id;
        else
            known.insert(record.id);
    }
    if (!orphanRows.isEmpty()) {
        auto removed = d->metadata.transaction([&]() -> Result<void> {
            for (const QString& id : orphanRows) {
                auto r = d->metadata.deleteUpload(id);
                if (!r)
                    return r.error();
            }
            return {};
        });
        if (!removed)
            return removed;
    }
    for (const QString& id : d->store.uploadIds()) {
        if (!known.contains(id))
            d->store.discardUpload(id);
    }
    std::lock_guard lock(d->statsMutex);
    d->lastFlush = clock().now();
    return {};
}

void RegistryService::flushStatistics()
{
    QList<PullRecord> pulls;
    {
        std::lock_guard lock(d->statsMutex);
        d->lastFlush = clock().now();
        for (auto& [key, pull] : d->pendingPulls)
            pulls << pull;
        d->pendingPulls.clear();
    }
    if (pulls.isEmpty())
        return;
    auto written = d->metadata.transaction([&] { return d->metadata.recordPulls(pulls); });
    if (!written)
        qWarning("berth: could not record pull statistics: %s", qPrintable(written.error().message));
}

// ---- repositories

bool RegistryService::repositoryExists(const QString& repository) const
{
    if (!Names::isValidRepositoryName(repository))
        return false;
    auto id = d->metadata.repositoryId(repository);
    return id.ok() && id.value().has_value();
}

Result<NamePage> RegistryService::catalog(int n, const QString& last) const
{
    NamePage page;
    if (n == 0)
        return page;
    auto names = d->metadata.repositoryNames(n < 0 ? -1 : n + 1, last);
    if (!names)
        return names.error();
    page.names = std::move(names).value();
    if (n > 0 && page.names.size() > n) {
        page.names.resize(n);
        page.more = true;
    }
    return page;
}

// ---- repositories in compartments

namespace {

Error repositoryUnknown(const QString& repository)
{
    return Error(ErrorCode::NameUnknown, QStringLiteral("Repository %1 does not exist").arg(repository),
                 QJsonObject{{QStringLiteral("name"), repository}});
}

QString describeCompartment(const CompartmentPath& path)
{
    return path.isTenancy() ? QStringLiteral("the tenancy")
                            : QStringLiteral("compartment ") + path.toString();
}

} // namespace

MetadataStore& RegistryService::metadata()
{
    return d->metadata;
}

Result<void> RegistryService::createRepository(const QString& repository, const CompartmentPath& compartment)
{
    if (auto valid = checkRepositoryName(repository); !valid)
        return valid;
    const QDateTime now = clock().now();
    IdentityStore identity(d->metadata);
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto row = identity.compartmentRowId(compartment);
        if (!row)
            return row.error();
        if (!row.value())
            return IamErrors::notFound(
                QStringLiteral("There is no %1").arg(describeCompartment(compartment)));
        bool created = false;
        auto id = d->metadata.ensureRepository(repository, now, &created);
        if (!id)
            return id.error();
        if (!created)
            return IamErrors::alreadyExists(QStringLiteral("Repository %1 already exists").arg(repository));
        return identity.setRepositoryCompartment(id.value(), *row.value());
    });
    if (!done)
        return done;
    RegistryEvent e = makeEvent(RegistryEventType::RepositoryCreated, repository, Digest(), now);
    e.compartment = compartment.toString();
    emit registryEvent(e);
    return {};
}

Result<void> RegistryService::moveRepository(const QString& repository, const CompartmentPath& compartment)
{
    if (auto valid = checkRepositoryName(repository); !valid)
        return valid;
    const QDateTime now = clock().now();
    IdentityStore identity(d->metadata);
    CompartmentPath previous;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto link = identity.repositoryLink(repository);
        if (!link)
            return link.error();
        if (!link.value())
            return repositoryUnknown(repository);
        auto row = identity.compartmentRowId(compartment);
        if (!row)
            return row.error();
        if (!row.value())
            return IamErrors::notFound(
                QStringLiteral("There is no %1").arg(describeCompartment(compartment)));
        auto from = identity.compartmentPathOf(link.value()->compartmentRowId);
        if (!from)
            return from.error();
        previous = from.value();
        if (link.value()->compartmentRowId == *row.value())
            return {};
        return identity.setRepositoryCompartment(link.value()->repositoryId, *row.value());
    });
    if (!done)
        return done;
    if (previous == compartment)
        return {};
    RegistryEvent e = makeEvent(RegistryEventType::RepositoryMoved, repository, Digest(), now);
    e.compartment = compartment.toString();
    e.previousCompartment = previous.toString();
    emit registryEvent(e);
    return {};
}

Result<void> RegistryService::setRepositoryPublic(const QString& repository, bool isPublic)
{
    if (auto valid = checkRepositoryName(repository); !valid)
        return valid;
    const QDateTime now = clock().now();
    IdentityStore identity(d->metadata);
    bool changed = false;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto link = identity.repositoryLink(repository);
        if (!link)
            return link.error();
        if (!link.value())
            return repositoryUnknown(repository);
        if (link.value()->isPublic == isPublic)
            return {};
        changed = true;
        return identity.setRepositoryPublic(link.value()->repositoryId, isPublic);
    });
    if (!done)
        return done;
    if (changed) {
        RegistryEvent e =
            makeEvent(RegistryEventType::RepositoryVisibilityChanged, repository, Digest(), now);
        e.isPublic = isPublic;
        emit registryEvent(e);
    }
    return {};
}

Result<CompartmentPath> RegistryService::repositoryCompartment(const QString& repository) const
{
    if (auto valid = checkRepositoryName(repository); !valid)
        return valid.error();
    auto path = IdentityStore(d->metadata).repositoryCompartment(repository);
    if (!path)
        return path.error();
    if (!path.value())
        return repositoryUnknown(repository);
    return *path.value();
}

Result<bool> RegistryService::isRepositoryPublic(const QString& repository) const
{
    if (auto valid = checkRepositoryName(repository); !valid)
        return valid.error();
    auto link = IdentityStore(d->metadata).repositoryLink(repository);
    if (!link)
        return link.error();
    if (!link.value())
        return repositoryUnknown(repository);
    return link.value()->isPublic;
}

Result<void> RegistryService::deleteRepository(const QString& repository)
{
    if (auto valid = checkRepositoryName(repository); !valid)
        return valid;
    const QDateTime now = clock().now();
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto id = d->metadata.repositoryId(repository);
        if (!id)
            return id.error();
        if (!id.value())
            return repositoryUnknown(repository);
        auto deleted = d->metadata.deleteRepository(*id.value());
        if (!deleted)
            return deleted.error();
        return {};
    });
    if (!done)
        return done;
    // Its upload sessions end too (those in use by a request right now end when that request does).
    if (auto sessions = d->metadata.uploads()) {
        for (const UploadRecord& upload : sessions.value()) {
            if (upload.repository == repository)
                cancelUpload(repository, upload.id).ok();
        }
    }
    {
        std::lock_guard lock(d->statsMutex);
        for (auto it = d->pendingPulls.begin(); it != d->pendingPulls.end();) {
            if (it->first.first == repository)
                it = d->pendingPulls.erase(it);
            else
                ++it;
        }
    }
    emit registryEvent(makeEvent(RegistryEventType::RepositoryDeleted, repository, Digest(), now));
    return {};
}

// ---- blobs

Result<BlobInfo> RegistryService::statBlob(const QString& repository, const Digest& digest) const
{
    if (auto valid = checkRepositoryName(repository); !valid)
        return valid.error();
    const Error unknown(ErrorCode::BlobUnknown,
                        QStringLiteral("Repository %1 has no blob %2").arg(repository, digest.toString()),
                        QJsonObject{{QStringLiteral("digest"), digest.toString()}});
    if (!digest.isValid())
        return unknown;
    auto repoId = d->metadata.repositoryId(repository);
    if (!repoId)
        return repoId.error();
    if (!repoId.value())
        return unknown;
    auto held = d->metadata.heldBlobSize(*repoId.value(), digest);
    if (!held)
        return held.error();
    if (!held.value())
        return unknown;
    const qint64 size = d->store.size(digest);
    if (size < 0)
        return unknown;
    return BlobInfo{digest, size};
}

Result<std::unique_ptr<QIODevice>> RegistryService::openBlob(const QString& repository,
                                                             const Digest& digest) const
{
    auto info = statBlob(repository, digest);
    if (!info)
        return info.error();
    auto device = d->store.openRead(digest);
    if (!device) {
        return Error(ErrorCode::BlobUnknown, QStringLiteral("Blob %1 of repository %2 could not be opened")
                                                 .arg(digest.toString(), repository));
    }
    return device;
}

QString RegistryService::blobLocalPath(const Digest& digest) const
{
    return d->store.localPath(digest);
}

Result<void> RegistryService::deleteBlob(const QString& repository, const Digest& digest)
{
    if (auto valid = checkRepositoryName(repository); !valid)
        return valid;
    const QDateTime now = clock().now();
    auto done = d->metadata.transaction([&]() -> Result<void> {
        const Error unknown(ErrorCode::BlobUnknown,
                            QStringLiteral("Repository %1 has no blob %2").arg(repository, digest.toString()),
                            QJsonObject{{QStringLiteral("digest"), digest.toString()}});
        auto repoId = d->metadata.repositoryId(repository);
        if (!repoId)
            return repoId.error();
        if (!repoId.value())
            return unknown;
        auto unlinked = d->metadata.unlinkBlob(*repoId.value(), digest);
        if (!unlinked)
            return unlinked.error();
        if (!unlinked.value())
            return unknown;
        return {};
    });
    if (!done)
        return done;
    emit registryEvent(makeEvent(RegistryEventType::BlobDeleted, repository, digest, now));
    return {};
}

Result<bool> RegistryService::mountBlob(const QString& repository, const Digest& digest, const QString& from)
{
    if (auto valid = checkRepositoryName(repository); !valid)
        return valid.error();
    if (!from.isEmpty()) {
        if (auto valid = checkRepositoryName(from); !valid)
            return valid.error();
    }
    if (!digest.isValid() || !d->store.contains(digest))
        return false;
    const QDateTime now = clock().now();
    bool mounted = false;
    bool created = false;
    bool linked = false;
    qint64 size = 0;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        std::optional<qint64> held;
        if (!from.isEmpty()) {
            auto fromId = d->metadata.repositoryId(from);
            if (!fromId)
                return fromId.error();
            if (!fromId.value())
                return {};
            auto h = d->metadata.heldBlobSize(*fromId.value(), digest);
            if (!h)
                return h.error();
            held = h.value();
        } else {
            auto h = d->metadata.anyHeldBlobSize(digest);
            if (!h)
                return h.error();
            held = h.value();
        }
        if (!held)
            return {};
        size = *held;
        auto repoId = d->metadata.ensureRepository(repository, now, &created);
        if (!repoId)
            return repoId.error();
        auto l = d->metadata.linkBlob(repoId.value(), digest, size, now);
        if (!l)
            return l.error();
        linked = l.value();
        mounted = true;
        return {};
    });
    if (!done)
        return done.error();
    if (created)
        emit registryEvent(makeEvent(RegistryEventType::RepositoryCreated, repository, Digest(), now));
    if (linked)
        emit registryEvent(makeEvent(RegistryEventType::BlobMounted, repository, digest, now, size));
    return mounted;
}

// ---- uploads

Result<UploadStatus> RegistryService::startUpload(const QString& repository)
{
    if (auto valid = checkRepositoryName(repository); !valid)
        return valid.error();
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto writer = d->store.openUpload(id, false);
    if (!writer)
        return writer.error();
    auto recorded = d->metadata.transaction([&] {
        return d->metadata.insertUpload(UploadRecord{id, repository, clock().now()});
    });
    if (!recorded) {
        writer.value()->abort();
        d->store.discardUpload(id);
        return recorded.error();
    }
    {
        std::lock_guard lock(d->uploadsMutex);
        d->uploads[id] = Private::OpenUpload{repository, std::move(writer).value(), false};
    }
    return UploadStatus{id, repository, 0};
}

Result<UploadStatus> RegistryService::uploadStatus(const QString& repository, const QString& uploadId) const
{
    if (auto valid = checkRepositoryName(repository); !valid)
        return valid.error();
    auto session = d->sessionOf(repository, uploadId);
    if (!session)
        return session.error();
    {
        std::lock_guard lock(d->uploadsMutex);
        auto it = d->uploads.find(uploadId);
        if (it != d->uploads.end() && !it->second.inUse && it->second.writer)
            return UploadStatus{uploadId, repository, it->second.writer->size()};
    }
    const qint64 size = d->store.uploadSize(uploadId);
    if (size < 0)
        return uploadUnknown(repository, uploadId);
    return UploadStatus{uploadId, repository, size};
}

Result<std::unique_ptr<UploadLease>> RegistryService::acquireUpload(const QString& repository,
                                                                    const QString& uploadId)
{
    if (auto valid = checkRepositoryName(repository); !valid)
        return valid.error();
    auto session = d->sessionOf(repository, uploadId);
    if (!session)
        return session.error();

    Private* p = d.get();
    auto release = [p, uploadId] {
        std::lock_guard lock(p->uploadsMutex);
        auto it = p->uploads.find(uploadId);
        if (it != p->uploads.end())
            it->second.inUse = false;
    };
    {
        std::lock_guard lock(d->uploadsMutex);
        auto it = d->uploads.find(uploadId);
        if (it != d->uploads.end()) {
            if (it->second.inUse)
                return uploadInUse(uploadId);
            it->second.inUse = true;
            if (it->second.writer)
                return std::make_unique<UploadLease>(uploadId, repository, it->second.writer.get(), release);
        } else {
            d->uploads[uploadId] = Private::OpenUpload{repository, nullptr, true};
        }
    }
    // Not open in this process (a restart since the session began): reopen and re-hash its data, outside
    // the lock since that reads the whole file. The entry is marked in use meanwhile.
    auto writer = d->store.openUpload(uploadId, true);
    if (!writer) {
        if (writer.error().code == ErrorCode::BlobUploadUnknown) {
            d->endSession(uploadId);
            return uploadUnknown(repository, uploadId);
        }
        std::lock_guard lock(d->uploadsMutex);
        d->uploads.erase(uploadId);
        return writer.error();
    }
    std::lock_guard lock(d->uploadsMutex);
    auto& entry = d->uploads[uploadId];
    entry.writer = std::move(writer).value();
    entry.inUse = true;
    return std::make_unique<UploadLease>(uploadId, repository, entry.writer.get(), release);
}

Result<BlobInfo> RegistryService::completeUpload(std::unique_ptr<UploadLease> lease, const Digest& digest)
{
    if (!lease || !lease->writer())
        return Error(ErrorCode::BlobUploadUnknown, QStringLiteral("The upload session has ended"));
    const QString id = lease->id();
    const QString repository = lease->repository();
    if (!digest.isValid()) {
        return Error(
            ErrorCode::DigestInvalid,
            QStringLiteral("A valid digest (sha256:<64 hex> or sha512:<128 hex>) is needed to finish "
                           "the upload"));
    }
    BlobWriter* writer = lease->writer();
    const qint64 size = writer->size();
    auto committed = writer->commit(digest);
    if (!committed) {
        if (committed.error().code == ErrorCode::DigestInvalid)
            d->endSession(id, std::move(lease));
        return committed.error();
    }

    const QDateTime now = clock().now();
    bool created = false;
    auto linked = d->metadata.transaction([&]() -> Result<void> {
        auto repoId = d->metadata.ensureRepository(repository, now, &created);
        if (!repoId)
            return repoId.error();
        auto l = d->metadata.linkBlob(repoId.value(), digest, size, now);
        if (!l)
            return l.error();
        auto ended = d->metadata.deleteUpload(id);
        if (!ended)
            return ended.error();
        return {};
    });
    // The data file was renamed into place: the session is over either way. When the transaction failed
    // its row is still there and goes now; the blob is stored but not linked, and the client retries.
    d->endSession(id, std::move(lease), !linked.ok());
    if (!linked)
        return linked.error();
    if (created)
        emit registryEvent(makeEvent(RegistryEventType::RepositoryCreated, repository, Digest(), now));
    emit registryEvent(makeEvent(RegistryEventType::BlobPushed, repository, digest, now, size));
    return BlobInfo{digest, size};
}

Result<void> RegistryService::cancelUpload(const QString& repository, const QString& uploadId)
{
    if (auto valid = checkRepositoryName(repository); !valid)
        return valid;
    auto session = d->sessionOf(repository, uploadId);
    if (!session)
        return session.error();
    {
        std::lock_guard lock(d->uploadsMutex);
        auto it = d->uploads.find(uploadId);
        if (it != d->uploads.end()) {
            if (it->second.inUse)
                return uploadInUse(uploadId);
            it->second.inUse = true; // nobody may acquire it while it goes away
        } else {
            d->uploads[uploadId] = Private::OpenUpload{repository, nullptr, true};
        }
    }
    d->endSession(uploadId);
    return {};
}

// ---- manifests and tags

Result<PutManifestResult> RegistryService::putManifest(const QString& repository, const Reference& reference,
                                                       const QByteArray& bytes, const QString& contentType)
{
    if (auto valid = checkRepositoryName(repository); !valid)
        return valid.error();
    if (reference.isTag() && !Names::isValidTag(reference.tag())) {
        return Error(
            ErrorCode::ManifestInvalid,
            QStringLiteral("\"%1\" is not a valid tag: use letters, digits, '_', '.' and '-', starting "
                           "with a letter, digit or '_', at most %2 characters")
                .arg(reference.tag().left(Names::MaxTagLength + 1))
                .arg(Names::MaxTagLength));
    }
    auto parsed = ManifestParser::parse(bytes, contentType);
    if (!parsed)
        return parsed.error();
    const Manifest& manifest = parsed.value();

    const DigestAlgorithm algorithm =
        reference.isDigest() ? reference.digest().algorithm() : DigestAlgorithm::Sha256;
    const Digest digest = Digest::compute(bytes, algorithm);
    if (reference.isDigest() && digest != reference.digest()) {
        return Error(ErrorCode::DigestInvalid,
                     QStringLiteral("The manifest's content has digest %1, not %2 as the reference says")
                         .arg(digest.toString(), reference.digest().toString()),
                     QJsonObject{{QStringLiteral("digest"), reference.digest().toString()}});
    }
    auto stored = d->store.putAs(bytes, algorithm);
    if (!stored)
        return stored.error();

    const QDateTime now = clock().now();
    PutManifestResult result;
    result.digest = digest;
    if (manifest.subject)
        result.subject = manifest.subject->digest;
    bool repositoryCreated = false;
    bool tagChanged = false;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto repoId = d->metadata.ensureRepository(repository, now, &repositoryCreated);
        if (!repoId)
            return repoId.error();
        QList<Digest> blobs;
        for (const Descriptor& blob : manifest.referencedBlobs()) {
            auto held = d->metadata.heldBlobSize(repoId.value(), blob.digest);
            if (!held)
                return held.error();
            if (!held.value() || !d->store.contains(blob.digest)) {
                return Error(
                    ErrorCode::ManifestBlobUnknown,
                    QStringLiteral("The manifest references blob %1, which repository %2 does not have; "
                                   "push the blob first")
                        .arg(blob.digest.toString(), repository),
                    QJsonObject{{QStringLiteral("digest"), blob.digest.toString()}});
            }
            blobs << blob.digest;
        }
        QList<Digest> children;
        for (const Descriptor& child : manifest.manifests) {
            auto known = d->metadata.manifestByDigest(repoId.value(), child.digest);
            if (!known)
                return known.error();
            if (!known.value()) {
                return Error(
                    ErrorCode::ManifestUnknown,
                    QStringLiteral("The index references manifest %1, which is not in repository %2; "
                                   "push it first")
                        .arg(child.digest.toString(), repository),
                    QJsonObject{{QStringLiteral("digest"), child.digest.toString()}});
            }
            children << child.digest;
        }
        auto existing = d->metadata.manifestByDigest(repoId.value(), digest);
        if (!existing)
            return existing.error();
        qint64 manifestId = 0;
        if (existing.value()) {
            manifestId = existing.value()->id;
            result.created = false;
        } else {
            ManifestRecord record;
            record.repositoryId = repoId.value();
            record.digest = digest;
            record.mediaType = manifest.mediaType;
            record.artifactType = manifest.effectiveArtifactType();
            record.size = bytes.size();
            if (manifest.subject)
                record.subject = manifest.subject->digest;
            record.annotations = manifest.annotations;
            record.pushedAt = now;
            auto inserted = d->metadata.insertManifest(record, blobs, children);
            if (!inserted)
                return inserted.error();
            manifestId = inserted.value();
        }
        auto linked = d->metadata.linkBlob(repoId.value(), digest, bytes.size(), now);
        if (!linked)
            return linked.error();
        if (reference.isTag()) {
            auto tagged = d->metadata.setTag(repoId.value(), reference.tag(), manifestId, now);
            if (!tagged)
                return tagged.error();
            tagChanged = tagged.value();
        }
        return d->metadata.touchRepositoryPush(repoId.value(), now);
    });
    if (!done)
        return done.error();

    const QString tag = reference.isTag() ? reference.tag() : QString();
    if (repositoryCreated)
        emit registryEvent(makeEvent(RegistryEventType::RepositoryCreated, repository, Digest(), now));
    emit registryEvent(
        makeEvent(RegistryEventType::ManifestPushed, repository, digest, now, bytes.size(), tag));
    if (tagChanged)
        emit registryEvent(
            makeEvent(RegistryEventType::TagUpdated, repository, digest, now, bytes.size(), tag));
    return result;
}

Result<ManifestContent> RegistryService::getManifest(const QString& repository, const Reference& reference,
                                                     bool countPull)
{
    if (auto valid = checkRepositoryName(repository); !valid)
        return valid.error();
    auto repoId = d->metadata.repositoryId(repository);
    if (!repoId)
        return repoId.error();
    if (!repoId.value()) {
        return Error(ErrorCode::NameUnknown, QStringLiteral("Repository %1 does not exist").arg(repository),
                     QJsonObject{{QStringLiteral("name"), repository}});
    }
    auto record = reference.isDigest() ? d->metadata.manifestByDigest(*repoId.value(), reference.digest())
                                       : d->metadata.manifestByTag(*repoId.value(), reference.tag());
    if (!record)
        return record.error();
    if (!record.value()) {
        return Error(ErrorCode::ManifestUnknown,
                     QStringLiteral("Repository %1 has no manifest %2").arg(repository, reference.toString()),
                     QJsonObject{{reference.isDigest() ? QStringLiteral("digest") : QStringLiteral("tag"),
                                  reference.toString()}});
    }
    const ManifestRecord& m = *record.value();
    auto device = d->store.openRead(m.digest);
    if (!device) {
        return Error(ErrorCode::Internal,
                     QStringLiteral("The bytes of manifest %1 in repository %2 are missing "
                                    "from the blob store")
                         .arg(m.digest.toString(), repository));
    }
    ManifestContent content;
    content.digest = m.digest;
    content.mediaType = m.mediaType;
    content.bytes = device->readAll();
    if (content.bytes.size() != m.size) {
        return Error(ErrorCode::Internal,
                     QStringLiteral("Manifest %1 in repository %2 could not be read whole")
                         .arg(m.digest.toString(), repository));
    }
    if (countPull) {
        const QDateTime now = clock().now();
        bool flush = false;
        {
            std::lock_guard lock(d->statsMutex);
            d->pendingPulls[{repository, m.digest.toString()}] = PullRecord{repository, m.digest, now};
            flush = !d->lastFlush.isValid() || d->lastFlush.msecsTo(now) >= StatisticsFlushIntervalMs;
        }
        if (flush)
            flushStatistics();
        emit registryEvent(makeEvent(RegistryEventType::ManifestPulled, repository, m.digest, now, m.size,
                                     reference.isTag() ? reference.tag() : QString()));
    }
    return content;
}

Result<void> RegistryService::deleteManifest(const QString& repository, const Digest& digest)
{
    if (auto valid = checkRepositoryName(repository); !valid)
        return valid;
    const QDateTime now = clock().now();
    QStringList tags;
    qint64 size = 0;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto repoId = d->metadata.repositoryId(repository);
        if (!repoId)
            return repoId.error();
        if (!repoId.value()) {
            return Error(ErrorCode::NameUnknown,
                         QStringLiteral("Repository %1 does not exist").arg(repository),
                         QJsonObject{{QStringLiteral("name"), repository}});
        }
        auto record = d->metadata.manifestByDigest(*repoId.value(), digest);
        if (!record)
            return record.error();
        if (!record.value()) {
            return Error(
                ErrorCode::ManifestUnknown,
                QStringLiteral("Repository %1 has no manifest %2").arg(repository, digest.toString()),
                QJsonObject{{QStringLiteral("digest"), digest.toString()}});
        }
        size = record.value()->size;
        auto tagged = d->metadata.tagsOf(record.value()->id);
        if (!tagged)
            return tagged.error();
        tags = tagged.value();
        auto deleted = d->metadata.deleteManifest(record.value()->id);
        if (!deleted)
            return deleted.error();
        auto unlinked = d->metadata.unlinkBlob(*repoId.value(), digest);
        if (!unlinked)
            return unlinked.error();
        return {};
    });
    if (!done)
        return done;
    for (const QString& tag : tags)
        emit registryEvent(makeEvent(RegistryEventType::TagDeleted, repository, digest, now, 0, tag));
    emit registryEvent(makeEvent(RegistryEventType::ManifestDeleted, repository, digest, now, size));
    return {};
}

Result<void> RegistryService::deleteTag(const QString& repository, const QString& tag)
{
    if (auto valid = checkRepositoryName(repository); !valid)
        return valid;
    const QDateTime now = clock().now();
    Digest digest;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto repoId = d->metadata.repositoryId(repository);
        if (!repoId)
            return repoId.error();
        if (!repoId.value()) {
            return Error(ErrorCode::NameUnknown,
                         QStringLiteral("Repository %1 does not exist").arg(repository),
                         QJsonObject{{QStringLiteral("name"), repository}});
        }
        auto record = d->metadata.manifestByTag(*repoId.value(), tag);
        if (!record)
            return record.error();
        if (!record.value()) {
            return Error(ErrorCode::ManifestUnknown,
                         QStringLiteral("Repository %1 has no tag %2").arg(repository, tag.left(200)),
                         QJsonObject{{QStringLiteral("tag"), tag.left(200)}});
        }
        digest = record.value()->digest;
        auto deleted = d->metadata.deleteTag(*repoId.value(), tag);
        if (!deleted)
            return deleted.error();
        return {};
    });
    if (!done)
        return done;
    emit registryEvent(makeEvent(RegistryEventType::TagDeleted, repository, digest, now, 0, tag));
    return {};
}

Result<NamePage> RegistryService::listTags(const QString& repository, int n, const QString& last) const
{
    if (auto valid = checkRepositoryName(repository); !valid)
        return valid.error();
    auto repoId = d->metadata.repositoryId(repository);
    if (!repoId)
        return repoId.error();
    if (!repoId.value()) {
        return Error(ErrorCode::NameUnknown, QStringLiteral("Repository %1 does not exist").arg(repository),
                     QJsonObject{{QStringLiteral("name"), repository}});
    }
    NamePage page;
    if (n == 0)
        return page;
    auto names = d->metadata.tagNames(*repoId.value(), n < 0 ? -1 : n + 1, last);
    if (!names)
        return names.error();
    page.names = std::move(names).value();
    if (n > 0 && page.names.size() > n) {
        page.names.resize(n);
        page.more = true;
    }
    return page;
}

Result<QList<Descriptor>> RegistryService::referrers(const QString& repository, const Digest& digest,
                                                     const QString& artifactType) const
{
    if (auto valid = checkRepositoryName(repository); !valid)
        return valid.error();
    QList<Descriptor> out;
    auto repoId = d->metadata.repositoryId(repository);
    if (!repoId)
        return repoId.error();
    if (!repoId.value() || !digest.isValid())
        return out;
    auto records = d->metadata.referrers(*repoId.value(), digest, artifactType);
    if (!records)
        return records.error();
    for (const ManifestRecord& m : records.value()) {
        Descriptor desc;
        desc.mediaType = m.mediaType;
        desc.digest = m.digest;
        desc.size = m.size;
        desc.artifactType = m.artifactType;
        desc.annotations = m.annotations;
        out << desc;
    }
    return out;
}

} // namespace berth
