#include "gc/GarbageCollector.h"

#include "gc/BlobRemovalHold.h"
#include "gc/GcPlanner.h"
#include "gc/GcSnapshot.h"
#include "jobs/JobContext.h"
#include "maintenance/MaintenanceLog.h"
#include "metadata/MetadataStore.h"
#include "metadata/StoredTime.h"
#include "registry/RegistryService.h"
#include "storage/BlobStore.h"

#include <QCoreApplication>
#include <algorithm>

namespace berth {

namespace {

QDateTime cutoffFor(const QDateTime& now, qint64 gracePeriodSeconds)
{
    return now.addSecs(-std::max<qint64>(0, gracePeriodSeconds));
}

void sortResult(GcResult& result)
{
    std::sort(result.manifests.begin(), result.manifests.end(), [](const GcManifest& a, const GcManifest& b) {
        return a.repository != b.repository ? a.repository < b.repository
                                            : a.digest.toString() < b.digest.toString();
    });
    std::sort(result.blobs.begin(), result.blobs.end(),
              [](const GcBlob& a, const GcBlob& b) { return a.digest.toString() < b.digest.toString(); });
}

} // namespace

GarbageCollector::GarbageCollector(MetadataStore& metadata, BlobStore& store, Clock& clock)
    : m_metadata(metadata), m_store(store), m_clock(clock)
{}

GarbageCollector::GarbageCollector(RegistryService& registry)
    : GarbageCollector(registry.metadata(), registry.blobStore(), registry.clock())
{
    // Qt signals are public: GC's deletions reach the same consumers as every other deletion.
    RegistryService* service = &registry;
    m_sink = [service](const RegistryEvent& event) { emit service->registryEvent(event); };
}

void GarbageCollector::setMaintenanceLog(MaintenanceLog* log)
{
    m_log = log;
}

void GarbageCollector::setEventSink(EventSink sink)
{
    m_sink = std::move(sink);
}

void GarbageCollector::publish(RegistryEventType type, const QString& repository, const Digest& digest,
                               qint64 bytes)
{
    if (!m_sink)
        return;
    RegistryEvent event;
    event.type = type;
    event.repository = repository;
    event.digest = digest;
    event.bytes = bytes;
    event.at = m_clock.now();
    m_sink(event);
}

void GarbageCollector::record(const GcRunSummary& summary)
{
    {
        std::lock_guard lock(m_lastMutex);
        m_last = summary;
    }
    if (m_log) {
        auto recorded = m_log->record(summary.toRun());
        if (!recorded)
            qWarning("Could not record the garbage collection run: %s", qPrintable(recorded.error().message));
    }
}

Result<GcResult> GarbageCollector::run(const GcOptions& options, JobContext* context, const QString& trigger)
{
    std::lock_guard runLock(m_runMutex);
    GcResult result;
    result.options = options;
    result.startedAt = m_clock.now();
    const QDateTime cutoff = cutoffFor(result.startedAt, options.gracePeriodSeconds);
    // A failed run is recorded too (not a dry run: it changes nothing worth a history entry).
    const auto failed = [&](const Error& error) -> Result<GcResult> {
        if (!options.dryRun) {
            GcRunSummary summary = GcRunSummary::of(result, trigger);
            summary.finishedAt = m_clock.now();
            summary.outcome = MaintenanceLog::Failed;
            summary.error = error.message;
            record(summary);
        }
        return error;
    };
    if (context)
        context->setStatus(
            QCoreApplication::translate("GarbageCollector", "Finding what nothing references"));

    QSet<qint64> deletedManifests;
    if (options.deleteUntagged && !options.dryRun) {
        auto deleted = deleteUntaggedManifests(options, cutoff, result, context);
        if (!deleted)
            return failed(deleted.error());
    }
    // The blobs are listed before the metadata is read: a blob stored after the listing is not a
    // candidate, and one linked after the reading is caught by the re-check before removal.
    const QList<StoredBlob> stored = m_store.storedBlobs();
    auto snapshot = GcSnapshot::load(m_metadata);
    if (!snapshot)
        return failed(snapshot.error());
    if (options.deleteUntagged && options.dryRun) {
        deletedManifests = GcPlanner::untaggedManifests(snapshot.value(), options, cutoff);
        for (const auto& m : snapshot.value().manifests) {
            if (deletedManifests.contains(m.id))
                result.manifests.append(
                    GcManifest{snapshot.value().repositories.value(m.repositoryId), m.digest, m.size});
        }
    }
    const QList<GcBlob> garbage = GcPlanner::garbageBlobs(snapshot.value(), deletedManifests, stored, cutoff);
    if (options.dryRun) {
        result.blobs = garbage;
        for (const GcBlob& blob : garbage)
            result.bytes += blob.size;
        if (context)
            context->setProgress(garbage.size(), garbage.size());
    } else if (!result.cancelled) {
        auto removed = removeBlobs(garbage, cutoff, result, context);
        if (!removed)
            return failed(removed.error());
    }
    result.finishedAt = m_clock.now();
    sortResult(result);
    if (!options.dryRun)
        record(GcRunSummary::of(result, trigger));
    return result;
}

Result<void> GarbageCollector::deleteUntaggedManifests(const GcOptions& options, const QDateTime& cutoff,
                                                       GcResult& result, JobContext* context)
{
    if (context)
        context->setStatus(QCoreApplication::translate("GarbageCollector", "Deleting untagged manifests"));
    auto repositories = GcSnapshot::load(m_metadata);
    if (!repositories)
        return repositories.error();
    const QList<qint64> ids = repositories.value().repositories.keys();
    for (qint64 repositoryId : ids) {
        if (context && context->isCancelled()) {
            result.cancelled = true;
            return {};
        }
        // One repository at a time, decided and deleted under the writer lock: a tag or index pushed
        // meanwhile is either seen here or comes after.
        QList<GcManifest> deletedHere;
        auto done = m_metadata.transaction([&]() -> Result<void> {
            deletedHere.clear();
            auto snapshot = GcSnapshot::load(m_metadata, repositoryId);
            if (!snapshot)
                return snapshot.error();
            const QSet<qint64> doomed = GcPlanner::untaggedManifests(snapshot.value(), options, cutoff);
            for (const auto& m : snapshot.value().manifests) {
                if (!doomed.contains(m.id))
                    continue;
                auto deleted = m_metadata.deleteManifest(m.id);
                if (!deleted)
                    return deleted.error();
                auto unlinked = m_metadata.unlinkBlob(repositoryId, m.digest);
                if (!unlinked)
                    return unlinked.error();
                deletedHere.append(
                    GcManifest{snapshot.value().repositories.value(repositoryId), m.digest, m.size});
            }
            return {};
        });
        if (!done)
            return done;
        result.manifests += deletedHere;
        for (const GcManifest& m : deletedHere)
            publish(RegistryEventType::ManifestDeleted, m.repository, m.digest, m.size);
    }
    return {};
}

Result<void> GarbageCollector::removeBlobs(const QList<GcBlob>& garbage, const QDateTime& cutoff,
                                           GcResult& result, JobContext* context)
{
    const qint64 total = garbage.size();
    qint64 considered = 0;
    if (context) {
        context->setProgress(0, total);
        context->setStatus(QCoreApplication::translate("GarbageCollector", "Removing %n unreferenced blob(s)",
                                                       nullptr, int(total)));
    }
    for (const GcBlob& blob : garbage) {
        if (context) {
            if (context->isCancelled()) {
                result.cancelled = true;
                return {};
            }
            context->setProgress(considered, total);
        }
        ++considered;
        const QString digest = blob.digest.toString();
        // A backup copying this blob holds it: leave it for a later run (kept until the commit below).
        const auto removalLock = BlobRemovalHold::lockForRemoval(blob.digest);
        if (!removalLock) {
            ++result.skipped;
            continue;
        }
        qint64 freed = -1;
        bool stillGarbage = false;
        auto done = m_metadata.transaction([&]() -> Result<void> {
            auto referenced = m_metadata.exec(
                QStringLiteral(
                    "SELECT EXISTS (SELECT 1 FROM manifests WHERE digest = ?)"
                    " OR EXISTS (SELECT 1 FROM manifest_blobs WHERE digest = ?)"
                    " OR EXISTS (SELECT 1 FROM repository_blobs WHERE digest = ? AND linked_at >= ?)"),
                {digest, digest, digest, StoredTime::toColumn(cutoff)});
            if (!referenced)
                return referenced.error();
            if (!referenced->next() || referenced->value(0).toBool())
                return {}; // referenced again since the plan was made
            auto unlinked =
                m_metadata.exec(QStringLiteral("DELETE FROM repository_blobs WHERE digest = ?"), {digest});
            if (!unlinked)
                return unlinked.error();
            stillGarbage = true;
            freed = m_store.removeIfUntouchedSince(blob.digest, cutoff);
            if (freed < 0) {
                // Touched since (an upload of the same content is completing) or gone: keep its links.
                return Error(ErrorCode::Internal, QStringLiteral("blob %1 was kept").arg(digest));
            }
            return {};
        });
        const bool keptOnPurpose = !done && stillGarbage && freed < 0;
        if (!done && !keptOnPurpose)
            return done; // the database failed
        if (done && freed >= 0) {
            result.blobs.append(GcBlob{blob.digest, freed});
            result.bytes += freed;
            publish(RegistryEventType::BlobCollected, QString(), blob.digest, freed);
        } else {
            ++result.skipped;
        }
    }
    if (context)
        context->setProgress(total, total);
    return {};
}

Result<GcReclaimable> GarbageCollector::reclaimableNow(qint64 gracePeriodSeconds) const
{
    GcReclaimable out;
    out.computedAt = m_clock.now();
    const QList<StoredBlob> stored = m_store.storedBlobs();
    auto snapshot = GcSnapshot::load(m_metadata);
    if (!snapshot)
        return snapshot.error();
    const auto garbage =
        GcPlanner::garbageBlobs(snapshot.value(), {}, stored, cutoffFor(out.computedAt, gracePeriodSeconds));
    for (const GcBlob& blob : garbage)
        out.bytes += blob.size;
    out.blobs = garbage.size();
    return out;
}

std::optional<GcRunSummary> GarbageCollector::lastRun() const
{
    if (m_log) {
        auto last = m_log->last(MaintenanceLog::Gc);
        if (last && last.value())
            return GcRunSummary::fromRun(*last.value());
    }
    std::lock_guard lock(m_lastMutex);
    return m_last;
}

} // namespace berth
