#include "errors/ErrorTable.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace berth;

class TestErrorTable : public QObject
{
    Q_OBJECT

private slots:
    void mapsToTheSpec_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("specCode");
        QTest::newRow("blob unknown") << int(ErrorCode::BlobUnknown) << 404 << "BLOB_UNKNOWN";
        QTest::newRow("upload invalid") << int(ErrorCode::BlobUploadInvalid) << 400 << "BLOB_UPLOAD_INVALID";
        QTest::newRow("upload unknown") << int(ErrorCode::BlobUploadUnknown) << 404 << "BLOB_UPLOAD_UNKNOWN";
        QTest::newRow("out of order chunk")
            << int(ErrorCode::UploadRangeInvalid) << 416 << "BLOB_UPLOAD_INVALID";
        QTest::newRow("digest invalid") << int(ErrorCode::DigestInvalid) << 400 << "DIGEST_INVALID";
        QTest::newRow("manifest blob unknown")
            << int(ErrorCode::ManifestBlobUnknown) << 400 << "MANIFEST_BLOB_UNKNOWN";
        QTest::newRow("manifest invalid") << int(ErrorCode::ManifestInvalid) << 400 << "MANIFEST_INVALID";
        QTest::newRow("manifest unknown") << int(ErrorCode::ManifestUnknown) << 404 << "MANIFEST_UNKNOWN";
        QTest::newRow("name invalid") << int(ErrorCode::NameInvalid) << 400 << "NAME_INVALID";
        QTest::newRow("name unknown") << int(ErrorCode::NameUnknown) << 404 << "NAME_UNKNOWN";
        QTest::newRow("size invalid") << int(ErrorCode::SizeInvalid) << 400 << "SIZE_INVALID";
        QTest::newRow("too large") << int(ErrorCode::TooLarge) << 413 << "SIZE_INVALID";
        QTest::newRow("unauthorized") << int(ErrorCode::Unauthorized) << 401 << "UNAUTHORIZED";
        QTest::newRow("denied") << int(ErrorCode::Denied) << 403 << "DENIED";
        QTest::newRow("unsupported") << int(ErrorCode::Unsupported) << 405 << "UNSUPPORTED";
        QTest::newRow("too many") << int(ErrorCode::TooManyRequests) << 429 << "TOOMANYREQUESTS";
        QTest::newRow("disk full") << int(ErrorCode::InsufficientStorage) << 507 << "UNKNOWN";
        QTest::newRow("internal") << int(ErrorCode::Internal) << 500 << "UNKNOWN";
    }

    void mapsToTheSpec()
    {
        QFETCH(int, code);
        QFETCH(int, status);
        QFETCH(QString, specCode);
        const ErrorTable::Entry entry = ErrorTable::lookup(ErrorCode(code));
        QCOMPARE(entry.status, status);
        QCOMPARE(QString::fromLatin1(entry.specCode), specCode);
    }

    void bodyHasCodeMessageAndDetail()
    {
        const Error error(ErrorCode::ManifestBlobUnknown, QStringLiteral("layer sha256:ab is missing"),
                          QJsonObject{{QStringLiteral("digest"), QStringLiteral("sha256:ab")}});
        const QJsonDocument doc = QJsonDocument::fromJson(ErrorTable::body(error));
        const QJsonArray errors = doc.object().value(QStringLiteral("errors")).toArray();
        QCOMPARE(errors.size(), 1);
        const QJsonObject item = errors.first().toObject();
        QCOMPARE(item.value(QStringLiteral("code")).toString(), QStringLiteral("MANIFEST_BLOB_UNKNOWN"));
        QCOMPARE(item.value(QStringLiteral("message")).toString(),
                 QStringLiteral("layer sha256:ab is missing"));
        QCOMPARE(item.value(QStringLiteral("detail")).toObject().value(QStringLiteral("digest")).toString(),
                 QStringLiteral("sha256:ab"));
    }

    void bodyWithoutDetailOmitsIt()
    {
        const QJsonDocument doc = QJsonDocument::fromJson(
            ErrorTable::body(Error(ErrorCode::NameUnknown, QStringLiteral("no such repo"))));
        const QJsonObject item = doc.object().value(QStringLiteral("errors")).toArray().first().toObject();
        QVERIFY(!item.contains(QStringLiteral("detail")));
    }
};

QTEST_GUILESS_MAIN(TestErrorTable)
#include "tst_errortable.moc"
