#include "governance/LimitSettings.h"

#include "iam/IamErrors.h"
#include "metadata/MetadataStore.h"
#include "metadata/StoredTime.h"

namespace berth {

LimitSettings::LimitSettings(MetadataStore& metadata, RegistryLimits defaults)
    : m_metadata(metadata), m_defaults(defaults)
{}

Result<RegistryLimits> LimitSettings::effective() const
{
    RegistryLimits limits = m_defaults;
    auto q = m_metadata.exec(QStringLiteral("SELECT key, value FROM registry_settings WHERE key IN (?, ?)"),
                             {RepositoriesKey, ImagesPerRepositoryKey});
    if (!q)
        return q.error();
    QSqlQuery& query = q.value();
    while (query.next()) {
        bool ok = false;
        const qint64 value = query.value(1).toString().toLongLong(&ok);
        if (!ok || value < 1)
            continue; // not written by us: the default stands
        if (query.value(0).toString() == RepositoriesKey)
            limits.repositories = value;
        else
            limits.imagesPerRepository = value;
    }
    return limits;
}

Result<void> LimitSettings::setRepositories(qint64 limit, const QString& by, const QDateTime& now)
{
    if (auto valid = validate(limit, Repositories); !valid)
        return valid;
    return write(RepositoriesKey, limit, by, now);
}

Result<void> LimitSettings::setImagesPerRepository(qint64 limit, const QString& by, const QDateTime& now)
{
    if (auto valid = validate(limit, ImagesPerRepository); !valid)
        return valid;
    return write(ImagesPerRepositoryKey, limit, by, now);
}

Result<void> LimitSettings::write(const QString& key, qint64 value, const QString& by, const QDateTime& now)
{
    auto q = m_metadata.exec(
        QStringLiteral(
            "INSERT INTO registry_settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
            " updated_at = excluded.updated_at, updated_by = excluded.updated_by"),
        {key, QString::number(value), StoredTime::toColumn(now), by.isNull() ? QStringLiteral("") : by});
    if (!q)
        return q.error();
    return {};
}

Result<qint64> LimitSettings::repositoryCount() const
{
    auto q = m_metadata.exec(QStringLiteral("SELECT COUNT(*) FROM repositories"));
    if (!q)
        return q.error();
    return q.value().next() ? q.value().value(0).toLongLong() : 0;
}

Result<qint64> LimitSettings::imageCount(qint64 repositoryId) const
{
    auto q = m_metadata.exec(QStringLiteral("SELECT COUNT(*) FROM manifests WHERE repository_id = ?"),
                             {repositoryId});
    if (!q)
        return q.error();
    return q.value().next() ? q.value().value(0).toLongLong() : 0;
}

Result<std::optional<qint64>> LimitSettings::ownImageLimit(qint64 repositoryId) const
{
    auto q =
        m_metadata.exec(QStringLiteral("SELECT image_limit FROM repositories WHERE id = ?"), {repositoryId});
    if (!q)
        return q.error();
    if (!q.value().next() || q.value().value(0).isNull())
        return std::optional<qint64>();
    return std::optional<qint64>(q.value().value(0).toLongLong());
}

Result<void> LimitSettings::setOwnImageLimit(qint64 repositoryId, qint64 limit)
{
    if (auto valid = validate(limit, ImagesPerRepository); !valid)
        return valid;
    auto q = m_metadata.exec(QStringLiteral("UPDATE repositories SET image_limit = ? WHERE id = ?"),
                             {limit, repositoryId});
    if (!q)
        return q.error();
    return {};
}

Result<qint64> LimitSettings::imageLimit(qint64 repositoryId) const
{
    auto limits = effective();
    if (!limits)
        return limits.error();
    auto own = ownImageLimit(repositoryId);
    if (!own)
        return own.error();
    return own.value() ? std::max(*own.value(), limits->imagesPerRepository) : limits->imagesPerRepository;
}

Result<void> LimitSettings::validate(qint64 value, const QString& what)
{
    if (value < 1 || value > RegistryLimits::Maximum) {
        return IamErrors::invalid(QStringLiteral("The %1 limit must be a whole number from 1 to %2, not %3")
                                      .arg(what)
                                      .arg(RegistryLimits::Maximum)
                                      .arg(value));
    }
    return {};
}

} // namespace berth
