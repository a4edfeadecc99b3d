#include "iam/Authorizer.h"
#include "iam/PolicyParser.h"

#include <QElapsedTimer>
#include <QtTest>

using namespace berth;

namespace {

CompartmentPath path(const QString& text)
{
    return *CompartmentPath::parse(text);
}

AttachedPolicy policy(const QString& name, const QString& attachedTo, const QString& text)
{
    const PolicyParseResult r = PolicyParser::parse(text);
    if (!r.ok())
        qFatal("test policy does not parse: %s", qPrintable(r.errors.first().toString()));
    return AttachedPolicy{name, path(attachedTo), r.statements};
}

NetworkSource source(const QString& name, const QStringList& ranges)
{
    return *NetworkSource::create(name, ranges);
}

AuthorizationRequest request(const QStringList& groups, Permission permission, const QString& compartment,
                             const QString& repository = QStringLiteral("app/web"),
                             std::optional<QString> tag = std::nullopt,
                             const QString& address = QStringLiteral("192.0.2.10"))
{
    AuthorizationRequest r;
    r.subject = AuthorizationSubject::user(QStringLiteral("alice"), groups);
    r.permission = permission;
    r.target.compartment = path(compartment);
    r.target.repository = repository;
    r.target.tag = std::move(tag);
    r.context.clientAddress = address;
    return r;
}

const QStringList dev{QStringLiteral("Developers")};

} // namespace

class TestAuthorizer : public QObject
{
    Q_OBJECT

private slots:
    void issueExamples()
    {
        const Authorizer authz(
            {policy(
                QStringLiteral("team"), QString(),
                QStringLiteral("Allow group Developers to use repos in compartment Apps:Backend\n"
                               "Allow group Auditors to read repos in tenancy\n"
                               "Allow any-user to read repos in compartment Public where target.repo.name = "
                               "'base/*'\n"
                               "Allow group CI to manage repos in compartment Apps where "
                               "request.networkSource.name = 'corpnet'"))},
            {source(QStringLiteral("corpnet"), {QStringLiteral("10.0.0.0/8")})});
        QCOMPARE(authz.statementCount(), 4);

        QVERIFY(authz.authorize(request(dev, Permission::RepositoryUpdate, "Apps:Backend")).allowed);
        QVERIFY(authz.authorize(request(dev, Permission::RepositoryRead, "Apps:Backend:Db")).allowed);
        QVERIFY(!authz.authorize(request(dev, Permission::RepositoryCreate, "Apps:Backend")).allowed);
        QVERIFY(!authz.authorize(request(dev, Permission::RepositoryRead, "Apps")).allowed);
        QVERIFY(!authz.authorize(request(dev, Permission::RepositoryRead, "Apps:Frontend")).allowed);

        const QStringList auditors{QStringLiteral("Auditors")};
        QVERIFY(authz.authorize(request(auditors, Permission::RepositoryRead, "")).allowed);
        QVERIFY(authz.authorize(request(auditors, Permission::RepositoryInspect, "Apps:Backend")).allowed);
        QVERIFY(!authz.authorize(request(auditors, Permission::RepositoryUpdate, "Apps")).allowed);

        // any-user: every signed-in user, only for base/*.
        QVERIFY(authz.authorize(request({}, Permission::RepositoryRead, "Public", "base/alpine")).allowed);
        QVERIFY(!authz.authorize(request({}, Permission::RepositoryRead, "Public", "team/alpine")).allowed);
        QVERIFY(!authz.authorize(request({}, Permission::RepositoryUpdate, "Public", "base/alpine")).allowed);

        const QStringList ci{QStringLiteral("CI")};
        QVERIFY(
            authz.authorize(request(ci, Permission::RepositoryCreate, "Apps:Backend", "x", {}, "10.1.2.3"))
                .allowed);
        QVERIFY(authz.authorize(request(ci, Permission::RepositoryDelete, "Apps", "x", {}, "::ffff:10.1.2.3"))
                    .allowed);
        QVERIFY(!authz.authorize(request(ci, Permission::RepositoryCreate, "Apps", "x", {}, "192.0.2.1"))
                     .allowed);
    }

