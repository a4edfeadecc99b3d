#include "retention/RetentionPlan.h"

namespace berth {

QStringList RetentionImageDecision::tagNames() const
{
    QStringList out;
    out.reserve(tags.size());
    for (const RetentionTagState& t : tags)
        out << t.name;
    return out;
}

int RetentionPlan::deletedImages() const
{
    int n = 0;
    for (const RepositoryRetentionPlan& r : repositories)
        n += int(r.deleted.size());
    return n;
}

int RetentionPlan::removedTags() const
{
    int n = 0;
    for (const RepositoryRetentionPlan& r : repositories)
        n += int(r.removedTags.size());
    return n;
}

int RetentionPlan::keptImages() const
{
    int n = 0;
    for (const RepositoryRetentionPlan& r : repositories)
        n += int(r.kept.size());
    return n;
}

void RetentionPlan::computeReclaimable()
{
    QHash<qint64, const RepositoryRetentionPlan*> byId;
    for (const RepositoryRetentionPlan& r : repositories)
        byId.insert(r.repositoryId, &r);
    QSet<QString> counted;
    reclaimableBytes = 0;
    reclaimableBlobs = 0;
    for (RepositoryRetentionPlan& r : repositories) {
        r.reclaimableBytes = 0;
        r.reclaimableBlobs = 0;
        for (auto it = r.releasedHere.constBegin(); it != r.releasedHere.constEnd(); ++it) {
            bool freed = true;
            for (qint64 other : r.referencedElsewhere.value(it.key())) {
                const RepositoryRetentionPlan* o = byId.value(other);
                if (!o || !o->releasedHere.contains(it.key())) {
                    freed = false;
                    break;
                }
            }
            if (!freed)
                continue;
            r.reclaimableBytes += it.value();
            ++r.reclaimableBlobs;
            if (!counted.contains(it.key())) {
                counted.insert(it.key());
                reclaimableBytes += it.value();
                ++reclaimableBlobs;
            }
        }
    }
}

} // namespace berth
