#include "iam/CidrRange.h"
#include "iam/CompartmentPath.h"
#include "iam/IpAddress.h"
#include "iam/NetworkSource.h"
#include "iam/Permission.h"
#include "iam/WildcardPattern.h"

#include <QtTest>

using namespace berth;

class TestIamMatching : public QObject
{
    Q_OBJECT

private slots:
    void wildcard_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("match");

        QTest::newRow("exact") << "base"
                               << "base" << true;
        QTest::newRow("exact differs") << "base"
                                       << "base2" << false;
        QTest::newRow("case-sensitive") << "Base"
                                        << "base" << false;
        QTest::newRow("empty pattern empty text") << ""
                                                  << "" << true;
        QTest::newRow("empty pattern") << ""
                                       << "x" << false;
        QTest::newRow("star matches empty") << "*"
                                            << "" << true;
        QTest::newRow("star matches anything") << "*"
                                               << "a/b/c" << true;
        QTest::newRow("double star") << "**"
                                     << "abc" << true;
        QTest::newRow("prefix crosses slash") << "base/*"
                                              << "base/alpine/edge" << true;
        QTest::newRow("prefix empty rest") << "base/*"
                                           << "base/" << true;
        QTest::newRow("prefix missing slash") << "base/*"
                                              << "base" << false;
        QTest::newRow("prefix other") << "base/*"
                                      << "based/x" << false;
        QTest::newRow("suffix") << "*_Test"
                                << "Unit_Test" << true;
        QTest::newRow("suffix only") << "*_Test"
                                     << "_Test" << true;
        QTest::newRow("suffix no") << "*_Test"
                                   << "Unit_Tests" << false;
        QTest::newRow("middle") << "a*z"
                                << "abcz" << true;
        QTest::newRow("middle empty") << "a*z"
                                      << "az" << true;
        QTest::newRow("middle overlap") << "a*a"
                                        << "a" << false;
        QTest::newRow("middle overlap ok") << "a*a"
                                           << "aa" << true;
        QTest::newRow("inner segments") << "*/lib/*"
                                        << "x/lib/y" << true;
        QTest::newRow("inner segment missing") << "*/lib/*"
                                               << "x/lab/y" << false;
        QTest::newRow("several") << "a*b*c"
                                 << "aXbYbZc" << true;
        QTest::newRow("several order") << "a*b*c"
                                       << "acb" << false;
        QTest::newRow("backtracking suffix") << "*ab"
                                             << "aab" << true;
        QTest::newRow("repeated segment") << "*ab*ab"
                                          << "abab" << true;
        QTest::newRow("repeated segment short") << "*ab*ab"
                                                << "aba" << false;
        QTest::newRow("anchored both, middle") << "v*-rc*.1"
                                               << "v1-rc2.1" << true;
        QTest::newRow("anchored end fails") << "v*-rc*.1"
                                            << "v1-rc2.10" << false;
        QTest::newRow("question mark is literal") << "a?c"
                                                  << "abc" << false;
        QTest::newRow("question mark literal match") << "a?c"
                                                     << "a?c" << true;
    }

    void wildcard()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, text);
        QFETCH(bool, match);
        QCOMPARE(WildcardPattern(pattern).matches(text), match);
    }

    void wildcardAgreesWithRegex()
    {
        // Exhaustive over a small alphabet: the matcher agrees with a regular-expression oracle.
        const QStringList alphabet{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("*")};
        QStringList patterns{QString()};
        for (int len = 0; len < 4; ++len) {
            const QStringList prev = patterns;
            for (const QString& p : prev) {
                if (p.size() != len)
                    continue;
                for (const QString& c : alphabet)
                    patterns.append(p + c);
            }
        }
        QStringList texts{QString()};
        for (int len = 0; len < 5; ++len) {
            const QStringList prev = texts;
            for (const QString& t : prev) {
                if (t.size() == len) {
                    texts.append(t + QLatin1Char('a'));
                    texts.append(t + QLatin1Char('b'));
                }
            }
        }
        int checked = 0;
        for (const QString& p : patterns) {
            QString rx = QRegularExpression::escape(p);
            rx.replace(QLatin1String("\\*"), QLatin1String(".*"));
            const QRegularExpression oracle(QRegularExpression::anchoredPattern(rx));
            const WildcardPattern pattern(p);
            for (const QString& t : texts) {
                QVERIFY2(pattern.matches(t) == oracle.match(t).hasMatch(),
                         qPrintable(p + QLatin1String(" vs ") + t));
                ++checked;
            }
        }
        QVERIFY(checked > 1000);
    }

    void addresses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("normalized"); // empty: invalid
        QTest::newRow("v4") << "192.168.1.20"
                            << "192.168.1.20";
        QTest::newRow("v4 zero") << "0.0.0.0"
                                 << "0.0.0.0";
        QTest::newRow("v4 max") << "255.255.255.255"
                                << "255.255.255.255";
        QTest::newRow("v4 256") << "256.1.1.1"
                                << "";
        QTest::newRow("v4 leading zero") << "010.1.1.1"
                                         << "";
        QTest::newRow("v4 three parts") << "10.1.1"
                                        << "";
        QTest::newRow("v4 five parts") << "10.1.1.1.1"
                                       << "";
        QTest::newRow("v4 empty part") << "10..1.1"
                                       << "";
        QTest::newRow("v4 trailing dot") << "10.1.1.1."
                                         << "";
        QTest::newRow("v4 letters") << "10.a.1.1"
                                    << "";
        QTest::newRow("v6 loopback") << "::1"
                                     << "::1";
        QTest::newRow("v6 any") << "::"
                                << "::";
        QTest::newRow("v6 full") << "2001:0db8:0000:0000:0000:ff00:0042:8329"
                                 << "2001:db8::ff00:42:8329";
        QTest::newRow("v6 compressed") << "2001:db8::1"
                                       << "2001:db8::1";
        QTest::newRow("v6 trailing gap") << "fe80::"
                                         << "fe80::";
        QTest::newRow("v6 upper case") << "2001:DB8::A"
                                       << "2001:db8::a";
        QTest::newRow("v6 zone") << "fe80::1%eth0"
                                 << "fe80::1";
        QTest::newRow("v6 brackets") << "[2001:db8::1]"
                                     << "2001:db8::1";
        QTest::newRow("v4-mapped") << "::ffff:10.1.2.3"
                                   << "10.1.2.3";
        QTest::newRow("v4-mapped hex") << "::ffff:a01:203"
                                       << "10.1.2.3";
        QTest::newRow("v4 embedded in v6") << "64:ff9b::192.0.2.33"
                                           << "64:ff9b::c000:221";
        QTest::newRow("v6 two gaps") << "1::2::3"
                                     << "";
        QTest::newRow("v6 nine groups") << "1:2:3:4:5:6:7:8:9"
                                        << "";
        QTest::newRow("v6 seven groups") << "1:2:3:4:5:6:7"
                                         << "";
        QTest::newRow("v6 gap with eight groups") << "1:2:3:4::5:6:7:8"
                                                  << "";
        QTest::newRow("v6 long group") << "12345::1"
                                       << "";
        QTest::newRow("v6 bad hex") << "g::1"
                                    << "";
        QTest::newRow("v6 leading colon") << ":1::2"
                                          << "";
        QTest::newRow("v6 trailing colon") << "1::2:"
                                           << "";
        QTest::newRow("v6 triple colon") << "1:::2"
                                         << "";
        QTest::newRow("v4 not last") << "::1.2.3.4:5"
                                     << "";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("hostname") << "localhost"
                                  << "";
    }

    void addresses()
    {
        QFETCH(QString, text);
        QFETCH(QString, normalized);
        const std::optional<IpAddress> a = IpAddress::parse(text);
        QCOMPARE(a.has_value(), !normalized.isEmpty());
        if (a)
            QCOMPARE(a->toString(), normalized);
    }

    void cidr_data()
    {
        QTest::addColumn<QString>("range");
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("inside");
        QTest::newRow("v4 /8 in") << "10.0.0.0/8"
                                  << "10.255.1.2" << true;
        QTest::newRow("v4 /8 out") << "10.0.0.0/8"
                                   << "11.0.0.1" << false;
        QTest::newRow("v4 /32 same") << "192.0.2.7/32"
                                     << "192.0.2.7" << true;
        QTest::newRow("v4 /32 next") << "192.0.2.7/32"
                                     << "192.0.2.8" << false;
        QTest::newRow("v4 bare address") << "192.0.2.7"
                                         << "192.0.2.7" << true;
        QTest::newRow("v4 /0 any v4") << "0.0.0.0/0"
                                      << "203.0.113.9" << true;
        QTest::newRow("v4 /0 not v6") << "0.0.0.0/0"
                                      << "2001:db8::1" << false;
        QTest::newRow("v4 /23 edge in") << "198.51.100.0/23"
                                        << "198.51.101.255" << true;
        QTest::newRow("v4 /23 edge out") << "198.51.100.0/23"
                                         << "198.51.102.0" << false;
        QTest::newRow("v4 /31") << "198.51.100.0/31"
                                << "198.51.100.1" << true;
        QTest::newRow("mapped client in v4 range") << "10.0.0.0/8"
                                                   << "::ffff:10.9.8.7" << true;
        QTest::newRow("mapped client out of v4 range") << "10.0.0.0/8"
                                                       << "::ffff:11.9.8.7" << false;
        QTest::newRow("v4 client in mapped v6 range") << "::ffff:10.0.0.0/104"
                                                      << "10.1.1.1" << true;
        QTest::newRow("v6 /32 in") << "2001:db8::/32"
                                   << "2001:db8:ffff::1" << true;
        QTest::newRow("v6 /32 out") << "2001:db8::/32"
                                    << "2001:db9::1" << false;
        QTest::newRow("v6 /128") << "2001:db8::1/128"
                                 << "2001:db8::1" << true;
        QTest::newRow("v6 /128 next") << "2001:db8::1/128"
                                      << "2001:db8::2" << false;
        QTest::newRow("v6 /0") << "::/0"
                               << "2001:db8::1" << true;
        QTest::newRow("v6 /0 includes mapped v4") << "::/0"
                                                  << "10.0.0.1" << true;
        QTest::newRow("v6 /57 in") << "2001:db8:0:80::/57"
                                   << "2001:db8:0:ff::1" << true;
        QTest::newRow("v6 /57 out") << "2001:db8:0:80::/57"
                                    << "2001:db8:0:100::1" << false;
        QTest::newRow("v6 range v4 client") << "2001:db8::/32"
                                            << "10.0.0.1" << false;
    }

    void cidr()
    {
        QFETCH(QString, range);
        QFETCH(QString, address);
        QFETCH(bool, inside);
        QString error;
        const std::optional<CidrRange> r = CidrRange::parse(range, &error);
        QVERIFY2(r.has_value(), qPrintable(error));
        const std::optional<IpAddress> a = IpAddress::parse(address);
        QVERIFY(a.has_value());
        QCOMPARE(r->contains(*a), inside);
    }

    void badCidr_data()
    {
        QTest::addColumn<QString>("range");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << ""
                               << "an address range cannot be empty; write one such as 10.0.0.0/8";
        QTest::newRow("v4 prefix too long")
            << "10.0.0.0/33"
            << "'10.0.0.0/33' has an invalid prefix length '33'; it must be a "
               "number from 0 to 32";
        QTest::newRow("v6 prefix too long")
            << "2001:db8::/129"
            << "'2001:db8::/129' has an invalid prefix length '129'; it must be a "
               "number from 0 to 128";
        QTest::newRow("negative prefix")
            << "10.0.0.0/-1"
            << "'10.0.0.0/-1' has an invalid prefix length '-1'; it must be a number "
               "from 0 to 32";
        QTest::newRow("empty prefix")
            << "10.0.0.0/"
            << "'10.0.0.0/' has an invalid prefix length ''; it must be a number from 0 "
               "to 32";
        QTest::newRow("host bits set")
            << "10.1.2.3/8"
            << "'10.1.2.3/8' has address bits set after the /8 prefix; did you mean "
               "10.0.0.0/8?";
        QTest::newRow("v6 host bits set")
            << "2001:db8::1/32"
            << "'2001:db8::1/32' has address bits set after the /32 prefix; did you "
               "mean 2001:db8::/32?";
        QTest::newRow("bad v4") << "10.0.0.256/32"
                                << "'10.0.0.256' is not a valid IPv4 address";
        QTest::newRow("bad v6") << "2001:db8:::/48"
                                << "'2001:db8:::' is not a valid IPv6 address";
        QTest::newRow("hostname") << "corp.example.com/24"
                                  << "'corp.example.com' is not a valid IPv4 address";
        QTest::newRow("zone") << "fe80::%eth0/64"
                              << "'fe80::%eth0/64' has a zone index ('%'); address ranges cannot name a zone";
    }

    void badCidr()
    {
        QFETCH(QString, range);
        QFETCH(QString, message);
        QString error;
        QVERIFY(!CidrRange::parse(range, &error));
        QCOMPARE(error, message);
    }

    void cidrToString()
    {
        QCOMPARE(CidrRange::parse(u"10.0.0.0/8")->toString(), QStringLiteral("10.0.0.0/8"));
        QCOMPARE(CidrRange::parse(u"192.0.2.1")->toString(), QStringLiteral("192.0.2.1/32"));
        QCOMPARE(CidrRange::parse(u"2001:db8::/32")->toString(), QStringLiteral("2001:db8::/32"));
        QCOMPARE(CidrRange::parse(u"0.0.0.0/0")->prefixLength(), 0);
        QVERIFY(CidrRange::parse(u"0.0.0.0/0")->isV4());
    }

    void networkSource()
    {
        QStringList errors;
        const std::optional<NetworkSource> corp =
            NetworkSource::create(QStringLiteral("corpnet"),
                                  {QStringLiteral("10.0.0.0/8"), QStringLiteral("2001:db8::/32")}, &errors);
        QVERIFY(corp);
        QVERIFY(errors.isEmpty());
        QVERIFY(corp->contains(*IpAddress::parse(u"10.3.3.3")));
        QVERIFY(corp->contains(*IpAddress::parse(u"::ffff:10.3.3.3")));
        QVERIFY(corp->contains(*IpAddress::parse(u"2001:db8::5")));
        QVERIFY(!corp->contains(*IpAddress::parse(u"192.168.0.1")));

        const std::optional<NetworkSource> bad = NetworkSource::create(
            QStringLiteral("lab"),
            {QStringLiteral("10.0.0.0/8"), QStringLiteral("10.0.0.0/40"), QStringLiteral("x")}, &errors);
        QVERIFY(!bad);
        QCOMPARE(
            errors,
            (QStringList{QStringLiteral("network source lab, entry 2: '10.0.0.0/40' has an invalid "
                                        "prefix length '40'; it must be a number from 0 to 32"),
                         QStringLiteral("network source lab, entry 3: 'x' is not a valid IPv4 address")}));
        const NetworkSource empty = *NetworkSource::create(QStringLiteral("none"), {});
        QVERIFY(!empty.contains(*IpAddress::parse(u"10.0.0.1")));
    }

    void compartmentPaths()
    {
        QVERIFY(CompartmentPath::parse(u"")->isTenancy());
        const CompartmentPath backend = *CompartmentPath::parse(u"Apps:Backend");
        QCOMPARE(backend.depth(), 2);
        QCOMPARE(backend.name(), QStringLiteral("Backend"));
        QCOMPARE(backend.parent().toString(), QStringLiteral("Apps"));
        QCOMPARE(backend.describe(), QStringLiteral("compartment Apps:Backend"));
        QCOMPARE(CompartmentPath().describe(), QStringLiteral("the tenancy"));
        QVERIFY(CompartmentPath().contains(backend));
        QVERIFY(backend.parent().contains(backend));
        QVERIFY(backend.contains(backend));
        QVERIFY(!backend.contains(backend.parent()));
        QVERIFY(!CompartmentPath::parse(u"Apps:Back")->contains(backend));
        QVERIFY(!CompartmentPath::parse(u"Apps:Backend2")->contains(backend));
        QVERIFY(!CompartmentPath::parse(u"apps")->contains(backend)); // case-sensitive
        QCOMPARE(backend.resolved(*CompartmentPath::parse(u"Db")).toString(),
                 QStringLiteral("Apps:Backend:Db"));

        QString error;
        QVERIFY(!CompartmentPath::parse(u"Apps::Backend", &error));
        QCOMPARE(error, QStringLiteral(
                            "compartment path 'Apps::Backend' has an empty name; write names separated by "
                            "single ':' as in Apps:Backend"));
        QVERIFY(!CompartmentPath::parse(u"Apps:Back end", &error));
        QCOMPARE(error, QStringLiteral(
                            "compartment name 'Back end' contains ' '; names use letters, digits, '-', '_' "
                            "and '.'"));
        QVERIFY(CompartmentPath::isValidName(QString(100, QLatin1Char('x'))));
        QVERIFY(!CompartmentPath::isValidName(QString(101, QLatin1Char('x'))));
        QVERIFY(CompartmentPath::isValidName(u"a-b_c.d9"));
    }

    void verbLadder()
    {
        using namespace IamVocabulary;
        const QVector<Verb> verbs{Verb::Inspect, Verb::Read, Verb::Use, Verb::Manage};
        // Expected: for each permission, the verbs that grant it.
        const QHash<Permission, QVector<bool>> table{
            {Permission::RepositoryInspect, {true, true, true, true}},
            {Permission::RepositoryRead, {false, true, true, true}},
            {Permission::RepositoryUpdate, {false, false, true, true}},
            {Permission::RepositoryCreate, {false, false, false, true}},
            {Permission::RepositoryDelete, {false, false, false, true}},
            {Permission::RepositoryManage, {false, false, false, true}},
        };
        QCOMPARE(allPermissions().size(), PermissionCount);
        for (Permission p : allPermissions()) {
            for (int v = 0; v < verbs.size(); ++v) {
                QCOMPARE(grants(verbs[v], ResourceType::Repos, p), table[p][v]);
                QCOMPARE(grants(verbs[v], ResourceType::AllResources, p), table[p][v]);
                QCOMPARE(bool(grantedMask(verbs[v], ResourceType::Repos) & (1u << int(p))), table[p][v]);
            }
            QCOMPARE(permissionFromName(permissionName(p)), std::optional<Permission>(p));
        }
        QCOMPARE(permissionName(Permission::RepositoryUpdate), QStringLiteral("REPOSITORY_UPDATE"));
        QCOMPARE(resourceTypeFromName(u"Repositories"), std::optional<ResourceType>(ResourceType::Repos));
        QCOMPARE(resourceTypeFromName(u"images"), std::optional<ResourceType>());
        QCOMPARE(verbFromName(u"MANAGE"), std::optional<Verb>(Verb::Manage));
    }
};

QTEST_APPLESS_MAIN(TestIamMatching)
#include "tst_iammatching.moc"