    void anonymousAndAdministrators()
    {
        const Authorizer authz({policy(QStringLiteral("open"), QString(),
                                       QStringLiteral("Allow any-user to manage repos in tenancy"))},
                               {});
        AuthorizationRequest r = request({}, Permission::RepositoryRead, "Public", "base/alpine");
        QVERIFY(authz.authorize(r).allowed);
        r.subject = AuthorizationSubject::anonymousUser();
        const AuthorizationDecision anon = authz.authorize(r);
        QVERIFY(!anon.allowed);
        QCOMPARE(anon.reason, DecisionReason::DeniedAnonymous);
        QCOMPARE(anon.explanation(),
                 QStringLiteral("anonymous requests match no policy statement, not even any-user "
                                "ones; sign in (public repositories can be pulled anonymously "
                                "without any policy)"));

        const Authorizer none;
        r.subject =
            AuthorizationSubject::user(QStringLiteral("root"), {QStringLiteral("Administrators")}, true);
        r.permission = Permission::RepositoryManage;
        const AuthorizationDecision admin = none.authorize(r);
        QVERIFY(admin.allowed);
        QCOMPARE(admin.reason, DecisionReason::AllowedAsAdministrator);
        QCOMPARE(admin.explanation(),
                 QStringLiteral("allowed: root is in the Administrators group, which may do everything"));
        // Membership in a group called Administrators is not what makes an administrator: the flag is.
        r.subject.administrator = false;
        QVERIFY(!none.authorize(r).allowed);
    }

    void inheritanceSixLevelsDeep()
    {
        const QStringList levels{"L1", "L2", "L3", "L4", "L5", "L6"};
        // A statement placed at each depth k (0 = tenancy) grants access at depth j iff k <= j.
        for (int k = 0; k <= 6; ++k) {
            const QString where =
                k == 0 ? QStringLiteral("tenancy")
                       : QStringLiteral("compartment ") + levels.mid(0, k).join(QLatin1Char(':'));
            const Authorizer authz(
                {policy(QStringLiteral("p"), QString(),
                        QStringLiteral("Allow group Developers to read repos in ") + where)},
                {});
            for (int j = 0; j <= 6; ++j) {
                const QString target = levels.mid(0, j).join(QLatin1Char(':'));
                QCOMPARE(authz.authorize(request(dev, Permission::RepositoryRead, target)).allowed, k <= j);
            }
            // A sibling branch at the same depth is never covered, except by the tenancy.
            QCOMPARE(authz.authorize(request(dev, Permission::RepositoryRead, "L1:L2:L3:X4:L5:L6")).allowed,
                     k <= 3);
        }
        // Relative paths: attached at L1:L2:L3, "compartment L4:L5" is L1:L2:L3:L4:L5.
        const Authorizer relative(
            {policy(QStringLiteral("p"), QStringLiteral("L1:L2:L3"),
                    QStringLiteral("Allow group Developers to read repos in compartment L4:L5"))},
            {});
        QVERIFY(relative.authorize(request(dev, Permission::RepositoryRead, "L1:L2:L3:L4:L5:L6")).allowed);
        QVERIFY(relative.authorize(request(dev, Permission::RepositoryRead, "L1:L2:L3:L4:L5")).allowed);
        QVERIFY(!relative.authorize(request(dev, Permission::RepositoryRead, "L1:L2:L3:L4")).allowed);
        QVERIFY(!relative.authorize(request(dev, Permission::RepositoryRead, "L4:L5")).allowed);
    }

    void tenancyInPolicyBelowTenancyIsIgnored()
    {
        const Authorizer authz({policy(QStringLiteral("p"), QStringLiteral("Apps"),
                                       QStringLiteral("Allow group Developers to manage repos in tenancy"))},
                               {});
        QCOMPARE(authz.ignoredStatementCount(), 1);
        QCOMPARE(authz.statementCount(), 0);
        QVERIFY(!authz.authorize(request(dev, Permission::RepositoryRead, "Apps")).allowed);
    }

    void verbLadder_data()
    {
        QTest::addColumn<QString>("verb");
        QTest::addColumn<int>("permission");
        QTest::addColumn<bool>("allowed");
        const QStringList verbs{"inspect", "read", "use", "manage"};
        // Rows: permission; columns: the verbs that grant it.
        const QVector<QPair<Permission, int>> weakest{
            {Permission::RepositoryInspect, 0}, {Permission::RepositoryRead, 1},
            {Permission::RepositoryUpdate, 2},  {Permission::RepositoryCreate, 3},
            {Permission::RepositoryDelete, 3},  {Permission::RepositoryManage, 3}};
        for (const auto& [p, minimum] : weakest) {
            for (int v = 0; v < verbs.size(); ++v) {
                QTest::addRow("%s %s", qPrintable(verbs[v]), qPrintable(IamVocabulary::permissionName(p)))
                    << verbs[v] << int(p) << (v >= minimum);
            }
        }
    }

