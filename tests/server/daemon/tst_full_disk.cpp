// A full disk during uploads: berthd's data directory sits on a 16 MiB tmpfs. Uploads that do not fit
// get 507 with a message about the disk, leave no partial data behind, and berthd keeps serving what
// it holds; once space is freed, pushes work again. Needs root (to mount the tmpfs).

#include "support/BerthdProcess.h"
#include "support/OciFixtures.h"
#include "support/RegistryClient.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <sys/statvfs.h>
#include <unistd.h>

using namespace berth;

namespace {

/// A tmpfs mounted on a temporary directory for the lifetime of the object.
class SmallFilesystem
{
public:
    bool mount(const QString& size)
    {
        if (::geteuid() != 0) {
            m_error = QStringLiteral("this test must run as root to mount a %1 tmpfs").arg(size);
            return false;
        }
        if (!m_dir.isValid()) {
            m_error = m_dir.errorString();
            return false;
        }
        QProcess mount;
        mount.start(QStringLiteral("mount"),
                    {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                     QStringLiteral("size=") + size, QStringLiteral("tmpfs"), m_dir.path()});
        if (!mount.waitForFinished(20000) || mount.exitStatus() != QProcess::NormalExit ||
            mount.exitCode() != 0) {
            m_error = QStringLiteral("mount -t tmpfs failed (%1): %2")
                          .arg(mount.errorString(), QString::fromLocal8Bit(mount.readAllStandardError()));
            return false;
        }
        m_mounted = true;
        return true;
    }
    ~SmallFilesystem()
    {
        if (m_mounted)
            QProcess::execute(QStringLiteral("umount"), {m_dir.path()});
    }
    QString path() const { return m_dir.path(); }
    QString error() const { return m_error; }
    qint64 freeBytes() const
    {
        struct statvfs st;
        if (::statvfs(QFile::encodeName(m_dir.path()).constData(), &st) != 0)
            return -1;
        return static_cast<qint64>(st.f_bavail) * static_cast<qint64>(st.f_frsize);
    }

private:
    QTemporaryDir m_dir;
    bool m_mounted = false;
    QString m_error;
};

struct Image
{
    QString repo;
    QString tag;
    QList<QByteArray> blobs;
    QByteArray manifest;
};

Image makeImage(const QString& repo, const QString& tag, int layerSize, quint32 seed)
{
    Image image{repo, tag, {OciFixtures::config(seed), OciFixtures::randomBytes(layerSize, seed)}, {}};
    image.manifest = OciFixtures::imageManifest(image.blobs[0], {image.blobs[1]});
    return image;
}

/// Error text for a failed comparison.
QByteArray describe(const char* what, const RegistryResponse& r)
{
    return QByteArray(what) + ": " + r.describeUtf8();
}

bool isDiskFullAnswer(const RegistryResponse& r)
{
    return r.status == 507 && r.isOciErrorBody() && r.body.contains("disk is full");
}

} // namespace

class TestFullDisk : public QObject
{
    Q_OBJECT

private slots:
    void fullDiskDuringUploads();

private:
    void push(const RegistryClient& client, const Image& image);
    void pull(const RegistryClient& client, const Image& image);
};

void TestFullDisk::push(const RegistryClient& client, const Image& image)
{
    for (const QByteArray& blob : image.blobs) {
        const RegistryResponse r = client.pushBlobMonolithic(image.repo, blob);
        QVERIFY2(r.status == 201, describe("blob push", r));
    }
    const RegistryResponse r =
        client.pushManifest(image.repo, image.tag, OciFixtures::kManifestType, image.manifest);
    QVERIFY2(r.status == 201, describe("manifest push", r));
}

void TestFullDisk::pull(const RegistryClient& client, const Image& image)
{
    const RegistryResponse m = client.get(QStringLiteral("/v2/%1/manifests/%2").arg(image.repo, image.tag),
                                          {{"Accept", OciFixtures::kManifestType}});
    QVERIFY2(m.status == 200 && m.body == image.manifest, describe("manifest pull", m));
    for (const QByteArray& blob : image.blobs) {
        const RegistryResponse b =
            client.get(QStringLiteral("/v2/%1/blobs/%2").arg(image.repo, OciFixtures::digestOf(blob)));
        QVERIFY2(b.status == 200 && b.body == blob, describe("blob pull", b));
    }
}

