// Scope parsing, form parsing and Authorization header parsing, including hostile input.
#include "auth/FormParser.h"
#include "auth/HttpCredentials.h"
#include "auth/ScopeParser.h"

#include <QFile>
#include <QtTest>

using namespace berth;

class TestAuthScope : public QObject
{
    Q_OBJECT
private slots:
    void scopes_data();
    void scopes();
    void severalParametersAndSpaces();
    void mergesRepeatedResources();
    void tooManyScopes();
    void hostileScopesFromFile();
    void forms_data();
    void forms();
    void malformedFormFiles_data();
    void malformedFormFiles();
    void credentials_data();
    void credentials();
};

// Each row: the scope text, "ok" / "ignored" / "error", and for ok the expected entry as
// type|name|actions|class.
void TestAuthScope::scopes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<QString>("expected");

    QTest::newRow("pull") << "repository:a/b:pull"
                          << "ok"
                          << "repository|a/b|pull|";
    QTest::newRow("pull,push") << "repository:team/app:pull,push"
                               << "ok"
                               << "repository|team/app|pull,push|";
    QTest::newRow("delete") << "repository:x:delete"
                            << "ok"
                            << "repository|x|delete|";
    QTest::newRow("star") << "repository:x:*"
                          << "ok"
                          << "repository|x|*|";
    QTest::newRow("unknown action dropped") << "repository:x:pull,frobnicate"
                                            << "ok"
                                            << "repository|x|pull|";
    QTest::newRow("duplicate actions") << "repository:x:pull,pull,push,pull"
                                       << "ok"
                                       << "repository|x|pull,push|";
    QTest::newRow("empty actions") << "repository:x:"
                                   << "ok"
                                   << "repository|x||";
    QTest::newRow("empty action items") << "repository:x:,pull,,"
                                        << "ok"
                                        << "repository|x|pull|";
    QTest::newRow("class") << "repository(plugin):a/b:pull"
                           << "ok"
                           << "repository|a/b|pull|plugin";
    QTest::newRow("deep name") << "repository:a/b/c/d-e_f.g:push"
                               << "ok"
                               << "repository|a/b/c/d-e_f.g|push|";
    QTest::newRow("catalog") << "registry:catalog:*"
                             << "ok"
                             << "registry|catalog|*|";
    QTest::newRow("catalog pull dropped") << "registry:catalog:pull"
                                          << "ok"
                                          << "registry|catalog||";
    QTest::newRow("registry other") << "registry:other:*"
                                    << "ignored"
                                    << "";
    QTest::newRow("unknown type") << "plugin:foo:pull"
                                  << "ignored"
                                  << "";
    QTest::newRow("unknown type odd name") << "x-y:some/thing:whatever"
                                           << "ignored"
                                           << "";

    QTest::newRow("no colon") << "repository"
                              << "error"
                              << "";
    QTest::newRow("one colon") << "repository:a/b"
                               << "error"
                               << "";
    QTest::newRow("empty type") << ":a/b:pull"
                                << "error"
                                << "";
    QTest::newRow("empty name") << "repository::pull"
                                << "error"
                                << "";
    QTest::newRow("uppercase name") << "repository:A/b:pull"
                                    << "error"
                                    << "";
    QTest::newRow("host with port") << "repository:localhost:5000/a:pull"
                                    << "error"
                                    << "";
    QTest::newRow("leading slash") << "repository:/a:pull"
                                   << "error"
                                   << "";
    QTest::newRow("trailing slash") << "repository:a/:pull"
                                    << "error"
                                    << "";
    QTest::newRow("double slash") << "repository:a//b:pull"
                                  << "error"
                                  << "";
    QTest::newRow("dot dot") << "repository:../etc:pull"
                             << "error"
                             << "";
    QTest::newRow("percent") << "repository:a%2fb:pull"
                             << "error"
                             << "";
    QTest::newRow("control char") << QStringLiteral("repository:a\x01"
                                                    "b:pull")
                                  << "error"
                                  << "";
    QTest::newRow("tab") << "repository:a\tb:pull"
                         << "error"
                         << "";
    QTest::newRow("quote in name") << "repository:a\"b:pull"
                                   << "error"
                                   << "";
    QTest::newRow("non-ascii") << QStringLiteral("repository:caf\u00e9:pull") << "error"
                               << "";
    QTest::newRow("too long name") << QStringLiteral("repository:%1:pull").arg(QString(256, QLatin1Char('a')))
                                   << "error"
                                   << "";
    QTest::newRow("way too long") << QStringLiteral("repository:a:%1").arg(QString(5000, QLatin1Char('p')))
                                  << "error"
                                  << "";
    QTest::newRow("unclosed class") << "repository(plugin:a:pull"
                                    << "error"
                                    << "";
    QTest::newRow("empty class") << "repository():a:pull"
                                 << "error"
                                 << "";
    QTest::newRow("bad class") << "repository(Plu gin):a:pull"
                               << "error"
                               << "";
    QTest::newRow("class only") << "(plugin):a:pull"
                                << "error"
                                << "";
}

