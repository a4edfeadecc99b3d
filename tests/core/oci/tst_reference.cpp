#include "oci/Reference.h"

#include <QtTest>

using namespace berth;

namespace {
const QString Hex256 = QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

class TestReference : public QObject
{
    Q_OBJECT

private slots:
    void tag()
    {
        const auto r = Reference::parse(u"v1.2.3");
        QVERIFY(r);
        QVERIFY(r->isTag());
        QVERIFY(!r->isDigest());
        QCOMPARE(r->tag(), QStringLiteral("v1.2.3"));
        QCOMPARE(r->toString(), QStringLiteral("v1.2.3"));
    }

    void digest()
    {
        const QString text = QStringLiteral("sha256:") + Hex256;
        const auto r = Reference::parse(text);
        QVERIFY(r);
        QVERIFY(r->isDigest());
        QVERIFY(!r->isTag());
        QCOMPARE(r->digest().hex(), Hex256);
        QCOMPARE(r->toString(), text);
    }

    void hexLooksLikeTag()
    {
        // 64 hex characters with no algorithm are a valid tag, not a digest.
        const auto r = Reference::parse(Hex256);
        QVERIFY(r);
        QVERIFY(r->isTag());
    }

    void invalid_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("uppercase digest") << QStringLiteral("sha256:") + Hex256.toUpper();
        QTest::newRow("short digest") << QStringLiteral("sha256:abc");
        QTest::newRow("unregistered algorithm") << QStringLiteral("sha384:") + Hex256;
        QTest::newRow("colon tag") << QStringLiteral("v1:2");
        QTest::newRow("129 char tag") << QString(129, u'a');
        QTest::newRow("leading dot") << QStringLiteral(".v1");
        QTest::newRow("slash") << QStringLiteral("a/b");
        QTest::newRow("unicode") << QStringLiteral("t\u00e4g");
    }

    void invalid()
    {
        QFETCH(QString, text);
        QVERIFY(!Reference::parse(text).has_value());
    }

    void factories()
    {
        const Reference t = Reference::fromTag(QStringLiteral("latest"));
        QVERIFY(t.isTag());
        QCOMPARE(t.toString(), QStringLiteral("latest"));
        const Digest d = Digest::compute(QByteArrayView("abc"));
        const Reference r = Reference::fromDigest(d);
        QVERIFY(r.isDigest());
        QCOMPARE(r.digest(), d);
        QCOMPARE(r.toString(), QStringLiteral("sha256:") + Hex256);
    }
};

QTEST_GUILESS_MAIN(TestReference)
#include "tst_reference.moc"
