// Network sources and policies: validation with exact messages, listing for the Authorizer, the cache.
#include "iam/IamErrors.h"
#include "iam/IdentityService.h"
#include "iam/PolicyParser.h"
#include "metadata/MetadataStore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;

namespace {

CompartmentPath path(const QString& text)
{
    return CompartmentPath::parse(text).value();
}

} // namespace

class TestIdentityPolicies : public QObject
{
    Q_OBJECT

private:
    struct Env
    {
        QTemporaryDir dir;
        ManualClock clock;
        MetadataStore store;
        std::unique_ptr<IdentityService> identity;

        Env() : store(dir.filePath(QStringLiteral("berth.db")))
        {
            if (!store.open())
                qFatal("store did not open");
            IdentityService::Options o;
            o.clock = &clock;
            o.passwordParameters.log2N = 10;
            identity = std::make_unique<IdentityService>(store, o);
            if (!identity->open())
                qFatal("identity did not open");
            must(identity->createCompartment({}, QStringLiteral("Apps")));
            must(identity->createCompartment(path(QStringLiteral("Apps")), QStringLiteral("Backend")));
            must(identity->createGroup(QStringLiteral("Developers")));
            must(identity->createGroup(QStringLiteral("Auditors")));
        }

        template <typename T> static void must(const Result<T>& r)
        {
            if (!r)
                qFatal("%s", qPrintable(r.error().message));
        }
    };

private slots:
    void networkSources()
    {
        Env env;
        auto corp = env.identity->createNetworkSource(
            QStringLiteral("corpnet"), {QStringLiteral("10.0.0.0/8"), QStringLiteral(" 2001:db8::/32 ")},
            QStringLiteral("offices"));
        QVERIFY2(corp.ok(), qPrintable(corp.error().message));
        QCOMPARE(corp->ranges, (QStringList{QStringLiteral("10.0.0.0/8"), QStringLiteral("2001:db8::/32")}));
        QVERIFY(corp->id.startsWith(QStringLiteral("ocid1.networksource.berth..")));
        QCOMPARE(env.identity->createNetworkSource(QStringLiteral("corpnet"), {QStringLiteral("10.0.0.0/8")})
                     .error()
                     .message,
                 QStringLiteral("A network source named corpnet already exists"));
        QCOMPARE(env.identity->createNetworkSource(QStringLiteral("empty"), {}).error().message,
                 QStringLiteral("Network source empty needs at least one address range"));

        // Bad ranges: one message per bad entry, from CidrRange, all at once.
        QString why2;
        QString why3;
        QVERIFY(!CidrRange::parse(u"10.0.0.1/8", &why2));
        QVERIFY(!CidrRange::parse(u"nonsense", &why3));
        auto bad = env.identity->createNetworkSource(
            QStringLiteral("bad"),
            {QStringLiteral("192.168.0.0/16"), QStringLiteral("10.0.0.1/8"), QStringLiteral("nonsense")});
        QVERIFY(!bad.ok());
        QCOMPARE(IamErrors::reason(bad.error()), QStringLiteral("INVALID"));
        QCOMPARE(bad.error().message,
                 QStringLiteral("network source bad, entry 2: %1\nnetwork source bad, entry 3: %2")
                     .arg(why2, why3));
        QCOMPARE(bad.error().detail.toObject().value(QStringLiteral("problems")).toArray().size(), 2);
        QVERIFY(!env.identity->networkSource(QStringLiteral("bad")).ok());

        auto updated = env.identity->updateNetworkSource(
            QStringLiteral("corpnet"), {QStringLiteral("172.16.0.0/12")}, QStringLiteral("moved"));
        QVERIFY(updated.ok());
        QCOMPARE(env.identity->networkSource(QStringLiteral("corpnet"))->ranges,
                 QStringList{QStringLiteral("172.16.0.0/12")});
        QCOMPARE(env.identity->networkSources()->size(), 1);
        auto set = env.identity->networkSourceSet();
        QCOMPARE(set->size(), 1);
        QVERIFY(set->at(0).contains(IpAddress::parse(u"172.20.1.1").value()));
        QVERIFY(!set->at(0).contains(IpAddress::parse(u"10.1.1.1").value()));

        // In use by a policy: cannot be deleted.
        QVERIFY(env.identity
                    ->createPolicy(
                        {}, QStringLiteral("ci"), QString(),
                        QStringLiteral("Allow group Developers to manage repos in compartment Apps where "
                                       "request.networkSource.name = 'corpnet'"))
                    .ok());
        auto inUse = env.identity->deleteNetworkSource(QStringLiteral("corpnet"));
        QCOMPARE(inUse.error().message,
                 QStringLiteral(
                     "Network source corpnet cannot be deleted: 1 policy uses it (ci). Change them first."));
        QVERIFY(env.identity->deletePolicy({}, QStringLiteral("ci")).ok());
        QVERIFY(env.identity->deleteNetworkSource(QStringLiteral("corpnet")).ok());
        QCOMPARE(env.identity->deleteNetworkSource(QStringLiteral("corpnet")).error().message,
                 QStringLiteral("There is no network source named corpnet"));
    }

