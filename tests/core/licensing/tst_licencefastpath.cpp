#include "core/licensing/LicenceFixture.h"
#include "licensing/LicenceStore.h"
#include "metadata/MetadataStore.h"
#include "support/core/VerifyOk.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <thread>
#include <vector>

using namespace berth;

/// LicenceStore::check() on the pull path: no SQL at all while no licence exists, the count kept right
/// when licences are published and removed (also by other threads), and the figures.
class TestLicenceFastPath : public QObject
{
    Q_OBJECT

private slots:
    void checkAnswersWithoutTheDatabaseWhenThereIsNoLicence()
    {
        QTemporaryDir dir;
        ManualClock clock;
        MetadataStore metadata(dir.filePath(QStringLiteral("berth.db")));
        VERIFY_OK(metadata.open());
        LicenceStore store(metadata, clock);
        VERIFY_OK(metadata.transaction([&] {
            auto id = metadata.ensureRepository(QStringLiteral("team/app"), clock.now());
            return id ? Result<void>() : Result<void>(id.error());
        }));
        auto first = store.check(QStringLiteral("team/app"), QStringLiteral("ann")); // counts: 0
        VERIFY_OK(first);
        QVERIFY(!first->required);

        // With the database closed any SQL fails: check() still answers, so it ran none.
        metadata.close();
        QVERIFY(!metadata.exec(QStringLiteral("SELECT 1")).ok());
        QElapsedTimer timer;
        timer.start();
        const int calls = 100000;
        for (int i = 0; i < calls; ++i) {
            auto c = store.check(QStringLiteral("team/app"), QStringLiteral("ann"));
            if (!c || c->required)
                QFAIL("check() without licences failed or used the database");
        }
        qInfo("fast path: %d check() calls without licences took %lld ms", calls, timer.elapsed());

        // After a publish the count is seen: the same store gates at once.
        VERIFY_OK(metadata.open());
        VERIFY_OK(store.publish(LicenceFixture::repositoryScope(QStringLiteral("team/app")),
                                LicenceFixture::version(QStringLiteral("1"))));
        auto gated = store.check(QStringLiteral("team/app"), QStringLiteral("ann"));
        VERIFY_OK(gated);
        QVERIFY(gated->required);
        QVERIFY(!gated->satisfied());
        // ...and it now needs the database (it no longer answers from memory).
        metadata.close();
        QVERIFY(!store.check(QStringLiteral("team/app"), QStringLiteral("ann")));
        VERIFY_OK(metadata.open());

        // The slow path, for the figure: a few indexed queries per check.
        timer.restart();
        const int slowCalls = 2000;
        for (int i = 0; i < slowCalls; ++i) {
            auto c = store.check(QStringLiteral("team/app"), QStringLiteral("ann"));
            if (!c || !c->required)
                QFAIL("check() with a licence failed");
        }
        qInfo("slow path: %d check() calls with a licence took %lld ms", slowCalls, timer.elapsed());
        // The same with the longest text accepted (1 MiB): the text is read once, not on every check.
        LicenceVersion big = LicenceFixture::version(QStringLiteral("big"));
        big.body = QString(LicenceStore::MaxBodyBytes, QLatin1Char('x'));
        VERIFY_OK(store.publish(LicenceFixture::repositoryScope(QStringLiteral("team/app")), big));
        timer.restart();
        for (int i = 0; i < slowCalls; ++i) {
            auto c = store.check(QStringLiteral("team/app"), QStringLiteral("ann"));
            if (!c || c->licence.current.body.size() != LicenceStore::MaxBodyBytes)
                QFAIL("check() with a 1 MiB licence failed or lost its text");
        }
        qInfo("slow path: %d check() calls with a 1 MiB licence took %lld ms", slowCalls, timer.elapsed());

        // A second store over the same database (count unknown) reads the count once and gates too.
        LicenceStore other(metadata, clock);
        QVERIFY(other.check(QStringLiteral("team/app"), QString())->required);

        // Removing the last licence: check() counts again and is back on the fast path.
        VERIFY_OK(store.remove(LicenceFixture::repositoryScope(QStringLiteral("team/app"))));
        QVERIFY(!store.check(QStringLiteral("team/app"), QStringLiteral("ann"))->required);
        metadata.close();
        auto closed = store.check(QStringLiteral("team/app"), QStringLiteral("ann"));
        VERIFY_OK(closed);
        QVERIFY(!closed->required);
    }

    void publishIsSeenByChecksRunningOnOtherThreads()
    {
        // Fresh stores (count unknown) are checked by several threads while a licence is published: a
        // check that starts after publish() returned is gated, however the count was being read.
        QTemporaryDir dir;
        ManualClock clock;
        MetadataStore metadata(dir.filePath(QStringLiteral("berth.db")));
        VERIFY_OK(metadata.open());
        int violations = 0;
        int errors = 0;
        for (int round = 0; round < 25; ++round) {
            const QString repository = QStringLiteral("team/app-%1").arg(round);
            VERIFY_OK(metadata.transaction([&] {
                auto id = metadata.ensureRepository(repository, clock.now());
                return id ? Result<void>() : Result<void>(id.error());
            }));
            LicenceStore store(metadata, clock);
            std::atomic<bool> published{false};
            std::atomic<bool> stop{false};
            std::atomic<int> checksBefore{0};
            std::atomic<int> checksAfter{0};
            std::atomic<int> roundViolations{0};
            std::atomic<int> roundErrors{0};
            std::vector<std::thread> threads;
            for (int t = 0; t < 3; ++t) {
                threads.emplace_back([&] {
                    while (!stop.load()) {
                        const bool after = published.load();
                        auto c = store.check(repository, QStringLiteral("ann"));
                        if (!c)
                            ++roundErrors;
                        else if (after && !c->required)
                            ++roundViolations;
                        ++(after ? checksAfter : checksBefore);
                    }
                });
            }
            while (checksBefore.load() < 3)
                std::this_thread::yield();
            auto done = store.publish(LicenceScope::ofRepository(repository),
                                      LicenceFixture::version(QStringLiteral("1")));
            published = true;
            while (checksAfter.load() < 30)
                std::this_thread::yield();
            stop = true;
            for (std::thread& t : threads)
                t.join();
            VERIFY_OK(done);
            violations += roundViolations.load();
            errors += roundErrors.load();
            // Remove it again: the next round starts from a database where only older licences exist.
            VERIFY_OK(store.remove(LicenceScope::ofRepository(repository)));
            QVERIFY(!store.check(repository, QStringLiteral("ann"))->required);
        }
        QCOMPARE(errors, 0);
        QCOMPARE(violations, 0);
    }
};

QTEST_GUILESS_MAIN(TestLicenceFastPath)
#include "tst_licencefastpath.moc"
