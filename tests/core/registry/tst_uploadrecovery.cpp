// What RegistryService::open() does with upload sessions a crash left behind: resumable sessions keep
// their data and go on from where they stopped; sessions no client can resume (monolithic uploads)
// and stray temporary files are cleaned up; a monolithic session still completes while it runs.

#include "metadata/MetadataStore.h"
#include "registry/RegistryService.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;

namespace {

std::unique_ptr<RegistryService> openService(const QString& dir, Clock* clock = &Clock::system())
{
    RegistryService::Options options;
    options.dataDirectory = dir;
    options.clock = clock;
    auto service = std::make_unique<RegistryService>(options);
    auto opened = service->open();
    if (!opened.ok())
        qFatal("open failed: %s", qPrintable(opened.error().message));
    return service;
}

QStringList uploadEntries(const QString& dir)
{
    return QDir(dir + QStringLiteral("/uploads"))
        .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
}

} // namespace

class TestUploadRecovery : public QObject
{
    Q_OBJECT

private slots:
    void monolithicSessionCompletes()
    {
        QTemporaryDir dir;
        auto service = openService(dir.path());
        const QByteArray content(5000, 'm');
        auto started = service->startUpload(QStringLiteral("app"), false);
        QVERIFY(started.ok());
        auto lease = service->acquireUpload(QStringLiteral("app"), started->id);
        QVERIFY2(lease.ok(), qPrintable(lease.error().message));
        QVERIFY(lease.value()->write(content).ok());
        auto done = service->completeUpload(std::move(lease).value(), Digest::compute(content));
        QVERIFY2(done.ok(), qPrintable(done.error().message));
        auto device = service->openBlob(QStringLiteral("app"), Digest::compute(content));
        QVERIFY(device.ok());
        QCOMPARE(device.value()->readAll(), content);
        QVERIFY(uploadEntries(dir.path()).isEmpty());
    }

    void crashLeavesOnlyResumableSessions()
    {
        QTemporaryDir dir;
        QString resumable;
        QString monolithic;
        {
            // Sessions with data in flight when the process "dies" (nothing ends them).
            auto service = openService(dir.path());
            auto a = service->startUpload(QStringLiteral("app"));
            auto b = service->startUpload(QStringLiteral("app"), false);
            QVERIFY(a.ok() && b.ok());
            resumable = a->id;
            monolithic = b->id;
            QVERIFY(resumable != monolithic);
            for (const QString& id : {resumable, monolithic}) {
                auto lease = service->acquireUpload(QStringLiteral("app"), id);
                QVERIFY2(lease.ok(), qPrintable(lease.error().message));
                QVERIFY(lease.value()->write(QByteArray(70000, 'x')).ok());
            }
        }
        QCOMPARE(uploadEntries(dir.path()).size(), 2);
        // A manifest write cut short by the crash.
        QFile stray(dir.path() + QStringLiteral("/uploads/put-0c8e6d0a-0000-4000-8000-000000000000.tmp"));
        QVERIFY(stray.open(QIODevice::WriteOnly));
        stray.write("half a manifest");
        stray.close();

        auto service = openService(dir.path());
        QCOMPARE(uploadEntries(dir.path()), QStringList{resumable});
        auto gone = service->uploadStatus(QStringLiteral("app"), monolithic);
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error().code, ErrorCode::BlobUploadUnknown);
        auto status = service->uploadStatus(QStringLiteral("app"), resumable);
        QVERIFY2(status.ok(), qPrintable(status.error().message));
        QCOMPARE(status->offset, qint64(70000));
        auto sessions = service->metadata().uploads();
        QVERIFY(sessions.ok());
        QCOMPARE(sessions.value().size(), 1);
        QCOMPARE(sessions.value().first().id, resumable);
    }

    void abandonedSessionsExpire()
    {
        QTemporaryDir dir;
        ManualClock clock;
        QString old;
        QString recent;
        {
            auto service = openService(dir.path(), &clock);
            auto a = service->startUpload(QStringLiteral("app"));
            clock.advance(6 * 24 * 3600);
            auto b = service->startUpload(QStringLiteral("app"));
            QVERIFY(a.ok() && b.ok());
            old = a->id;
            recent = b->id;
        }
        clock.advance(2 * 24 * 3600); // the first is 8 days old now, the second 2 days
        auto service = openService(dir.path(), &clock);
        QCOMPARE(uploadEntries(dir.path()), QStringList{recent});
        QVERIFY(!service->uploadStatus(QStringLiteral("app"), old).ok());
        QVERIFY(service->uploadStatus(QStringLiteral("app"), recent).ok());
        service.reset();

        // 0 keeps sessions however old they are.
        clock.advance(30 * 24 * 3600);
        RegistryService::Options keep;
        keep.dataDirectory = dir.path();
        keep.clock = &clock;
        keep.abandonedUploadSeconds = 0;
        RegistryService keeping(keep);
        QVERIFY(keeping.open().ok());
        QVERIFY(keeping.uploadStatus(QStringLiteral("app"), recent).ok());
    }

    void hostileIdsStayRejected()
    {
        QTemporaryDir dir;
        auto service = openService(dir.path());
        for (const QString& id :
             {QStringLiteral("m-"), QStringLiteral("m-../../etc"), QStringLiteral("m-m-x"),
              QStringLiteral("x-0c8e6d0a-0000-4000-8000-000000000000")}) {
            auto status = service->uploadStatus(QStringLiteral("app"), id);
            QVERIFY(!status.ok());
            QCOMPARE(status.error().code, ErrorCode::BlobUploadUnknown);
        }
    }
};

QTEST_GUILESS_MAIN(TestUploadRecovery)
#include "tst_uploadrecovery.moc"
