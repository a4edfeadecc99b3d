#include "MeteringRig.h"
#include "jobs/JobContext.h"
#include "maintenance/MaintenanceLog.h"
#include "metering/StorageSampler.h"
#include "metering/StorageUsage.h"
#include "oci/MediaTypes.h"
#include "support/core/OciLayoutPusher.h"
#include "support/core/VerifyOk.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

using namespace berth;

namespace {

QJsonObject descriptor(const QString& mediaType, const QByteArray& bytes)
{
    return QJsonObject{{QStringLiteral("mediaType"), mediaType},
                       {QStringLiteral("digest"), Digest::compute(bytes).toString()},
                       {QStringLiteral("size"), bytes.size()}};
}

/// An image manifest over a config and layers (the blobs must be in the repository already).
QByteArray manifestOf(const QByteArray& config, const QList<QByteArray>& layers)
{
    QJsonArray ls;
    for (const QByteArray& l : layers)
        ls.append(descriptor(MediaTypes::OciLayerTarGzip, l));
    return QJsonDocument(
               QJsonObject{{QStringLiteral("schemaVersion"), 2},
                           {QStringLiteral("mediaType"), MediaTypes::OciImageManifest},
                           {QStringLiteral("config"), descriptor(MediaTypes::OciImageConfig, config)},
                           {QStringLiteral("layers"), ls}})
        .toJson();
}

const RepositoryStorage* find(const QList<RepositoryStorage>& all, const QString& name)
{
    for (const RepositoryStorage& r : all) {
        if (r.repository == name)
            return &r;
    }
    return nullptr;
}

const CompartmentStorage* find(const QList<CompartmentStorage>& all, qint64 rowId)
{
    for (const CompartmentStorage& c : all) {
        if (c.compartmentId == rowId)
            return &c;
    }
    return nullptr;
}

} // namespace

class TestStorageUsage : public QObject
{
    Q_OBJECT

private:
    // Two repositories share one layer; each has its own config, one has an extra layer of its own.
    const QByteArray shared = QByteArray(70000, 's');
    const QByteArray configA = QByteArrayLiteral("{\"architecture\":\"amd64\",\"os\":\"linux\",\"a\":1}");
    const QByteArray configB = QByteArrayLiteral("{\"architecture\":\"arm64\",\"os\":\"linux\",\"b\":22}");
    const QByteArray onlyA = QByteArray(3000, 'a');
    QByteArray manifestA;
    QByteArray manifestB;

