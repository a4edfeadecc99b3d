#include "../gc/GcFixture.h"
#include "integrity/Scrubber.h"
#include "jobs/JobContext.h"
#include "maintenance/MaintenanceLog.h"
#include "oci/MediaTypes.h"
#include "registry/RegistryService.h"
#include "storage/ReplicatedBlobStore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;
using namespace berth::test;

namespace {

/// Records progress; asks to cancel once `cancelAfterBytes` were reported (-1: never).
class RecordingContext : public JobContext
{
public:
    qint64 cancelAfterBytes = -1;
    QList<QPair<qint64, qint64>> progress;
    QStringList statuses;

    bool isCancelled() const override
    {
        return cancelAfterBytes >= 0 && !progress.isEmpty() && progress.last().first >= cancelAfterBytes;
    }
    void setProgress(qint64 done, qint64 total) override { progress.append({done, total}); }
    void setStatus(const QString& text) override { statuses << text; }
};

QByteArray pattern(qint64 size, char seed)
{
    QByteArray data(size, Qt::Uninitialized);
    for (qint64 i = 0; i < size; ++i)
        data[i] = static_cast<char>((i * 37 + seed + i / 1009) & 0xff);
    return data;
}

void flipByte(const QString& path)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QVERIFY(f.seek(f.size() / 3));
    char c = 0;
    QVERIFY(f.getChar(&c));
    QVERIFY(f.seek(f.size() / 3));
    QVERIFY(f.putChar(char(c ^ 0x21)));
}

using Damage = QSet<QString>; // "digest|domain|problem"

Damage damageOf(const QList<ScrubReport::Copy>& copies)
{
    Damage out;
    for (const auto& c : copies)
        out.insert(c.digest.toString() + u'|' + c.domain + u'|' + c.problem);
    return out;
}

} // namespace

class TestScrubber : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    ManualClock m_clock;
    std::unique_ptr<RegistryService> m_service;
    Blob m_config, m_small, m_large, m_manifest;
    Blob m_otherConfig, m_otherLayer, m_otherManifest;

    ReplicatedBlobStore& store() { return m_service->replicatedStore(); }

    bool pushBlob(const QString& repository, const Blob& b)
    {
        auto started = m_service->startUpload(repository);
        if (!started)
            return false;
        auto lease = m_service->acquireUpload(repository, started->id);
        if (!lease || !lease.value()->write(b.bytes).ok())
            return false;
        return m_service->completeUpload(std::move(lease).value(), b.digest).ok();
    }

    Blob pushImage(const QString& repository, const Blob& config, const QList<Blob>& layers)
    {
        for (const Blob& b : QList<Blob>{config} + layers) {
            if (!pushBlob(repository, b))
                qFatal("push failed");
        }
        const Blob manifest = imageManifest(config, layers);
        if (!m_service->putManifest(repository, Reference::fromTag(QStringLiteral("v1")), manifest.bytes,
                                    MediaTypes::OciImageManifest))
            qFatal("manifest push failed");
        return manifest;
    }

    QString domain(int i) { return store().domainDirectory(i); }

    void verifyAllGood(const QList<Blob>& blobs)
    {
        for (const Blob& b : blobs) {
            for (int i = 0; i < store().domainCount(); ++i) {
                auto state = store().verifyCopy(i, b.digest);
                QVERIFY(state.ok());
                QVERIFY2(state.value() == ReplicatedBlobStore::CopyState::Good,
                         qPrintable(b.digest.toString() + QStringLiteral(" in ") + domain(i)));
            }
        }
    }

    QList<Blob> all() const
    {
        return {m_config, m_small, m_large, m_manifest, m_otherConfig, m_otherLayer, m_otherManifest};
    }