    void verbLadder()
    {
        QFETCH(QString, verb);
        QFETCH(int, permission);
        QFETCH(bool, allowed);
        for (const QString& type :
             {QStringLiteral("repos"), QStringLiteral("repositories"), QStringLiteral("all-resources")}) {
            const Authorizer authz(
                {policy(
                    QStringLiteral("p"), QString(),
                    QStringLiteral("Allow group Developers to %1 %2 in compartment Apps").arg(verb, type))},
                {});
            const AuthorizationDecision d =
                authz.authorize(request(dev, static_cast<Permission>(permission), "Apps:Backend"));
            QCOMPARE(d.allowed, allowed);
            QCOMPARE(d.reason,
                     allowed ? DecisionReason::AllowedByStatement : DecisionReason::DeniedVerbTooWeak);
        }
    }

    void conditions_data()
    {
        QTest::addColumn<QString>("condition");
        QTest::addColumn<QString>("repository");
        QTest::addColumn<QString>("tag"); // "-" for none
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("allowed");

        const QString a = QStringLiteral("10.1.1.1");
        QTest::newRow("repo equal") << "target.repo.name = 'app/*'"
                                    << "app/web"
                                    << "-" << a << true;
        QTest::newRow("repo equal no") << "target.repo.name = 'app/*'"
                                       << "lib/web"
                                       << "-" << a << false;
        QTest::newRow("repo not equal") << "target.repo.name != 'app/*'"
                                        << "lib/web"
                                        << "-" << a << true;
        QTest::newRow("repo not equal no") << "target.repo.name != 'app/*'"
                                           << "app/web"
                                           << "-" << a << false;
        QTest::newRow("repo absent is false") << "target.repo.name = '*'"
                                              << ""
                                              << "-" << a << false;
        QTest::newRow("repo absent is false for !=") << "target.repo.name != 'x'"
                                                     << ""
                                                     << "-" << a << false;
        QTest::newRow("tag equal") << "target.tag = 'v*'"
                                   << "app/web"
                                   << "v1.2" << a << true;
        QTest::newRow("tag absent") << "target.tag = '*'"
                                    << "app/web"
                                    << "-" << a << false;
        QTest::newRow("tag absent for !=") << "target.tag != 'latest'"
                                           << "app/web"
                                           << "-" << a << false;
        QTest::newRow("tag not equal") << "target.tag != 'latest'"
                                       << "app/web"
                                       << "v1" << a << true;
        QTest::newRow("user") << "request.user.name = 'alice'"
                              << "x"
                              << "-" << a << true;
        QTest::newRow("user no") << "request.user.name = 'bob'"
                                 << "x"
                                 << "-" << a << false;
        QTest::newRow("compartment name") << "target.compartment.name = 'Backend'"
                                          << "x"
                                          << "-" << a << true;
        QTest::newRow("compartment name wildcard") << "target.compartment.name = 'Back*'"
                                                   << "x"
                                                   << "-" << a << true;
        QTest::newRow("compartment name is not the path") << "target.compartment.name = 'Apps:Backend'"
                                                          << "x"
                                                          << "-" << a << false;
        QTest::newRow("network in") << "request.networkSource.name = 'corpnet'"
                                    << "x"
                                    << "-" << a << true;
        QTest::newRow("network out") << "request.networkSource.name = 'corpnet'"
                                     << "x"
                                     << "-"
                                     << "192.0.2.1" << false;
        QTest::newRow("network not in") << "request.networkSource.name != 'corpnet'"
                                        << "x"
                                        << "-"
                                        << "192.0.2.1" << true;
        QTest::newRow("network v6") << "request.networkSource.name = 'corpnet'"
                                    << "x"
                                    << "-"
                                    << "2001:db8:1::9" << true;
        QTest::newRow("network mapped") << "request.networkSource.name = 'corpnet'"
                                        << "x"
                                        << "-"
                                        << "::ffff:10.9.9.9" << true;
        QTest::newRow("network wildcard name") << "request.networkSource.name = 'vpn-*'"
                                               << "x"
                                               << "-"
                                               << "172.16.0.5" << true;
        QTest::newRow("network unknown source") << "request.networkSource.name = 'nope'"
                                                << "x"
                                                << "-" << a << false;
        QTest::newRow("network unknown source !=") << "request.networkSource.name != 'nope'"
                                                   << "x"
                                                   << "-" << a << false;
        QTest::newRow("network bad address") << "request.networkSource.name = 'corpnet'"
                                             << "x"
                                             << "-"
                                             << "not-an-address" << false;
        QTest::newRow("network bad address !=") << "request.networkSource.name != 'corpnet'"
                                                << "x"
                                                << "-"
                                                << "not-an-address" << false;
        QTest::newRow("network empty address") << "request.networkSource.name != 'corpnet'"
                                               << "x"
                                               << "-"
                                               << "" << false;
        QTest::newRow("all true") << "all { target.repo.name = 'app/*', target.tag = 'v*' }"
                                  << "app/web"
                                  << "v1" << a << true;
        QTest::newRow("all one false") << "all { target.repo.name = 'app/*', target.tag = 'v*' }"
                                       << "app/web"
                                       << "latest" << a << false;
        QTest::newRow("any one true") << "any { target.repo.name = 'lib/*', target.tag = 'v*' }"
                                      << "app/web"
                                      << "v1" << a << true;
        QTest::newRow("any none true") << "any { target.repo.name = 'lib/*', target.tag = 'v*' }"
                                       << "app/web"
                                       << "latest" << a << false;
        const QString nested =
            QStringLiteral("all { target.repo.name = 'app/*', any { request.networkSource.name = "
                           "'corpnet', all { request.user.name = 'alice', target.tag != 'prod-*' } "
                           "} }");
        QTest::newRow("nested via network") << nested << "app/web"
                                            << "prod-1" << a << true;
        QTest::newRow("nested via user") << nested << "app/web"
                                         << "dev-1"
                                         << "192.0.2.1" << true;
        QTest::newRow("nested both fail") << nested << "app/web"
                                          << "prod-1"
                                          << "192.0.2.1" << false;
        QTest::newRow("nested outer fails") << nested << "lib/web"
                                            << "dev-1" << a << false;
        QTest::newRow("nested no tag") << nested << "app/web"
                                       << "-"
                                       << "192.0.2.1" << false;
    }