    void pushBoth(RegistryService& registry)
    {
        for (const QByteArray& b : {configA, shared, onlyA})
            VERIFY_OK(OciLayoutPusher::pushBlob(registry, QStringLiteral("team/a"), b));
        for (const QByteArray& b : {configB, shared})
            VERIFY_OK(OciLayoutPusher::pushBlob(registry, QStringLiteral("team/b"), b));
        manifestA = manifestOf(configA, {shared, onlyA});
        manifestB = manifestOf(configB, {shared});
        VERIFY_OK(registry.putManifest(QStringLiteral("team/a"), Reference::fromTag(QStringLiteral("v1")),
                                       manifestA, MediaTypes::OciImageManifest));
        VERIFY_OK(registry.putManifest(QStringLiteral("team/b"), Reference::fromTag(QStringLiteral("v1")),
                                       manifestB, MediaTypes::OciImageManifest));
    }

private slots:
    void uniqueAndShared()
    {
        MeteringRig rig;
        pushBoth(*rig.registry);
        if (QTest::currentTestFailed())
            return;
        StorageUsage usage(rig.metadata());
        auto repositories = usage.repositories();
        VERIFY_OK(repositories);
        const RepositoryStorage* a = find(repositories.value(), QStringLiteral("team/a"));
        const RepositoryStorage* b = find(repositories.value(), QStringLiteral("team/b"));
        QVERIFY(a && b);
        QCOMPARE(a->storedBytes, configA.size() + shared.size() + onlyA.size() + manifestA.size());
        QCOMPARE(a->uniqueBytes, configA.size() + onlyA.size() + manifestA.size());
        QCOMPARE(a->sharedBytes(), shared.size());
        QCOMPARE(b->storedBytes, configB.size() + shared.size() + manifestB.size());
        QCOMPARE(b->uniqueBytes, configB.size() + manifestB.size());
        QCOMPARE(b->sharedBytes(), shared.size());

        const qint64 everything = configA.size() + configB.size() + shared.size() + onlyA.size() +
                                  manifestA.size() + manifestB.size();
        auto total = usage.totalBytes();
        VERIFY_OK(total);
        QCOMPARE(total.value(), everything);

        // Both in the tenancy: the compartment holds the shared layer once, and nothing is held elsewhere.
        auto compartments = usage.compartments();
        VERIFY_OK(compartments);
        QCOMPARE(compartments->size(), 1);
        QCOMPARE(compartments->first().compartmentId, 1);
        QCOMPARE(compartments->first().repositories, 2);
        QCOMPARE(compartments->first().storedBytes, everything);
        QCOMPARE(compartments->first().uniqueBytes, everything);

        // team/b moves to Apps: now the layer is shared between two compartments.
        auto apps = rig.identity->createCompartment(CompartmentPath(), QStringLiteral("Apps"));
        VERIFY_OK(apps);
        VERIFY_OK(rig.registry->moveRepository(QStringLiteral("team/b"), apps->path));
        compartments = usage.compartments();
        VERIFY_OK(compartments);
        const CompartmentStorage* tenancy = find(compartments.value(), 1);
        const CompartmentStorage* inApps = find(compartments.value(), apps->rowId);
        QVERIFY(tenancy && inApps);
        QCOMPARE(tenancy->storedBytes, a->storedBytes);
        QCOMPARE(tenancy->uniqueBytes, a->uniqueBytes);
        QCOMPARE(inApps->storedBytes, b->storedBytes);
        QCOMPARE(inApps->uniqueBytes, b->uniqueBytes);
        QCOMPARE(inApps->sharedBytes(), shared.size());

        // Deleting team/a leaves the layer to team/b alone.
        VERIFY_OK(rig.registry->deleteRepository(QStringLiteral("team/a")));
        repositories = usage.repositories();
        VERIFY_OK(repositories);
        QCOMPARE(repositories->size(), 1);
        QCOMPARE(repositories->first().uniqueBytes, repositories->first().storedBytes);
    }

    void emptyRepositoryCountsZero()
    {
        MeteringRig rig;
        VERIFY_OK(rig.registry->createRepository(QStringLiteral("empty"), CompartmentPath()));
        auto repositories = StorageUsage(rig.metadata()).repositories();
        VERIFY_OK(repositories);
        QCOMPARE(repositories->size(), 1);
        QCOMPARE(repositories->first().storedBytes, 0);
        QCOMPARE(repositories->first().uniqueBytes, 0);
        auto compartments = StorageUsage(rig.metadata()).compartments();
        VERIFY_OK(compartments);
        QCOMPARE(compartments->size(), 1);
        QCOMPARE(compartments->first().repositories, 1);
        QCOMPARE(compartments->first().storedBytes, 0);
    }

