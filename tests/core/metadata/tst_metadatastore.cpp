#include "metadata/MetadataStore.h"

#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>
#include <thread>
#include <vector>

using namespace berth;

class TestMetadataStore : public QObject
{
    Q_OBJECT

private:
    static QDateTime at(qint64 secs) { return QDateTime::fromSecsSinceEpoch(1700000000 + secs, Qt::UTC); }

    static QStringList tables(const MetadataStore& store, const QString& type)
    {
        QStringList out;
        auto q =
            store.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = ? ORDER BY name"), {type});
        while (q.ok() && q->next())
            out << q->value(0).toString();
        return out;
    }

    static ManifestRecord manifest(qint64 repo, const QByteArray& content, std::optional<Digest> subject = {},
                                   const QString& artifactType = QString())
    {
        ManifestRecord m;
        m.repositoryId = repo;
        m.digest = Digest::compute(content);
        m.mediaType = QStringLiteral("application/vnd.oci.image.manifest.v1+json");
        m.artifactType = artifactType;
        m.size = content.size();
        m.subject = subject;
        m.pushedAt = at(1);
        return m;
    }

private slots:
    void pragmas()
    {
        QTemporaryDir dir;
        MetadataStore store(dir.filePath(QStringLiteral("berth.db")));
        auto opened = store.open();
        QVERIFY2(opened.ok(), qPrintable(opened.error().message));
        auto mode = store.exec(QStringLiteral("PRAGMA journal_mode"));
        QVERIFY(mode.ok() && mode->next());
        QCOMPARE(mode->value(0).toString(), QStringLiteral("wal"));
        auto fk = store.exec(QStringLiteral("PRAGMA foreign_keys"));
        QVERIFY(fk.ok() && fk->next());
        QCOMPARE(fk->value(0).toInt(), 1);
        auto sync = store.exec(QStringLiteral("PRAGMA synchronous"));
        QVERIFY(sync.ok() && sync->next());
        QCOMPARE(sync->value(0).toInt(), 2); // FULL
        QCOMPARE(store.schemaVersion().value(), MetadataStore::latestVersion());
    }

