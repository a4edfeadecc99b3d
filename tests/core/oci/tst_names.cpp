#include "oci/Names.h"

#include <QtTest>

using namespace berth;

class TestNames : public QObject
{
    Q_OBJECT

private slots:
    void repositoryNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");

        QTest::newRow("single") << QStringLiteral("alpine") << true;
        QTest::newRow("one char") << QStringLiteral("a") << true;
        QTest::newRow("digits") << QStringLiteral("0") << true;
        QTest::newRow("nested") << QStringLiteral("library/alpine") << true;
        QTest::newRow("deep") << QStringLiteral("a/b/c/d/e") << true;
        QTest::newRow("dot") << QStringLiteral("my.app") << true;
        QTest::newRow("underscore") << QStringLiteral("my_app") << true;
        QTest::newRow("double underscore") << QStringLiteral("my__app") << true;
        QTest::newRow("dash") << QStringLiteral("my-app") << true;
        QTest::newRow("many dashes") << QStringLiteral("my---app") << true;
        QTest::newRow("mixed separators") << QStringLiteral("a.b_c__d-e--f/g") << true;

        QTest::newRow("empty") << QString() << false;
        QTest::newRow("uppercase") << QStringLiteral("Alpine") << false;
        QTest::newRow("uppercase in path") << QStringLiteral("library/Alpine") << false;
        QTest::newRow("double dot") << QStringLiteral("a..b") << false;
        QTest::newRow("dot dot component") << QStringLiteral("a/../b") << false;
        QTest::newRow("only dot dot") << QStringLiteral("..") << false;
        QTest::newRow("single dot component") << QStringLiteral("a/./b") << false;
        QTest::newRow("triple underscore") << QStringLiteral("a___b") << false;
        QTest::newRow("dot underscore") << QStringLiteral("a._b") << false;
        QTest::newRow("dash dot") << QStringLiteral("a-.b") << false;
        QTest::newRow("underscore dash") << QStringLiteral("a_-b") << false;
        QTest::newRow("leading dot") << QStringLiteral(".a") << false;
        QTest::newRow("leading dash") << QStringLiteral("-a") << false;
        QTest::newRow("leading underscore") << QStringLiteral("_a") << false;
        QTest::newRow("trailing dot") << QStringLiteral("a.") << false;
        QTest::newRow("trailing dash") << QStringLiteral("a-") << false;
        QTest::newRow("trailing underscore") << QStringLiteral("a_") << false;
        QTest::newRow("component trailing separator") << QStringLiteral("a-/b") << false;
        QTest::newRow("component leading separator") << QStringLiteral("a/-b") << false;
        QTest::newRow("absolute path") << QStringLiteral("/a/b") << false;
        QTest::newRow("trailing slash") << QStringLiteral("a/b/") << false;
        QTest::newRow("double slash") << QStringLiteral("a//b") << false;
        QTest::newRow("only slash") << QStringLiteral("/") << false;
        QTest::newRow("space") << QStringLiteral("a b") << false;
        QTest::newRow("colon") << QStringLiteral("a:b") << false;
        QTest::newRow("at") << QStringLiteral("a@b") << false;
        QTest::newRow("backslash") << QStringLiteral("a\\b") << false;
        QTest::newRow("unicode letter") << QStringLiteral("caf\u00e9") << false;
        QTest::newRow("unicode digit") << QStringLiteral("a\u0663") << false;
        QTest::newRow("fullwidth letter") << QStringLiteral("\uff41") << false;
        QTest::newRow("nul") << QString(QStringLiteral("a") + QChar(0) + QStringLiteral("b")) << false;
        QTest::newRow("255 chars") << QString(255, u'a') << true;
        QTest::newRow("256 chars") << QString(256, u'a') << false;
        QTest::newRow("255 chars nested") << QString(127, u'a') + u'/' + QString(127, u'b') << true;
        QTest::newRow("256 chars nested") << QString(128, u'a') + u'/' + QString(127, u'b') << false;
    }

    void repositoryNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QCOMPARE(Names::isValidRepositoryName(name), valid);
    }

    void tags_data()
    {
        QTest::addColumn<QString>("tag");
        QTest::addColumn<bool>("valid");

        QTest::newRow("latest") << QStringLiteral("latest") << true;
        QTest::newRow("one char") << QStringLiteral("a") << true;
        QTest::newRow("underscore first") << QStringLiteral("_x") << true;
        QTest::newRow("only underscore") << QStringLiteral("_") << true;
        QTest::newRow("uppercase") << QStringLiteral("V1.0") << true;
        QTest::newRow("semver") << QStringLiteral("1.2.3-rc.1") << true;
        QTest::newRow("dots and dashes") << QStringLiteral("a..b--c__d") << true;
        QTest::newRow("trailing dot") << QStringLiteral("a.") << true;
        QTest::newRow("trailing dash") << QStringLiteral("a-") << true;
        QTest::newRow("128 chars") << QString(128, u'a') << true;
        QTest::newRow("129 chars") << QString(129, u'a') << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("leading dot") << QStringLiteral(".a") << false;
        QTest::newRow("dot dot") << QStringLiteral("..") << false;
        QTest::newRow("leading dash") << QStringLiteral("-a") << false;
        QTest::newRow("plus") << QStringLiteral("1.0+build") << false;
        QTest::newRow("colon") << QStringLiteral("a:b") << false;
        QTest::newRow("slash") << QStringLiteral("a/b") << false;
        QTest::newRow("at") << QStringLiteral("a@b") << false;
        QTest::newRow("space") << QStringLiteral("a b") << false;
        QTest::newRow("unicode") << QStringLiteral("v\u00e9") << false;
        QTest::newRow("unicode first") << QStringLiteral("\u00e9") << false;
        QTest::newRow("digest-like") << QStringLiteral("sha256:abc") << false;
    }

    void tags()
    {
        QFETCH(QString, tag);
        QFETCH(bool, valid);
        QCOMPARE(Names::isValidTag(tag), valid);
    }
};

QTEST_GUILESS_MAIN(TestNames)
#include "tst_names.moc"