    void conditions()
    {
        QFETCH(QString, condition);
        QFETCH(QString, repository);
        QFETCH(QString, tag);
        QFETCH(QString, address);
        QFETCH(bool, allowed);
        const Authorizer authz(
            {policy(QStringLiteral("p"), QString(),
                    QStringLiteral("Allow group Developers to use repos in compartment Apps where ") +
                        condition)},
            {source(QStringLiteral("corpnet"),
                    {QStringLiteral("10.0.0.0/8"), QStringLiteral("2001:db8::/32")}),
             source(QStringLiteral("vpn-eu"), {QStringLiteral("172.16.0.0/12")})});
        const AuthorizationRequest r =
            request(dev, Permission::RepositoryUpdate, "Apps:Backend", repository,
                    tag == QLatin1String("-") ? std::nullopt : std::optional<QString>(tag), address);
        const AuthorizationDecision d = authz.authorize(r);
        QCOMPARE(d.allowed, allowed);
        if (!allowed) {
            QCOMPARE(d.reason, DecisionReason::DeniedConditionFalse);
            QVERIFY(!d.conditionDetail.isEmpty());
        }
    }

    void explainTexts()
    {
        const Authorizer authz(
            {policy(
                 QStringLiteral("dev-read"), QString(),
                 QStringLiteral("# Developers may look at everything in Apps\n"
                                "Allow group Developers to read repos in compartment Apps:Backend\n"
                                "Allow group Developers to manage repos in compartment Apps:Frontend\n"
                                "Allow group Developers to manage repos in compartment Apps:Backend:Db\n")),
             policy(QStringLiteral("ci"), QStringLiteral("Apps"),
                    QStringLiteral(
                        "Allow group CI to manage repos in compartment Backend where "
                        "request.networkSource.name = 'corpnet'\n"
                        "Allow group Bots to use repos in compartment Backend where all { target.repo.name "
                        "= 'app/*', target.tag != 'prod-*' }"))},
            {source(QStringLiteral("corpnet"), {QStringLiteral("10.0.0.0/8")})});

        // Allowed: policy, line, statement.
        AuthorizationDecision d = authz.authorize(request(dev, Permission::RepositoryRead, "Apps:Backend"));
        QVERIFY(d.allowed);
        QCOMPARE(d.reason, DecisionReason::AllowedByStatement);
        QCOMPARE(d.policyName, QStringLiteral("dev-read"));
        QCOMPARE(d.line, 2);
        QCOMPARE(d.statementSubject, QStringLiteral("group Developers"));
        QCOMPARE(d.explanation(),
                 QStringLiteral("allowed by policy dev-read line 2: Allow group Developers to read "
                                "repos in compartment Apps:Backend"));

        // Verb too weak, in scope: the closest grants only read.
        d = authz.authorize(request(dev, Permission::RepositoryUpdate, "Apps:Backend"));
        QCOMPARE(d.reason, DecisionReason::DeniedVerbTooWeak);
        QCOMPARE(d.line, 2);
        QCOMPARE(d.statementVerb, Verb::Read);
        QCOMPARE(d.requiredVerb, Verb::Use);
        QCOMPARE(d.explanation(),
                 QStringLiteral("no statement grants group Developers 'use' on repos in compartment "
                                "Apps:Backend; the closest, policy dev-read line 2, grants group "
                                "Developers only 'read'"));

        // Strong enough elsewhere: a sibling, then a descendant.
        d = authz.authorize(request(dev, Permission::RepositoryUpdate, "Apps:Middle"));
        QCOMPARE(d.reason, DecisionReason::DeniedOutsideLocation);
        QCOMPARE(d.line, 3);
        QCOMPARE(d.explanation(),
                 QStringLiteral("no statement grants group Developers 'use' on repos in compartment "
                                "Apps:Middle; the closest, policy dev-read line 3, grants group "
                                "Developers 'manage' but in compartment Apps:Frontend, which does not "
                                "contain compartment Apps:Middle"));
        d = authz.authorize(request(dev, Permission::RepositoryCreate, "Apps"));
        QCOMPARE(d.reason, DecisionReason::DeniedOutsideLocation);
        QCOMPARE(d.line, 3);
        QVERIFY(d.outsideLocation);
        QVERIFY(!d.verbTooWeak);
        QCOMPARE(d.explanation(),
                 QStringLiteral(
                     "no statement grants group Developers 'manage' on repos in compartment Apps; the "
                     "closest, policy dev-read line 3, grants group Developers 'manage' but in compartment "
                     "Apps:Frontend, which is inside compartment Apps (a statement covers its compartment "
                     "and the ones below it, never the ones above)"));

        // Condition false: network source.
        const QStringList ci{QStringLiteral("CI")};
        d = authz.authorize(
            request(ci, Permission::RepositoryCreate, "Apps:Backend", "x", {}, "203.0.113.9"));
        QCOMPARE(d.reason, DecisionReason::DeniedConditionFalse);
        QCOMPARE(d.policyName, QStringLiteral("ci"));
        QCOMPARE(d.line, 1);
        QCOMPARE(d.statementLocation.toString(), QStringLiteral("Apps:Backend"));
        QCOMPARE(d.explanation(),
                 QStringLiteral("no statement grants group CI 'manage' on repos in compartment "
                                "Apps:Backend; policy ci line 1 would allow it, but "
                                "request.networkSource.name = 'corpnet' is false: client address "
                                "203.0.113.9 is not in network source corpnet"));
        d = authz.authorize(request(ci, Permission::RepositoryCreate, "Apps:Backend", "x", {}, "bogus"));
        QCOMPARE(d.conditionDetail,
                 QStringLiteral("request.networkSource.name = 'corpnet' is false: the client "
                                "address 'bogus' is not an IP address"));

        // Condition false inside all { }: the failing part is named, with the value seen.
        const QStringList bots{QStringLiteral("Bots")};
        d = authz.authorize(
            request(bots, Permission::RepositoryUpdate, "Apps:Backend", "app/web", QStringLiteral("prod-7")));
        QCOMPARE(d.conditionDetail,
                 QStringLiteral("target.tag != 'prod-*' is false: target.tag is 'prod-7'"));
        d = authz.authorize(request(bots, Permission::RepositoryUpdate, "Apps:Backend", "app/web"));
        QCOMPARE(d.conditionDetail,
                 QStringLiteral("target.tag != 'prod-*' is false: this request names no tag, so "
                                "target.tag is not set"));
        d = authz.authorize(
            request(bots, Permission::RepositoryUpdate, "Apps:Backend", "lib/x", QStringLiteral("v1")));
        QCOMPARE(d.conditionDetail,
                 QStringLiteral("target.repo.name = 'app/*' is false: target.repo.name is 'lib/x'"));

        // No statement for the subject at all.
        d = authz.authorize(request({QStringLiteral("QA")}, Permission::RepositoryRead, "Apps"));
        QCOMPARE(d.reason, DecisionReason::DeniedNoStatementForSubject);
        QVERIFY(!d.hasStatement);
        QCOMPARE(d.explanation(),
                 QStringLiteral("no statement grants group QA 'read' on repos in compartment Apps; no "
                                "statement in any policy names group QA or any-user"));
        d = authz.authorize(
            request({QStringLiteral("QA"), QStringLiteral("Ops")}, Permission::RepositoryRead, ""));
        QCOMPARE(d.explanation(),
                 QStringLiteral("no statement grants user alice (groups QA, Ops) 'read' on repos in "
                                "the tenancy; no statement in any policy names the groups QA, Ops or "
                                "any-user"));
        d = authz.authorize(request({}, Permission::RepositoryRead, "Apps"));
        QCOMPARE(d.explanation(),
                 QStringLiteral("no statement grants user alice (in no group) 'read' on repos in "
                                "compartment Apps; alice is in no group and no statement is for "
                                "any-user"));
    }

