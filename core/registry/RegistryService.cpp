#include "registry/RegistryService.h"

#include "iam/IamErrors.h"
#include "iam/IdentityStore.h"
#include "licensing/LicenceStore.h"
#include "oci/Names.h"
#include "registry/RegistryServicePrivate.h"
#include "storage/DataDirectoryLock.h"

#include <QDir>

namespace berth {

RegistryService::RegistryService(Options options, QObject* parent)
    : QObject(parent), m_options(std::move(options)),
      d(std::make_unique<Private>(m_options.dataDirectory, m_options.storage))
{
    qRegisterMetaType<berth::RegistryEvent>();
    if (!m_options.clock)
        m_options.clock = &Clock::system();
    d->store.setClock(m_options.clock);
    // ---- metering
    d->usage = std::make_unique<UsageMeter>(*m_options.clock);
    d->usage->setFlushDue([this] { d->queueStatisticsFlush(*this); });
    // ---- licences
    d->licences = std::make_unique<LicenceStore>(d->metadata, *m_options.clock);
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
    if (!m_lock)
        m_lock = std::make_unique<DataDirectoryLock>();
    if (auto locked = m_lock->acquire(m_options.dataDirectory); !locked)
        return locked;
    auto initialized = d->store.initialize();
    if (!initialized)
        return initialized;
    auto opened = d->metadata.open();
    if (!opened)
        return opened;

    // Reconcile upload sessions after a crash: metadata without data and data without metadata both go,
    // and so do sessions no client can resume (monolithic uploads cut short) or will (abandoned ones).
    auto sessions = d->metadata.uploads();
    if (!sessions)
        return sessions.error();
    const QDateTime now = clock().now();
    auto abandoned = [&](const UploadRecord& record) {
        return m_options.abandonedUploadSeconds > 0 && record.startedAt.isValid() &&
               record.startedAt.secsTo(now) > m_options.abandonedUploadSeconds;
    };
    QSet<QString> known;
    QStringList orphanRows;
    for (const UploadRecord& record : sessions.value()) {
        if (d->store.uploadSize(record.id) < 0 || record.id.startsWith(Private::UnresumablePrefix) ||
            abandoned(record))
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
    d->pulls.restart(clock().now());
    d->usage->restart();
    return {};
}

void RegistryService::flushStatistics()
{
    // ---- metering: usage counts and tag pulls go first (their own transaction)
    if (auto usage = d->usage->flush(d->metadata); !usage)
        qWarning("berth: could not record usage: %s", qPrintable(usage.error().message));
    const QList<PullRecord> pulls = d->pulls.take(clock().now());
    if (pulls.isEmpty())
        return;
    auto written = d->metadata.transaction([&] { return d->metadata.recordPulls(pulls); });
    if (!written)
        qWarning("berth: could not record pull statistics: %s", qPrintable(written.error().message));
}

// ---- metering

UsageMeter& RegistryService::usageMeter()
{
    return *d->usage;
}

// ---- licences

LicenceStore& RegistryService::licences()
{
    return *d->licences;
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
    return Private::namePage(n, [&](int limit) { return d->metadata.repositoryNames(limit, last); });
}

// ---- repositories in compartments

namespace {

/// The compartment's row; NOT_FOUND when there is no such compartment.
Result<qint64> compartmentRow(const IdentityStore& identity, const CompartmentPath& compartment)
{
    auto row = identity.compartmentRowId(compartment);
    if (!row)
        return row.error();
    if (!row.value())
        return IamErrors::notFound(QStringLiteral("There is no %1").arg(compartment.describe()));
    return *row.value();
}

} // namespace

BlobStore& RegistryService::blobStore()
{
    return d->store;
}

MetadataStore& RegistryService::metadata()
{
    return d->metadata;
}

Result<void> RegistryService::createRepository(const QString& repository, const CompartmentPath& compartment)
{
    if (auto valid = Private::checkRepositoryName(repository); !valid)
        return valid;
    const QDateTime now = clock().now();
    IdentityStore identity(d->metadata);
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto row = compartmentRow(identity, compartment);
        if (!row)
            return row.error();
        if (auto admitted = d->admitNewRepository(repository, m_options.limits); !admitted)
            return admitted;
        bool created = false;
        auto id = d->metadata.ensureRepository(repository, now, &created);
        if (!id)
            return id.error();
        if (!created)
            return IamErrors::alreadyExists(QStringLiteral("Repository %1 already exists").arg(repository));
        return identity.setRepositoryCompartment(id.value(), row.value());
    });
    if (!done)
        return done;
    RegistryEvent e = Private::makeEvent(RegistryEventType::RepositoryCreated, repository, Digest(), now);
    e.compartment = compartment.toString();
    emit registryEvent(e);
    return {};
}

