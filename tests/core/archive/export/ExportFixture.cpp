#include "ExportFixture.h"

#include "support/OciFixtures.h"
#include "support/core/OciLayoutPusher.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

namespace berth::exporttest {

QString ExportFixture::fixtures()
{
    return QStringLiteral(BERTH_BINARY_DIR "/test-images");
}

void ExportFixture::setUp()
{
    if (!QFile::exists(fixtures() + QStringLiteral("/oci-multi/index.json")))
        QFAIL("test images are missing: run scripts/prepare-test-tools.sh (it makes build/test-images)");
    if (!QFile::exists(QStringLiteral("/usr/bin/skopeo")))
        QFAIL("skopeo is missing: run scripts/prepare-test-tools.sh");
    QVERIFY(m_data.isValid() && m_out.isValid());
    RegistryService::Options options;
    options.dataDirectory = m_data.path();
    m_registry = std::make_unique<RegistryService>(options);
    VERIFY_OK(m_registry->open());
    auto& r = *m_registry;
    const QString single = fixtures() + QStringLiteral("/oci-single");
    const QString multi = fixtures() + QStringLiteral("/oci-multi");
    VERIFY_OK(OciLayoutPusher::push(r, single, QStringLiteral("team/single")));
    VERIFY_OK(OciLayoutPusher::push(r, multi, QStringLiteral("team/multi")));
    VERIFY_OK(
        OciLayoutPusher::push(r, fixtures() + QStringLiteral("/helm-chart"), QStringLiteral("charts/feas")));
    const QString app = QStringLiteral("team/app");
    VERIFY_OK(OciLayoutPusher::pushAs(r, single, app, QStringLiteral("v1")));
    VERIFY_OK(OciLayoutPusher::pushAs(r, single, app, QStringLiteral("v2")));
    VERIFY_OK(OciLayoutPusher::pushAs(r, multi, app, QStringLiteral("multi")));

    // A synthetic image with a layer of several chunks, for cancelling half-way.
    const QString big = QStringLiteral("team/big");
    const QByteArray config = OciFixtures::config(7);
    const QByteArray layer = OciFixtures::randomBytes(5 * 1024 * 1024 + 123, 42);
    VERIFY_OK(OciLayoutPusher::pushBlob(r, big, config));
    VERIFY_OK(OciLayoutPusher::pushBlob(r, big, layer));
    VERIFY_OK(r.putManifest(big, Reference::fromTag(QStringLiteral("v1")),
                            OciFixtures::imageManifest(config, {layer}),
                            QString::fromLatin1(OciFixtures::kManifestType)));
}

bool ExportFixture::skopeo(const QStringList& args, QByteArray* output)
{
    QProcess p;
    p.start(QStringLiteral("/usr/bin/skopeo"), QStringList{QStringLiteral("--insecure-policy")} + args);
    if (!p.waitForFinished(120000)) {
        qWarning("skopeo %s did not finish", qPrintable(args.join(QLatin1Char(' '))));
        return false;
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning("skopeo %s failed: %s", qPrintable(args.join(QLatin1Char(' '))),
                 p.readAllStandardError().constData());
        return false;
    }
    if (output)
        *output = p.readAllStandardOutput();
    return true;
}

void ExportFixture::verifyArchive(const TarListing& tar)
{
    QVERIFY2(tar.error.isEmpty(), qPrintable(tar.error));
    QCOMPARE(tar.order.size(), tar.entries.size()); // no name twice
    for (auto it = tar.entries.cbegin(); it != tar.entries.cend(); ++it) {
        QCOMPARE(it->mtime, 0);
        QCOMPARE(it->uid, 0);
        QCOMPARE(it->gid, 0);
        QCOMPARE(it->perm, it->isDirectory ? 0755 : 0644);
        if (it.key().startsWith(QStringLiteral("blobs/sha256/")) && !it->isDirectory)
            QCOMPARE(it->sha256, it.key().mid(13));
    }
    QCOMPARE(tar.entries.value(QStringLiteral("oci-layout")).bytes,
             QByteArrayLiteral("{\"imageLayoutVersion\":\"1.0.0\"}"));
}

void ExportFixture::verifyNoFile(const QString& path)
{
    QVERIFY2(!QFile::exists(path), qPrintable(path));
    QVERIFY2(!QFile::exists(path + QStringLiteral(".part")), qPrintable(path + QStringLiteral(".part")));
}

QStringList ExportFixture::layoutBlobs(const QString& layoutDir)
{
    QStringList names = QDir(layoutDir + QStringLiteral("/blobs/sha256")).entryList(QDir::Files);
    names.sort();
    return names;
}

QJsonObject ExportFixture::jsonObject(const QByteArray& bytes)
{
    return QJsonDocument::fromJson(bytes).object();
}

} // namespace berth::exporttest
