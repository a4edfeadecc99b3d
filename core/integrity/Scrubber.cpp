#include "integrity/Scrubber.h"

#include "gc/GcSnapshot.h"
#include "jobs/JobContext.h"
#include "maintenance/MaintenanceLog.h"
#include "registry/RegistryService.h"
#include "storage/ReplicatedBlobStore.h"

#include <QCoreApplication>
#include <QMap>
#include <QSet>
#include <algorithm>
#include <mutex>

namespace berth {

namespace {

std::mutex& runMutex()
{
    static std::mutex mutex;
    return mutex;
}

QString problemName(ReplicatedBlobStore::CopyState state)
{
    switch (state) {
    case ReplicatedBlobStore::CopyState::Missing:
        return QStringLiteral("missing");
    case ReplicatedBlobStore::CopyState::Corrupt:
        return QStringLiteral("corrupt");
    case ReplicatedBlobStore::CopyState::Unreadable:
        return QStringLiteral("unreadable");
    case ReplicatedBlobStore::CopyState::Good:
        break;
    }
    return QStringLiteral("good");
}

/// Who needs each digest: repositories and "repository@manifest".
struct References
{
    QMap<QString, QSet<QString>> repositories;
    QMap<QString, QSet<QString>> manifests;

    void add(const QString& digest, const QString& repository, const QString& manifest = QString())
    {
        repositories[digest].insert(repository);
        if (!manifest.isEmpty())
            manifests[digest].insert(manifest);
    }
};

QStringList sorted(const QSet<QString>& set)
{
    QStringList list(set.cbegin(), set.cend());
    list.sort();
    return list;
}

} // namespace

Scrubber::Scrubber(ReplicatedBlobStore& store, MetadataStore& metadata, Clock& clock)
    : m_store(store), m_metadata(metadata), m_clock(clock)
{}

Scrubber::Scrubber(RegistryService& registry)
    : Scrubber(registry.replicatedStore(), registry.metadata(), registry.clock())
{}

JobTask Scrubber::task(RegistryService& registry, const QString& trigger)
{
    return [&registry, trigger](JobContext& context) -> Result<QString> {
        auto report = Scrubber(registry).run(context, trigger);
        if (!report)
            return report.error();
        return report->summary();
    };
}

Result<ScrubReport> Scrubber::run(JobContext& context, const QString& trigger)
{
    std::lock_guard lock(runMutex());
    MaintenanceRun run;
    run.kind = MaintenanceLog::Scrub;
    run.trigger = trigger;
    run.startedAt = m_clock.now().toUTC();
    ScrubReport report;
    auto scrubbed = scrub(context, report);
    run.finishedAt = m_clock.now().toUTC();
    run.summary = report.toJson();
    if (scrubbed) {
        run.outcome = MaintenanceLog::Succeeded;
    } else {
        run.outcome = scrubbed.error().code == ErrorCode::Cancelled ? MaintenanceLog::Cancelled
                                                                    : MaintenanceLog::Failed;
        run.summary.insert(QStringLiteral("error"), scrubbed.error().message);
    }
    auto recorded = MaintenanceLog(m_metadata).record(run);
    if (!recorded)
        qWarning("berth: could not record the scrub run: %s", qPrintable(recorded.error().message));
    if (!scrubbed)
        return scrubbed.error();
    return report;
}

Result<void> Scrubber::scrub(JobContext& context, ScrubReport& report)
{
    const int domains = m_store.domainCount();
    for (int i = 0; i < domains; ++i)
        report.domains << m_store.domainDirectory(i);

    context.setStatus(QCoreApplication::translate("Scrubber", "Listing the blobs"));
    auto snapshot = GcSnapshot::load(m_metadata);
    if (!snapshot)
        return snapshot.error();
    References refs;
    for (const auto& m : snapshot->manifests) {
        const QString repository = snapshot->repositories.value(m.repositoryId);
        const QString name = repository + u'@' + m.digest.toString();
        refs.add(m.digest.toString(), repository, name);
        for (const QString& blob : m.blobs)
            refs.add(blob, repository, name);
        for (const QString& child : m.children)
            refs.add(child, repository, name);
    }
    for (const auto& link : snapshot->links)
        refs.add(link.digest, snapshot->repositories.value(link.repositoryId));

    QMap<QString, qint64> sizes; // digest -> size (ordered, so runs go in digest order)
    for (const StoredBlob& blob : m_store.storedBlobs())
        sizes.insert(blob.digest.toString(), blob.size);
    for (auto it = refs.repositories.cbegin(); it != refs.repositories.cend(); ++it) {
        if (!sizes.contains(it.key()))
            sizes.insert(it.key(), 0);
    }
    qint64 total = 0;
    for (qint64 size : sizes)
        total += size * domains;

    qint64 done = 0;
    qint64 index = 0;
    for (auto it = sizes.cbegin(); it != sizes.cend(); ++it, ++index) {
        if (context.isCancelled()) {
            report.cancelled = true;
            return Error(ErrorCode::Cancelled,
                         QCoreApplication::translate("Scrubber", "The scrub was cancelled"));
        }
        const auto digest = Digest::parse(it.key());
        if (!digest)
            continue;
        context.setStatus(QCoreApplication::translate("Scrubber", "Checking blob %1 of %2")
                              .arg(index + 1)
                              .arg(sizes.size()));
        ++report.blobsChecked;
        QList<ReplicatedBlobStore::CopyState> states;
        bool anyGood = false;
        for (int domain = 0; domain < domains; ++domain) {
            const qint64 before = done;
            qint64 hashed = 0;
            auto state = m_store.verifyCopy(domain, *digest, [&](qint64 bytes) {
                hashed = bytes;
                context.setProgress(before + bytes, total);
                return !context.isCancelled();
            });
            if (!state) {
                if (state.error().code == ErrorCode::Cancelled)
                    report.cancelled = true;
                return state.error();
            }
            if (state.value() != ReplicatedBlobStore::CopyState::Missing)
                ++report.copiesChecked;
            report.bytesHashed += hashed;
            anyGood = anyGood || state.value() == ReplicatedBlobStore::CopyState::Good;
            states << state.value();
            done = before + it.value();
            context.setProgress(done, total);
        }
        if (!anyGood) {
            const bool everyCopyMissing = std::all_of(states.cbegin(), states.cend(), [](auto state) {
                return state == ReplicatedBlobStore::CopyState::Missing;
            });
            if (everyCopyMissing && !refs.repositories.contains(it.key()))
                continue; // garbage collection removed it since the listing: nothing needs it
            ScrubReport::Lost lost;
            lost.digest = *digest;
            lost.repositories = sorted(refs.repositories.value(it.key()));
            lost.manifests = sorted(refs.manifests.value(it.key()));
            report.unrepairable << lost;
            continue;
        }
        for (int domain = 0; domain < domains; ++domain) {
            if (states[domain] == ReplicatedBlobStore::CopyState::Good)
                continue;
            ScrubReport::Copy copy{*digest, m_store.domainDirectory(domain), problemName(states[domain]),
                                   QString()};
            auto repaired = m_store.repairCopy(domain, *digest);
            if (repaired) {
                report.repaired << copy;
            } else if (!m_store.contains(*digest) && !refs.repositories.contains(it.key())) {
                break; // garbage collection removed it meanwhile: nothing to repair, nothing needs it
            } else {
                copy.error = repaired.error().message;
                report.notRepaired << copy;
            }
        }
    }
    context.setProgress(total, total);
    return {};
}

} // namespace berth