Result<void> RegistryService::moveRepository(const QString& repository, const CompartmentPath& compartment)
{
    if (auto valid = Private::checkRepositoryName(repository); !valid)
        return valid;
    const QDateTime now = clock().now();
    IdentityStore identity(d->metadata);
    CompartmentPath previous;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto link = identity.repositoryLink(repository);
        if (!link)
            return link.error();
        if (!link.value())
            return Private::repositoryUnknown(repository);
        auto row = compartmentRow(identity, compartment);
        if (!row)
            return row.error();
        auto from = identity.compartmentPathOf(link.value()->compartmentRowId);
        if (!from)
            return from.error();
        previous = from.value();
        if (link.value()->compartmentRowId == row.value())
            return {};
        return identity.setRepositoryCompartment(link.value()->repositoryId, row.value());
    });
    if (!done)
        return done;
    if (previous == compartment)
        return {};
    RegistryEvent e = Private::makeEvent(RegistryEventType::RepositoryMoved, repository, Digest(), now);
    e.compartment = compartment.toString();
    e.previousCompartment = previous.toString();
    emit registryEvent(e);
    return {};
}

Result<void> RegistryService::setRepositoryPublic(const QString& repository, bool isPublic)
{
    if (auto valid = Private::checkRepositoryName(repository); !valid)
        return valid;
    const QDateTime now = clock().now();
    IdentityStore identity(d->metadata);
    bool changed = false;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto link = identity.repositoryLink(repository);
        if (!link)
            return link.error();
        if (!link.value())
            return Private::repositoryUnknown(repository);
        if (link.value()->isPublic == isPublic)
            return {};
        changed = true;
        return identity.setRepositoryPublic(link.value()->repositoryId, isPublic);
    });
    if (!done)
        return done;
    if (changed) {
        RegistryEvent e =
            Private::makeEvent(RegistryEventType::RepositoryVisibilityChanged, repository, Digest(), now);
        e.isPublic = isPublic;
        emit registryEvent(e);
    }
    return {};
}

Result<CompartmentPath> RegistryService::repositoryCompartment(const QString& repository) const
{
    if (auto valid = Private::checkRepositoryName(repository); !valid)
        return valid.error();
    auto path = IdentityStore(d->metadata).repositoryCompartment(repository);
    if (!path)
        return path.error();
    if (!path.value())
        return Private::repositoryUnknown(repository);
    return *path.value();
}

Result<bool> RegistryService::isRepositoryPublic(const QString& repository) const
{
    if (auto valid = Private::checkRepositoryName(repository); !valid)
        return valid.error();
    auto link = IdentityStore(d->metadata).repositoryLink(repository);
    if (!link)
        return link.error();
    if (!link.value())
        return Private::repositoryUnknown(repository);
    return link.value()->isPublic;
}

Result<void> RegistryService::deleteRepository(const QString& repository)
{
    if (auto valid = Private::checkRepositoryName(repository); !valid)
        return valid;
    const QDateTime now = clock().now();
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto id = d->existingRepository(repository);
        if (!id)
            return id.error();
        auto deleted = d->metadata.deleteRepository(id.value());
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
    d->pulls.forget(repository);
    emit registryEvent(Private::makeEvent(RegistryEventType::RepositoryDeleted, repository, Digest(), now));
    return {};
}

Result<void> RegistryService::setRepositoryDescription(const QString& repository, const QString& text)
{
    if (auto valid = Private::checkRepositoryName(repository); !valid)
        return valid;
    QString description = text;
    description.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    if (description.size() > MaxDescriptionLength) {
        return IamErrors::invalid(
            QStringLiteral("The description is %1 characters long: shorten it to at most %2.")
                .arg(description.size())
                .arg(MaxDescriptionLength));
    }
    for (QChar c : std::as_const(description)) {
        if (c.category() == QChar::Other_Control && c != QLatin1Char('\n') && c != QLatin1Char('\t')) {
            const QString code = QStringLiteral("%1").arg(c.unicode(), 4, 16, QLatin1Char('0')).toUpper();
            return IamErrors::invalid(
                QStringLiteral("The description contains the control character U+%1: use "
                               "plain text (line breaks and tabs are fine).")
                    .arg(code));
        }
    }
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto id = d->existingRepository(repository);
        if (!id)
            return id.error();
        auto q = d->metadata.exec(QStringLiteral("UPDATE repositories SET description = ? WHERE id = ?"),
                                  {description.isNull() ? QStringLiteral("") : description, id.value()});
        if (!q)
            return q.error();
        return {};
    });
    return done;
}

} // namespace berth
