// Retention rules and policies: the JSON model is validated with messages that say what to change (bad
// regular expression, N below 0, unknown rule, no delete rule), keep and select patterns match whole
// tags, and the policy store creates, reads, updates and deletes policies on repositories and
// compartments; a compartment policy applies to every repository in the compartments below it.

#include "RetentionFixture.h"
#include "iam/IdentityService.h"
#include "retention/RetentionRules.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace berth;
using namespace berth::test;

namespace {

QJsonObject json(const char* text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

} // namespace

class tst_RetentionRules : public QObject
{
    Q_OBJECT

private slots:
    void parsesEveryRule()
    {
        auto rules = RetentionRules::fromJson(
            json("{\"notPulledForDays\": 30, \"notTaggedForDays\": 90, \"untaggedOlderThanDays\": 0, "
                 "\"keepLastPushed\": 3, \"keepTags\": [\"latest\", \"v[0-9]+\"], \"selectTags\": "
                 "[\"pr-.*\"], \"deleteReferrers\": false}"));
        QVERIFY2(rules.ok(), qPrintable(rules.error().message));
        QCOMPARE(*rules->notPulledForDays, 30);
        QCOMPARE(*rules->notTaggedForDays, 90);
        QCOMPARE(*rules->untaggedOlderThanDays, 0);
        QCOMPARE(*rules->keepLastPushed, 3);
        QCOMPARE(rules->deleteReferrers, false);
        // Whole-tag matches only.
        QVERIFY(rules->keepsTag(QStringLiteral("latest")));
        QVERIFY(!rules->keepsTag(QStringLiteral("latest-2")));
        QVERIFY(rules->keepsTag(QStringLiteral("v12")));
        QVERIFY(!rules->keepsTag(QStringLiteral("v12.1")));
        QCOMPARE(rules->keepingPattern(QStringLiteral("v7")), QStringLiteral("v[0-9]+"));
        QVERIFY(rules->selectsTag(QStringLiteral("pr-17")));
        QVERIFY(!rules->selectsTag(QStringLiteral("xpr-17")));
        // Round trip.
        auto again = RetentionRules::fromJson(rules->toJson());
        QVERIFY(again.ok());
        QCOMPARE(again->toJson(), rules->toJson());
        // Without selectTags every tag is selected; deleteReferrers defaults to true.
        auto plain = RetentionRules::fromJson(json("{\"notPulledForDays\": 1}"));
        QVERIFY(plain.ok());
        QVERIFY(plain->selectsTag(QStringLiteral("anything")));
        QVERIFY(plain->deleteReferrers);
    }

    void refusesBadRules_data()
    {
        QTest::addColumn<QString>("rules");
        QTest::addColumn<QString>("says");
        QTest::newRow("bad regex") << QString("{\"notPulledForDays\": 1, \"keepTags\": [\"v[0-9\"]}")
                                   << QString("\"v[0-9\" in \"keepTags\" is not a valid regular expression");
        QTest::newRow("bad select regex")
            << QString("{\"notPulledForDays\": 1, \"selectTags\": [\"(pr\"]}")
            << QString("\"(pr\" in \"selectTags\" is not a valid regular expression");
        QTest::newRow("negative") << QString("{\"notPulledForDays\": -1}")
                                  << QString("\"notPulledForDays\" must be 0 or more, not -1");
        QTest::newRow("fraction") << QString("{\"untaggedOlderThanDays\": 1.5}")
                                  << QString("\"untaggedOlderThanDays\" must be a whole number");
        QTest::newRow("text") << QString("{\"notTaggedForDays\": \"30\"}")
                              << QString("\"notTaggedForDays\" must be a whole number");
        QTest::newRow("unknown") << QString("{\"notPulledForDays\": 1, \"deleteOlderThan\": 3}")
                                 << QString("\"deleteOlderThan\" is not a retention rule");
        QTest::newRow("no delete rule")
            << QString("{\"keepLastPushed\": 3}") << QString("needs at least one delete rule");
        QTest::newRow("keepTags not a list") << QString("{\"notPulledForDays\": 1, \"keepTags\": \"latest\"}")
                                             << QString("\"keepTags\" must be a list of regular expressions");
        QTest::newRow("referrers not bool") << QString("{\"notPulledForDays\": 1, \"deleteReferrers\": 1}")
                                            << QString("\"deleteReferrers\" must be true or false");
    }
    void refusesBadRules()
    {
        QFETCH(QString, rules);
        QFETCH(QString, says);
        auto parsed = RetentionRules::fromJson(json(rules.toUtf8().constData()));
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().message.contains(says), qPrintable(parsed.error().message));
        QCOMPARE(parsed.error().code, ErrorCode::NameInvalid);
    }

    void storeCrud()
    {
        RetentionFixture f;
        f.push(QStringLiteral("team/app"), QStringLiteral("v1"), QStringLiteral("a"));
        RetentionPolicyStore& store = f.retention().policies();
        RetentionPolicy p = f.addPolicy(QStringLiteral("app-cleanup"), json("{\"notPulledForDays\": 30}"),
                                        QStringLiteral("team/app"));
        QVERIFY(p.id.startsWith(QStringLiteral("ocid1.retentionpolicy.berth..")));
        QCOMPARE(p.repository, QStringLiteral("team/app"));
        QCOMPARE(p.createdAt, f.clock().now());

        // The same name again, a missing repository, a bad name.
        RetentionPolicy copy = p;
        auto twice = store.create(copy);
        QVERIFY(!twice.ok());
        QVERIFY2(twice.error().message.contains(QStringLiteral("exists already")),
                 qPrintable(twice.error().message));
        copy.name = QStringLiteral("other");
        copy.repository = QStringLiteral("team/none");
        auto missing = store.create(copy);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::NameUnknown);
        copy.name = QStringLiteral("bad name!");
        QVERIFY(!store.create(copy).ok());

