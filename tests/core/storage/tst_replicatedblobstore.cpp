#include "storage/ReplicatedBlobStore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <fcntl.h>
#include <sys/stat.h>

using namespace berth;

class TestReplicatedBlobStore : public QObject
{
    Q_OBJECT

private:
    static QByteArray pattern(qint64 size, char seed)
    {
        QByteArray data(size, Qt::Uninitialized);
        for (qint64 i = 0; i < size; ++i)
            data[i] = static_cast<char>((i * 131 + seed + i / 977) & 0xff);
        return data;
    }

    static QByteArray readFile(const QString& path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    static QByteArray readAll(const ReplicatedBlobStore& store, const Digest& digest, bool* failed = nullptr)
    {
        auto device = store.openRead(digest);
        if (!device)
            return QByteArray("<none>");
        QByteArray out;
        char buffer[65536];
        for (;;) {
            const qint64 n = device->read(buffer, sizeof buffer);
            if (n < 0) {
                if (failed)
                    *failed = true;
                break;
            }
            if (n == 0)
                break;
            out.append(buffer, n);
        }
        return out;
    }

    /// Flips one byte in the middle of the file, keeping its size.
    static void flipByte(const QString& path)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const qint64 at = f.size() / 2;
        QVERIFY(f.seek(at));
        char c = 0;
        QVERIFY(f.getChar(&c));
        QVERIFY(f.seek(at));
        QVERIFY(f.putChar(char(c ^ 0x5a)));
    }

    /// Makes a domain unusable even for root: its directory is replaced by a regular file, so nothing can
    /// be created beneath it (ENOTDIR).
    static void breakDomain(const QString& directory)
    {
        QVERIFY(QDir(directory).removeRecursively());
        QFile f(directory);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a directory");
    }

    static Result<Digest> upload(ReplicatedBlobStore& store, const QString& id, const QByteArray& bytes)
    {
        auto writer = store.openUpload(id, false);
        if (!writer)
            return writer.error();
        auto written = writer.value()->write(bytes);
        if (!written)
            return written.error();
        return writer.value()->commit(Digest::compute(bytes));
    }

    StorageOptions threeDomains(const QTemporaryDir& dir, int quorum = 2)
    {
        StorageOptions options;
        for (int i = 0; i < 3; ++i)
            options.domains << dir.filePath(QStringLiteral("disk%1/berth").arg(i));
        options.writeQuorum = quorum;
        return options;
    }

