#include "governance/PushGuard.h"

#include "governance/TagImmutability.h"

#include <QJsonObject>

namespace berth {

namespace {

QJsonObject limitDetail(const QString& name, qint64 limit, qint64 current, const QString& repository = {})
{
    QJsonObject detail{{QStringLiteral("limit"), name},
                       {QStringLiteral("value"), limit},
                       {QStringLiteral("current"), current}};
    if (!repository.isEmpty())
        detail.insert(QStringLiteral("repository"), repository);
    return detail;
}

} // namespace

PushGuard::PushGuard(MetadataStore& metadata, RegistryLimits defaults)
    : m_settings(metadata, defaults), m_metadata(metadata)
{}

QString PushGuard::repositoriesWarning(qint64 count, qint64 limit)
{
    return QStringLiteral("The registry holds %1 of its limit of %2 repositories (%3%); ask for a higher "
                          "limit before it is reached: berthctl limits request repositories --value N "
                          "--reason TEXT")
        .arg(count)
        .arg(limit)
        .arg(limit > 0 ? count * 100 / limit : 100);
}

QString PushGuard::imagesWarning(const QString& repository, qint64 count, qint64 limit)
{
    return QStringLiteral("Repository %1 holds %2 of its limit of %3 images (%4%); delete images it no "
                          "longer needs or ask for a higher limit: berthctl limits request images %1 "
                          "--value N --reason TEXT")
        .arg(repository)
        .arg(count)
        .arg(limit)
        .arg(limit > 0 ? count * 100 / limit : 100);
}

Result<void> PushGuard::admitRepository(const QString& name, QStringList* warnings)
{
    auto limits = m_settings.effective();
    if (!limits)
        return limits.error();
    auto count = m_settings.repositoryCount();
    if (!count)
        return count.error();
    const qint64 limit = limits->repositories;
    if (count.value() + 1 > limit) {
        return Error(ErrorCode::LimitExceeded,
                     QStringLiteral("Repository %1 cannot be created: the registry has reached its limit of "
                                    "%2 repositories (it holds %3). Delete repositories you no longer need, "
                                    "or ask an administrator for a higher limit: berthctl limits request "
                                    "repositories --value N --reason TEXT")
                         .arg(name)
                         .arg(limit)
                         .arg(count.value()),
                     limitDetail(LimitSettings::Repositories, limit, count.value()));
    }
    if (warnings && RegistryLimits::nearLimit(count.value() + 1, limit))
        warnings->append(repositoriesWarning(count.value() + 1, limit));
    return {};
}

Result<void> PushGuard::admitManifest(qint64 repositoryId, const QString& repository, QStringList* warnings)
{
    auto limit = m_settings.imageLimit(repositoryId);
    if (!limit)
        return limit.error();
    auto count = m_settings.imageCount(repositoryId);
    if (!count)
        return count.error();
    if (count.value() + 1 > limit.value()) {
        return Error(
            ErrorCode::LimitExceeded,
            QStringLiteral("Repository %1 has reached its limit of %2 images (it holds %3; each "
                           "platform of a multi-arch image counts as one). Delete images it no longer "
                           "needs, or ask an administrator for a higher limit: berthctl limits request "
                           "images %1 --value N --reason TEXT")
                .arg(repository)
                .arg(limit.value())
                .arg(count.value()),
            limitDetail(LimitSettings::ImagesPerRepository, limit.value(), count.value(), repository));
    }
    if (warnings && RegistryLimits::nearLimit(count.value() + 1, limit.value()))
        warnings->append(imagesWarning(repository, count.value() + 1, limit.value()));
    return {};
}

Result<void> PushGuard::admitTagMove(qint64 repositoryId, const QString& repository, const QString& tag,
                                     const std::optional<Digest>& current, const Digest& next)
{
    if (!current || *current == next)
        return {};
    auto rules = TagImmutability::load(m_metadata, repositoryId);
    if (!rules)
        return rules.error();
    if (!rules->isImmutable(tag))
        return {};
    return Error(
        ErrorCode::TagImmutable,
        QStringLiteral("Tag %1 of repository %2 is immutable: it names %3 and cannot be moved to %4. "
                       "Push under a new tag, or ask an administrator to exclude the tag from "
                       "immutability: berthctl repos immutability %2 --exclude PATTERN")
            .arg(tag, repository, current->toString(), next.toString()),
        QJsonObject{{QStringLiteral("tag"), tag}, {QStringLiteral("digest"), current->toString()}});
}

Result<void> PushGuard::admitTagDelete(qint64 repositoryId, const QString& repository,
                                       const QStringList& tags, const Digest& digest)
{
    if (tags.isEmpty())
        return {};
    auto rules = TagImmutability::load(m_metadata, repositoryId);
    if (!rules)
        return rules.error();
    for (const QString& tag : tags) {
        if (!rules->isImmutable(tag))
            continue;
        return Error(
            ErrorCode::TagImmutable,
            QStringLiteral("Tag %1 of repository %2 is immutable: it and its manifest %3 cannot be "
                           "deleted. Ask an administrator to exclude the tag from immutability or to "
                           "turn immutability off: berthctl repos immutability %2 --off")
                .arg(tag, repository, digest.toString()),
            QJsonObject{{QStringLiteral("tag"), tag}, {QStringLiteral("digest"), digest.toString()}});
    }
    return {};
}

} // namespace berth