    void policiesAreValidated()
    {
        Env env;
        QVERIFY(env.identity->createNetworkSource(QStringLiteral("corpnet"), {QStringLiteral("10.0.0.0/8")})
                    .ok());

        // Syntax: the parser's own positioned message.
        const QString typo = QStringLiteral("Allow group Developers too use repos in tenancy");
        const QVector<PolicyError> typoErrors = PolicyParser::parse(typo).errors;
        QCOMPARE(typoErrors.size(), 1);
        auto syntax = env.identity->createPolicy({}, QStringLiteral("typo"), QString(), typo);
        QVERIFY(!syntax.ok());
        QCOMPARE(syntax.error().code, ErrorCode::NameInvalid);
        QCOMPARE(syntax.error().message,
                 QStringLiteral("Policy typo is not valid:\n") + typoErrors.first().toString());
        QVERIFY(syntax.error().message.startsWith(
            QStringLiteral("Policy typo is not valid:\nline 1, column 24: ")));
        const QJsonArray problems =
            syntax.error().detail.toObject().value(QStringLiteral("problems")).toArray();
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.at(0).toObject().value(QStringLiteral("line")).toInt(), 1);
        QCOMPARE(problems.at(0).toObject().value(QStringLiteral("column")).toInt(), 24);

        // Names: unknown group, compartment (relative to the attachment point), network source; in line
        // order.
        const QString names = QStringLiteral("Allow group Testers to read repos in tenancy\n"
                                             "# a comment\n"
                                             "Allow group Developers to use repos in compartment Frontend\n"
                                             "Allow group Auditors to read repos in compartment Backend "
                                             "where request.networkSource.name = 'homenet'");
        auto unknown = env.identity->createPolicy(path(QStringLiteral("Apps")), QStringLiteral("names"),
                                                  QString(), names);
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().message,
                 QStringLiteral(
                     "Policy names is not valid:\n"
                     "line 1, column 13: unknown group 'Testers'\n"
                     "line 1, column 38: 'tenancy' can only be used in a policy attached to the tenancy; "
                     "this policy is attached to compartment Apps, so name a compartment under it or "
                     "attach the policy to the tenancy\n"
                     "line 3, column 52: unknown compartment Apps:Frontend (paths are relative to "
                     "compartment Apps, where this policy is attached)\n"
                     "line 4, column 94: unknown network source 'homenet'"));
        const QStringList lines = unknown.error().message.split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 5);
        // The same checks without storing anything.
        auto checked = env.identity->checkPolicy(path(QStringLiteral("Apps")), names);
        QVERIFY(checked.ok());
        QCOMPARE(checked->size(), 4);
        QVERIFY(env.identity->policies()->isEmpty());

        // Relative locations resolve against the attachment point: Backend under Apps exists.
        auto good = env.identity->createPolicy(
            path(QStringLiteral("Apps")), QStringLiteral("backend-devs"),
            QStringLiteral("who builds the backend"),
            QStringLiteral("Allow group Developers to use repos in compartment Backend\n"
                           "Allow group Auditors to read repos in compartment Backend where "
                           "request.networkSource.name = 'corpnet'"));
        QVERIFY2(good.ok(), qPrintable(good.error().message));
        QVERIFY(good->id.startsWith(QStringLiteral("ocid1.policy.berth..")));
        // ...and the same text at the tenancy does not (Backend is not a top-level compartment).
        QVERIFY(!env.identity->createPolicy({}, QStringLiteral("backend-devs"), QString(), good->statements)
                     .ok());
        // Unique per compartment only.
        auto dup = env.identity->createPolicy(path(QStringLiteral("Apps")), QStringLiteral("backend-devs"),
                                              QString(), good->statements);
        QCOMPARE(dup.error().message,
                 QStringLiteral("A policy named backend-devs already exists in compartment Apps"));
        QVERIFY(env.identity
                    ->createPolicy({}, QStringLiteral("backend-devs"), QString(),
                                   QStringLiteral("Allow group Auditors to read repos in tenancy"))
                    .ok());
        auto empty = env.identity->createPolicy({}, QStringLiteral("empty"), QString(),
                                                QStringLiteral("# nothing\n\n"));
        QCOMPARE(empty.error().message,
                 QStringLiteral(
                     "Policy empty is not valid:\nline 1, column 1: a policy needs at least one statement"));
        QCOMPARE(env.identity
                     ->createPolicy(path(QStringLiteral("Nope")), QStringLiteral("p"), QString(),
                                    QStringLiteral("Allow group Auditors to read repos in tenancy"))
                     .error()
                     .message,
                 QStringLiteral("There is no compartment Nope"));
        QCOMPARE(
            env.identity->createPolicy({}, QStringLiteral("bad name"), QString(), QString()).error().message,
            QStringLiteral(
                "The policy name 'bad name' contains ' '; names use letters, digits, '-', '_' and '.'"));

        // Updates are validated the same way and keep the old text on failure.
        auto badUpdate = env.identity->updatePolicy(
            path(QStringLiteral("Apps")), QStringLiteral("backend-devs"), QString(),
            QStringLiteral("Allow group Nobody to read repos in compartment Backend"));
        QVERIFY(!badUpdate.ok());
        QVERIFY(badUpdate.error().message.startsWith(
            QStringLiteral("Policy backend-devs is not valid:\nline 1, column 13: unknown group 'Nobody'")));
        QCOMPARE(
            env.identity->policy(path(QStringLiteral("Apps")), QStringLiteral("backend-devs"))->statements,
            good->statements);
    }

    void listingForTheAuthorizerAndCache()
    {
        Env env;
        QVERIFY(env.identity->createUser({QStringLiteral("dev"), {}, {}, QStringLiteral("dev-password-12")})
                    .ok());
        QVERIFY(env.identity->addUserToGroup(QStringLiteral("Developers"), QStringLiteral("dev")).ok());
        QVERIFY(
            env.identity
                ->createPolicy(path(QStringLiteral("Apps")), QStringLiteral("devs"), QString(),
                               QStringLiteral("Allow group Developers to use repos in compartment Backend"))
                .ok());
        auto attached = env.identity->attachedPolicies();
        QVERIFY(attached.ok());
        QCOMPARE(attached->size(), 1);
        QCOMPARE(attached->at(0).name, QStringLiteral("devs"));
        QCOMPARE(attached->at(0).compartment, path(QStringLiteral("Apps")));
        QCOMPARE(attached->at(0).statements.size(), 1);

        auto first = env.identity->authorizer();
        QVERIFY(first.ok());
        QCOMPARE(env.identity->authorizer().value().get(), first.value().get()); // cached

        AuthorizationRequest request;
        request.subject = env.identity->subject(QStringLiteral("dev")).value();
        request.permission = Permission::RepositoryUpdate;
        request.target.compartment = path(QStringLiteral("Apps:Backend"));
        request.target.repository = QStringLiteral("svc/api");
        QVERIFY(first.value()->authorize(request).allowed);

        // A change rebuilds it: renaming the attachment compartment moves the policy with it.
        QVERIFY(env.identity->renameCompartment(path(QStringLiteral("Apps")), QStringLiteral("Applications"))
                    .ok());
        auto second = env.identity->authorizer();
        QVERIFY(second.value().get() != first.value().get());
        QCOMPARE(env.identity->attachedPolicies()->at(0).compartment, path(QStringLiteral("Applications")));
        QVERIFY(!second.value()->authorize(request).allowed);
        request.target.compartment = path(QStringLiteral("Applications:Backend"));
        QVERIFY(second.value()->authorize(request).allowed);

        // Updating the policy text changes the decision.
        QVERIFY(
            env.identity
                ->updatePolicy(path(QStringLiteral("Applications")), QStringLiteral("devs"), QString(),
                               QStringLiteral("Allow group Developers to read repos in compartment Backend"))
                .ok());
        QVERIFY(!env.identity->authorizer().value()->authorize(request).allowed);
        request.permission = Permission::RepositoryRead;
        QVERIFY(env.identity->authorizer().value()->authorize(request).allowed);

        auto listed = env.identity->policies();
        QCOMPARE(listed->size(), 1);
        QCOMPARE(listed->at(0).compartment, path(QStringLiteral("Applications")));
        QSignalSpy events(env.identity.get(), &IdentityService::identityEvent);
        QVERIFY(env.identity
                    ->deletePolicy(path(QStringLiteral("Applications")), QStringLiteral("devs"),
                                   QStringLiteral("root"))
                    .ok());
        QCOMPARE(events.size(), 1);
        const auto e = events.at(0).at(0).value<IdentityEvent>();
        QCOMPARE(e.type, IdentityEventType::PolicyDeleted);
        QCOMPARE(e.actor, QStringLiteral("root"));
        QCOMPARE(e.detail, QStringLiteral("in compartment Applications"));
        QVERIFY(!env.identity->authorizer().value()->authorize(request).allowed);
        QCOMPARE(env.identity->authorizer().value()->statementCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestIdentityPolicies)
#include "tst_identitypolicies.moc"