    static quint64 inode(const QString& path)
    {
        struct stat st;
        return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? quint64(st.st_ino) : 0;
    }

private slots:
    void writesMakeACopyInEveryDomain()
    {
        QTemporaryDir dir;
        ReplicatedBlobStore store(dir.filePath(QStringLiteral("data")), threeDomains(dir));
        QVERIFY(store.initialize().ok());
        QCOMPARE(store.domainCount(), 3);
        QCOMPARE(store.writeQuorum(), 2);

        const QByteArray manifest = pattern(700, 1);
        auto put = store.put(manifest);
        QVERIFY(put.ok());
        const QByteArray layer = pattern(300 * 1024, 2);
        auto uploaded = upload(store, QStringLiteral("u1"), layer);
        QVERIFY2(uploaded.ok(), qPrintable(uploaded.ok() ? QString() : uploaded.error().message));

        QSet<quint64> inodes;
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(readFile(store.copyPath(i, put.value())), manifest);
            QCOMPARE(readFile(store.copyPath(i, uploaded.value())), layer);
            inodes.insert(inode(store.copyPath(i, uploaded.value())));
            QCOMPARE(store.storedBlobs(i).size(), 2);
        }
        // Each domain has its own copy of the bytes, not another name for one file.
        QCOMPARE(inodes.size(), 3);
        QCOMPARE(store.counters().degradedWrites, 0);
        QCOMPARE(store.storedBlobs().size(), 2);
        QCOMPARE(readAll(store, uploaded.value()), layer);
        QVERIFY(!store.localPath(uploaded.value()).isEmpty()); // verified when committed
    }

    void aCommittedUploadStaysVerifiedWhenItsSessionEnds()
    {
        // The registry commits keeping the session's file (a second name of the first copy) and removes the
        // session later. Removing that name changes the copy's change time, not its bytes: the copy must
        // stay verified, or every fresh large blob is read and hashed again instead of going out with
        // sendfile. The wait lets the kernel's coarse file clock tick between the commit and the removal.
        QTemporaryDir dir;
        ReplicatedBlobStore store(dir.path()); // one domain: its only copy is the linked one
        QVERIFY(store.initialize().ok());
        const QByteArray layer = pattern(300 * 1024, 7);
        auto writer = store.openUpload(QStringLiteral("kept"), false);
        QVERIFY(writer.ok());
        QVERIFY(writer.value()->write(layer).ok());
        auto committed = writer.value()->commit(Digest::compute(layer), true);
        QVERIFY(committed.ok());
        writer.value().reset();
        QVERIFY(!store.localPath(committed.value()).isEmpty());
        QThread::msleep(50);
        store.discardUpload(QStringLiteral("kept"));
        QVERIFY(!store.localPath(committed.value()).isEmpty());
        QCOMPARE(readAll(store, committed.value()), layer);
    }

    void aWriteReachingTheQuorumIsAcknowledgedAsDegraded()
    {
        QTemporaryDir dir;
        const StorageOptions options = threeDomains(dir);
        ReplicatedBlobStore store(dir.filePath(QStringLiteral("data")), options);
        QVERIFY(store.initialize().ok());
        breakDomain(options.domains[2]);

        auto put = store.put(pattern(1000, 3));
        QVERIFY(put.ok());
        auto uploaded = upload(store, QStringLiteral("u2"), pattern(200 * 1024, 4));
        QVERIFY(uploaded.ok());
        for (const Digest& digest : {put.value(), uploaded.value()}) {
            QVERIFY(QFileInfo::exists(store.copyPath(0, digest)));
            QVERIFY(QFileInfo::exists(store.copyPath(1, digest)));
            QVERIFY(!QFileInfo::exists(store.copyPath(2, digest)));
        }
        QCOMPARE(store.counters().degradedWrites, 2);
    }

    void aWriteBelowTheQuorumFails()
    {
        QTemporaryDir dir;
        const StorageOptions options = threeDomains(dir);
        ReplicatedBlobStore store(dir.filePath(QStringLiteral("data")), options);
        QVERIFY(store.initialize().ok());
        breakDomain(options.domains[1]);
        breakDomain(options.domains[2]);

        auto put = store.put(pattern(1000, 5));
        QVERIFY(!put.ok());
        QVERIFY2(put.error().message.contains(QStringLiteral("only 1 of 3 fault domains")),
                 qPrintable(put.error().message));
        QVERIFY(put.error().message.contains(options.domains[1]));
        auto uploaded = upload(store, QStringLiteral("u3"), pattern(100 * 1024, 6));
        QVERIFY(!uploaded.ok());
        QVERIFY(uploaded.error().message.contains(QStringLiteral("2 copies are needed")));

        // A store that cannot reach its quorum at all refuses to start.
        ReplicatedBlobStore again(dir.filePath(QStringLiteral("data")), options);
        auto init = again.initialize();
        QVERIFY(!init.ok());
        QVERIFY2(init.error().message.contains(QStringLiteral("Only 1 of 3")),
                 qPrintable(init.error().message));
    }

    /// A small blob verified since its copy last changed is served from its file (sendfile), not hashed
    /// again on every read; a copy whose identity moved (a write: the modification time changes) is
    /// hashed again before it is served, so a corrupt one is never sent.
    void aSmallVerifiedCopyIsHashedAgainOnlyWhenItChanges()
    {
        QTemporaryDir dir;
        ReplicatedBlobStore store(dir.filePath(QStringLiteral("data")), threeDomains(dir));
        QVERIFY(store.initialize().ok());
        const QByteArray bytes = pattern(64 * 1024, 11);
        const Digest digest = store.put(bytes).value();
        QCOMPARE(readAll(store, digest), bytes);
        auto device = store.openRead(digest);
        QVERIFY(device);
        QVERIFY2(qobject_cast<QFile*>(device.get()), "a verified copy is served from its file");
        QVERIFY(!store.localPath(digest).isEmpty());
        device.reset();

        for (int i = 0; i < 3; ++i) {
            const QString path = store.copyPath(i, digest);
            flipByte(path);
            // A later write than the one that made the copy, even within the same clock tick.
            struct timespec times[2];
            times[0].tv_sec = times[1].tv_sec = QDateTime::currentSecsSinceEpoch() + 10 + i;
            times[0].tv_nsec = times[1].tv_nsec = 0;
            QVERIFY(::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, 0) == 0);
        }
        QVERIFY(store.localPath(digest).isEmpty());
        QVERIFY2(!store.openRead(digest), "every copy is corrupt: nothing may be served");
        QCOMPARE(store.counters().corruptCopiesFound, 3);
    }

    void aMissingCopyIsRepairedOnRead()
    {
        QTemporaryDir dir;
        ReplicatedBlobStore store(dir.filePath(QStringLiteral("data")), threeDomains(dir));
        QVERIFY(store.initialize().ok());
        const QByteArray bytes = pattern(5000, 7);
        const Digest digest = store.put(bytes).value();
        QVERIFY(QFile::remove(store.copyPath(0, digest)));

        QVERIFY(store.contains(digest));
        QCOMPARE(readAll(store, digest), bytes);
        QCOMPARE(readFile(store.copyPath(0, digest)), bytes);
        QCOMPARE(store.counters().missingCopiesFound, 1);
        QCOMPARE(store.counters().copiesRepaired, 1);
    }

    void aCorruptCopyIsQuarantinedAndRepairedOnRead()
    {
        QTemporaryDir dir;
        const QByteArray bytes = pattern(100 * 1024, 8);
        Digest digest;
        {
            ReplicatedBlobStore writer(dir.filePath(QStringLiteral("data")), threeDomains(dir));
            QVERIFY(writer.initialize().ok());
            digest = upload(writer, QStringLiteral("u4"), bytes).value();
        }
        // A new process: no copy is known to be verified, so the read tries them in domain order.
        ReplicatedBlobStore store(dir.filePath(QStringLiteral("data")), threeDomains(dir));
        QVERIFY(store.initialize().ok());
        flipByte(store.copyPath(1, digest));
        flipByte(store.copyPath(0, digest));

        QCOMPARE(readAll(store, digest), bytes);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(readFile(store.copyPath(i, digest)), bytes);
        const QDir quarantine(store.domainDirectory(0) + QStringLiteral("/quarantine"));
        QCOMPARE(quarantine.entryList(QDir::Files).size(), 1);
        QCOMPARE(store.counters().corruptCopiesFound, 2);
        QCOMPARE(store.counters().copiesRepaired, 2);
        QCOMPARE(store.verifyCopy(1, digest).value(), ReplicatedBlobStore::CopyState::Good);
    }

    void aLargeCorruptCopyFailsTheStreamAndIsRepaired()
    {
        QTemporaryDir dir;
        StorageOptions options = threeDomains(dir);
        options.verifyBeforeServeBytes = 64 * 1024;
        const QString data = dir.filePath(QStringLiteral("data"));
        const QByteArray bytes = pattern(3 * 1024 * 1024 + 17, 9);
        Digest digest;
        {
            ReplicatedBlobStore store(data, options);
            QVERIFY(store.initialize().ok());
            digest = upload(store, QStringLiteral("u5"), bytes).value();
        }
        // A new process knows of no verified copy: the first copy is streamed and verified as it goes.
        ReplicatedBlobStore store(data, options);
        QVERIFY(store.initialize().ok());
        flipByte(store.copyPath(0, digest));
        QVERIFY(store.localPath(digest).isEmpty());

        bool failed = false;
        const QByteArray first = readAll(store, digest, &failed);
        QVERIFY(failed);
        QVERIFY(first.size() < bytes.size()); // never the complete wrong blob
        QCOMPARE(store.counters().corruptCopiesFound, 1);
        QCOMPARE(readFile(store.copyPath(0, digest)), bytes); // repaired

        failed = false;
        QCOMPARE(readAll(store, digest, &failed), bytes);
        QVERIFY(!failed);
        QCOMPARE(store.verifyCopy(0, digest).value(), ReplicatedBlobStore::CopyState::Good);
        QVERIFY(!store.localPath(digest).isEmpty());

        // A ranged read (seek) that reaches the end is verified too.
        auto device = store.openRead(digest);
        QVERIFY(device && device->seek(bytes.size() - 1000));
        QCOMPARE(device->readAll(), bytes.right(1000));
    }

    void everyBlobSurvivesLosingAllButOneDomain()
    {
        QTemporaryDir dir;
        StorageOptions options = threeDomains(dir);
        options.verifyBeforeServeBytes = 256 * 1024;
        const QString data = dir.filePath(QStringLiteral("data"));
        QHash<Digest, QByteArray> blobs;
        {
            ReplicatedBlobStore store(data, options);
            QVERIFY(store.initialize().ok());
            for (int i = 0; i < 12; ++i) {
                const QByteArray bytes = pattern(i % 3 == 0 ? 700 * 1024 + i : 1000 * i + 1, char(20 + i));
                auto digest = i % 2 ? store.put(bytes) : upload(store, QStringLiteral("d%1").arg(i), bytes);
                QVERIFY(digest.ok());
                blobs.insert(digest.value(), bytes);
            }
        }
        QVERIFY(QDir(options.domains[0]).removeRecursively());
        QVERIFY(QDir(options.domains[2]).removeRecursively());

        ReplicatedBlobStore store(data, options);
        QVERIFY(store.initialize().ok());
        QCOMPARE(store.storedBlobs().size(), blobs.size());
        for (auto it = blobs.cbegin(); it != blobs.cend(); ++it) {
            QVERIFY(store.contains(it.key()));
            QCOMPARE(readAll(store, it.key()), it.value());
        }
        // The reads refilled the destroyed domains.
        for (auto it = blobs.cbegin(); it != blobs.cend(); ++it) {
            QCOMPARE(readFile(store.copyPath(0, it.key())), it.value());
            QCOMPARE(readFile(store.copyPath(2, it.key())), it.value());
        }
    }

    void theSingleDomainLayoutOpensUnchanged()
    {
        QTemporaryDir dir;
        const QString data = dir.path();
        // A store made before replication: <data>/blobs/0/<algorithm>/<first two hex>/<hex>.
        const auto legacyPath = [&data](const Digest& d) {
            return data + QStringLiteral("/blobs/0/") + d.algorithmName() + u'/' + d.hex().left(2) + u'/' +
                   d.hex();
        };
        const QByteArray bytes = pattern(9000, 30);
        const Digest old = Digest::compute(bytes);
        QVERIFY(QDir().mkpath(QFileInfo(legacyPath(old)).path()));
        {
            QFile file(legacyPath(old));
            QVERIFY(file.open(QIODevice::WriteOnly));
            QCOMPARE(file.write(bytes), bytes.size());
        }
        ReplicatedBlobStore store(data);
        QVERIFY(store.initialize().ok());
        QCOMPARE(store.domainCount(), 1);
        QCOMPARE(store.domainDirectory(0), QDir::cleanPath(data + QStringLiteral("/blobs/0")));
        QVERIFY(store.contains(old));
        QCOMPARE(readAll(store, old), bytes);
        QCOMPARE(store.storedBlobs().size(), 1);

        const QByteArray more = pattern(4000, 31);
        const Digest added = upload(store, QStringLiteral("l1"), more).value();
        QCOMPARE(store.copyPath(0, added), legacyPath(added));
        QCOMPARE(readFile(legacyPath(added)), more);
        int files = 0; // the old layout holds exactly the two blobs, nothing else
        for (QDirIterator it(data + QStringLiteral("/blobs/0"), QDir::Files, QDirIterator::Subdirectories);
             it.hasNext(); it.next())
            ++files;
        QCOMPARE(files, 2);
        QCOMPARE(store.counters().degradedWrites, 0);
    }

    void aRestoredUploadRefillsEveryDomain()
    {
        QTemporaryDir dir;
        ReplicatedBlobStore store(dir.filePath(QStringLiteral("data")), threeDomains(dir, 0));
        QVERIFY(store.initialize().ok());
        QCOMPARE(store.writeQuorum(), 3);
        const QByteArray bytes = pattern(50000, 40);
        auto writer = store.openUpload(QStringLiteral("r1"), false);
        QVERIFY(writer.ok());
        QVERIFY(writer.value()->write(bytes).ok());
        const Digest digest = writer.value()->commit(Digest::compute(bytes), true).value();
        QVERIFY(store.remove(digest)); // as garbage collection would
        QVERIFY(!store.contains(digest));
        QVERIFY(writer.value()->restore(digest).ok());
        for (int i = 0; i < 3; ++i)
            QCOMPARE(readFile(store.copyPath(i, digest)), bytes);
    }

    void invalidSettingsAreRefused_data()
    {
        QTest::addColumn<QStringList>("domains");
        QTest::addColumn<int>("quorum");
        QTest::addColumn<QString>("message");
        QTest::newRow("quorum above domains") << QStringList{"a", "b"} << 3 << "writeQuorum is 3 but only 2";
        QTest::newRow("duplicate") << QStringList{"a", "b", "a/"} << 2 << "is listed twice";
        QTest::newRow("nested") << QStringList{"a", "a/inner"} << 1 << "are nested";
        QTest::newRow("negative quorum") << QStringList{"a"} << -1 << "writeQuorum must be";
        QTest::newRow("uploads") << QStringList{"a", "uploads/x"} << 1 << "overlaps";
    }

    void invalidSettingsAreRefused()
    {
        QFETCH(QStringList, domains);
        QFETCH(int, quorum);
        QFETCH(QString, message);
        QTemporaryDir dir;
        ReplicatedBlobStore store(dir.path(), StorageOptions{domains, quorum});
        auto init = store.initialize();
        QVERIFY(!init.ok());
        QVERIFY2(init.error().message.contains(message), qPrintable(init.error().message));
    }
};

QTEST_GUILESS_MAIN(TestReplicatedBlobStore)
#include "tst_replicatedblobstore.moc"
