// The BlobStore contract on the store every registry uses by default: ReplicatedBlobStore with a single
// fault domain (<data>/blobs/0). Fault domains themselves are tested in tst_replicatedblobstore.

#include "storage/ReplicatedBlobStore.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <sys/mount.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace berth;

class TestSingleDomainBlobStore : public QObject
{
    Q_OBJECT

private:
    static QByteArray pattern(qint64 size, char seed)
    {
        QByteArray data(size, Qt::Uninitialized);
        for (qint64 i = 0; i < size; ++i)
            data[i] = static_cast<char>((i * 31 + seed) & 0xff);
        return data;
    }

    static QByteArray readAll(const QString& path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return QByteArray();
        return f.readAll();
    }

    static QStringList filesUnder(const QString& dir)
    {
        QStringList out;
        QDir d(dir);
        const auto entries = d.entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
        for (const QFileInfo& info : entries) {
            if (info.isDir())
                out += filesUnder(info.filePath());
            else
                out += info.filePath();
        }
        return out;
    }

private slots:
    void writerRoundTrip()
    {
        QTemporaryDir dir;
        ReplicatedBlobStore store(dir.path());
        QVERIFY(store.initialize().ok());
        const QByteArray content = pattern(3 * 1024 * 1024 + 17, 1);
        auto writer = store.openUpload(QStringLiteral("session-1"), false);
        QVERIFY(writer.ok());
        for (qint64 off = 0; off < content.size(); off += 65536)
            QVERIFY(
                writer.value()
                    ->write(QByteArrayView(content).sliced(off, qMin<qint64>(65536, content.size() - off)))
                    .ok());
        QCOMPARE(writer.value()->size(), content.size());
        const Digest expected = Digest::compute(content);
        auto committed = writer.value()->commit(expected);
        QVERIFY2(committed.ok(), qPrintable(committed.error().message));
        QCOMPARE(committed.value(), expected);
        QVERIFY(store.contains(expected));
        QCOMPARE(store.size(expected), content.size());
        QCOMPARE(store.copyPath(0, expected), dir.path() + QStringLiteral("/blobs/0/sha256/") +
                                                  expected.hex().left(2) + u'/' + expected.hex());
        auto in = store.openRead(expected);
        QVERIFY(in);
        QCOMPARE(in->readAll(), content);
        in.reset();
        // sendfile gets the path of a copy verified since it last changed: the read above verified it.
        QCOMPARE(store.localPath(expected), store.copyPath(0, expected));
        // A touch (garbage collection's grace period, e.g. a manifest push referencing the blob) changes
        // the file's times, not its bytes: the copy stays verified.
        QVERIFY(store.touch(expected));
        QCOMPARE(store.localPath(expected), store.copyPath(0, expected));
        // Anything else that changes the file makes it unverified until a read checks it again.
        {
            QFile file(store.copyPath(0, expected));
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.seek(10));
            QCOMPARE(file.write(content.mid(10, 1)), 1); // the same byte: the bytes still hash right
        }
        QVERIFY(store.localPath(expected).isEmpty());
        in = store.openRead(expected);
        QVERIFY(in);
        QCOMPARE(in->readAll(), content);
        in.reset();
        QCOMPARE(store.localPath(expected), store.copyPath(0, expected));
        // The session's data file moved into place; only the empty session directory is left.
        QVERIFY(!QFile::exists(dir.path() + QStringLiteral("/uploads/session-1/data")));
        store.discardUpload(QStringLiteral("session-1"));
        QVERIFY(store.uploadIds().isEmpty());
    }

    void unknownBlob()
    {
        QTemporaryDir dir;
        ReplicatedBlobStore store(dir.path());
        QVERIFY(store.initialize().ok());
        const Digest d = Digest::compute("nothing");
        QVERIFY(!store.contains(d));
        QCOMPARE(store.size(d), qint64(-1));
        QVERIFY(!store.openRead(d));
        QVERIFY(store.localPath(d).isEmpty());
        QVERIFY(!store.remove(d));
    }

    void resumeAfterReopen()
    {
        QTemporaryDir dir;
        const QByteArray content = pattern(200000, 2);
        {
            ReplicatedBlobStore store(dir.path());
            QVERIFY(store.initialize().ok());
            auto writer = store.openUpload(QStringLiteral("resume"), false);
            QVERIFY(writer.ok());
            QVERIFY(writer.value()->write(content.left(123456)).ok());
        }
        ReplicatedBlobStore store(dir.path());
        QVERIFY(store.initialize().ok());
        QCOMPARE(store.uploadIds(), QStringList{QStringLiteral("resume")});
        QCOMPARE(store.uploadSize(QStringLiteral("resume")), qint64(123456));
        auto writer = store.openUpload(QStringLiteral("resume"), true);
        QVERIFY(writer.ok());
        QCOMPARE(writer.value()->size(), qint64(123456));
        QVERIFY(writer.value()->write(content.mid(123456)).ok());
        auto committed = writer.value()->commit(Digest::compute(content));
        QVERIFY2(committed.ok(), qPrintable(committed.error().message));
        QCOMPARE(readAll(store.copyPath(0, committed.value())), content);
    }

    void resumeWithoutData()
    {
        QTemporaryDir dir;
        ReplicatedBlobStore store(dir.path());
        QVERIFY(store.initialize().ok());
        auto writer = store.openUpload(QStringLiteral("ghost"), true);
        QVERIFY(!writer.ok());
        QCOMPARE(writer.error().code, ErrorCode::BlobUploadUnknown);
    }

    void truncateKeepsHashConsistent()
    {
        QTemporaryDir dir;
        ReplicatedBlobStore store(dir.path());
        QVERIFY(store.initialize().ok());
        auto writer = store.openUpload(QStringLiteral("trunc"), false);
        QVERIFY(writer.ok());
        QVERIFY(writer.value()->write("hello ").ok());
        QVERIFY(writer.value()->write("broken chunk").ok());
        QVERIFY(writer.value()->truncate(6).ok());
        QCOMPARE(writer.value()->size(), qint64(6));
        QCOMPARE(store.uploadSize(QStringLiteral("trunc")), qint64(6));
        const auto beyond = writer.value()->truncate(100);
        QVERIFY(!beyond.ok());
        QVERIFY(writer.value()->write("world").ok());
        auto committed = writer.value()->commit(Digest::compute("hello world"));
        QVERIFY2(committed.ok(), qPrintable(committed.error().message));
        QCOMPARE(readAll(store.copyPath(0, committed.value())), QByteArray("hello world"));
    }

    void wrongDigestLeavesNothing()
    {
        QTemporaryDir dir;
        ReplicatedBlobStore store(dir.path());
        QVERIFY(store.initialize().ok());
        auto writer = store.openUpload(QStringLiteral("wrong"), false);
        QVERIFY(writer.ok());
        QVERIFY(writer.value()->write("actual content").ok());
        const Digest actual = Digest::compute("actual content");
        const Digest claimed = Digest::compute("claimed content");
        auto committed = writer.value()->commit(claimed);
        QVERIFY(!committed.ok());
        QCOMPARE(committed.error().code, ErrorCode::DigestInvalid);
        QVERIFY(committed.error().message.contains(actual.toString()));
        QVERIFY(!store.contains(claimed));
        QVERIFY(!store.contains(actual));
        QVERIFY(filesUnder(dir.path() + QStringLiteral("/blobs")).isEmpty());
        // The writer is still consistent: more data and the right digest commit fine.
        QVERIFY(writer.value()->write("!").ok());
        auto retried = writer.value()->commit(Digest::compute("actual content!"));
        QVERIFY2(retried.ok(), qPrintable(retried.error().message));
    }

    void sha512Commit()
    {
        QTemporaryDir dir;
        ReplicatedBlobStore store(dir.path());
        QVERIFY(store.initialize().ok());
        const QByteArray content = pattern(70000, 5);
        auto writer = store.openUpload(QStringLiteral("sha512"), false);
        QVERIFY(writer.ok());
        QVERIFY(writer.value()->write(content).ok());
        const Digest expected = Digest::compute(content, DigestAlgorithm::Sha512);
        auto committed = writer.value()->commit(expected);
        QVERIFY2(committed.ok(), qPrintable(committed.error().message));
        QCOMPARE(committed.value(), expected);
        QVERIFY(store.copyPath(0, expected).contains(QStringLiteral("/sha512/")));
        QCOMPARE(readAll(store.copyPath(0, expected)), content);
        QVERIFY(!store.contains(Digest::compute(content)));
    }

    void concurrentCommitOfSameDigest()
    {
        QTemporaryDir dir;
        ReplicatedBlobStore store(dir.path());
        QVERIFY(store.initialize().ok());
        const QByteArray content = pattern(512 * 1024, 7);
        const Digest expected = Digest::compute(content);
        constexpr int Threads = 8;
        std::vector<std::unique_ptr<BlobWriter>> writers;
        for (int i = 0; i < Threads; ++i) {
            auto w = store.openUpload(QStringLiteral("c%1").arg(i), false);
            QVERIFY(w.ok());
            QVERIFY(w.value()->write(content).ok());
            writers.push_back(std::move(w).value());
        }
        std::atomic<int> ready{0};
        std::atomic<int> succeeded{0};
        std::vector<std::thread> threads;
        for (int i = 0; i < Threads; ++i) {
            threads.emplace_back([&, i] {
                ready.fetch_add(1);
                while (ready.load() < Threads) {
                }
                auto r = writers[static_cast<size_t>(i)]->commit(expected);
                if (r.ok() && r.value() == expected)
                    succeeded.fetch_add(1);
            });
        }
        for (auto& t : threads)
            t.join();
        QCOMPARE(succeeded.load(), Threads);
        QCOMPARE(readAll(store.copyPath(0, expected)), content);
        QCOMPARE(filesUnder(dir.path() + QStringLiteral("/blobs")).size(), 1);
        QVERIFY(filesUnder(dir.path() + QStringLiteral("/uploads")).isEmpty());
    }

    void abortLeavesNoStrayFile()
    {
        QTemporaryDir dir;
        ReplicatedBlobStore store(dir.path());
        QVERIFY(store.initialize().ok());
        auto writer = store.openUpload(QStringLiteral("abort"), false);
        QVERIFY(writer.ok());
        QVERIFY(writer.value()->write("to be thrown away").ok());
        writer.value()->abort();
        QVERIFY(filesUnder(dir.path()).isEmpty());
        store.discardUpload(QStringLiteral("abort"));
        QVERIFY(store.uploadIds().isEmpty());
        QVERIFY(filesUnder(dir.path() + QStringLiteral("/blobs")).isEmpty());
    }

    void hostileUploadIds()
    {
        QTemporaryDir dir;
        ReplicatedBlobStore store(dir.path() + QStringLiteral("/root"));
        QVERIFY(store.initialize().ok());
        for (const QString& id : {QStringLiteral("../x"), QString(), QStringLiteral(".."),
                                  QStringLiteral("a/b"), QStringLiteral("/etc/passwd")}) {
            auto w = store.openUpload(id, false);
            QVERIFY2(!w.ok(), qPrintable(id));
            QCOMPARE(w.error().code, ErrorCode::BlobUploadUnknown);
            store.discardUpload(id); // must not touch anything
        }
        QVERIFY(!QFile::exists(dir.path() + QStringLiteral("/root/x")));
        QVERIFY(QFile::exists(dir.path() + QStringLiteral("/root/uploads")));
    }

    void putAndInitializeCleansTemporaries()
    {
        QTemporaryDir dir;
        ReplicatedBlobStore store(dir.path());
        QVERIFY(store.initialize().ok());
        auto put = store.put("{\"schemaVersion\":2}");
        QVERIFY(put.ok());
        QCOMPARE(put.value(), Digest::compute("{\"schemaVersion\":2}"));
        QVERIFY(store.put("{\"schemaVersion\":2}").ok()); // again: the same blob
        QCOMPARE(readAll(store.copyPath(0, put.value())), QByteArray("{\"schemaVersion\":2}"));
        auto put512 = store.putAs("abc", DigestAlgorithm::Sha512);
        QVERIFY(put512.ok());
        QVERIFY(store.contains(Digest::compute("abc", DigestAlgorithm::Sha512)));

        // A crash during put() leaves a temporary file; initialize() removes it, sessions stay.
        QFile stray(dir.path() + QStringLiteral("/uploads/put-1234.tmp"));
        QVERIFY(stray.open(QIODevice::WriteOnly));
        stray.write("half");
        stray.close();
        auto writer = store.openUpload(QStringLiteral("keep"), false);
        QVERIFY(writer.ok());
        QVERIFY(store.initialize().ok());
        QVERIFY(!stray.exists());
        QCOMPARE(store.uploadIds(), QStringList{QStringLiteral("keep")});

        QVERIFY(store.remove(put.value()));
        QVERIFY(!store.contains(put.value()));
    }

    void fullDisk()
    {
        QTemporaryDir dir;
        const QString mountPoint = dir.path() + QStringLiteral("/small");
        QVERIFY(QDir().mkpath(mountPoint));
        if (::geteuid() != 0)
            QSKIP("Simulating a full disk needs a 1 MiB tmpfs, and mounting one needs root");
        if (::mount("tmpfs", QFile::encodeName(mountPoint).constData(), "tmpfs", 0, "size=1m") != 0)
            QSKIP("Could not mount a 1 MiB tmpfs here (no CAP_SYS_ADMIN in this container?)");
        struct Unmount
        {
            QByteArray path;
            ~Unmount() { ::umount2(path.constData(), MNT_DETACH); }
        } unmount{QFile::encodeName(mountPoint)};

        ReplicatedBlobStore store(mountPoint);
        QVERIFY(store.initialize().ok());
        auto writer = store.openUpload(QStringLiteral("big"), false);
        QVERIFY(writer.ok());
        const QByteArray first = pattern(300 * 1024, 3);
        QVERIFY(writer.value()->write(first).ok());
        const QByteArray tooMuch = pattern(2 * 1024 * 1024, 4);
        auto r = writer.value()->write(tooMuch);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InsufficientStorage);
        QVERIFY2(r.error().message.contains(QStringLiteral("disk is full")), qPrintable(r.error().message));
        // Nothing of the failed chunk counts: size, file and hash are as before.
        QCOMPARE(writer.value()->size(), first.size());
        QCOMPARE(store.uploadSize(QStringLiteral("big")), first.size());
        auto committed = writer.value()->commit(Digest::compute(first));
        QVERIFY2(committed.ok(), qPrintable(committed.error().message));

        // put() of content that does not fit fails cleanly too.
        auto put = store.put(pattern(1024 * 1024, 9));
        QVERIFY(!put.ok());
        QCOMPARE(put.error().code, ErrorCode::InsufficientStorage);
        QVERIFY(filesUnder(mountPoint + QStringLiteral("/uploads")).isEmpty());
        writer.value().reset();
    }
};

QTEST_GUILESS_MAIN(TestSingleDomainBlobStore)
#include "tst_singledomainblobstore.moc"