void TestAuthScope::scopes()
{
    QFETCH(QString, text);
    QFETCH(QString, outcome);
    QFETCH(QString, expected);

    RequestedScope scope;
    bool ignored = false;
    QString error;
    const bool ok = ScopeParser::parseOne(text, &scope, &ignored, &error);
    if (outcome == QLatin1String("error")) {
        QVERIFY2(!ok, qPrintable(text));
        QVERIFY(!error.isEmpty());
        QVERIFY2(error.startsWith(QLatin1String("The scope")) || error.contains(QLatin1String("longer")),
                 qPrintable(error));
        // Untrusted text in messages is shortened and has no control characters.
        QVERIFY(error.size() < 400);
        for (QChar c : error)
            QVERIFY(c.unicode() >= 0x20);
        // And the whole request is refused.
        QVERIFY(!ScopeParser::parse({QStringLiteral("repository:ok:pull"), text}).ok());
        return;
    }
    QVERIFY2(ok, qPrintable(error));
    if (outcome == QLatin1String("ignored")) {
        QVERIFY(ignored);
        const ScopeParseResult all = ScopeParser::parse({text});
        QVERIFY(all.ok());
        QVERIFY(all.scopes.isEmpty());
        return;
    }
    QVERIFY(!ignored);
    const QStringList parts = expected.split(QLatin1Char('|'));
    QCOMPARE(scope.type, parts[0]);
    QCOMPARE(scope.name, parts[1]);
    QCOMPARE(scope.actions, parts[2].split(QLatin1Char(','), Qt::SkipEmptyParts));
    QCOMPARE(scope.resourceClass, parts[3]);
}

void TestAuthScope::severalParametersAndSpaces()
{
    const ScopeParseResult r =
        ScopeParser::parse({QStringLiteral("repository:a:pull repository:b:push"),
                            QStringLiteral("  registry:catalog:*  "), QStringLiteral("plugin:x:y")});
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.scopes.size(), 3);
    QCOMPARE(r.scopes[0].toString(), QStringLiteral("repository:a:pull"));
    QCOMPARE(r.scopes[1].toString(), QStringLiteral("repository:b:push"));
    QCOMPARE(r.scopes[2].toString(), QStringLiteral("registry:catalog:*"));
    QVERIFY(ScopeParser::parse({}).ok());
    QVERIFY(ScopeParser::parse({QString()}).scopes.isEmpty());
}

void TestAuthScope::mergesRepeatedResources()
{
    const ScopeParseResult r =
        ScopeParser::parse({QStringLiteral("repository:a:pull"), QStringLiteral("repository:a:push,pull")});
    QVERIFY(r.ok());
    QCOMPARE(r.scopes.size(), 1);
    QCOMPARE(r.scopes[0].actions, (QStringList{QStringLiteral("pull"), QStringLiteral("push")}));
}

void TestAuthScope::tooManyScopes()
{
    QStringList many;
    for (int i = 0; i < ScopeParser::MaxScopes + 1; ++i)
        many.append(QStringLiteral("repository:r%1:pull").arg(i));
    const ScopeParseResult r = ScopeParser::parse({many.join(QLatin1Char(' '))});
    QVERIFY(!r.ok());
    QVERIFY(r.scopes.isEmpty());
    QVERIFY(r.error.contains(QLatin1String("more than")));
    many.removeLast();
    QVERIFY(ScopeParser::parse(many).ok());
}

// tests/data/auth/hostile-scopes.txt: one scope per line, each to be refused.
void TestAuthScope::hostileScopesFromFile()
{
    QFile file(QStringLiteral(BERTH_TEST_DATA "/auth/hostile-scopes.txt"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    int count = 0;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).chopped(1);
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        ++count;
        const ScopeParseResult r = ScopeParser::parse({line});
        QVERIFY2(!r.ok(), qPrintable(line));
        QVERIFY(r.scopes.isEmpty());
    }
    QVERIFY(count >= 10);
}

