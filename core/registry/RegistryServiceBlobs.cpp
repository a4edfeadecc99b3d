#include "registry/RegistryServicePrivate.h"

#include <QUuid>

namespace berth {

// ---- blobs

Result<BlobInfo> RegistryService::statBlob(const QString& repository, const Digest& digest) const
{
    if (auto valid = Private::checkRepositoryName(repository); !valid)
        return valid.error();
    const Error unknown = Private::blobUnknown(repository, digest);
    if (!digest.isValid())
        return unknown;
    // Read before the lookups (see HeldBlobCache): a blob seen before needs no query.
    const quint64 generation = d->metadata.generation();
    std::optional<bool> held = d->heldBlobs.find(generation, repository, digest);
    if (!held) {
        auto repoId = d->metadata.repositoryId(repository);
        if (!repoId)
            return repoId.error();
        if (!repoId.value())
            return unknown;
        auto heldSize = d->metadata.heldBlobSize(*repoId.value(), digest);
        if (!heldSize)
            return heldSize.error();
        held = heldSize.value().has_value();
        d->heldBlobs.insert(generation, repository, digest, *held);
    }
    if (!*held)
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

ReplicatedBlobStore& RegistryService::replicatedStore()
{
    return d->store;
}

QString RegistryService::blobLocalPath(const Digest& digest) const
{
    return d->store.localPath(digest);
}

Result<void> RegistryService::deleteBlob(const QString& repository, const Digest& digest)
{
    if (auto valid = Private::checkRepositoryName(repository); !valid)
        return valid;
    const QDateTime now = clock().now();
    auto done = d->metadata.transaction([&]() -> Result<void> {
        const Error unknown = Private::blobUnknown(repository, digest);
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
    emit registryEvent(Private::makeEvent(RegistryEventType::BlobDeleted, repository, digest, now));
    return {};
}

Result<bool> RegistryService::mountBlob(const QString& repository, const Digest& digest, const QString& from)
{
    if (auto valid = Private::checkRepositoryName(repository); !valid)
        return valid.error();
    if (!from.isEmpty()) {
        if (auto valid = Private::checkRepositoryName(from); !valid)
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
        if (auto admitted = d->admitNewRepository(repository, m_options.limits); !admitted)
            return admitted;
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
        emit registryEvent(
            Private::makeEvent(RegistryEventType::RepositoryCreated, repository, Digest(), now));
    if (linked)
        emit registryEvent(Private::makeEvent(RegistryEventType::BlobMounted, repository, digest, now, size));
    return mounted;
}

// ---- uploads

Result<UploadStatus> RegistryService::startUpload(const QString& repository, bool resumable)
{
    if (auto valid = Private::checkRepositoryName(repository); !valid)
        return valid.error();
    const QString id = (resumable ? QString() : Private::UnresumablePrefix) +
                       QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto writer = d->store.openUpload(id, false);
    if (!writer)
        return writer.error();
    auto recorded = d->metadata.transaction([&]() -> Result<void> {
        // Refused early when the upload would create a repository over the limit (checked again when
        // the upload completes), so a client does not send the bytes first.
        if (auto admitted = d->admitNewRepository(repository, m_options.limits); !admitted)
            return admitted;
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
    if (auto valid = Private::checkRepositoryName(repository); !valid)
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
        return Private::uploadUnknown(repository, uploadId);
    return UploadStatus{uploadId, repository, size};
}

Result<std::unique_ptr<UploadLease>> RegistryService::acquireUpload(const QString& repository,
                                                                    const QString& uploadId)
{
    if (auto valid = Private::checkRepositoryName(repository); !valid)
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
                return Private::uploadInUse(uploadId);
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
            return Private::uploadUnknown(repository, uploadId);
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
    auto committed = writer->commit(digest, true); // kept for restore() below
    if (!committed) {
        if (committed.error().code == ErrorCode::DigestInvalid)
            d->endSession(id, std::move(lease));
        return committed.error();
    }

    const QDateTime now = clock().now();
    bool created = false;
    auto linked = d->metadata.transaction([&]() -> Result<void> {
        // Garbage collection may have removed the blob between the commit and this transaction (it
        // deletes under the same writer lock): put the session's copy back before linking it.
        if (!d->store.contains(digest)) {
            auto restored = writer->restore(digest);
            if (!restored)
                return restored;
        }
        if (auto admitted = d->admitNewRepository(repository, m_options.limits); !admitted)
            return admitted;
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
        emit registryEvent(
            Private::makeEvent(RegistryEventType::RepositoryCreated, repository, Digest(), now));
    emit registryEvent(Private::makeEvent(RegistryEventType::BlobPushed, repository, digest, now, size));
    return BlobInfo{digest, size};
}

Result<void> RegistryService::cancelUpload(const QString& repository, const QString& uploadId)
{
    if (auto valid = Private::checkRepositoryName(repository); !valid)
        return valid;
    auto session = d->sessionOf(repository, uploadId);
    if (!session)
        return session.error();
    {
        std::lock_guard lock(d->uploadsMutex);
        auto it = d->uploads.find(uploadId);
        if (it != d->uploads.end()) {
            if (it->second.inUse)
                return Private::uploadInUse(uploadId);
            it->second.inUse = true; // nobody may acquire it while it goes away
        } else {
            d->uploads[uploadId] = Private::OpenUpload{repository, nullptr, true};
        }
    }
    d->endSession(uploadId);
    return {};
}

} // namespace berth
