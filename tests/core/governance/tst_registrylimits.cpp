#include "archive/ImageImporter.h"
#include "core/governance/GovernanceFixture.h"
#include "governance/LimitSettings.h"
#include "jobs/JobContext.h"
#include "metadata/MetadataStore.h"
#include "oci/MediaTypes.h"
#include "support/core/OciLayoutPusher.h"
#include "support/core/VerifyOk.h"

#include <QTest>
#include <atomic>
#include <thread>
#include <vector>

using namespace berth;

namespace {

const QByteArray EmptyIndex =
    R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]})";

Result<PutManifestResult> pushEmptyIndex(RegistryService& registry, const QString& repository)
{
    return registry.putManifest(repository, Reference::fromTag(QStringLiteral("empty")), EmptyIndex,
                                MediaTypes::OciImageIndex);
}

qint64 imageCount(RegistryService& registry, const QString& repository)
{
    auto id = registry.metadata().repositoryId(repository);
    if (!id || !id.value())
        return -1;
    auto count = LimitSettings(registry.metadata(), registry.defaultLimits()).imageCount(*id.value());
    return count ? count.value() : -1;
}

} // namespace

class TestRegistryLimits : public QObject
{
    Q_OBJECT

private slots:
    void repositoryLimitOnEveryPathThatCreatesOne()
    {
        GovernanceFixture f(RegistryLimits{5, 100});
        RegistryService& r = f.registry();
        for (const char* name : {"r1", "r2", "r3"})
            VERIFY_OK(r.createRepository(QString::fromLatin1(name), CompartmentPath()));
        VERIFY_OK(f.pushBlobs(QStringLiteral("r4"))); // an upload creates r4: 4 of 5
        auto fifth = pushEmptyIndex(r, QStringLiteral("r5"));
        VERIFY_OK(fifth);
        QCOMPARE(fifth->warnings.size(), 1);
        QVERIFY2(fifth->warnings.first().contains(QLatin1String("5 of its limit of 5 repositories (100%)")),
                 qPrintable(fifth->warnings.first()));

        // Each way of creating a sixth repository is refused with the limit and the figure.
        auto checkRefused = [](const Error& e) {
            QCOMPARE(e.code, ErrorCode::LimitExceeded);
            QVERIFY2(e.message.contains(QLatin1String("limit of 5 repositories (it holds 5)")),
                     qPrintable(e.message));
            QVERIFY2(e.message.contains(QLatin1String("berthctl limits request repositories")),
                     qPrintable(e.message));
        };
        auto upload = r.startUpload(QStringLiteral("r6"));
        QVERIFY(!upload);
        checkRefused(upload.error());
        auto created = r.createRepository(QStringLiteral("r6"), CompartmentPath());
        QVERIFY(!created);
        checkRefused(created.error());
        auto mounted = r.mountBlob(QStringLiteral("r6"),
                                   Digest::compute(QByteArray("governance test layer ").repeated(50)),
                                   QStringLiteral("r4"));
        QVERIFY(!mounted);
        checkRefused(mounted.error());
        auto indexed = pushEmptyIndex(r, QStringLiteral("r6"));
        QVERIFY(!indexed);
        checkRefused(indexed.error());
        QVERIFY(!r.repositoryExists(QStringLiteral("r6")));
        // Existing repositories still take pushes.
        VERIFY_OK(f.pushImage(QStringLiteral("r4"), 1, QStringLiteral("v1")));

        // An administrator raises the limit at run time: the next push works.
        VERIFY_OK(r.metadata().transaction([&] {
            return LimitSettings(r.metadata(), r.defaultLimits())
                .setRepositories(6, QStringLiteral("admin"), f.clock().now());
        }));
        VERIFY_OK(r.startUpload(QStringLiteral("r6")));
        VERIFY_OK(r.createRepository(QStringLiteral("r6"), CompartmentPath()));
        auto effective = LimitSettings(r.metadata(), r.defaultLimits()).effective();
        VERIFY_OK(effective);
        QCOMPARE(effective->repositories, qint64(6));
        QCOMPARE(effective->imagesPerRepository, qint64(100)); // the default stands
    }

