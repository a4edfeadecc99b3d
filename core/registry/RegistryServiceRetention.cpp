#include "governance/TagImmutability.h"
#include "jobs/JobContext.h"
#include "metadata/StoredTime.h"
#include "registry/RegistryServicePrivate.h"

#include <QCoreApplication>
#include <QSet>
#include <algorithm>

namespace berth {

// ---- retention (issue 6): conditional deletes that re-check the plan inside the writer transaction

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("RegistryService", text);
}

/// Steps per writer transaction: small enough that pushes wait only briefly.
constexpr int BatchSize = 200;

struct DeletedManifest
{
    Digest digest;
    qint64 size = 0;
    QStringList tags;
};

/// Why the image must stay now although the plan deletes it, or an empty string when it may go.
Result<QString> changedSincePlan(MetadataStore& metadata, qint64 repositoryId,
                                 const RetentionImageDecision& image, const QSet<QString>& plannedDeletions)
{
    auto record = metadata.manifestByDigest(repositoryId, image.digest);
    if (!record)
        return record.error();
    if (!record.value())
        return tr("It is no longer in the repository.");
    if (record.value()->id != image.manifestId || record.value()->pushedAt != image.pushedAt)
        return tr("It was deleted and pushed again since the plan was made.");
    auto linked = metadata.exec(
        QStringLiteral("SELECT linked_at FROM repository_blobs WHERE repository_id = ? AND digest = ?"),
        {repositoryId, image.digest.toString()});
    if (!linked)
        return linked.error();
    const QDateTime linkedAt = linked->next() ? StoredTime::fromColumn(linked->value(0)) : QDateTime();
    if (linkedAt != image.linkedAt)
        return tr("It was pushed again since the plan was made.");
    auto tags = metadata.exec(QStringLiteral("SELECT name, updated_at FROM tags WHERE manifest_id = ?"),
                              {image.manifestId});
    if (!tags)
        return tags.error();
    while (tags->next()) {
        const QString name = tags->value(0).toString();
        const QDateTime updated = StoredTime::fromColumn(tags->value(1));
        bool planned = false;
        for (const RetentionTagState& t : image.tags)
            planned = planned || (t.name == name && t.updatedAt == updated);
        if (!planned)
            return tr("Tag %1 was set on it since the plan was made.").arg(name);
    }
    auto parents = metadata.exec(QStringLiteral("SELECT m.digest FROM manifest_children x JOIN manifests m"
                                                " ON m.id = x.manifest_id WHERE x.child_digest = ?"
                                                " AND m.repository_id = ? LIMIT 1"),
                                 {image.digest.toString(), repositoryId});
    if (!parents)
        return parents.error();
    if (parents->next())
        return tr("The index %1 lists it.").arg(parents->value(0).toString());
    if (record.value()->subject) {
        auto subject = metadata.manifestByDigest(repositoryId, *record.value()->subject);
        if (!subject)
            return subject.error();
        if (subject.value())
            return tr("Its subject %1 stays.").arg(record.value()->subject->toString());
    }
    auto referrers = metadata.referrers(repositoryId, image.digest, QString());
    if (!referrers)
        return referrers.error();
    for (const ManifestRecord& r : referrers.value())
        if (!plannedDeletions.contains(r.digest.toString()))
            return tr("The referrer %1 stays (pushed since the plan was made).").arg(r.digest.toString());
    return QString();
}

} // namespace

