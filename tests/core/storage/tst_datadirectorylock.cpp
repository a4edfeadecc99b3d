// DataDirectoryLock: one process per data directory; a killed holder leaves no lock behind.
#include "registry/RegistryService.h"
#include "storage/DataDirectoryLock.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <csignal>
#include <cstdio>

using namespace berth;

namespace {

/// Child mode: `tst_datadirectorylock --hold DIR` takes the lock, says "locked", and sleeps.
int holdLock(const QString& dir)
{
    DataDirectoryLock lock;
    auto locked = lock.acquire(dir);
    if (!locked) {
        std::fprintf(stderr, "%s\n", qPrintable(locked.error().message));
        return 1;
    }
    std::printf("locked\n");
    std::fflush(stdout);
    QThread::sleep(60);
    return 0;
}

} // namespace

class TestDataDirectoryLock : public QObject
{
    Q_OBJECT

    /// Starts a child process holding the directory's lock.
    std::unique_ptr<QProcess> startHolder(const QString& dir)
    {
        auto child = std::make_unique<QProcess>();
        child->start(QCoreApplication::applicationFilePath(), {QStringLiteral("--hold"), dir});
        if (!child->waitForStarted(5000))
            return nullptr;
        while (!child->canReadLine()) {
            if (!child->waitForReadyRead(10000))
                return nullptr;
        }
        if (child->readLine().trimmed() != "locked")
            return nullptr;
        return child;
    }

private slots:
    void secondLockInOneProcessIsRefused()
    {
        QTemporaryDir dir;
        DataDirectoryLock first;
        QVERIFY(first.acquire(dir.path()).ok());
        QVERIFY(first.isHeld());
        DataDirectoryLock second;
        auto refused = second.acquire(dir.path());
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(dir.path()), qPrintable(refused.error().message));
        QVERIFY2(refused.error().message.contains(QString::number(QCoreApplication::applicationPid())),
                 qPrintable(refused.error().message));
        QCOMPARE(DataDirectoryLock::holder(dir.path()), QCoreApplication::applicationPid());
        first.release();
        QCOMPARE(DataDirectoryLock::holder(dir.path()), qint64(0));
        QVERIFY(second.acquire(dir.path()).ok());
    }

    void anotherProcessIsRefusedAndAKilledHolderLeavesNoLock()
    {
        QTemporaryDir dir;
        auto child = startHolder(dir.path());
        QVERIFY(child);
        const qint64 pid = child->processId();
        QCOMPARE(DataDirectoryLock::holder(dir.path()), pid);

        DataDirectoryLock lock;
        auto refused = lock.acquire(dir.path());
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QStringLiteral("pid %1").arg(pid)),
                 qPrintable(refused.error().message));

        // SIGKILL: no clean-up runs, the lock file stays, but the lock goes with the process.
        ::kill(pid_t(pid), SIGKILL);
        QVERIFY(child->waitForFinished(10000));
        QVERIFY(QFile::exists(DataDirectoryLock::lockFilePath(dir.path())));
        QVERIFY(lock.acquire(dir.path()).ok());
        QCOMPARE(DataDirectoryLock::holder(dir.path()), QCoreApplication::applicationPid());

        // And the other way round: the child is refused while this process holds it.
        QProcess second;
        second.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--hold"), dir.path()});
        QVERIFY(second.waitForFinished(10000));
        QCOMPARE(second.exitCode(), 1);
        QVERIFY(QString::fromUtf8(second.readAllStandardError()).contains(dir.path()));
    }

    void registryServiceHoldsTheLockUntilDestroyed()
    {
        QTemporaryDir dir;
        RegistryService::Options options;
        options.dataDirectory = dir.path();
        auto first = std::make_unique<RegistryService>(options);
        QVERIFY(first->open().ok());
        RegistryService second(options);
        auto refused = second.open();
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.contains(dir.path()));
        first.reset();
        QVERIFY(second.open().ok());
    }

    void missingDirectoryIsAnError()
    {
        DataDirectoryLock lock;
        auto failed = lock.acquire(QStringLiteral("/nonexistent-berth-dir/x"));
        QVERIFY(!failed.ok());
        QVERIFY(failed.error().message.contains(QStringLiteral("/nonexistent-berth-dir/x")));
    }
};

int main(int argc, char* argv[])
{
    if (argc == 3 && qstrcmp(argv[1], "--hold") == 0) {
        QCoreApplication app(argc, argv);
        return holdLock(QString::fromLocal8Bit(argv[2]));
    }
    QCoreApplication app(argc, argv);
    TestDataDirectoryLock test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_datadirectorylock.moc"
