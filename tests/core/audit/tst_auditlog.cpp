#include "AuditTestSupport.h"
#include "audit/AuditActions.h"
#include "audit/AuditAnchor.h"
#include "audit/AuditChain.h"
#include "audit/AuditSchema.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <thread>
#include <vector>

using namespace berth;
using namespace berth::test;

class TestAuditLog : public QObject
{
    Q_OBJECT

private:
    static QDateTime at(qint64 secs) { return QDateTime::fromSecsSinceEpoch(1700000000 + secs, Qt::UTC); }

    static QList<qint64> sequences(const AuditPage& page)
    {
        QList<qint64> out;
        for (const AuditRecord& r : page.records)
            out << r.sequence;
        return out;
    }

    static QList<qint64> range(qint64 first, qint64 last)
    {
        QList<qint64> out;
        for (qint64 i = first; i <= last; ++i)
            out << i;
        return out;
    }

    /// A log with a known mix of records, one second apart starting at at(1):
    ///  1 alice  auth.signin            -                      allowed
    ///  2 bob    auth.signin.failed     -                      denied
    ///  3 alice  repository.create      apps/backend/api       none
    ///  4 anonymous access.denied       apps/backend/api       denied
    ///  5 system authtoken.revoke       user bob               none
    ///  6 alice  policy.update          compartment Apps:Backend none
    ///  7 bob    auth.signin            -                      allowed
    ///  8 alice  repository.move        Apps/Frontend/web_100% none
    static void fill(AuditLog& log, ManualClock& clock)
    {
        const QList<AuditRecord> records = {
            makeRecord(QStringLiteral("alice"), QStringLiteral("auth.signin"), QString(),
                       AuditDecision::Allowed),
            makeRecord(QStringLiteral("bob"), QStringLiteral("auth.signin.failed"), QString(),
                       AuditDecision::Denied, QStringLiteral("wrong password")),
            makeRecord(QStringLiteral("alice"), QStringLiteral("repository.create"),
                       QStringLiteral("apps/backend/api")),
            makeRecord(AuditRecord::anonymousActor(), QStringLiteral("access.denied"),
                       QStringLiteral("apps/backend/api"), AuditDecision::Denied,
                       QStringLiteral("No statement allows anyone who is not signed in to read repos in "
                                      "compartment Apps:Backend")),
            makeRecord(AuditRecord::systemActor(), QStringLiteral("authtoken.revoke"),
                       QStringLiteral("user bob")),
            makeRecord(QStringLiteral("alice"), QStringLiteral("policy.update"),
                       QStringLiteral("compartment Apps:Backend")),
            makeRecord(QStringLiteral("bob"), QStringLiteral("auth.signin"), QString(),
                       AuditDecision::Allowed),
            makeRecord(QStringLiteral("alice"), QStringLiteral("repository.move"),
                       QStringLiteral("Apps/Frontend/web_100%")),
        };
        for (const AuditRecord& r : records) {
            clock.advance(1);
            QVERIFY(log.append(r) > 0);
        }
        auto flushed = log.flush();
        QVERIFY2(flushed.ok(), qPrintable(flushed.error().message));
    }