void TestFullDisk::fullDiskDuringUploads()
{
    SmallFilesystem disk;
    if (!disk.mount(QStringLiteral("16m")))
        QFAIL(qPrintable(QStringLiteral("Cannot run the full-disk test: %1").arg(disk.error())));
    const QString data = disk.path() + QStringLiteral("/data");
    const QString uploads = data + QStringLiteral("/uploads");

    BerthdProcess berthd;
    berthd.setDataDirectory(data);
    QVERIFY2(berthd.start(), qPrintable(berthd.errorString()));
    if (berthd.isExternal())
        QFAIL("This test needs its own berthd; unset BERTH_TEST_REGISTRY_URL");
    RegistryClient client(berthd.baseUrl());
    const Image before = makeImage(QStringLiteral("disk/app"), QStringLiteral("before"), 256 * 1024, 1);
    push(client, before);
    if (QTest::currentTestFailed())
        return;
    const qint64 freeBefore = disk.freeBytes();
    QVERIFY(freeBefore > 1024 * 1024);

    // 1. A monolithic upload bigger than the disk: 507, and its session and data are gone.
    const QByteArray huge = OciFixtures::randomBytes(24 * 1024 * 1024, 2);
    const RegistryResponse monolithic = client.pushBlobMonolithic(QStringLiteral("disk/app"), huge);
    QVERIFY2(isDiskFullAnswer(monolithic), describe("monolithic upload on a full disk", monolithic));
    QVERIFY2(QDir(uploads).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             qPrintable(QDir(uploads).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).join(u' ')));
    // The metadata's write-ahead logs grow a little meanwhile; the 16 MiB of the failed upload are gone.
    QVERIFY2(disk.freeBytes() >= freeBefore - 512 * 1024,
             qPrintable(QStringLiteral("%1 bytes free, %2 before").arg(disk.freeBytes()).arg(freeBefore)));
    QVERIFY2(client.get(QStringLiteral("/v2/")).status == 200, "berthd stopped serving");
    pull(client, before);

    // 2. A chunked upload whose second chunk does not fit: 507, the session stays at its last good
    // offset (the failed chunk's bytes are dropped) and can be cancelled.
    const RegistryResponse started = client.startUpload(QStringLiteral("disk/app"));
    QCOMPARE(started.status, 202);
    const QString location = QString::fromUtf8(started.header("Location"));
    const QByteArray first = huge.left(1024 * 1024);
    const RegistryResponse ok =
        client.request("PATCH", location,
                       {{"Content-Type", "application/octet-stream"}, {"Content-Range", "0-1048575"}}, first);
    QVERIFY2(ok.status == 202, describe("first chunk", ok));
    const QString next = QString::fromUtf8(ok.header("Location"));
    const RegistryResponse full =
        client.request("PATCH", next,
                       {{"Content-Type", "application/octet-stream"},
                        {"Content-Range", "1048576-" + QByteArray::number(huge.size() - 1)}},
                       huge.mid(1024 * 1024));
    QVERIFY2(isDiskFullAnswer(full), describe("chunk on a full disk", full));
    const RegistryResponse status = client.get(next);
    QVERIFY2(status.status == 204 && status.header("Range") == "0-1048575",
             describe("session status", status));
    // Only the first chunk stays on disk: the failed chunk's bytes were dropped.
    const QString id = RegistryClient::pathOf(next).section(u'?', 0, 0).section(u'/', -1);
    QCOMPARE(QFileInfo(uploads + u'/' + id + QStringLiteral("/data")).size(), qint64(first.size()));
    const RegistryResponse cancelled = client.del(next);
    QVERIFY2(cancelled.status == 204, describe("cancel", cancelled));
    QVERIFY(QDir(uploads).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden));

    // 3. The disk filled by someone else: small pushes fail cleanly, pulls keep working.
    const QString fillerPath = disk.path() + QStringLiteral("/filler");
    {
        QFile filler(fillerPath);
        QVERIFY(filler.open(QIODevice::WriteOnly));
        const QByteArray block(64 * 1024, 'x');
        while (filler.write(block) == block.size() && filler.flush()) {
        }
        filler.close();
        QVERIFY(filler.open(QIODevice::Append | QIODevice::Unbuffered));
        while (filler.write(block.constData(), 4096) == 4096) {
        }
    }
    QVERIFY2(disk.freeBytes() == 0, qPrintable(QString::number(disk.freeBytes())));
    const Image during = makeImage(QStringLiteral("disk/app"), QStringLiteral("during"), 200 * 1024, 3);
    const RegistryResponse blocked = client.pushBlobMonolithic(during.repo, during.blobs[1]);
    QVERIFY2(isDiskFullAnswer(blocked), describe("small upload on a full disk", blocked));
    QVERIFY(QDir(uploads).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden));
    // A manifest whose blobs are all there: its bytes do not fit, so neither does its tag.
    OciFixtures::ManifestOptions annotated;
    annotated.annotations.insert(QStringLiteral("org.example.note"), QString(2000, u'n'));
    const QByteArray manifest = OciFixtures::imageManifest(before.blobs[0], {before.blobs[1]}, annotated);
    const RegistryResponse refused =
        client.pushManifest(before.repo, QStringLiteral("full"), OciFixtures::kManifestType, manifest);
    QVERIFY2(isDiskFullAnswer(refused), describe("manifest push on a full disk", refused));
    QCOMPARE(client.get(QStringLiteral("/v2/disk/app/manifests/full")).status, 404);
    pull(client, before);
    QVERIFY2(client.get(QStringLiteral("/v2/disk/app/tags/list")).status == 200,
             "listing failed on a full disk");

    // 4. Space freed: pushing works again and nothing earlier was harmed.
    QVERIFY(QFile::remove(fillerPath));
    push(client, during);
    pull(client, during);
    pull(client, before);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(berthd.stop(), 0);

    // 5. And after a restart.
    QVERIFY2(berthd.start(), qPrintable(berthd.errorString()));
    RegistryClient again(berthd.baseUrl());
    pull(again, before);
    pull(again, during);
    QCOMPARE(berthd.stop(), 0);
}

QTEST_GUILESS_MAIN(TestFullDisk)
#include "tst_full_disk.moc"