    void decisionAsJson()
    {
        const Authorizer authz(
            {policy(QStringLiteral("dev-read"), QStringLiteral("Apps"),
                    QStringLiteral("Allow group Developers to read repos in compartment Backend"))},
            {});
        QJsonObject o = authz.authorize(request(dev, Permission::RepositoryUpdate, "Apps:Backend")).toJson();
        QCOMPARE(o.value("allowed").toBool(), false);
        QCOMPARE(o.value("reason").toString(), QStringLiteral("denied-verb-too-weak"));
        QCOMPARE(o.value("permission").toString(), QStringLiteral("REPOSITORY_UPDATE"));
        QCOMPARE(o.value("requiredVerb").toString(), QStringLiteral("use"));
        QCOMPARE(o.value("compartment").toString(), QStringLiteral("Apps:Backend"));
        const QJsonObject st = o.value("statement").toObject();
        QCOMPARE(st.value("policy").toString(), QStringLiteral("dev-read"));
        QCOMPARE(st.value("policyCompartment").toString(), QStringLiteral("Apps"));
        QCOMPARE(st.value("line").toInt(), 1);
        QCOMPARE(st.value("verb").toString(), QStringLiteral("read"));
        QCOMPARE(st.value("location").toString(), QStringLiteral("Apps:Backend"));
        QVERIFY(o.value("explanation")
                    .toString()
                    .startsWith(QStringLiteral("no statement grants group Developers")));
        QVERIFY(!o.contains("conditionDetail"));

        o = authz.authorize(request({QStringLiteral("QA")}, Permission::RepositoryRead, "Apps")).toJson();
        QVERIFY(!o.contains("statement"));
        QCOMPARE(o.value("reason").toString(), QStringLiteral("denied-no-statement-for-subject"));
    }