    void imageLimitWithWarningsFromEightyPercent()
    {
        GovernanceFixture f(RegistryLimits{100, 5});
        const QString repo = QStringLiteral("app");
        VERIFY_OK(f.pushBlobs(repo));
        for (int n = 1; n <= 3; ++n) {
            auto pushed = f.pushImage(repo, n, QStringLiteral("v%1").arg(n));
            VERIFY_OK(pushed);
            QVERIFY2(pushed->warnings.isEmpty(), qPrintable(pushed->warnings.join(QLatin1Char('\n'))));
        }
        auto fourth = f.pushImage(repo, 4);
        VERIFY_OK(fourth);
        QCOMPARE(fourth->warnings.size(), 1);
        QVERIFY2(
            fourth->warnings.first().contains(QLatin1String("app holds 4 of its limit of 5 images (80%)")),
            qPrintable(fourth->warnings.first()));
        auto fifth = f.pushImage(repo, 5);
        VERIFY_OK(fifth);
        QVERIFY(fifth->warnings.first().contains(QLatin1String("5 of its limit of 5 images (100%)")));

        auto sixth = f.pushImage(repo, 6, QStringLiteral("v6"));
        QVERIFY(!sixth);
        QCOMPARE(sixth.error().code, ErrorCode::LimitExceeded);
        QVERIFY2(sixth.error().message.contains(
                     QLatin1String("app has reached its limit of 5 images (it holds 5")),
                 qPrintable(sixth.error().message));
        QVERIFY(sixth.error().message.contains(QLatin1String("berthctl limits request images app")));
        QCOMPARE(sixth.error().detail.toObject().value(QStringLiteral("current")).toInt(), 5);
        QCOMPARE(imageCount(f.registry(), repo), qint64(5));
        // A manifest the repository holds is no new image: tagging it again works at the limit.
        auto again = f.pushImage(repo, 2, QStringLiteral("again"));
        VERIFY_OK(again);
        QVERIFY(!again->created);
        QVERIFY(again->warnings.isEmpty());
        // Deleting one makes room.
        VERIFY_OK(f.registry().deleteManifest(repo, Digest::compute(f.imageManifest(1))));
        VERIFY_OK(f.pushImage(repo, 6, QStringLiteral("v6")));
    }

    void everyPlatformOfAnIndexCounts()
    {
        GovernanceFixture f(RegistryLimits{100, 4});
        const QString repo = QStringLiteral("multi");
        VERIFY_OK(f.pushBlobs(repo));
        VERIFY_OK(f.pushIndex(repo, {1, 2}, QStringLiteral("v1"))); // 2 platforms + the index
        QCOMPARE(imageCount(f.registry(), repo), qint64(3));
        auto second = f.pushIndex(repo, {3, 4}, QStringLiteral("v2")); // platform 3 fits, 4 does not
        QVERIFY(!second);
        QCOMPARE(second.error().code, ErrorCode::LimitExceeded);
        QCOMPARE(imageCount(f.registry(), repo), qint64(4));
    }