Result<RetentionApplyResult> RegistryService::applyRetention(const RepositoryRetentionPlan& plan,
                                                             JobContext* context)
{
    RetentionApplyResult result;
    QSet<QString> plannedDeletions;
    for (const RetentionImageDecision& image : plan.deleted)
        plannedDeletions.insert(image.digest.toString());
    const qint64 total = plan.removedTags.size() + plan.deleted.size();
    qint64 done = 0;
    const auto skip = [&](const QString& what, const QString& reason) {
        result.skipped << RetentionSkip{plan.repository, what, reason};
    };

    qsizetype nextTag = 0;
    qsizetype nextImage = 0;
    while (nextTag < plan.removedTags.size() || nextImage < plan.deleted.size()) {
        if (context && context->isCancelled()) {
            result.cancelled = true;
            break;
        }
        const QDateTime now = clock().now();
        QList<std::pair<QString, Digest>> removedTags;
        QList<DeletedManifest> deleted;
        qsizetype tagEnd = nextTag;
        qsizetype imageEnd = nextImage;
        QList<RetentionSkip> batchSkips;
        auto batch = d->metadata.transaction([&]() -> Result<void> {
            removedTags.clear();
            deleted.clear();
            const qsizetype skippedBefore = result.skipped.size();
            auto repoId = d->metadata.repositoryId(plan.repository);
            if (!repoId)
                return repoId.error();
            // Immutability may have been switched on since the plan was made: re-read it per batch.
            TagImmutability immutability;
            if (repoId.value()) {
                auto loaded = TagImmutability::load(d->metadata, *repoId.value());
                if (!loaded)
                    return loaded.error();
                immutability = loaded.value();
            }
            int steps = 0;
            tagEnd = nextTag;
            imageEnd = nextImage;
            for (; tagEnd < plan.removedTags.size() && steps < BatchSize; ++tagEnd, ++steps) {
                const RetentionTagRemoval& t = plan.removedTags[tagEnd];
                const QString what = tr("tag %1").arg(t.tag);
                if (!repoId.value()) {
                    skip(what, tr("The repository is gone."));
                    continue;
                }
                auto current =
                    d->metadata.exec(QStringLiteral("SELECT m.digest, t.updated_at FROM tags t JOIN "
                                                    "manifests m ON m.id = t.manifest_id"
                                                    " WHERE t.repository_id = ? AND t.name = ?"),
                                     {*repoId.value(), t.tag});
                if (!current)
                    return current.error();
                if (!current->next()) {
                    skip(what, tr("The tag is gone already."));
                    continue;
                }
                if (immutability.isImmutable(t.tag)) {
                    skip(what, tr("The tag is immutable."));
                    continue;
                }
                if (current->value(0).toString() != t.digest.toString() ||
                    StoredTime::fromColumn(current->value(1)) != t.updatedAt) {
                    skip(what, tr("The tag was set again since the plan was made."));
                    continue;
                }
                auto removed = d->metadata.deleteTag(*repoId.value(), t.tag);
                if (!removed)
                    return removed.error();
                removedTags << std::pair{t.tag, t.digest};
            }
            for (; imageEnd < plan.deleted.size() && steps < BatchSize; ++imageEnd, ++steps) {
                const RetentionImageDecision& image = plan.deleted[imageEnd];
                if (!repoId.value()) {
                    skip(image.digest.toString(), tr("The repository is gone."));
                    continue;
                }
                auto changed = changedSincePlan(d->metadata, *repoId.value(), image, plannedDeletions);
                if (!changed)
                    return changed.error();
                if (!changed.value().isEmpty()) {
                    skip(image.digest.toString(), changed.value());
                    continue;
                }
                auto tagged = d->metadata.tagsOf(image.manifestId);
                if (!tagged)
                    return tagged.error();
                const auto immutableTag =
                    std::find_if(tagged.value().cbegin(), tagged.value().cend(),
                                 [&](const QString& tag) { return immutability.isImmutable(tag); });
                if (immutableTag != tagged.value().cend()) {
                    skip(image.digest.toString(), tr("Its tag %1 is immutable.").arg(*immutableTag));
                    continue;
                }
                auto removed = d->metadata.deleteManifest(image.manifestId);
                if (!removed)
                    return removed.error();
                auto unlinked = d->metadata.unlinkBlob(*repoId.value(), image.digest);
                if (!unlinked)
                    return unlinked.error();
                deleted << DeletedManifest{image.digest, image.size, tagged.value()};
            }
            batchSkips = result.skipped.mid(skippedBefore);
            result.skipped.resize(skippedBefore); // added again once the batch has committed
            return {};
        });
        if (!batch)
            return batch.error();
        result.skipped << batchSkips;
        nextTag = tagEnd;
        nextImage = imageEnd;
        for (const auto& [tag, digest] : removedTags) {
            ++result.removedTags;
            emit registryEvent(
                Private::makeEvent(RegistryEventType::TagDeleted, plan.repository, digest, now, 0, tag));
        }
        for (const DeletedManifest& m : deleted) {
            ++result.deletedImages;
            result.manifestBytes += m.size;
            for (const QString& tag : m.tags)
                emit registryEvent(Private::makeEvent(RegistryEventType::TagDeleted, plan.repository,
                                                      m.digest, now, 0, tag));
            emit registryEvent(Private::makeEvent(RegistryEventType::ManifestDeleted, plan.repository,
                                                  m.digest, now, m.size));
        }
        done = nextTag + nextImage;
        if (context)
            context->setProgress(done, total);
    }
    return result;
}

} // namespace berth