void TestAuthScope::forms_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");

    QTest::newRow("simple") << QByteArray("grant_type=password&username=alice") << true << "username"
                            << "alice";
    QTest::newRow("plus is space") << QByteArray("scope=repository%3Aa%3Apull+repository%3Ab%3Apush") << true
                                   << "scope"
                                   << "repository:a:pull repository:b:push";
    QTest::newRow("utf8") << QByteArray("password=p%C3%A4ss") << true << "password"
                          << QStringLiteral("p\u00e4ss");
    QTest::newRow("empty value") << QByteArray("a=&b=1") << true << "a"
                                 << "";
    QTest::newRow("literal percent encoded") << QByteArray("p=100%25") << true << "p"
                                             << "100%";
    QTest::newRow("empty body") << QByteArray() << true << ""
                                << "";
    QTest::newRow("no equals") << QByteArray("grant_type") << false << ""
                               << "";
    QTest::newRow("empty name") << QByteArray("=x") << false << ""
                                << "";
    QTest::newRow("empty pair") << QByteArray("a=1&&b=2") << false << ""
                                << "";
    QTest::newRow("trailing amp") << QByteArray("a=1&") << false << ""
                                  << "";
    QTest::newRow("short escape") << QByteArray("a=%4") << false << ""
                                  << "";
    QTest::newRow("short escape end") << QByteArray("a=%") << false << ""
                                      << "";
    QTest::newRow("bad hex") << QByteArray("a=%zz") << false << ""
                             << "";
    QTest::newRow("bad utf8") << QByteArray("a=%C3%28") << false << ""
                              << "";
    QTest::newRow("nul") << QByteArray("a=%00") << false << ""
                         << "";
    QTest::newRow("newline") << QByteArray("a=x%0Ay") << false << ""
                             << "";
}

void TestAuthScope::forms()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QFETCH(QString, field);
    QFETCH(QString, value);
    const FormParser::Form form = FormParser::parse(body);
    QCOMPARE(form.ok(), ok);
    if (!ok) {
        QVERIFY(form.fields.isEmpty());
        return;
    }
    if (!field.isEmpty())
        QCOMPARE(form.value(field), value);
}

void TestAuthScope::malformedFormFiles_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(BERTH_TEST_DATA "/auth/forms"));
    const QStringList files = dir.entryList({QStringLiteral("bad-*.form")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 4);
    for (const QString& f : files)
        QTest::newRow(qPrintable(f)) << dir.filePath(f);
}

void TestAuthScope::malformedFormFiles()
{
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const FormParser::Form form = FormParser::parse(file.readAll());
    QVERIFY(!form.ok());
    QVERIFY(!form.error.isEmpty());
}

void TestAuthScope::credentials_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<int>("scheme");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("secret");

    using S = HttpCredentials::Scheme;
    QTest::newRow("none") << QByteArray() << int(S::None) << ""
                          << "";
    QTest::newRow("basic") << ("Basic " + QByteArray("alice:s3cret").toBase64()) << int(S::Basic) << "alice"
                           << "s3cret";
    QTest::newRow("basic lowercase") << ("basic " + QByteArray("alice:s3cret").toBase64()) << int(S::Basic)
                                     << "alice"
                                     << "s3cret";
    QTest::newRow("colon in secret") << ("Basic " + QByteArray("bob:a:b:c").toBase64()) << int(S::Basic)
                                     << "bob"
                                     << "a:b:c";
    QTest::newRow("utf8") << ("Basic " + QStringLiteral("j\u00f6rg:p\u00e4ss").toUtf8().toBase64())
                          << int(S::Basic) << QStringLiteral("j\u00f6rg") << QStringLiteral("p\u00e4ss");
    QTest::newRow("no colon") << ("Basic " + QByteArray("alice").toBase64()) << int(S::Malformed) << ""
                              << "";
    QTest::newRow("bad base64") << QByteArray("Basic !!!") << int(S::Malformed) << ""
                                << "";
    QTest::newRow("empty basic") << QByteArray("Basic") << int(S::Malformed) << ""
                                 << "";
    QTest::newRow("control char") << ("Basic " + QByteArray("al\nice:x").toBase64()) << int(S::Malformed)
                                  << ""
                                  << "";
    QTest::newRow("bearer") << QByteArray("Bearer abc.def.ghi") << int(S::Bearer) << ""
                            << "";
    QTest::newRow("bearer empty") << QByteArray("Bearer ") << int(S::Malformed) << ""
                                  << "";
    QTest::newRow("bearer two words") << QByteArray("Bearer a b") << int(S::Malformed) << ""
                                      << "";
    QTest::newRow("digest") << QByteArray("Digest username=x") << int(S::Unsupported) << ""
                            << "";
}

void TestAuthScope::credentials()
{
    QFETCH(QByteArray, header);
    QFETCH(int, scheme);
    QFETCH(QString, user);
    QFETCH(QString, secret);
    const HttpCredentials c = HttpCredentials::parse(header);
    QCOMPARE(int(c.scheme), scheme);
    QCOMPARE(c.userName, user);
    QCOMPARE(c.secret, secret);
}

QTEST_GUILESS_MAIN(TestAuthScope)
#include "tst_authscope.moc"