private slots:
    void init()
    {
        m_service.reset();
        QDir(m_dir.path()).removeRecursively();
        QDir().mkpath(m_dir.path());
        RegistryService::Options options;
        options.dataDirectory = m_dir.filePath(QStringLiteral("data"));
        options.clock = &m_clock;
        for (int i = 0; i < 3; ++i)
            options.storage.domains << m_dir.filePath(QStringLiteral("domain%1").arg(i));
        options.storage.writeQuorum = 2;
        m_service = std::make_unique<RegistryService>(options);
        QVERIFY(m_service->open().ok());
        m_config = blob(pattern(600, 1));
        m_small = blob(pattern(40 * 1024, 2));
        m_large = blob(pattern(6 * 1024 * 1024 + 3, 3));
        m_manifest = pushImage(QStringLiteral("team/app"), m_config, {m_small, m_large});
        m_otherConfig = blob(pattern(500, 4));
        m_otherLayer = blob(pattern(20 * 1024, 5));
        m_otherManifest = pushImage(QStringLiteral("team/other"), m_otherConfig, {m_otherLayer});
    }

    void cleanupTestCase() { m_service.reset(); }

    void scrubRepairsExactlyTheDamagedCopies()
    {
        QVERIFY(QFile::remove(store().copyPath(0, m_small.digest)));
        flipByte(store().copyPath(2, m_large.digest));
        flipByte(store().copyPath(1, m_manifest.digest));
        QVERIFY(QFile::remove(store().copyPath(2, m_otherLayer.digest)));

        RecordingContext context;
        auto report = Scrubber(*m_service).run(context, MaintenanceLog::Manual);
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
        const Damage expected{
            m_small.digest.toString() + u'|' + domain(0) + QStringLiteral("|missing"),
            m_large.digest.toString() + u'|' + domain(2) + QStringLiteral("|corrupt"),
            m_manifest.digest.toString() + u'|' + domain(1) + QStringLiteral("|corrupt"),
            m_otherLayer.digest.toString() + u'|' + domain(2) + QStringLiteral("|missing"),
        };
        QCOMPARE(damageOf(report->repaired), expected);
        QVERIFY(report->notRepaired.isEmpty());
        QVERIFY(report->unrepairable.isEmpty());
        QCOMPARE(report->blobsChecked, 7);
        QCOMPARE(report->copiesChecked, 7 * 3 - 2);
        qint64 bytes = 0;
        for (const Blob& b : all())
            bytes += b.bytes.size() * 3;
        bytes -= m_small.bytes.size() + m_otherLayer.bytes.size();
        QCOMPARE(report->bytesHashed, bytes);
        verifyAllGood(all());

        auto last = MaintenanceLog(m_service->metadata()).last(MaintenanceLog::Scrub);
        QVERIFY(last.ok() && last.value().has_value());
        QCOMPARE(last.value()->outcome, MaintenanceLog::Succeeded);
        QCOMPARE(last.value()->trigger, MaintenanceLog::Manual);
        QCOMPARE(last.value()->summary.value(QStringLiteral("repairedCount")).toInt(), 4);
        QCOMPARE(last.value()->summary.value(QStringLiteral("repaired")).toArray().size(), 4);

        // Nothing left to do.
        auto again = Scrubber(*m_service).run(context, MaintenanceLog::Scheduled);
        QVERIFY(again.ok());
        QVERIFY(again->repaired.isEmpty());
        QCOMPARE(again->copiesChecked, 21);
    }

    void aBlobWithNoGoodCopyIsReportedWithWhoNeedsIt()
    {
        for (int i = 0; i < 3; ++i) {
            flipByte(store().copyPath(i, m_otherLayer.digest));
            QVERIFY(QFile::remove(store().copyPath(i, m_config.digest)));
        }
        RecordingContext context;
        auto report = Scrubber(*m_service).run(context, MaintenanceLog::Manual);
        QVERIFY(report.ok());
        QCOMPARE(report->unrepairable.size(), 2);
        QMap<QString, ScrubReport::Lost> lost;
        for (const auto& l : report->unrepairable)
            lost.insert(l.digest.toString(), l);
        const auto other = lost.value(m_otherLayer.digest.toString());
        QCOMPARE(other.repositories, QStringList{QStringLiteral("team/other")});
        QCOMPARE(other.manifests,
                 QStringList{QStringLiteral("team/other@") + m_otherManifest.digest.toString()});
        const auto config = lost.value(m_config.digest.toString());
        QCOMPARE(config.repositories, QStringList{QStringLiteral("team/app")});
        QCOMPARE(config.manifests, QStringList{QStringLiteral("team/app@") + m_manifest.digest.toString()});
        QVERIFY(report->repaired.isEmpty());
        // The corrupt copies stay where they are for a person to look at.
        QVERIFY(QFile::exists(store().copyPath(1, m_otherLayer.digest)));

        auto last = MaintenanceLog(m_service->metadata()).last(MaintenanceLog::Scrub);
        QVERIFY(last.ok() && last.value().has_value());
        const QJsonArray listed = last.value()->summary.value(QStringLiteral("unrepairable")).toArray();
        QCOMPARE(listed.size(), 2);
        QVERIFY(report->summary().contains(QStringLiteral("2 blobs have no good copy")));
    }

    void cancellingMidWayLeavesAConsistentStore()
    {
        for (const Blob& b : all())
            QVERIFY(QFile::remove(store().copyPath(1, b.digest)));
        flipByte(store().copyPath(0, m_large.digest));

        RecordingContext context;
        context.cancelAfterBytes = 1; // after the first progress report
        auto report = Scrubber(*m_service).run(context, MaintenanceLog::Manual);
        QVERIFY(!report.ok());
        QCOMPARE(report.error().code, ErrorCode::Cancelled);
        auto last = MaintenanceLog(m_service->metadata()).last(MaintenanceLog::Scrub);
        QVERIFY(last.ok() && last.value().has_value());
        QCOMPARE(last.value()->outcome, MaintenanceLog::Cancelled);

        // Every copy is either good, missing or the one corrupted; nothing half-written anywhere.
        for (int i = 0; i < 3; ++i) {
            QVERIFY(QDir(domain(i) + QStringLiteral("/incoming")).entryList(QDir::Files).isEmpty());
            for (const Blob& b : all()) {
                const auto state = store().verifyCopy(i, b.digest).value();
                const bool corrupted = i == 0 && b.digest == m_large.digest;
                QVERIFY(state == (corrupted ? ReplicatedBlobStore::CopyState::Corrupt
                                  : i == 1  ? state
                                            : ReplicatedBlobStore::CopyState::Good));
                QVERIFY(state != ReplicatedBlobStore::CopyState::Unreadable);
            }
        }
        RecordingContext finish;
        auto done = Scrubber(*m_service).run(finish, MaintenanceLog::Manual);
        QVERIFY(done.ok());
        verifyAllGood(all());
    }

    void progressIsReportedInBytes()
    {
        RecordingContext context;
        auto report = Scrubber(*m_service).run(context, MaintenanceLog::Manual);
        QVERIFY(report.ok());
        qint64 total = 0;
        for (const Blob& b : all())
            total += b.bytes.size() * 3;
        QVERIFY(context.progress.size() > 21); // per copy, and within the large blob
        qint64 previous = 0;
        for (const auto& [done, reportedTotal] : context.progress) {
            QCOMPARE(reportedTotal, total);
            QVERIFY(done >= previous);
            previous = done;
        }
        QCOMPARE(context.progress.last().first, total);
        QVERIFY(!context.statuses.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestScrubber)
#include "tst_scrubber.moc"
