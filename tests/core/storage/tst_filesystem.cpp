// FileSystem's helpers: makePath (nested, existing, concurrent, blocked by a file; it also fsyncs the
// parent of each directory it creates, which a test cannot observe), syncDirectory and the errno
// mapping that turns a full disk into InsufficientStorage.

#include "storage/FileSystem.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <cerrno>
#include <thread>
#include <vector>

using namespace berth;

class TestFileSystem : public QObject
{
    Q_OBJECT

private slots:
    void makePathCreatesParents()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("blobs/0/sha256/ab"));
        QVERIFY(FileSystem::makePath(path).ok());
        QVERIFY(QFileInfo(path).isDir());
        QVERIFY(FileSystem::makePath(path).ok()); // an existing directory is fine
        QVERIFY(FileSystem::makePath(QString()).ok());
    }

    void makePathConcurrently()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a/b/c/d/e"));
        std::vector<std::thread> threads;
        std::atomic<int> failures{0};
        for (int i = 0; i < 8; ++i) {
            threads.emplace_back([&] {
                if (!FileSystem::makePath(path).ok())
                    ++failures;
            });
        }
        for (std::thread& thread : threads)
            thread.join();
        QCOMPARE(failures.load(), 0);
        QVERIFY(QFileInfo(path).isDir());
    }

    void makePathBlockedByAFile()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("plain")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        auto made = FileSystem::makePath(dir.filePath(QStringLiteral("plain")));
        QVERIFY(!made.ok());
        QVERIFY(!FileSystem::makePath(dir.filePath(QStringLiteral("plain/below"))).ok());
    }

    void syncDirectory()
    {
        QTemporaryDir dir;
        QVERIFY(FileSystem::syncDirectory(dir.path()).ok());
        auto missing = FileSystem::syncDirectory(dir.filePath(QStringLiteral("missing")));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::Internal);
        QVERIFY(missing.error().message.contains(QStringLiteral("missing")));
    }

    void fullDiskIsInsufficientStorage()
    {
        for (int error : {ENOSPC, EDQUOT}) {
            const Error e = FileSystem::errorFromErrno(error, QStringLiteral("writing /x"));
            QCOMPARE(e.code, ErrorCode::InsufficientStorage);
            QVERIFY2(e.message.contains(QStringLiteral("disk is full")), qPrintable(e.message));
            QVERIFY(e.message.contains(QStringLiteral("writing /x")));
        }
        QCOMPARE(FileSystem::errorFromErrno(EIO, QStringLiteral("x")).code, ErrorCode::Internal);
    }
};

QTEST_GUILESS_MAIN(TestFileSystem)
#include "tst_filesystem.moc"
