#include "iam/PolicyParser.h"

#include <QDir>
#include <QFile>
#include <QtTest>

using namespace berth;

namespace {

QString readFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromUtf8(f.readAll());
}

/// Golden files: <name>.policy next to <name>.expected, one "line L, column C: message" per
/// line. Set BERTH_IAM_WRITE_EXPECTED=1 to (re)write missing .expected files from the actual
/// output; review them before committing.
void compareWithExpected(const QString& policyPath, const QVector<PolicyError>& errors)
{
    QStringList actual;
    for (const PolicyError& e : errors)
        actual.append(e.toString());
    QString expectedPath = policyPath;
    expectedPath.replace(QLatin1String(".policy"), QLatin1String(".expected"));
    if (!QFile::exists(expectedPath) && qEnvironmentVariableIntValue("BERTH_IAM_WRITE_EXPECTED")) {
        QFile out(expectedPath);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write((actual.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());
    }
    QVERIFY2(
        QFile::exists(expectedPath),
        qPrintable(
            QStringLiteral("missing %1; actual:\n%2").arg(expectedPath, actual.join(QLatin1Char('\n')))));
    QStringList expected = readFile(expectedPath).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(actual, expected);
}

PolicyValidationContext contextFor(const QString& text)
{
    PolicyValidationContext c;
    const QRegularExpression attached(QStringLiteral("^# attached: (\\S+)"),
                                      QRegularExpression::MultilineOption);
    const QRegularExpressionMatch m = attached.match(text);
    if (m.hasMatch() && m.captured(1) != QLatin1String("tenancy"))
        c.attachedTo = *CompartmentPath::parse(m.captured(1));
    c.groups = QStringList{QStringLiteral("Developers"), QStringLiteral("Auditors"), QStringLiteral("CI"),
                           QStringLiteral("QA")};
    c.compartments = QVector<CompartmentPath>{
        *CompartmentPath::parse(u"Apps"), *CompartmentPath::parse(u"Apps:Backend"),
        *CompartmentPath::parse(u"Apps:Frontend"), *CompartmentPath::parse(u"Apps:Backend:Db"),
        *CompartmentPath::parse(u"Public")};
    c.networkSources =
        QStringList{QStringLiteral("corpnet"), QStringLiteral("vpn-eu"), QStringLiteral("vpn-us")};
    return c;
}

} // namespace

class TestPolicyParser : public QObject
{
    Q_OBJECT

private slots:
    void validStatements_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("anyUser");
        QTest::addColumn<QStringList>("groups");
        QTest::addColumn<QString>("verb");
        QTest::addColumn<QString>("resourceType");
        QTest::addColumn<QString>("location");  // "tenancy" or the relative path
        QTest::addColumn<QString>("condition"); // canonical text, empty for none

        const QStringList dev{QStringLiteral("Developers")};
        // The four from the issue.
        QTest::newRow("issue: developers use")
            << "Allow group Developers to use repos in compartment Apps:Backend" << false << dev << "use"
            << "repos"
            << "Apps:Backend"
            << "";
        QTest::newRow("issue: auditors read tenancy")
            << "Allow group Auditors to read repos in tenancy" << false << QStringList{"Auditors"} << "read"
            << "repos"
            << "tenancy"
            << "";
        QTest::newRow("issue: any-user public")
            << "Allow any-user to read repos in compartment Public where target.repo.name = 'base/*'" << true
            << QStringList() << "read"
            << "repos"
            << "Public"
            << "target.repo.name = 'base/*'";
        QTest::newRow("issue: ci corpnet") << "Allow group CI to manage repos in compartment Apps where "
                                              "request.networkSource.name = 'corpnet'"
                                           << false << QStringList{"CI"} << "manage"
                                           << "repos"
                                           << "Apps"
                                           << "request.networkSource.name = 'corpnet'";

