#include "storage/ReplicaReader.h"

#include "storage/ReplicaSet.h"
#include "storage/VerifyingBlobDevice.h"

#include <QBuffer>
#include <QFile>
#include <QHash>

namespace berth {

std::unique_ptr<QIODevice> ReplicaReader::open(const std::shared_ptr<ReplicaSet>& set, const Digest& digest)
{
    if (!digest.isValid())
        return nullptr;
    QList<int> present;
    QList<int> missing;
    QHash<qint64, int> votes;
    qint64 size = -1;
    for (int i = 0; i < set->count(); ++i) {
        const qint64 s = set->domain(i).copySize(digest);
        if (s < 0) {
            missing << i;
            continue;
        }
        present << i;
        if (++votes[s] > votes.value(size))
            size = s;
    }
    if (present.isEmpty())
        return nullptr;
    set->missingCopiesFound += missing.size();

    // Copies of the most common size first (verified ones before the rest), then the odd sizes.
    QList<int> order;
    QList<int> oddSize;
    for (int i : present) {
        if (set->domain(i).copySize(digest) != size)
            oddSize << i;
        else if (set->isVerified(i, digest))
            order.prepend(i);
        else
            order << i;
    }
    order += oddSize;
    const bool small = size <= set->verifyBeforeServeBytes();
    const bool mustVerify = small || !oddSize.isEmpty();

    QList<int> bad = missing;
    int chosen = -1;
    QByteArray content;
    bool hashed = false; ///< `content` holds the chosen copy, hashed just now
    for (int i : order) {
        // A copy verified since it last changed (same device, inode, size and modification time) is
        // served as it is, small or large: blob files are never rewritten in place, so a change of
        // their bytes by anything but bit rot moves that identity, and bit rot is what scrub finds.
        if (!mustVerify || set->isVerified(i, digest)) {
            chosen = i;
            break;
        }
        auto state = set->verify(i, digest, {}, small ? &content : nullptr);
        if (state && state.value() == ReplicaSet::CopyState::Good) {
            chosen = i;
            hashed = small;
            break;
        }
        if (state && state.value() == ReplicaSet::CopyState::Missing)
            continue; // removed meanwhile (garbage collection)
        set->corruptCopiesFound++;
        set->quarantine(i, digest);
        bad << i;
    }
    if (chosen < 0) {
        qWarning("berth: no good copy of %s is left in any fault domain", qPrintable(digest.toString()));
        return nullptr;
    }
    // A copy whose size differs from a good one is corrupt.
    for (int i : oddSize) {
        if (i != chosen && !bad.contains(i) &&
            set->domain(i).copySize(digest) != set->domain(chosen).copySize(digest)) {
            set->corruptCopiesFound++;
            set->quarantine(i, digest);
            bad << i;
        }
    }
    for (int i : bad) {
        auto repaired = set->repair(i, digest);
        if (!repaired)
            qWarning("berth: %s", qPrintable(repaired.error().message));
    }

    if (hashed) {
        auto buffer = std::make_unique<QBuffer>();
        buffer->setData(content);
        buffer->open(QIODevice::ReadOnly);
        return buffer;
    }
    const QString path = set->domain(chosen).copyPath(digest);
    if (set->isVerified(chosen, digest)) {
        auto file = std::make_unique<QFile>(path);
        if (!file->open(QIODevice::ReadOnly))
            return nullptr;
        return file;
    }
    const QString identity = set->identityOf(chosen, digest);
    std::weak_ptr<ReplicaSet> weak = set;
    auto device =
        std::make_unique<VerifyingBlobDevice>(path, digest, [weak, chosen, digest, identity](bool good) {
            auto shared = weak.lock();
            if (!shared)
                return;
            if (!good)
                shared->streamFoundCorrupt(chosen, digest, identity);
            else if (shared->identityOf(chosen, digest) == identity)
                shared->markVerified(chosen, digest);
        });
    if (!device->open(QIODevice::ReadOnly))
        return nullptr;
    return device;
}

} // namespace berth
