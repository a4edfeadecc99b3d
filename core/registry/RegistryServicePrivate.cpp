#include "registry/RegistryServicePrivate.h"

#include "governance/PushGuard.h"
#include "oci/Names.h"

#include <QJsonObject>
#include <QUuid>

namespace berth {

RegistryService::Private::Private(const QString& dataDirectory, const StorageOptions& storage)
    : store(dataDirectory, storage), metadata(dataDirectory + QStringLiteral("/berth.db"))
{}

void RegistryService::Private::queueStatisticsFlush(RegistryService& service)
{
    if (flushQueued.exchange(true))
        return;
    QMetaObject::invokeMethod(
        &service,
        [&service, this] {
            flushQueued.store(false);
            if (metadata.isOpen())
                service.flushStatistics();
        },
        Qt::QueuedConnection);
}

Result<qint64> RegistryService::Private::existingRepository(const QString& repository) const
{
    auto id = metadata.repositoryId(repository);
    if (!id)
        return id.error();
    if (!id.value())
        return repositoryUnknown(repository);
    return *id.value();
}

// ---- upload sessions

Result<UploadRecord> RegistryService::Private::sessionOf(const QString& repository, const QString& id) const
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

void RegistryService::Private::endSession(const QString& id, std::unique_ptr<UploadLease> lease,
                                          bool deleteRow)
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

// ---- checks and errors

Result<void> RegistryService::Private::checkRepositoryName(const QString& repository)
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

bool RegistryService::Private::isUploadId(const QString& id)
{
    const QString uuidPart = id.startsWith(UnresumablePrefix) ? id.mid(UnresumablePrefix.size()) : id;
    if (uuidPart.size() != 36)
        return false;
    const QUuid uuid = QUuid::fromString(uuidPart);
    return !uuid.isNull() && uuid.toString(QUuid::WithoutBraces) == uuidPart;
}

Error RegistryService::Private::uploadUnknown(const QString& repository, const QString& id)
{
    return Error(
        ErrorCode::BlobUploadUnknown,
        QStringLiteral("There is no upload session \"%1\" in repository %2").arg(id.left(64), repository),
        QJsonObject{{QStringLiteral("upload"), id.left(64)}});
}

Error RegistryService::Private::uploadInUse(const QString& id)
{
    return Error(
        ErrorCode::BlobUploadInvalid,
        QStringLiteral("Upload %1 is in use by another request; retry when it has finished").arg(id));
}

Error RegistryService::Private::blobUnknown(const QString& repository, const Digest& digest)
{
    return Error(ErrorCode::BlobUnknown,
                 QStringLiteral("Repository %1 has no blob %2").arg(repository, digest.toString()),
                 QJsonObject{{QStringLiteral("digest"), digest.toString()}});
}

Result<NamePage>
RegistryService::Private::namePage(int n, const std::function<Result<QStringList>(int limit)>& fetch)
{
    NamePage page;
    if (n == 0)
        return page;
    auto names = fetch(n < 0 ? -1 : n + 1);
    if (!names)
        return names.error();
    page.names = std::move(names).value();
    if (n > 0 && page.names.size() > n) {
        page.names.resize(n);
        page.more = true;
    }
    return page;
}

RegistryEvent RegistryService::Private::makeEvent(RegistryEventType type, const QString& repository,
                                                  const Digest& digest, const QDateTime& at, qint64 bytes,
                                                  const QString& tag)
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

Error RegistryService::Private::repositoryUnknown(const QString& repository)
{
    return Error(ErrorCode::NameUnknown, QStringLiteral("Repository %1 does not exist").arg(repository),
                 QJsonObject{{QStringLiteral("name"), repository}});
}

Result<void> RegistryService::Private::admitNewRepository(const QString& repository,
                                                          const RegistryLimits& limits)
{
    auto known = metadata.repositoryId(repository);
    if (!known)
        return known.error();
    if (known.value())
        return {};
    return PushGuard(metadata, limits).admitRepository(repository, nullptr);
}

} // namespace berth