        QTest::newRow("inspect") << "Allow group Developers to inspect repos in tenancy" << false << dev
                                 << "inspect"
                                 << "repos"
                                 << "tenancy"
                                 << "";
        QTest::newRow("repositories alias")
            << "Allow group Developers to read repositories in tenancy" << false << dev << "read"
            << "repos"
            << "tenancy"
            << "";
        QTest::newRow("all-resources") << "Allow group Developers to manage all-resources in compartment Apps"
                                       << false << dev << "manage"
                                       << "all-resources"
                                       << "Apps"
                                       << "";
        QTest::newRow("keywords any case") << "ALLOW Group Developers TO Use REPOS In Compartment Apps WHERE "
                                              "Target.Repo.Name = 'x'"
                                           << false << dev << "use"
                                           << "repos"
                                           << "Apps"
                                           << "target.repo.name = 'x'";
        QTest::newRow("two groups with keyword")
            << "Allow group A-Admins, group B.Admins to read repos in tenancy" << false
            << QStringList{"A-Admins", "B.Admins"} << "read"
            << "repos"
            << "tenancy"
            << "";
        QTest::newRow("two groups oci style") << "Allow group A_1, B_2,C_3 to read repos in tenancy" << false
                                              << QStringList{"A_1", "B_2", "C_3"} << "read"
                                              << "repos"
                                              << "tenancy"
                                              << "";
        QTest::newRow("deep path") << "Allow group Developers to read repos in compartment a:b:c:d:e:f"
                                   << false << dev << "read"
                                   << "repos"
                                   << "a:b:c:d:e:f"
                                   << "";
        QTest::newRow("extra spaces and tabs")
            << "  Allow   group\tDevelopers  to use  repos in   compartment Apps   " << false << dev << "use"
            << "repos"
            << "Apps"
            << "";
        QTest::newRow("not equal")
            << "Allow group Developers to read repos in tenancy where target.tag != 'latest'" << false << dev
            << "read"
            << "repos"
            << "tenancy"
            << "target.tag != 'latest'";
        QTest::newRow("slash pattern with slashes inside")
            << "Allow group Developers to read repos in tenancy where target.repo.name = /base/*/" << false
            << dev << "read"
            << "repos"
            << "tenancy"
            << "target.repo.name = 'base/*'";
        QTest::newRow("escaped quote") << "Allow group Developers to read repos in tenancy where "
                                          "request.user.name = 'o\\'brien'"
                                       << false << dev << "read"
                                       << "repos"
                                       << "tenancy"
                                       << "request.user.name = 'o\\'brien'";
        QTest::newRow("all nested any")
            << "Allow group CI to use repos in compartment Apps where all { target.repo.name = 'app/*', any "
               "{ "
               "request.networkSource.name = 'corpnet', request.user.name = 'robot' }, target.tag != /dev-*/ "
               "}"
            << false << QStringList{"CI"} << "use"
            << "repos"
            << "Apps"
            << "all { target.repo.name = 'app/*', any { request.networkSource.name = 'corpnet', "
               "request.user.name = 'robot' }, target.tag != 'dev-*' }";
        QTest::newRow("compartment name variable")
            << "Allow group CI to read repos in tenancy where target.compartment.name='Backend'" << false
            << QStringList{"CI"} << "read"
            << "repos"
            << "tenancy"
            << "target.compartment.name = 'Backend'";
        QTest::newRow("no spaces around braces")
            << "Allow group CI to read repos in tenancy where any{target.tag='a',target.tag='b'}" << false
            << QStringList{"CI"} << "read"
            << "repos"
            << "tenancy"
            << "any { target.tag = 'a', target.tag = 'b' }";
    }

    void validStatements()
    {
        QFETCH(QString, text);
        QFETCH(bool, anyUser);
        QFETCH(QStringList, groups);
        QFETCH(QString, verb);
        QFETCH(QString, resourceType);
        QFETCH(QString, location);
        QFETCH(QString, condition);

        const PolicyParseResult result = PolicyParser::parse(text);
        QVERIFY2(result.ok(), qPrintable(result.errors.value(0).toString()));
        QCOMPARE(result.statements.size(), 1);
        const PolicyStatement& s = result.statements.first();
        QCOMPARE(s.line, 1);
        QCOMPARE(s.text, text.trimmed());
        QCOMPARE(s.anyUser, anyUser);
        QCOMPARE(s.groups, groups);
        QCOMPARE(s.groupColumns.size(), groups.size());
        QCOMPARE(IamVocabulary::verbName(s.verb), verb);
        QCOMPARE(IamVocabulary::resourceTypeName(s.resourceType), resourceType);
        if (location == QLatin1String("tenancy")) {
            QVERIFY(s.inTenancy);
        } else {
            QVERIFY(!s.inTenancy);
            QCOMPARE(s.location.toString(), location);
        }
        QCOMPARE(s.condition ? s.condition->toString() : QString(), condition);
        // The canonical condition text parses back to itself.
        if (s.condition) {
            const PolicyParseResult again = PolicyParser::parse(
                QStringLiteral("Allow any-user to read repos in tenancy where ") + condition);
            QVERIFY(again.ok());
            QCOMPARE(again.statements.first().condition->toString(), condition);
        }
    }

    void positionsOfParts()
    {
        const QString text = QStringLiteral("Allow group A, group Bee to use repos in compartment X:Y where "
                                            "target.tag = 'v1'");
        const PolicyParseResult r = PolicyParser::parse(text);
        QVERIFY(r.ok());
        const PolicyStatement& s = r.statements.first();
        QCOMPARE(s.groupColumns, (QVector<int>{13, 22}));
        QCOMPARE(s.locationColumn, text.indexOf(QLatin1String("X:Y")) + 1);
        QCOMPARE(s.condition->column(), text.indexOf(QLatin1String("target.tag")) + 1);
        QCOMPARE(s.condition->valueColumn(), text.indexOf(QLatin1String("'v1'")) + 1);
    }

    void commentsBlankLinesAndLineNumbers()
    {
        const QString text =
            QStringLiteral("# header\n\n   \nAllow group A to read repos in tenancy\r\n"
                           "  # indented comment\nAllow group B to use repos in compartment X\n");
        const PolicyParseResult r = PolicyParser::parse(text);
        QVERIFY(r.ok());
        QCOMPARE(r.statements.size(), 2);
        QCOMPARE(r.statements.at(0).line, 4);
        QCOMPARE(r.statements.at(0).text, QStringLiteral("Allow group A to read repos in tenancy"));
        QCOMPARE(r.statements.at(1).line, 6);
        QVERIFY(PolicyParser::parse(QString()).ok());
        QVERIFY(PolicyParser::parse(QString()).statements.isEmpty());
    }

    void namesAreCaseSensitive()
    {
        const PolicyParseResult r =
            PolicyParser::parse(QStringLiteral("Allow group developers to read repos in "
                                               "compartment apps:Backend"));
        QVERIFY(r.ok());
        QCOMPARE(r.statements.first().groups, QStringList{QStringLiteral("developers")});
        QCOMPARE(r.statements.first().location.names(),
                 (QStringList{QStringLiteral("apps"), QStringLiteral("Backend")}));
    }

    void badLinesDoNotHideGoodOnes()
    {
        const PolicyParseResult r =
            PolicyParser::parse(QStringLiteral("Allow group A to read repos in tenancy\n"
                                               "Allow group B to raed repos in tenancy\n"
                                               "Allow group C to use repos in tenancy"));
        QCOMPARE(r.statements.size(), 2);
        QCOMPARE(r.errors.size(), 1);
        QCOMPARE(r.errors.first().line, 2);
        QCOMPARE(r.statements.at(1).line, 3);
    }

    void invalidFiles_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(BERTH_TEST_DATA "/iam/invalid"));
        const QStringList files = dir.entryList({QStringLiteral("*.policy")}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 30);
        for (const QString& f : files)
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }

    void invalidFiles()
    {
        QFETCH(QString, path);
        const PolicyParseResult r = PolicyParser::parse(readFile(path));
        QVERIFY(!r.ok());
        compareWithExpected(path, r.errors);
    }

    void validateFiles_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(BERTH_TEST_DATA "/iam/validate"));
        const QStringList files = dir.entryList({QStringLiteral("*.policy")}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 3);
        for (const QString& f : files)
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }

    void validateFiles()
    {
        QFETCH(QString, path);
        const QString text = readFile(path);
        const PolicyParseResult r = PolicyParser::parseAndValidate(text, contextFor(text));
        compareWithExpected(path, r.errors);
    }

    void validateSkipsUncheckedCategories()
    {
        const PolicyParseResult r =
            PolicyParser::parse(QStringLiteral("Allow group Nobody to read repos in compartment Nowhere "
                                               "where request.networkSource.name = 'none'"));
        QVERIFY(r.ok());
        QVERIFY(PolicyParser::validate(r.statements, PolicyValidationContext()).isEmpty());
    }

    void errorText()
    {
        const PolicyParseResult r =
            PolicyParser::parse(QStringLiteral("\n\nAllow group Developers too use repos "
                                               "in tenancy"));
        QCOMPARE(r.errors.size(), 1);
        QCOMPARE(r.errors.first().toString(),
                 QStringLiteral("line 3, column 24: expected 'to' after the subject, found 'too'"));
    }
};

QTEST_APPLESS_MAIN(TestPolicyParser)
#include "tst_policyparser.moc"