    void samplerKeepsTheLastSampleOfADay()
    {
        MeteringRig rig;
        pushBoth(*rig.registry);
        if (QTest::currentTestFailed())
            return;
        auto samples = [&] {
            auto q = rig.metadata().exec(QStringLiteral(
                "SELECT day, repository, compartment_id, stored_bytes, unique_bytes, sampled_at"
                " FROM storage_samples ORDER BY day, repository"));
            if (!q)
                qFatal("%s", qPrintable(q.error().message));
            QStringList rows;
            while (q->next()) {
                QStringList cells;
                for (int i = 0; i < 6; ++i)
                    cells << q->value(i).toString();
                rows << cells.join(QLatin1Char(' '));
            }
            return rows;
        };
        StorageSampler sampler(rig.metadata(), rig.clock);
        auto sampled = sampler.sample();
        VERIFY_OK(sampled);
        QCOMPARE(sampled.value(), 2);
        const qint64 storedA = configA.size() + shared.size() + onlyA.size() + manifestA.size();
        const qint64 storedB = configB.size() + shared.size() + manifestB.size();
        const qint64 at1 = rig.clock.now().toMSecsSinceEpoch();
        QCOMPARE(samples(), (QStringList{QStringLiteral("2026-03-10 team/a 1 %1 %2 %3")
                                             .arg(storedA)
                                             .arg(storedA - shared.size())
                                             .arg(at1),
                                         QStringLiteral("2026-03-10 team/b 1 %1 %2 %3")
                                             .arg(storedB)
                                             .arg(storedB - shared.size())
                                             .arg(at1)}));

        // Later the same day team/a is gone: team/b's row is replaced, team/a's morning sample stays.
        rig.clock.advance(3600);
        VERIFY_OK(rig.registry->deleteRepository(QStringLiteral("team/a")));
        VERIFY_OK(sampler.sample());
        const qint64 at2 = rig.clock.now().toMSecsSinceEpoch();
        QCOMPARE(samples(),
                 (QStringList{QStringLiteral("2026-03-10 team/a 1 %1 %2 %3")
                                  .arg(storedA)
                                  .arg(storedA - shared.size())
                                  .arg(at1),
                              QStringLiteral("2026-03-10 team/b 1 %1 %1 %2").arg(storedB).arg(at2)}));

        // The next day gets rows of its own, through the scheduled task, which records its run.
        rig.clock.advance(24 * 3600);
        NullJobContext context;
        auto summary = StorageSampler::task(*rig.registry, MaintenanceLog::Scheduled)(context);
        VERIFY_OK(summary);
        QCOMPARE(samples().size(), 3);
        QVERIFY(samples().last().startsWith(QStringLiteral("2026-03-11 team/b 1 ")));
        auto last = MaintenanceLog(rig.metadata()).last(StorageSampler::Kind);
        VERIFY_OK(last);
        QVERIFY(last.value().has_value());
        QCOMPARE(last.value()->outcome, MaintenanceLog::Succeeded);
        QCOMPARE(last.value()->trigger, MaintenanceLog::Scheduled);
        QCOMPARE(last.value()->summary.value(QStringLiteral("repositories")).toInt(), 1);
    }

    void thousandsOfRepositoriesAreFast()
    {
        MeteringRig rig;
        constexpr int Repositories = 3000;
        constexpr int BlobsEach = 6;
        // Written straight into the tables: what is measured is the queries, not 18,000 uploads. Every
        // repository shares one of 50 base layers and has five blobs of its own.
        VERIFY_OK(rig.metadata().transaction([&]() -> Result<void> {
            for (int r = 1; r <= Repositories; ++r) {
                auto repo = rig.metadata().exec(
                    QStringLiteral("INSERT INTO repositories (id, name, created_at) VALUES (?, ?, 0)"),
                    {r, QStringLiteral("load/r%1").arg(r)});
                if (!repo)
                    return repo.error();
                for (int b = 0; b < BlobsEach; ++b) {
                    const QString digest = b == 0 ? QStringLiteral("sha256:base%1").arg(r % 50)
                                                  : QStringLiteral("sha256:r%1b%2").arg(r).arg(b);
                    auto link = rig.metadata().exec(
                        QStringLiteral("INSERT INTO repository_blobs (repository_id, digest, size, linked_at)"
                                       " VALUES (?, ?, ?, 0)"),
                        {r, digest, b == 0 ? 1000 : 10});
                    if (!link)
                        return link.error();
                }
            }
            return {};
        }));
        StorageUsage usage(rig.metadata());
        QElapsedTimer timer;
        timer.start();
        auto repositories = usage.repositories();
        const qint64 repositoryMs = timer.restart();
        auto compartments = usage.compartments();
        const qint64 compartmentMs = timer.restart();
        auto sampled = StorageSampler(rig.metadata(), rig.clock).sample();
        const qint64 sampleMs = timer.elapsed();
        VERIFY_OK(repositories);
        VERIFY_OK(compartments);
        VERIFY_OK(sampled);
        qInfo("%d repositories, %d links: per repository %lld ms, per compartment %lld ms, sample %lld ms",
              Repositories, Repositories * BlobsEach, repositoryMs, compartmentMs, sampleMs);
        QCOMPARE(repositories->size(), Repositories);
        QCOMPARE(repositories->first().storedBytes, 1050);
        QCOMPARE(repositories->first().uniqueBytes, 50);
        QCOMPARE(compartments->first().storedBytes, 50 * 1000 + Repositories * 50);
        QCOMPARE(sampled.value(), Repositories);
        QVERIFY2(repositoryMs + compartmentMs + sampleMs < 10000,
                 "storage usage should take well under a second");
    }
};

QTEST_GUILESS_MAIN(TestStorageUsage)
#include "tst_storageusage.moc"