    void migratesAnOldDatabase()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("berth.db"));
        const Digest layer = Digest::compute("layer");
        {
            MetadataStore old(path);
            auto opened = old.open(1);
            QVERIFY2(opened.ok(), qPrintable(opened.error().message));
            QCOMPARE(old.schemaVersion().value(), 1);
            QVERIFY(!tables(old, QStringLiteral("table")).contains(QStringLiteral("manifest_children")));
            QVERIFY(old.transaction([&]() -> Result<void> {
                           auto repo = old.ensureRepository(QStringLiteral("library/old"), at(0));
                           if (!repo)
                               return repo.error();
                           auto linked = old.linkBlob(repo.value(), layer, 5, at(0));
                           if (!linked)
                               return linked.error();
                           // version 1 has no manifest_children: insert the manifest by hand
                           auto q = old.exec(
                               QStringLiteral("INSERT INTO manifests (repository_id, digest, media_type,"
                                              " size, pushed_at) VALUES (?, ?, 'x', 3, 0)"),
                               {repo.value(), Digest::compute("m").toString()});
                           if (!q)
                               return q.error();
                           return {};
                       })
                        .ok());
        }
        MetadataStore store(path);
        auto opened = store.open();
        QVERIFY2(opened.ok(), qPrintable(opened.error().message));
        QCOMPARE(store.schemaVersion().value(), MetadataStore::latestVersion());
        QVERIFY(tables(store, QStringLiteral("table")).contains(QStringLiteral("manifest_children")));
        const QStringList indexes = tables(store, QStringLiteral("index"));
        QVERIFY(indexes.contains(QStringLiteral("manifests_by_subject")));
        QVERIFY(indexes.contains(QStringLiteral("repository_blobs_by_digest")));
        // The data written under version 1 is still there and usable with the new tables.
        auto repo = store.repositoryId(QStringLiteral("library/old"));
        QVERIFY(repo.ok() && repo.value());
        QCOMPARE(store.heldBlobSize(*repo.value(), layer).value(), std::optional<qint64>(5));
        auto m = store.manifestByDigest(*repo.value(), Digest::compute("m"));
        QVERIFY(m.ok() && m.value());
        QVERIFY(store
                    .transaction([&]() -> Result<void> {
                        auto id = store.insertManifest(manifest(*repo.value(), "index"), {},
                                                       {Digest::compute("m")});
                        if (!id)
                            return id.error();
                        return {};
                    })
                    .ok());
        auto versions = store.exec(QStringLiteral("SELECT version FROM schema_version ORDER BY version"));
        QList<int> applied;
        while (versions.ok() && versions->next())
            applied << versions->value(0).toInt();
        QList<int> expected;
        for (const MetadataStore::Migration& migration : MetadataStore::migrations())
            expected << migration.version;
        QCOMPARE(applied, expected);
    }

    void refusesANewerDatabase()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("berth.db"));
        {
            MetadataStore store(path);
            QVERIFY(store.open().ok());
            QVERIFY(store
                        .transaction([&]() -> Result<void> {
                            auto q = store.exec(
                                QStringLiteral("INSERT INTO schema_version VALUES (999, 'future', 0)"));
                            if (!q)
                                return q.error();
                            return {};
                        })
                        .ok());
        }
        MetadataStore store(path);
        auto opened = store.open();
        QVERIFY(!opened.ok());
        QVERIFY2(opened.error().message.contains(QStringLiteral("newer")),
                 qPrintable(opened.error().message));
        QVERIFY(!store.isOpen());
    }

    void writesNeedATransaction()
    {
        QTemporaryDir dir;
        MetadataStore store(dir.filePath(QStringLiteral("berth.db")));
        QVERIFY(store.open().ok());
        auto r = store.ensureRepository(QStringLiteral("a"), at(0));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Internal);
        // A failing transaction rolls back everything it did.
        auto failed = store.transaction([&]() -> Result<void> {
            auto repo = store.ensureRepository(QStringLiteral("a"), at(0));
            if (!repo)
                return repo.error();
            return Error(ErrorCode::ManifestInvalid, QStringLiteral("changed my mind"));
        });
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().code, ErrorCode::ManifestInvalid);
        QVERIFY(!store.repositoryId(QStringLiteral("a")).value());
    }

    void tagsManifestsAndCascades()
    {
        QTemporaryDir dir;
        MetadataStore store(dir.filePath(QStringLiteral("berth.db")));
        QVERIFY(store.open().ok());
        qint64 repo = 0;
        qint64 m1 = 0;
        qint64 m2 = 0;
        const Digest subject = Digest::compute("subject");
        QVERIFY(store
                    .transaction([&]() -> Result<void> {
                        bool created = false;
                        auto r = store.ensureRepository(QStringLiteral("team/app"), at(0), &created);
                        if (!r || !created)
                            return Error(ErrorCode::Internal, QStringLiteral("no repository"));
                        repo = r.value();
                        auto a = store.insertManifest(manifest(repo, "one"), {Digest::compute("cfg")}, {});
                        auto b = store.insertManifest(manifest(repo, "two", subject, QStringLiteral("sig")),
                                                      {}, {});
                        if (!a || !b)
                            return Error(ErrorCode::Internal, QStringLiteral("insert failed"));
                        m1 = a.value();
                        m2 = b.value();
                        for (const char* tag : {"v1", "latest", "V2", "a", "v10"}) {
                            auto t = store.setTag(repo, QString::fromLatin1(tag), m1, at(2));
                            if (!t || !t.value())
                                return Error(ErrorCode::Internal, QStringLiteral("tag failed"));
                        }
                        auto same = store.setTag(repo, QStringLiteral("v1"), m1, at(3));
                        if (!same || same.value())
                            return Error(ErrorCode::Internal, QStringLiteral("re-tag should be no change"));
                        auto moved = store.setTag(repo, QStringLiteral("v10"), m2, at(3));
                        if (!moved || !moved.value())
                            return Error(ErrorCode::Internal, QStringLiteral("move should change"));
                        return {};
                    })
                    .ok());
        // Byte order: upper case before lower case.
        QCOMPARE(store.tagNames(repo, -1, QString()).value(),
                 (QStringList{QStringLiteral("V2"), QStringLiteral("a"), QStringLiteral("latest"),
                              QStringLiteral("v1"), QStringLiteral("v10")}));
        QCOMPARE(store.tagNames(repo, 2, QStringLiteral("a")).value(),
                 (QStringList{QStringLiteral("latest"), QStringLiteral("v1")}));
        QCOMPARE(store.manifestByTag(repo, QStringLiteral("v10")).value()->id, m2);
        auto refs = store.referrers(repo, subject, QString());
        QCOMPARE(refs.value().size(), 1);
        QCOMPARE(refs.value().first().artifactType, QStringLiteral("sig"));
        QCOMPARE(store.referrers(repo, subject, QStringLiteral("other")).value().size(), 0);
        QCOMPARE(store.manifestBlobs(m1).value(), QList<Digest>{Digest::compute("cfg")});

        QVERIFY(store
                    .transaction([&]() -> Result<void> {
                        auto d = store.deleteManifest(m1);
                        if (!d || !d.value())
                            return Error(ErrorCode::Internal, QStringLiteral("delete failed"));
                        return {};
                    })
                    .ok());
        QCOMPARE(store.tagNames(repo, -1, QString()).value(), QStringList{QStringLiteral("v10")});
        QCOMPARE(store.manifestBlobs(m1).value().size(), 0);
    }

    void pullStatistics()
    {
        QTemporaryDir dir;
        MetadataStore store(dir.filePath(QStringLiteral("berth.db")));
        QVERIFY(store.open().ok());
        qint64 repo = 0;
        QVERIFY(store
                    .transaction([&]() -> Result<void> {
                        repo = store.ensureRepository(QStringLiteral("r"), at(0)).value();
                        return store.insertManifest(manifest(repo, "m"), {}, {}).ok()
                                   ? Result<void>()
                                   : Error(ErrorCode::Internal, QStringLiteral("x"));
                    })
                    .ok());
        QVERIFY(store
                    .transaction([&] {
                        return store.recordPulls({{QStringLiteral("r"), Digest::compute("m"), at(50)},
                                                  {QStringLiteral("r"), Digest::compute("m"), at(40)}});
                    })
                    .ok());
        QCOMPARE(store.manifestByDigest(repo, Digest::compute("m")).value()->lastPulledAt, at(50));
    }

    void connectionPerThread()
    {
        QTemporaryDir dir;
        MetadataStore store(dir.filePath(QStringLiteral("berth.db")));
        QVERIFY(store.open().ok());
        const int before = QSqlDatabase::connectionNames().size();
        constexpr int Threads = 8;
        constexpr int PerThread = 25;
        std::atomic<int> failures{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < Threads; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < PerThread; ++i) {
                    auto r = store.transaction([&]() -> Result<void> {
                        auto id = store.ensureRepository(QStringLiteral("t%1/r%2").arg(t).arg(i), at(i));
                        if (!id)
                            return id.error();
                        return {};
                    });
                    if (!r.ok())
                        failures.fetch_add(1);
                    if (!store.repositoryNames(-1, QString()).ok())
                        failures.fetch_add(1);
                }
            });
        }
        for (auto& t : threads)
            t.join();
        QCOMPARE(failures.load(), 0);
        QCOMPARE(store.repositoryNames(-1, QString()).value().size(), Threads * PerThread);
        // Each thread's connection closed when the thread ended.
        QCOMPARE(QSqlDatabase::connectionNames().size(), before);
        store.close();
        QVERIFY(!store.isOpen());
        QVERIFY(!store.repositoryId(QStringLiteral("t0/r0")).ok());
    }
};

QTEST_GUILESS_MAIN(TestMetadataStore)
#include "tst_metadatastore.moc"
