#include "gc/GcPlanner.h"

#include <QHash>

namespace berth {

QSet<qint64> GcPlanner::untaggedManifests(const GcSnapshot& snapshot, const GcOptions& options,
                                          const QDateTime& cutoff)
{
    // Per repository: children and subjects point at manifests of the same repository.
    QHash<qint64, QHash<QString, qsizetype>> byDigest;
    for (qsizetype i = 0; i < snapshot.manifests.size(); ++i) {
        const auto& m = snapshot.manifests[i];
        byDigest[m.repositoryId].insert(m.digest.toString(), i);
    }

    QList<bool> kept(snapshot.manifests.size(), false);
    QList<qsizetype> pending;
    auto keep = [&](qsizetype i) {
        if (!kept[i]) {
            kept[i] = true;
            pending << i;
        }
    };
    // Keeps what is pending and, recursively, the children of kept indexes.
    auto close = [&] {
        while (!pending.isEmpty()) {
            const auto& m = snapshot.manifests[pending.takeLast()];
            const auto& digests = byDigest[m.repositoryId];
            for (const QString& child : m.children) {
                const auto it = digests.constFind(child);
                if (it != digests.constEnd())
                    keep(*it);
            }
        }
    };

    // A manifest pushed again lately (its link into the repository was refreshed) counts as recent too.
    QSet<QPair<qint64, QString>> relinked;
    for (const auto& link : snapshot.links) {
        if (link.linkedAt.isValid() && link.linkedAt >= cutoff)
            relinked.insert({link.repositoryId, link.digest});
    }
    for (qsizetype i = 0; i < snapshot.manifests.size(); ++i) {
        const auto& m = snapshot.manifests[i];
        const bool recent = !m.pushedAt.isValid() || m.pushedAt >= cutoff ||
                            relinked.contains({m.repositoryId, m.digest.toString()});
        const bool referrer = !m.subject.isEmpty();
        if (m.tagged || recent || (referrer && !options.deleteReferrers))
            keep(i);
    }
    close();

    if (options.deleteReferrers) {
        // A referrer stays while its subject stays; keeping it may keep its children and, in turn,
        // referrers of those.
        bool changed = true;
        while (changed) {
            changed = false;
            for (qsizetype i = 0; i < snapshot.manifests.size(); ++i) {
                const auto& m = snapshot.manifests[i];
                if (kept[i] || m.subject.isEmpty())
                    continue;
                const auto& digests = byDigest[m.repositoryId];
                const auto it = digests.constFind(m.subject);
                if (it != digests.constEnd() && kept[*it]) {
                    keep(i);
                    changed = true;
                }
            }
            close();
        }
    }

    QSet<qint64> deleted;
    for (qsizetype i = 0; i < snapshot.manifests.size(); ++i) {
        if (!kept[i])
            deleted.insert(snapshot.manifests[i].id);
    }
    return deleted;
}

QList<GcBlob> GcPlanner::garbageBlobs(const GcSnapshot& snapshot, const QSet<qint64>& deletedManifests,
                                      const QList<StoredBlob>& stored, const QDateTime& cutoff)
{
    QSet<QString> referenced;
    // Deleting a manifest also removes its own link from its repository.
    QSet<QPair<qint64, QString>> droppedLinks;
    for (const auto& m : snapshot.manifests) {
        if (deletedManifests.contains(m.id)) {
            droppedLinks.insert({m.repositoryId, m.digest.toString()});
            continue;
        }
        referenced.insert(m.digest.toString());
        for (const QString& blob : m.blobs)
            referenced.insert(blob);
    }
    for (const auto& link : snapshot.links) {
        const bool recent = !link.linkedAt.isValid() || link.linkedAt >= cutoff;
        if (recent && !droppedLinks.contains({link.repositoryId, link.digest}))
            referenced.insert(link.digest);
    }

    QList<GcBlob> garbage;
    for (const StoredBlob& blob : stored) {
        if (referenced.contains(blob.digest.toString()))
            continue;
        if (!blob.touchedAt.isValid() || blob.touchedAt >= cutoff)
            continue;
        garbage.append(GcBlob{blob.digest, blob.size});
    }
    return garbage;
}

} // namespace berth