    void anyConditionExplained()
    {
        const Authorizer authz(
            {policy(QStringLiteral("p"), QString(),
                    QStringLiteral("Allow group Developers to read repos in tenancy where any { "
                                   "target.repo.name = 'base/*', request.user.name = 'bob' }"))},
            {});
        const AuthorizationDecision d =
            authz.authorize(request(dev, Permission::RepositoryRead, "Apps", "app/web"));
        QCOMPARE(d.conditionDetail,
                 QStringLiteral(
                     "none of the conditions in any { target.repo.name = 'base/*', request.user.name = "
                     "'bob' } holds: target.repo.name = 'base/*' is false: target.repo.name is 'app/web'; "
                     "request.user.name = 'bob' is false: request.user.name is 'alice'"));
    }

    void verbTooWeakAndOutsideTogether()
    {
        const Authorizer authz(
            {policy(QStringLiteral("p"), QString(),
                    QStringLiteral("Allow group Developers to inspect repos in compartment Other"))},
            {});
        const AuthorizationDecision d = authz.authorize(request(dev, Permission::RepositoryRead, "Apps"));
        QCOMPARE(d.reason, DecisionReason::DeniedVerbTooWeak);
        QVERIFY(d.outsideLocation);
        QCOMPARE(d.explanation(),
                 QStringLiteral("no statement grants group Developers 'read' on repos in compartment "
                                "Apps; the closest, policy p line 1, grants group Developers only "
                                "'inspect', and in compartment Other, which does not contain "
                                "compartment Apps"));
    }