    static AuditPage mustQuery(const AuditLog& log, const AuditFilter& filter)
    {
        auto page = log.query(filter);
        if (!page.ok())
            qWarning("%s", qPrintable(page.error().message));
        return page.ok() ? page.value() : AuditPage();
    }

private slots:
    void openCreatesDatabaseAndAnchor()
    {
        QTemporaryDir dir;
        ManualClock clock;
        AuditLog log(dir.filePath(QStringLiteral("data")), clock);
        auto opened = log.open();
        QVERIFY2(opened.ok(), qPrintable(opened.error().message));
        QVERIFY(log.isOpen());
        QVERIFY(QFile::exists(log.databasePath()));
        QCOMPARE(log.databasePath(), dir.filePath(QStringLiteral("data/audit.db")));
        auto anchor = AuditAnchor::read(log.anchorPath());
        QVERIFY(anchor.ok() && anchor.value());
        QCOMPARE(anchor.value()->sequence, 0);
        QCOMPARE(anchor.value()->hash, AuditChain::genesisHash());

        DirectDatabase direct(log.databasePath());
        QCOMPARE(direct.scalar(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
        QCOMPARE(AuditSchema::version(direct.db()).value(), AuditSchema::latestVersion());
        QCOMPARE(direct.scalar(QStringLiteral("SELECT COUNT(*) FROM schema_version")).toInt(),
                 AuditSchema::migrations().size());

        const AuditVerification v = log.verify();
        QVERIFY2(v.ok, qPrintable(v.message));
        QCOMPARE(v.checkedCount, 0);
    }

    void appendFlushQueryRoundTrip()
    {
        QTemporaryDir dir;
        ManualClock clock(at(0));
        AuditLog log(dir.path(), clock);
        QVERIFY(log.open().ok());

        AuditRecord r =
            makeRecord(QStringLiteral("zoë"), QStringLiteral("auth.token.issued"),
                       QStringLiteral("repository:base/alpine:pull,push"), AuditDecision::Allowed,
                       QStringLiteral("Allow group Developers to use repos in compartment Apps"),
                       QJsonObject{{QStringLiteral("scope"), QStringLiteral("pull,push")},
                                   {QStringLiteral("expiresIn"), 300},
                                   {QStringLiteral("note"), QStringLiteral("€ \u2603 \xF0\x9F\x90\xB3")}},
                       QStringLiteral("2001:db8::1"));
        r.sequence = 99;                   // ignored: the log numbers records
        r.hash = QStringLiteral("forged"); // ignored: the writer computes it
        clock.advance(5);
        QCOMPARE(log.append(r), 1);
        clock.advance(1);
        QCOMPARE(log.append(makeRecord(QStringLiteral("bob"), QStringLiteral("user.create"),
                                       QStringLiteral("carol"))),
                 2);
        QCOMPARE(log.lastSequence(), 2);
        QVERIFY(log.flush().ok());
        QCOMPARE(log.durableSequence(), 2);

        AuditFilter all;
        const AuditPage page = mustQuery(log, all);
        QCOMPARE(sequences(page), (QList<qint64>{1, 2}));
        const AuditRecord& got = page.records.at(0);
        QCOMPARE(got.time, at(5));
        QCOMPARE(got.actor, r.actor);
        QCOMPARE(got.clientAddress, r.clientAddress);
        QCOMPARE(got.action, r.action);
        QCOMPARE(got.target, r.target);
        QCOMPARE(got.decision, AuditDecision::Allowed);
        QCOMPARE(got.reason, r.reason);
        QCOMPARE(got.details, r.details);
        QCOMPARE(got.previousHash, AuditChain::genesisHash());
        QVERIFY(AuditChain::isWellFormedHash(got.hash));
        QCOMPARE(page.records.at(1).previousHash, got.hash);
        QCOMPARE(page.records.at(1).time, at(6));
        QCOMPARE(page.records.at(1).decision, AuditDecision::None);
        QCOMPARE(page.records.at(1).clientAddress, QStringLiteral("192.0.2.7"));
        QCOMPARE(page.next, 0);

        const QJsonObject json = got.toJson();
        QCOMPARE(json.value(QLatin1String("sequence")).toInteger(), 1);
        QCOMPARE(json.value(QLatin1String("time")).toString(), QStringLiteral("2023-11-14T22:13:25.000Z"));
        QCOMPARE(json.value(QLatin1String("decision")).toString(), QStringLiteral("allowed"));
        QCOMPARE(json.value(QLatin1String("details")).toObject(), r.details);

        const AuditVerification v = log.verify();
        QVERIFY2(v.ok, qPrintable(v.message));
        QCOMPARE(v.checkedCount, 2);
        QCOMPARE(v.firstBadSequence, 0);
    }

    void emptyAndNullFieldsAreStored()
    {
        QTemporaryDir dir;
        ManualClock clock;
        AuditLog log(dir.path(), clock);
        QVERIFY(log.open().ok());
        AuditRecord r; // everything null or empty
        QCOMPARE(log.append(r), 1);
        QVERIFY(log.flush().ok());
        const AuditPage page = mustQuery(log, AuditFilter());
        QCOMPARE(page.records.size(), 1);
        QCOMPARE(page.records.at(0).actor, QString());
        QCOMPARE(page.records.at(0).details, QJsonObject());
        QVERIFY(log.verify().ok);
    }

    void awkwardTextSurvivesTheRoundTrip()
    {
        // What is hashed must be what SQLite stores and gives back, whatever the caller passes.
        QTemporaryDir dir;
        ManualClock clock;
        AuditLog log(dir.path(), clock);
        QVERIFY(log.open().ok());
        const QString loneSurrogate = QStringLiteral("x") + QChar(0xD800) + QStringLiteral("y");
        const QString withNul = QStringLiteral("a") + QChar(0) + QStringLiteral("b");
        log.append(makeRecord(loneSurrogate, QStringLiteral("auth.signin.failed"), withNul,
                              AuditDecision::Denied, QStringLiteral("e\u0301 \"quoted\" \\ back\tslash"),
                              QJsonObject{{loneSurrogate, withNul}, {QStringLiteral("n"), 1.0 / 3.0}}));
        log.append(makeRecord(QStringLiteral("\U0001F433"), QStringLiteral("auth.signin"), QString()));
        QVERIFY(log.flush().ok());
        const AuditVerification v = log.verify();
        QVERIFY2(v.ok, qPrintable(v.message));
        QCOMPARE(v.checkedCount, 2);
        const AuditPage page = mustQuery(log, AuditFilter());
        QCOMPARE(page.records.size(), 2);
        QCOMPARE(page.records.at(0).target, withNul);
        QCOMPARE(page.records.at(1).actor, QStringLiteral("\U0001F433"));
    }

    void queryByTimeRange()
    {
        QTemporaryDir dir;
        ManualClock clock(at(0));
        AuditLog log(dir.path(), clock);
        QVERIFY(log.open().ok());
        fill(log, clock);
        AuditFilter f;
        f.from = at(3);
        f.to = at(6);
        QCOMPARE(sequences(mustQuery(log, f)), (QList<qint64>{3, 4, 5})); // from inclusive, to exclusive
        f = AuditFilter();
        f.from = at(7);
        QCOMPARE(sequences(mustQuery(log, f)), (QList<qint64>{7, 8}));
        f = AuditFilter();
        f.to = at(2);
        QCOMPARE(sequences(mustQuery(log, f)), (QList<qint64>{1}));
    }

    void queryByActor()
    {
        QTemporaryDir dir;
        ManualClock clock(at(0));
        AuditLog log(dir.path(), clock);
        QVERIFY(log.open().ok());
        fill(log, clock);
        AuditFilter f;
        f.actor = QStringLiteral("alice");
        QCOMPARE(sequences(mustQuery(log, f)), (QList<qint64>{1, 3, 6, 8}));
        f.actor = AuditRecord::anonymousActor();
        QCOMPARE(sequences(mustQuery(log, f)), (QList<qint64>{4}));
        f.actor = QStringLiteral("Alice"); // exact
        QCOMPARE(sequences(mustQuery(log, f)), QList<qint64>());
    }

    void queryByActionPrefix_data()
    {
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<QList<qint64>>("expected");
        QTest::newRow("segment") << "auth" << QList<qint64>{1, 2, 7};
        QTest::newRow("segment with dot") << "auth." << QList<qint64>{1, 2, 7};
        QTest::newRow("whole action and below") << "auth.signin" << QList<qint64>{1, 2, 7};
        QTest::newRow("leaf") << "auth.signin.failed" << QList<qint64>{2};
        QTest::newRow("partial segment") << "auth.sign" << QList<qint64>{};
        QTest::newRow("repository") << "repository" << QList<qint64>{3, 8};
        QTest::newRow("exact") << "repository.move" << QList<qint64>{8};
        QTest::newRow("unknown") << "user" << QList<qint64>{};
        QTest::newRow("like wildcards are literal") << "a%" << QList<qint64>{};
    }

    void queryByActionPrefix()
    {
        QFETCH(QString, prefix);
        QFETCH(QList<qint64>, expected);
        QTemporaryDir dir;
        ManualClock clock(at(0));
        AuditLog log(dir.path(), clock);
        QVERIFY(log.open().ok());
        fill(log, clock);
        AuditFilter f;
        f.actionPrefix = prefix;
        QCOMPARE(sequences(mustQuery(log, f)), expected);
    }

    void queryByTargetSubstring_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<qint64>>("expected");
        QTest::newRow("path part") << "backend" << QList<qint64>{3, 4, 6};
        QTest::newRow("any case") << "BACKEND/API" << QList<qint64>{3, 4};
        QTest::newRow("compartment") << "compartment Apps:" << QList<qint64>{6};
        QTest::newRow("percent is literal") << "100%" << QList<qint64>{8};
        QTest::newRow("underscore is literal") << "d_a" << QList<qint64>{};
        QTest::newRow("underscore matches itself") << "web_" << QList<qint64>{8};
        QTest::newRow("none") << "nowhere" << QList<qint64>{};
    }

    void queryByTargetSubstring()
    {
        QFETCH(QString, text);
        QFETCH(QList<qint64>, expected);
        QTemporaryDir dir;
        ManualClock clock(at(0));
        AuditLog log(dir.path(), clock);
        QVERIFY(log.open().ok());
        fill(log, clock);
        AuditFilter f;
        f.targetContains = text;
        QCOMPARE(sequences(mustQuery(log, f)), expected);
    }

    void queryByDecision()
    {
        QTemporaryDir dir;
        ManualClock clock(at(0));
        AuditLog log(dir.path(), clock);
        QVERIFY(log.open().ok());
        fill(log, clock);
        AuditFilter f;
        f.decision = AuditDecision::Denied;
        QCOMPARE(sequences(mustQuery(log, f)), (QList<qint64>{2, 4}));
        f.decision = AuditDecision::Allowed;
        QCOMPARE(sequences(mustQuery(log, f)), (QList<qint64>{1, 7}));
        f.decision = AuditDecision::None;
        QCOMPARE(sequences(mustQuery(log, f)), (QList<qint64>{3, 5, 6, 8}));
    }

    void queryCombinedFilters()
    {
        QTemporaryDir dir;
        ManualClock clock(at(0));
        AuditLog log(dir.path(), clock);
        QVERIFY(log.open().ok());
        fill(log, clock);
        AuditFilter f;
        f.actor = QStringLiteral("alice");
        f.actionPrefix = QStringLiteral("repository");
        f.targetContains = QStringLiteral("apps");
        f.from = at(2);
        QCOMPARE(sequences(mustQuery(log, f)), (QList<qint64>{3, 8}));
        f.decision = AuditDecision::Denied;
        QCOMPARE(sequences(mustQuery(log, f)), QList<qint64>());
    }

    void paginationOldestFirst()
    {
        QTemporaryDir dir;
        ManualClock clock(at(0));
        AuditLog log(dir.path(), clock);
        QVERIFY(log.open().ok());
        fill(log, clock);
        AuditFilter f;
        f.limit = 3;
        AuditPage page = mustQuery(log, f);
        QCOMPARE(sequences(page), (QList<qint64>{1, 2, 3}));
        QCOMPARE(page.next, 3);
        f.after = page.next;
        page = mustQuery(log, f);
        QCOMPARE(sequences(page), (QList<qint64>{4, 5, 6}));
        QCOMPARE(page.next, 6);
        f.after = page.next;
        page = mustQuery(log, f);
        QCOMPARE(sequences(page), (QList<qint64>{7, 8}));
        QCOMPARE(page.next, 0);

        // A page that ends exactly at the last record says there is no more.
        f.after = 5;
        page = mustQuery(log, f);
        QCOMPARE(sequences(page), (QList<qint64>{6, 7, 8}));
        QCOMPARE(page.next, 0);

        // With a filter, the cursor skips by sequence too.
        f = AuditFilter();
        f.actor = QStringLiteral("alice");
        f.limit = 2;
        page = mustQuery(log, f);
        QCOMPARE(sequences(page), (QList<qint64>{1, 3}));
        f.after = page.next;
        page = mustQuery(log, f);
        QCOMPARE(sequences(page), (QList<qint64>{6, 8}));
        QCOMPARE(page.next, 0);

        f = AuditFilter();
        f.limit = -1;
        QCOMPARE(sequences(mustQuery(log, f)), range(1, 8));
        f.limit = 0;
        QCOMPARE(sequences(mustQuery(log, f)), QList<qint64>());
    }

    void paginationNewestFirst()
    {
        QTemporaryDir dir;
        ManualClock clock(at(0));
        AuditLog log(dir.path(), clock);
        QVERIFY(log.open().ok());
        fill(log, clock);
        AuditFilter f;
        f.order = AuditOrder::NewestFirst;
        f.limit = 3;
        AuditPage page = mustQuery(log, f);
        QCOMPARE(sequences(page), (QList<qint64>{8, 7, 6}));
        QCOMPARE(page.next, 6);
        f.after = page.next;
        page = mustQuery(log, f);
        QCOMPARE(sequences(page), (QList<qint64>{5, 4, 3}));
        f.after = page.next;
        page = mustQuery(log, f);
        QCOMPARE(sequences(page), (QList<qint64>{2, 1}));
        QCOMPARE(page.next, 0);

        f = AuditFilter();
        f.order = AuditOrder::NewestFirst;
        f.decision = AuditDecision::Denied;
        QCOMPARE(sequences(mustQuery(log, f)), (QList<qint64>{4, 2}));
    }

    void concurrentAppendsKeepOrder()
    {
        QTemporaryDir dir;
        ManualClock clock;
        AuditLog log(dir.path(), clock);
        QVERIFY(log.open().ok());
        constexpr int threads = 8;
        constexpr int perThread = 2500;
        std::vector<std::vector<qint64>> given(threads);
        std::vector<std::thread> workers;
        std::atomic<int> queryFailures{0};
        for (int t = 0; t < threads; ++t) {
            workers.emplace_back([&, t] {
                for (int i = 0; i < perThread; ++i) {
                    const qint64 sequence = log.append(
                        makeRecord(QStringLiteral("worker%1").arg(t), QStringLiteral("repository.create"),
                                   QStringLiteral("repo/%1/%2").arg(t).arg(i), AuditDecision::None, QString(),
                                   QJsonObject{{QStringLiteral("thread"), t}, {QStringLiteral("i"), i}}));
                    given[t].push_back(sequence);
                    if (i % 500 == 0) { // readers on the same threads, while the writer works
                        AuditFilter f;
                        f.actor = QStringLiteral("worker%1").arg(t);
                        f.order = AuditOrder::NewestFirst;
                        f.limit = 5;
                        if (!log.query(f).ok())
                            ++queryFailures;
                    }
                }
            });
        }
        for (auto& w : workers)
            w.join();
        QCOMPARE(queryFailures.load(), 0);
        // The readers' connections went away with their threads.
        for (const QString& name : QSqlDatabase::connectionNames())
            QVERIFY2(!name.startsWith(QStringLiteral("berth-audit-read")), qPrintable(name));
        QVERIFY(log.flush().ok());

        AuditFilter f;
        f.limit = -1;
        const AuditPage page = mustQuery(log, f);
        QCOMPARE(page.records.size(), threads * perThread);
        QCOMPARE(sequences(page), range(1, threads * perThread));
        for (const AuditRecord& r : page.records) {
            const int t = r.details.value(QLatin1String("thread")).toInt();
            const int i = r.details.value(QLatin1String("i")).toInt();
            QCOMPARE(given[size_t(t)][size_t(i)], r.sequence); // each append got its own record
            QCOMPARE(r.target, QStringLiteral("repo/%1/%2").arg(t).arg(i));
        }
        for (const auto& mine : given) {
            for (size_t i = 1; i < mine.size(); ++i)
                QVERIFY(mine[i] > mine[i - 1]);
        }
        const AuditVerification v = log.verify();
        QVERIFY2(v.ok, qPrintable(v.message));
        QCOMPARE(v.checkedCount, threads * perThread);
    }

    void restartContinuesTheChain()
    {
        QTemporaryDir dir;
        ManualClock clock(at(0));
        QString fifthHash;
        {
            AuditLog log(dir.path(), clock);
            QVERIFY(log.open().ok());
            for (int i = 0; i < 5; ++i)
                log.append(makeRecord(QStringLiteral("alice"), QStringLiteral("auth.signin"), QString()));
            // No flush: shutdown (here, the destructor) must write everything and the anchor.
        }
        {
            auto anchor = AuditAnchor::read(QDir(dir.path()).filePath(QStringLiteral("audit.anchor")));
            QVERIFY(anchor.ok() && anchor.value());
            QCOMPARE(anchor.value()->sequence, 5);
            fifthHash = anchor.value()->hash;
        }
        AuditLog log(dir.path(), clock);
        QVERIFY(log.open().ok());
        QCOMPARE(log.lastSequence(), 5);
        QCOMPARE(log.append(makeRecord(QStringLiteral("bob"), QStringLiteral("auth.signin"), QString())), 6);
        QVERIFY(log.flush().ok());
        AuditFilter f;
        f.limit = -1;
        const AuditPage page = mustQuery(log, f);
        QCOMPARE(sequences(page), range(1, 6));
        QCOMPARE(page.records.at(4).hash, fifthHash);
        QCOMPARE(page.records.at(5).previousHash, fifthHash);
        QCOMPARE(page.records.at(5).actor, QStringLiteral("bob"));
        const AuditVerification v = log.verify();
        QVERIFY2(v.ok, qPrintable(v.message));
        QCOMPARE(v.checkedCount, 6);

        // Shut down and open the same object again.
        log.shutdown();
        QVERIFY(!log.isOpen());
        QCOMPARE(log.append(makeRecord(QStringLiteral("bob"), QStringLiteral("auth.signin"), QString())), 0);
        QVERIFY(!log.flush().ok());
        QVERIFY(!log.query(f).ok());
        QVERIFY(!log.verify().ok);
        QVERIFY(log.open().ok());
        QCOMPARE(log.append(makeRecord(QStringLiteral("carol"), QStringLiteral("auth.signin"), QString())),
                 7);
        QVERIFY(log.flush().ok());
        QVERIFY(log.verify().ok);
    }

    void anchorFollowsEveryNRecords()
    {
        QTemporaryDir dir;
        ManualClock clock;
        AuditLogOptions options;
        options.anchorEveryRecords = 10;
        options.anchorEverySeconds = 3600;
        AuditLog log(dir.path(), clock, options);
        QVERIFY(log.open().ok());
        for (int i = 0; i < 10; ++i)
            log.append(makeRecord(QStringLiteral("alice"), QStringLiteral("auth.signin"), QString()));
        // No flush: the writer anchors on its own once 10 records are committed.
        auto anchoredAt = [&] {
            auto a = AuditAnchor::read(log.anchorPath());
            return a.ok() && a.value() ? a.value()->sequence : -1;
        };
        QTRY_COMPARE_WITH_TIMEOUT(anchoredAt(), 10, 20000);
    }

    void anchorFollowsAfterSomeSeconds()
    {
        QTemporaryDir dir;
        ManualClock clock;
        AuditLogOptions options;
        options.anchorEveryRecords = 1000000;
        options.anchorEverySeconds = 1;
        AuditLog log(dir.path(), clock, options);
        QVERIFY(log.open().ok());
        log.append(makeRecord(QStringLiteral("alice"), QStringLiteral("auth.signin"), QString()));
        auto anchoredAt = [&] {
            auto a = AuditAnchor::read(log.anchorPath());
            return a.ok() && a.value() ? a.value()->sequence : -1;
        };
        QTRY_COMPARE_WITH_TIMEOUT(anchoredAt(), 1, 20000);
    }

    void writtenSignal()
    {
        QTemporaryDir dir;
        ManualClock clock;
        AuditLog log(dir.path(), clock);
        std::atomic<qint64> last{0};
        connect(
            &log, &AuditLog::written, &log, [&](qint64 s) { last = s; }, Qt::DirectConnection);
        QVERIFY(log.open().ok());
        for (int i = 0; i < 3; ++i)
            log.append(makeRecord(QStringLiteral("alice"), QStringLiteral("auth.signin"), QString()));
        QVERIFY(log.flush().ok());
        QCOMPARE(last.load(), 3);
    }

    void openFailsOnAnUnusableDirectory()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("not-a-directory"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        AuditLog log(file);
        auto opened = log.open();
        QVERIFY(!opened.ok());
        QVERIFY2(opened.error().message.contains(QStringLiteral("not a directory")),
                 qPrintable(opened.error().message));
        QVERIFY(!log.isOpen());
    }

    void refusesANewerSchema()
    {
        QTemporaryDir dir;
        {
            AuditLog log(dir.path());
            QVERIFY(log.open().ok());
        }
        {
            DirectDatabase direct(QDir(dir.path()).filePath(QStringLiteral("audit.db")));
            QCOMPARE(direct.exec(QStringLiteral("INSERT INTO schema_version VALUES (999, 'future', 0)")),
                     QString());
        }
        AuditLog log(dir.path());
        auto opened = log.open();
        QVERIFY(!opened.ok());
        QVERIFY2(opened.error().message.contains(QStringLiteral("schema version 999, newer than this Berth")),
                 qPrintable(opened.error().message));
    }

    void hundredThousandAppends()
    {
        QTemporaryDir dir;
        AuditLog log(dir.path());
        QVERIFY(log.open().ok());
        constexpr int count = 100000;
        const AuditRecord r = makeRecord(QStringLiteral("ci-bot"), QStringLiteral("access.denied"),
                                         QStringLiteral("apps/backend/api"), AuditDecision::Denied,
                                         QStringLiteral("No statement allows group CI to push to repos in "
                                                        "compartment Apps:Backend"),
                                         QJsonObject{{QStringLiteral("method"), QStringLiteral("PUT")}});
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < count; ++i)
            log.append(r);
        const qint64 appendMs = std::max<qint64>(1, timer.elapsed());
        QVERIFY(log.flush().ok());
        const qint64 totalMs = std::max<qint64>(1, timer.elapsed());
        qInfo("%d appends: queued in %lld ms (%.0f/s), durable in %lld ms (%.0f/s)", count,
              static_cast<long long>(appendMs), count * 1000.0 / double(appendMs),
              static_cast<long long>(totalMs), count * 1000.0 / double(totalMs));
        QCOMPARE(log.durableSequence(), count);
        timer.restart();
        const AuditVerification v = log.verify();
        qInfo("verified %lld records in %lld ms", static_cast<long long>(v.checkedCount),
              static_cast<long long>(timer.elapsed()));
        QVERIFY2(v.ok, qPrintable(v.message));
        QCOMPARE(v.checkedCount, count);
        AuditFilter f;
        f.order = AuditOrder::NewestFirst;
        f.limit = 1;
        QCOMPARE(sequences(mustQuery(log, f)), (QList<qint64>{count}));
    }
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