    void concurrentPushesCannotOvershoot()
    {
        GovernanceFixture f(RegistryLimits{12, 20});
        const QString repo = QStringLiteral("race");
        VERIFY_OK(f.pushBlobs(repo));
        std::atomic<int> stored{0};
        std::atomic<int> refused{0};
        std::atomic<int> other{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < 5; ++i) {
                    auto pushed = f.pushImage(repo, 100 + t * 10 + i);
                    if (pushed)
                        ++stored;
                    else if (pushed.error().code == ErrorCode::LimitExceeded)
                        ++refused;
                    else
                        ++other;
                }
            });
        }
        for (auto& t : threads)
            t.join();
        QCOMPARE(other.load(), 0);
        QCOMPARE(stored.load(), 20);
        QCOMPARE(refused.load(), 20);
        QCOMPARE(imageCount(f.registry(), repo), qint64(20));

        // Repositories the same way: 11 more fit (12 with "race"), 16 try.
        std::atomic<int> created{0};
        threads.clear();
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < 4; ++i) {
                    if (f.registry().createRepository(QStringLiteral("repo-%1-%2").arg(t).arg(i),
                                                      CompartmentPath()))
                        ++created;
                }
            });
        }
        for (auto& t : threads)
            t.join();
        QCOMPARE(created.load(), 11);
        auto names = f.registry().catalog(-1, QString());
        VERIFY_OK(names);
        QCOMPARE(names->names.size(), 12);
    }

    void importsHitTheLimits()
    {
        QString missing;
        const QString layout = OciLayoutPusher::fixture(QStringLiteral("oci-multi"), &missing);
        if (layout.isEmpty())
            QFAIL(qPrintable(missing));
        {
            // oci-multi is an index with two platforms: three images.
            GovernanceFixture f(RegistryLimits{100, 2});
            ImportTarget target;
            target.repository = QStringLiteral("imported");
            NullJobContext context;
            auto imported = ImageImporter(f.registry()).importPath(layout, target, context);
            QVERIFY(!imported);
            QCOMPARE(imported.error().code, ErrorCode::LimitExceeded);
            QVERIFY2(imported.error().message.contains(QLatin1String("limit of 2 images")),
                     qPrintable(imported.error().message));
            QVERIFY(!f.registry().repositoryExists(target.repository)); // the import took everything back
        }
        {
            GovernanceFixture f(RegistryLimits{1, 100});
            VERIFY_OK(f.registry().createRepository(QStringLiteral("first"), CompartmentPath()));
            ImportTarget target;
            target.repository = QStringLiteral("second");
            NullJobContext context;
            auto imported = ImageImporter(f.registry()).importPath(layout, target, context);
            QVERIFY(!imported);
            QCOMPARE(imported.error().code, ErrorCode::LimitExceeded);
            QVERIFY(imported.error().message.contains(QLatin1String("limit of 1 repositories")));
            QVERIFY(!f.registry().repositoryExists(target.repository));
        }
        {
            GovernanceFixture f(RegistryLimits{1, 3});
            ImportTarget target;
            target.repository = QStringLiteral("fits");
            NullJobContext context;
            VERIFY_OK(ImageImporter(f.registry()).importPath(layout, target, context));
            QCOMPARE(imageCount(f.registry(), target.repository), qint64(3));
        }
    }

    void ownImageLimitAboveTheRegistrys()
    {
        GovernanceFixture f(RegistryLimits{100, 2});
        RegistryService& r = f.registry();
        VERIFY_OK(f.pushBlobs(QStringLiteral("big")));
        auto id = r.metadata().repositoryId(QStringLiteral("big"));
        VERIFY_OK(id);
        LimitSettings settings(r.metadata(), r.defaultLimits());
        VERIFY_OK(r.metadata().transaction([&] { return settings.setOwnImageLimit(*id.value(), 3); }));
        for (int n = 1; n <= 3; ++n)
            VERIFY_OK(f.pushImage(QStringLiteral("big"), n));
        QVERIFY(!f.pushImage(QStringLiteral("big"), 4));
        // A registry limit raised above the repository's own applies to it too.
        VERIFY_OK(r.metadata().transaction(
            [&] { return settings.setImagesPerRepository(4, QStringLiteral("admin"), f.clock().now()); }));
        VERIFY_OK(f.pushImage(QStringLiteral("big"), 4));
        auto bad = r.metadata().transaction(
            [&] { return settings.setImagesPerRepository(0, QString(), f.clock().now()); });
        QVERIFY(!bad);
        QVERIFY2(bad.error().message.contains(QLatin1String("from 1 to")), qPrintable(bad.error().message));
    }
};

QTEST_GUILESS_MAIN(TestRegistryLimits)
#include "tst_registrylimits.moc"