        // Update: rename, disable, new rules.
        f.daysPass(1);
        RetentionPolicy changed = p;
        changed.name = QStringLiteral("app-retention");
        changed.enabled = false;
        changed.description = QStringLiteral("tidy");
        changed.rules = RetentionRules::fromJson(json("{\"untaggedOlderThanDays\": 7}")).value();
        auto updated = store.update(QStringLiteral("app-cleanup"), changed);
        QVERIFY2(updated.ok(), qPrintable(updated.error().message));
        QCOMPARE(updated->name, QStringLiteral("app-retention"));
        QCOMPARE(updated->enabled, false);
        QCOMPARE(updated->id, p.id);
        QVERIFY(updated->updatedAt > updated->createdAt);
        QVERIFY(!updated->rules.notPulledForDays);
        QCOMPARE(*updated->rules.untaggedOlderThanDays, 7);
        QVERIFY(!store.get(QStringLiteral("app-cleanup")).ok());
        QCOMPARE(store.list()->size(), 1);
        // Disabled policies do not apply, unless asked for.
        QCOMPARE(store.policiesFor(QStringLiteral("team/app"))->size(), 0);
        QCOMPARE(store.policiesFor(QStringLiteral("team/app"), true)->size(), 1);

        QVERIFY(store.remove(QStringLiteral("app-retention")).ok());
        QVERIFY(store.list()->isEmpty());
        QCOMPARE(store.remove(QStringLiteral("app-retention")).error().code, ErrorCode::NameUnknown);
    }

    void compartmentPoliciesApplyBelow()
    {
        RetentionFixture f;
        IdentityService identity(f.service().metadata());
        QVERIFY(identity.open().ok());
        QVERIFY(identity.createCompartment(CompartmentPath(), QStringLiteral("Apps")).ok());
        QVERIFY(
            identity.createCompartment(CompartmentPath({QStringLiteral("Apps")}), QStringLiteral("Backend"))
                .ok());
        QVERIFY(identity.createCompartment(CompartmentPath(), QStringLiteral("Other")).ok());
        QVERIFY(f.service()
                    .createRepository(QStringLiteral("apps/web"), CompartmentPath({QStringLiteral("Apps")}))
                    .ok());
        QVERIFY(f.service()
                    .createRepository(QStringLiteral("apps/api"),
                                      CompartmentPath({QStringLiteral("Apps"), QStringLiteral("Backend")}))
                    .ok());
        QVERIFY(f.service()
                    .createRepository(QStringLiteral("other/x"), CompartmentPath({QStringLiteral("Other")}))
                    .ok());
        f.push(QStringLiteral("top"), QStringLiteral("v1"), QStringLiteral("t")); // in the tenancy

        const RetentionPolicy apps = f.addPolicy(QStringLiteral("apps"), json("{\"notPulledForDays\": 30}"),
                                                 QStringLiteral("compartment:Apps"));
        f.addPolicy(QStringLiteral("api-only"), json("{\"untaggedOlderThanDays\": 1}"),
                    QStringLiteral("apps/api"));
        f.addPolicy(QStringLiteral("everything"), json("{\"untaggedOlderThanDays\": 90}"),
                    QStringLiteral("compartment:"));

        RetentionPolicyStore& store = f.retention().policies();
        QCOMPARE(store.repositoriesCovered(apps).value(),
                 (QStringList{QStringLiteral("apps/api"), QStringLiteral("apps/web")}));
        const auto names = [](const QList<RetentionPolicy>& list) {
            QStringList out;
            for (const RetentionPolicy& p : list)
                out << p.name;
            return out;
        };
        QCOMPARE(
            names(store.policiesFor(QStringLiteral("apps/api")).value()),
            (QStringList{QStringLiteral("api-only"), QStringLiteral("apps"), QStringLiteral("everything")}));
        QCOMPARE(names(store.policiesFor(QStringLiteral("apps/web")).value()),
                 (QStringList{QStringLiteral("apps"), QStringLiteral("everything")}));
        QCOMPARE(names(store.policiesFor(QStringLiteral("other/x")).value()),
                 QStringList{QStringLiteral("everything")});
        QCOMPARE(names(store.policiesFor(QStringLiteral("top")).value()),
                 QStringList{QStringLiteral("everything")});
        QCOMPARE(store.get(QStringLiteral("apps"))->compartment.toString(), QStringLiteral("Apps"));

        // Moving a repository changes what applies at once.
        QVERIFY(f.service()
                    .moveRepository(QStringLiteral("other/x"),
                                    CompartmentPath({QStringLiteral("Apps"), QStringLiteral("Backend")}))
                    .ok());
        QVERIFY(names(store.policiesFor(QStringLiteral("other/x")).value()).contains(QStringLiteral("apps")));
        // A policy on a compartment that does not exist is refused.
        RetentionPolicy nowhere;
        nowhere.name = QStringLiteral("nowhere");
        nowhere.compartment = CompartmentPath({QStringLiteral("Missing")});
        nowhere.rules = RetentionRules::fromJson(json("{\"notPulledForDays\": 1}")).value();
        auto refused = store.create(nowhere);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QStringLiteral("Missing")),
                 qPrintable(refused.error().message));
    }
};

QTEST_GUILESS_MAIN(tst_RetentionRules)
#include "tst_retentionrules.moc"