    void earliestStatementWinsWhateverTheGroupOrder()
    {
        const Authorizer authz({policy(QStringLiteral("first"), QString(),
                                       QStringLiteral("Allow group B to read repos in tenancy")),
                                policy(QStringLiteral("second"), QString(),
                                       QStringLiteral("Allow group A to read repos in tenancy"))},
                               {});
        for (const QStringList& groups : {QStringList{"A", "B"}, QStringList{"B", "A"}}) {
            const AuthorizationDecision d = authz.authorize(request(groups, Permission::RepositoryRead, "X"));
            QVERIFY(d.allowed);
            QCOMPARE(d.policyName, QStringLiteral("first"));
            QCOMPARE(d.statementSubject, QStringLiteral("group B"));
        }
    }

    void requestUserNameFromContext()
    {
        const Authorizer authz(
            {policy(QStringLiteral("p"), QString(),
                    QStringLiteral("Allow any-user to read repos in tenancy where request.user.name "
                                   "= 'robot-*'"))},
            {});
        AuthorizationRequest r = request({}, Permission::RepositoryRead, "X");
        QVERIFY(!authz.authorize(r).allowed);
        r.context.userName = QStringLiteral("robot-7");
        QVERIFY(authz.authorize(r).allowed);
    }

    /// Verbs x subjects x compartment positions x permissions x attachment x conditions, against a
    /// simple oracle written independently of the Authorizer.
    void generatedMatrix()
    {
        const QStringList verbs{"inspect", "read", "use", "manage"};
        const QVector<int> weakestVerb{0, 1, 2, 3, 3, 3}; // per Permission, in declaration order
        struct Subject
        {
            const char* name;
            QString statementSubject;
            QStringList userGroups;
            bool anonymous;
            bool administrator;
            bool matches; // does the statement's subject cover this user?
        };
        const QVector<Subject> subjects{
            {"member", "group Dev", {"Dev"}, false, false, true},
            {"non-member", "group Dev", {"Ops"}, false, false, false},
            {"member of second group", "group Ops, group Dev", {"QA", "Dev"}, false, false, true},
            {"oci-style list", "group Ops, Dev", {"Dev"}, false, false, true},
            {"case differs", "group dev", {"Dev"}, false, false, false},
            {"any-user", "any-user", {}, false, false, true},
            {"anonymous vs any-user", "any-user", {}, true, false, false},
            {"administrator", "group Nobody", {"Administrators"}, false, true, true},
        };
        // Target is always Apps:Backend; the statement's location relative to it:
        struct Position
        {
            const char* name;
            QString absolute; // "" = tenancy
            bool covers;
        };
        const QVector<Position> positions{{"same", "Apps:Backend", true},
                                          {"parent", "Apps", true},
                                          {"tenancy", "", true},
                                          {"child", "Apps:Backend:Db", false},
                                          {"sibling", "Apps:Frontend", false},
                                          {"cousin", "Other:Backend", false},
                                          {"prefix name", "Apps:Back", false}};
        struct Condition
        {
            const char* name;
            QString text;
            bool holds;
        };
        const QVector<Condition> conditions{{"none", QString(), true},
                                            {"true", "target.repo.name = 'app/*'", true},
                                            {"false", "target.repo.name = 'lib/*'", false},
                                            {"network", "request.networkSource.name = 'corpnet'", true}};
        const QVector<NetworkSource> sources{source("corpnet", {"192.0.2.0/24"})};

        int allows = 0, denials = 0, unexpectedAllows = 0, unexpectedDenials = 0;
        QStringList failures;
        for (const Subject& subject : subjects) {
            for (const Position& position : positions) {
                for (const QString& attachment : {QString(), QStringLiteral("Apps")}) {
                    // Express the location relative to the attachment, when possible.
                    QString location;
                    if (attachment.isEmpty()) {
                        location = position.absolute.isEmpty()
                                       ? QStringLiteral("tenancy")
                                       : QStringLiteral("compartment ") + position.absolute;
                    } else {
                        if (!position.absolute.startsWith(attachment + QLatin1Char(':')))
                            continue;
                        location =
                            QStringLiteral("compartment ") + position.absolute.mid(attachment.size() + 1);
                    }
                    for (int v = 0; v < verbs.size(); ++v) {
                        for (const Condition& condition : conditions) {
                            QString text = QStringLiteral("Allow %1 to %2 repos in %3")
                                               .arg(subject.statementSubject, verbs[v], location);
                            if (!condition.text.isEmpty())
                                text += QStringLiteral(" where ") + condition.text;
                            const Authorizer authz({policy(QStringLiteral("m"), attachment, text)}, sources);
                            for (int p = 0; p < PermissionCount; ++p) {
                                AuthorizationRequest r =
                                    request(subject.userGroups, Permission(p), "Apps:Backend", "app/web",
                                            QStringLiteral("v1"), "192.0.2.44");
                                r.subject.anonymous = subject.anonymous;
                                r.subject.administrator = subject.administrator;
                                const bool expected =
                                    subject.administrator ||
                                    (!subject.anonymous && subject.matches && v >= weakestVerb[p] &&
                                     position.covers && condition.holds);
                                const bool actual = authz.authorize(r).allowed;
                                (actual ? allows : denials)++;
                                if (actual != expected) {
                                    (actual ? unexpectedAllows : unexpectedDenials)++;
                                    if (failures.size() < 10)
                                        failures.append(
                                            QStringLiteral("%1 / attached at '%2' / %3 / %4: got %5")
                                                .arg(QLatin1String(subject.name), attachment, text,
                                                     IamVocabulary::permissionName(Permission(p)))
                                                .arg(actual ? "allow" : "deny"));
                                }
                            }
                        }
                    }
                }
            }
        }
        qInfo("matrix: %d allows, %d denials, %d unexpected allows, %d unexpected denials", allows, denials,
              unexpectedAllows, unexpectedDenials);
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
        QCOMPARE(unexpectedAllows, 0);
        QCOMPARE(unexpectedDenials, 0);
        QVERIFY(allows > 500);
        QVERIFY(denials > 500);
    }

