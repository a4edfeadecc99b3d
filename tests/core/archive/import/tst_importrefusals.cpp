#include "ImportTestSupport.h"
#include "ImporterFixture.h"
#include "archive/ImageImporter.h"
#include "registry/RegistryService.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace berth;
using namespace ImportTestSupport;

/// ImageImporter refusing what it cannot import, and cancelled half-way: the registry is left as it was.
class TestImportRefusals : public QObject, public ImporterFixture
{
    Q_OBJECT

private slots:
    void init() { openRegistry(); }
    void cleanup() { closeRegistry(); }

    void missingCompartmentLeavesNothing()
    {
        FIXTURE(archive, "oci-archive.tar");
        const QStringList before = snapshot(*m_registry);
        ImportTarget target;
        target.compartment = CompartmentPath(QStringList{QStringLiteral("NoSuchCompartment")});
        NullJobContext context;
        auto report = ImageImporter(*m_registry).importPath(archive, target, context);
        QVERIFY(!report.ok());
        QCOMPARE(snapshot(*m_registry), before);
    }

    void refusesBadArchives_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("repository");
        QTest::addColumn<QString>("expected"); // part of the message
        for (const QString& repository : {QString(), QStringLiteral("existing")}) {
            const char* where = repository.isEmpty() ? "named" : "existing";
            QTest::addRow("random-%s", where) << "random" << repository << "is not an image archive";
            QTest::addRow("text-%s", where) << "text" << repository << "is not an image archive";
            QTest::addRow("truncated-%s", where) << "truncated" << repository << "runcated";
            QTest::addRow("corrupt-blob-%s", where)
                << "corrupt" << repository
                << "sha256:de08bce6b34f3e939882a793080dee48858b685f6636bd2d606a44be80f1a22c";
            QTest::addRow("dotdot-%s", where) << "dotdot" << repository << "../x";
            QTest::addRow("missing-blob-%s", where)
                << "missing" << repository
                << "sha256:de08bce6b34f3e939882a793080dee48858b685f6636bd2d606a44be80f1a22c";
            QTest::addRow("not-an-image-%s", where) << "plain-tar" << repository << "no manifest.json";
            QTest::addRow("chart-garbage-%s", where) << "chart-garbage" << repository << "has no name";
        }
    }

    void refusesBadArchives()
    {
        QFETCH(QString, kind);
        QFETCH(QString, repository);
        QFETCH(QString, expected);
        FIXTURE(docker, "docker-archive.tar");
        FIXTURE(oci, "oci-archive.tar");
        FIXTURE(single, "oci-single");
        prepareExisting();

        const QString path = m_dir->filePath(QStringLiteral("input-") + kind + QStringLiteral(".tar"));
        if (kind == QLatin1String("random")) {
            QByteArray bytes;
            for (int i = 0; i < 5000; ++i)
                bytes += char((i * 7919 + 13) % 251);
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        } else if (kind == QLatin1String("text")) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("This is a plain text file.\nIt is not an image.\n");
        } else if (kind == QLatin1String("truncated")) {
            const QByteArray bytes = readFile(docker);
            QFile f(m_dir->filePath(QStringLiteral("docker-archive.tar")));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes.left(bytes.size() / 2));
            f.close();
            QVERIFY(QFile::rename(f.fileName(), path));
        } else if (kind == QLatin1String("corrupt")) {
            QByteArray bytes = readFile(oci);
            const int header = bytes.indexOf("blobs/sha256/de08bce6");
            QVERIFY(header >= 0);
            bytes[header + 512 + 100] = char(bytes[header + 512 + 100] ^ 0x55);
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        } else if (kind == QLatin1String("dotdot")) {
            QVERIFY(writeTar(
                path, {{QStringLiteral("oci-layout"), QByteArray("{\"imageLayoutVersion\":\"1.0.0\"}")},
                       {QStringLiteral("../x"), QByteArray("escape")}}));
        } else if (kind == QLatin1String("missing")) {
            QList<std::pair<QString, QByteArray>> entries;
            for (const auto& entry : folderEntries(single)) {
                if (!entry.first.contains(QLatin1String("de08bce6")))
                    entries << entry;
            }
            QVERIFY(writeTar(path, entries));
        } else if (kind == QLatin1String("plain-tar")) {
            QVERIFY(writeTar(path, {{QStringLiteral("README"), QByteArray("hello")},
                                    {QStringLiteral("src/main.c"), QByteArray("int main;")}}));
        } else if (kind == QLatin1String("chart-garbage")) {
            // A chart whose Chart.yaml is binary noise and YAML that is not a chart.
            QVERIFY(writeTar(path, {{QStringLiteral("mychart/Chart.yaml"),
                                     QByteArray("\x01\x02\xff\xfe: [unclosed\n  - {x: \n\x00tail", 26)},
                                    {QStringLiteral("mychart/values.yaml"), QByteArray("replicas: 1\n")}}));
        }

        const QStringList before = snapshot(*m_registry);
        QVERIFY(before.contains(QStringLiteral("repository existing")));
        auto report = import(path, repository);
        QVERIFY2(!report.ok(), "the import should have been refused");
        QCOMPARE(report.error().code, ErrorCode::ArchiveInvalid);
        QVERIFY2(report.error().message.contains(expected), qPrintable(report.error().message));
        QCOMPARE(snapshot(*m_registry), before);
    }

    void cancellationLeavesNothing_data()
    {
        QTest::addColumn<QString>("fixtureName");
        QTest::addColumn<QString>("repository");
        QTest::addColumn<int>("afterReports");
        QTest::addColumn<QString>("onStatus");
        QTest::addRow("oci-first-report") << "oci-archive.tar" << QString() << 1 << QString();
        QTest::addRow("oci-after-a-blob") << "oci-archive.tar" << QString() << 3 << QString();
        QTest::addRow("docker-into-existing") << "docker-archive.tar"
                                              << "existing2" << 3 << QString();
        QTest::addRow("folder-manifest-stage") << "oci-referrer"
                                               << "existing" << 0 << "Storing manifest 2";
        QTest::addRow("chart") << "feas-chart-0.1.0.tgz"
                               << "existing" << 1 << QString();
    }

    void cancellationLeavesNothing()
    {
        QFETCH(QString, fixtureName);
        QFETCH(QString, repository);
        QFETCH(int, afterReports);
        QFETCH(QString, onStatus);
        const QString path = fixture(fixtureName);
        if (path.isEmpty())
            QFAIL("test fixture missing: run scripts/prepare-test-tools.sh");
        prepareExisting();
        FIXTURE(single, "oci-single");
        // existing2 holds an OCI image: the Docker archive's layers are new to it.
        QVERIFY(import(single, QStringLiteral("existing2")).ok());

        const QStringList before = snapshot(*m_registry);
        QSignalSpy events(m_registry.get(), &RegistryService::registryEvent);
        ImportTarget target;
        target.repository = repository;
        CancellingContext context(afterReports, onStatus);
        auto report = ImageImporter(*m_registry).importPath(path, target, context);
        QVERIFY2(!report.ok(), "the import should have been cancelled");
        QCOMPARE(report.error().code, ErrorCode::Cancelled);
        QCOMPARE(snapshot(*m_registry), before);
        if (afterReports > 1 || !onStatus.isEmpty())
            QVERIFY2(events.size() > 0, "the import was cancelled before it changed anything to undo");
    }
};

QTEST_GUILESS_MAIN(TestImportRefusals)
#include "tst_importrefusals.moc"
