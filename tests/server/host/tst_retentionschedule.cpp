// Scheduled retention in RegistryHost with a ManualClock: with the default interval (hourly) the first
// tick runs every enabled policy as a retention job (it never ran), the next not until an hour has
// passed; the scheduled run deletes what the policy selects, records the run (kind retention, trigger
// schedule) and leaves an audit record; interval 0 takes retention off the schedule.

#include "audit/AuditLog.h"
#include "host/RegistryHost.h"
#include "jobs/JobRunner.h"
#include "maintenance/MaintenanceLog.h"
#include "maintenance/MaintenanceScheduler.h"
#include "oci/MediaTypes.h"
#include "oci/Reference.h"
#include "registry/RegistryService.h"
#include "retention/RetentionRunner.h"
#include "support/core/OciLayoutPusher.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace berth;

namespace {

constexpr qint64 Day = 24 * 3600;

/// Pushes an untagged image of its own; returns its digest.
Digest pushUntagged(RegistryService& registry, int seed)
{
    const QByteArray config = QStringLiteral("{\"seed\":%1}").arg(seed).toUtf8();
    if (!OciLayoutPusher::pushBlob(registry, QStringLiteral("team/app"), config).ok())
        qFatal("blob push failed");
    const QByteArray manifest =
        QJsonDocument(QJsonObject{{QStringLiteral("schemaVersion"), 2},
                                  {QStringLiteral("mediaType"), MediaTypes::OciImageManifest},
                                  {QStringLiteral("config"),
                                   QJsonObject{{QStringLiteral("mediaType"), MediaTypes::OciImageConfig},
                                               {QStringLiteral("digest"), Digest::compute(config).toString()},
                                               {QStringLiteral("size"), config.size()}}},
                                  {QStringLiteral("layers"), QJsonArray{}}})
            .toJson(QJsonDocument::Compact);
    const Digest digest = Digest::compute(manifest);
    if (!registry
             .putManifest(QStringLiteral("team/app"), Reference::fromDigest(digest), manifest,
                          MediaTypes::OciImageManifest)
             .ok())
        qFatal("manifest push failed");
    return digest;
}

/// The retention jobs among those a tick submitted (other kinds may be scheduled too), after they ended.
QList<JobSnapshot> retentionJobs(RegistryHost& host, const QList<quint64>& submitted)
{
    if (!host.jobs().waitForIdle(20000))
        qFatal("jobs did not finish");
    QList<JobSnapshot> out;
    for (quint64 id : submitted)
        if (std::optional<JobSnapshot> job = host.jobs().job(id); job && job->kind == JobKind::Retention)
            out << *job;
    return out;
}

bool has(RegistryService& registry, const Digest& digest)
{
    return registry.getManifest(QStringLiteral("team/app"), Reference::fromDigest(digest), false).ok();
}

} // namespace

class TestRetentionSchedule : public QObject
{
    Q_OBJECT

private slots:
    void hourlyByDefault()
    {
        QTemporaryDir dir;
        ManualClock clock;
        RegistryHost::Options o;
        o.dataDirectory = dir.path();
        o.clock = &clock;
        o.gcIntervalSeconds = 0;
        o.scrubIntervalSeconds = 0;
        QCOMPARE(o.retentionIntervalSeconds, qint64(3600));
        RegistryHost host(o);
        QVERIFY(host.open().ok());
        const Digest old = pushUntagged(host.registry(), 1);
        clock.advance(2 * Day);
        const Digest young = pushUntagged(host.registry(), 2);
        RetentionPolicy policy;
        policy.name = QStringLiteral("untagged");
        policy.rules.untaggedOlderThanDays = 1;
        QVERIFY(host.retention()->policies().create(policy).ok());

        QList<JobSnapshot> jobs = retentionJobs(host, host.scheduler().tick());
        QCOMPARE(jobs.size(), qsizetype(1));
        const JobSnapshot* job = &jobs.first();
        QCOMPARE(job->state, JobState::Succeeded);
        QCOMPARE(job->title, QStringLiteral("Scheduled retention"));
        QVERIFY(!has(host.registry(), old));
        QVERIFY(has(host.registry(), young));
        auto last = host.maintenanceLog().last(RetentionRunner::LogKind);
        QVERIFY(last.ok() && last.value());
        QCOMPARE(last.value()->trigger, MaintenanceLog::Scheduled);
        QCOMPARE(last.value()->summary.value(QStringLiteral("deletedImages")).toInt(), 1);

        // Not again within the hour; again after it.
        clock.advance(1800);
        QVERIFY(retentionJobs(host, host.scheduler().tick()).isEmpty());
        clock.advance(1800);
        clock.advance(2 * Day);
        QCOMPARE(retentionJobs(host, host.scheduler().tick()).size(), qsizetype(1));
        QVERIFY(!has(host.registry(), young));

        // Both runs are in the audit log.
        AuditFilter filter;
        filter.actionPrefix = QStringLiteral("maintenance.retention");
        QList<AuditRecord> records;
        for (int i = 0; i < 100 && records.size() < 2; ++i) {
            host.flush();
            auto audited = host.audit().query(filter);
            QVERIFY(audited.ok());
            records = audited.value().records;
            if (records.size() < 2)
                QTest::qWait(20);
        }
        QCOMPARE(records.size(), qsizetype(2));
    }

    void zeroTakesItOffTheSchedule()
    {
        QTemporaryDir dir;
        ManualClock clock;
        RegistryHost::Options o;
        o.dataDirectory = dir.path();
        o.clock = &clock;
        o.gcIntervalSeconds = 0;
        o.scrubIntervalSeconds = 0;
        o.retentionIntervalSeconds = 0;
        RegistryHost host(o);
        QVERIFY(host.open().ok());
        for (const MaintenanceScheduler::Entry& e : host.scheduler().schedule())
            QVERIFY(e.kind != RetentionRunner::LogKind);
        QVERIFY(retentionJobs(host, host.scheduler().tick()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRetentionSchedule)
#include "tst_retentionschedule.moc"