    void manyDecisionsAreFast()
    {
        // 200 statements over 50 groups and a few compartments, some with conditions.
        QString text;
        for (int i = 0; i < 200; ++i) {
            text += QStringLiteral("Allow group G%1 to %2 repos in compartment C%3:D%4")
                        .arg(i % 50)
                        .arg(QStringList{"inspect", "read", "use", "manage"}.at(i % 4))
                        .arg(i % 7)
                        .arg(i % 3);
            if (i % 5 == 0)
                text +=
                    QStringLiteral(" where any { target.repo.name = 'team%1/*', request.networkSource.name = "
                                   "'corpnet' }")
                        .arg(i % 9);
            text += QLatin1Char('\n');
        }
        const Authorizer authz({policy(QStringLiteral("big"), QString(), text)},
                               {source("corpnet", {"10.0.0.0/8", "2001:db8::/32"})});
        QCOMPARE(authz.statementCount(), 200);

        QVector<AuthorizationRequest> requests;
        for (int i = 0; i < 64; ++i) {
            AuthorizationRequest r =
                request({QStringLiteral("G%1").arg(i % 50), QStringLiteral("G%1").arg((i * 7) % 50)},
                        Permission(i % PermissionCount), QStringLiteral("C%1:D%2:E").arg(i % 7).arg(i % 3),
                        QStringLiteral("team%1/app").arg(i % 9), QStringLiteral("v1"),
                        i % 2 ? QStringLiteral("10.1.2.3") : QStringLiteral("192.0.2.1"));
            requests.append(r);
        }
        QElapsedTimer timer;
        timer.start();
        int allowed = 0;
        for (int i = 0; i < 10000; ++i)
            allowed += authz.authorize(requests.at(i % requests.size())).allowed ? 1 : 0;
        const qint64 ms = timer.elapsed();
        qInfo("10000 decisions over 200 statements: %lld ms (%d allowed)", ms, allowed);
        QVERIFY(allowed > 0);
        QVERIFY(allowed < 10000);
        QVERIFY2(ms < 5000, "far slower than expected"); // generous: only catches pathological slowness
    }
};

QTEST_APPLESS_MAIN(TestAuthorizer)
#include "tst_authorizer.moc"
