#include "core/licensing/LicenceFixture.h"
#include "iam/IamErrors.h"
#include "licensing/LicenceStore.h"
#include "support/core/VerifyOk.h"

#include <QTest>

using namespace berth;

namespace {

/// "user version scope" per acceptance, in the order given.
QStringList summary(const Result<QList<LicenceAcceptance>>& list)
{
    QStringList out;
    if (!list)
        return {QStringLiteral("error: ") + list.error().message};
    for (const LicenceAcceptance& a : list.value())
        out << QStringLiteral("%1 %2 %3").arg(a.userName, a.version, a.scope.describe());
    return out;
}

} // namespace

class TestLicenceAcceptances : public QObject
{
    Q_OBJECT

private slots:
    void checkAndAccept()
    {
        LicenceFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        VERIFY_OK(f.repository(QStringLiteral("team/app"), QStringLiteral("Eng")));
        VERIFY_OK(f.repository(QStringLiteral("team/free")));
        LicenceStore& store = f.licences();
        const LicenceScope eng = LicenceFixture::compartmentScope(QStringLiteral("Eng"));
        auto v1 = store.publish(eng, LicenceFixture::version(QStringLiteral("1")));
        VERIFY_OK(v1);

        // Not gated: another repository, an unknown one.
        QVERIFY(store.check(QStringLiteral("team/free"), QStringLiteral("ann"))->satisfied());
        auto unknown = store.check(QStringLiteral("no/such"), QStringLiteral("ann"));
        VERIFY_OK(unknown);
        QVERIFY(!unknown->required);

        // Anonymous and a user who has not accepted: required, not accepted.
        auto anonymous = store.check(QStringLiteral("team/app"), QString());
        VERIFY_OK(anonymous);
        QVERIFY(anonymous->required);
        QVERIFY(!anonymous->accepted);
        QVERIFY(!anonymous->satisfied());
        QCOMPARE(anonymous->licence.ocid, v1->ocid);
        QCOMPARE(anonymous->licence.current.title, QStringLiteral("Example Licence"));
        QCOMPARE(anonymous->licence.current.body, QStringLiteral("Example Licence version 1"));
        auto ann = store.check(QStringLiteral("team/app"), QStringLiteral("ann"));
        VERIFY_OK(ann);
        QVERIFY(ann->required && !ann->accepted);

        // Accepting.
        f.clock().advance(10);
        const QDateTime acceptedAt = f.clock().now();
        auto accepted = store.accept(QStringLiteral("team/app"), QStringLiteral("1"), QStringLiteral("ann"),
                                     QStringLiteral("192.0.2.7"), QStringLiteral("portal"));
        VERIFY_OK(accepted);
        QCOMPARE(accepted->licenceOcid, v1->ocid);
        QCOMPARE(accepted->scope.compartment.toString(), QStringLiteral("Eng"));
        QCOMPARE(accepted->version, QStringLiteral("1"));
        QCOMPARE(accepted->title, QStringLiteral("Example Licence"));
        QCOMPARE(accepted->userName, QStringLiteral("ann"));
        QCOMPARE(accepted->acceptedAt, acceptedAt);
        QCOMPARE(accepted->clientAddress, QStringLiteral("192.0.2.7"));
        QCOMPARE(accepted->channel, QStringLiteral("portal"));
        QVERIFY(accepted->currentVersion);
        ann = store.check(QStringLiteral("team/app"), QStringLiteral("ann"));
        QVERIFY(ann->required && ann->accepted && ann->satisfied());
        QCOMPARE(ann->acceptedAt, acceptedAt);
        // Per user: bob still has to.
        QVERIFY(!store.check(QStringLiteral("team/app"), QStringLiteral("bob"))->satisfied());
        QVERIFY(!store.check(QStringLiteral("team/app"), QString())->satisfied());

        // Accepting again keeps the first time (and the first channel).
        f.clock().advance(10);
        auto twice = store.accept(QStringLiteral("team/app"), QStringLiteral("1"), QStringLiteral("ann"),
                                  QStringLiteral("198.51.100.1"), QStringLiteral("cli"));
        VERIFY_OK(twice);
        QCOMPARE(twice->acceptedAt, acceptedAt);
        QCOMPARE(twice->channel, QStringLiteral("portal"));
        QCOMPARE(store.acceptances({})->size(), 1);

        // A new version blocks again until it is accepted; the old version can no longer be accepted.
        f.clock().advance(10);
        VERIFY_OK(store.publish(eng, LicenceFixture::version(QStringLiteral("2"))));
        ann = store.check(QStringLiteral("team/app"), QStringLiteral("ann"));
        QVERIFY(ann->required && !ann->accepted);
        QCOMPARE(ann->licence.current.version, QStringLiteral("2"));
        auto stale = store.accept(QStringLiteral("team/app"), QStringLiteral("1"), QStringLiteral("ann"),
                                  QString(), QStringLiteral("api"));
        QVERIFY(!stale);
        QCOMPARE(IamErrors::reason(stale.error()), QStringLiteral("CONFLICT"));
        QVERIFY2(stale.error().message.contains(QLatin1String("version 2")),
                 qPrintable(stale.error().message));
        auto never = store.accept(QStringLiteral("team/app"), QStringLiteral("9"), QStringLiteral("ann"),
                                  QString(), QStringLiteral("api"));
        QCOMPARE(IamErrors::reason(never.error()), QStringLiteral("CONFLICT"));
        QVERIFY(!store.check(QStringLiteral("team/app"), QStringLiteral("ann"))->accepted);
        VERIFY_OK(store.accept(QStringLiteral("team/app"), QStringLiteral("2"), QStringLiteral("ann"),
                               QString(), QStringLiteral("api")));
        QVERIFY(store.check(QStringLiteral("team/app"), QStringLiteral("ann"))->satisfied());

        // Going back to version 1: ann accepted it once, so she is through again.
        VERIFY_OK(store.publish(eng, LicenceFixture::version(QStringLiteral("1"))));
        ann = store.check(QStringLiteral("team/app"), QStringLiteral("ann"));
        QVERIFY(ann->satisfied());
        QCOMPARE(ann->acceptedAt, acceptedAt);

        // What cannot be accepted.
        auto anonymousAccept = store.accept(QStringLiteral("team/app"), QStringLiteral("1"), QString(),
                                            QString(), QStringLiteral("api"));
        QCOMPARE(IamErrors::reason(anonymousAccept.error()), QStringLiteral("INVALID"));
        QVERIFY(anonymousAccept.error().message.contains(QLatin1String("sign in")));
        auto noVersion = store.accept(QStringLiteral("team/app"), QString(), QStringLiteral("ann"), QString(),
                                      QStringLiteral("api"));
        QCOMPARE(IamErrors::reason(noVersion.error()), QStringLiteral("INVALID"));
        auto ungated = store.accept(QStringLiteral("team/free"), QStringLiteral("1"), QStringLiteral("ann"),
                                    QString(), QStringLiteral("api"));
        QCOMPARE(IamErrors::reason(ungated.error()), QStringLiteral("NOT_FOUND"));
        QVERIFY2(ungated.error().message.contains(QLatin1String("needs no licence")),
                 qPrintable(ungated.error().message));
        auto missing = store.accept(QStringLiteral("no/such"), QStringLiteral("1"), QStringLiteral("ann"),
                                    QString(), QStringLiteral("api"));
        QCOMPARE(IamErrors::reason(missing.error()), QStringLiteral("NOT_FOUND"));
    }

    void reportFilters()
    {
        LicenceFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        VERIFY_OK(f.repository(QStringLiteral("eng/app"), QStringLiteral("Eng:Web")));
        VERIFY_OK(f.repository(QStringLiteral("ops/tool"), QStringLiteral("Ops")));
        VERIFY_OK(f.repository(QStringLiteral("plain")));
        LicenceStore& store = f.licences();
        auto engLicence = store.publish(LicenceFixture::compartmentScope(QStringLiteral("Eng")),
                                        LicenceFixture::version(QStringLiteral("1"), QStringLiteral("Eng")));
        VERIFY_OK(engLicence);
        auto opsLicence = store.publish(LicenceFixture::repositoryScope(QStringLiteral("ops/tool")),
                                        LicenceFixture::version(QStringLiteral("1"), QStringLiteral("Tool")));
        VERIFY_OK(opsLicence);
        auto accept = [&](const char* repo, const char* version, const char* user) {
            f.clock().advance(60);
            return store.accept(QLatin1String(repo), QLatin1String(version), QLatin1String(user),
                                QStringLiteral("10.0.0.1"), QStringLiteral("portal"));
        };
        VERIFY_OK(accept("eng/app", "1", "ann"));
        VERIFY_OK(accept("eng/app", "1", "bob"));
        VERIFY_OK(accept("ops/tool", "1", "ann"));
        VERIFY_OK(store.publish(LicenceFixture::compartmentScope(QStringLiteral("Eng")),
                                LicenceFixture::version(QStringLiteral("2"), QStringLiteral("Eng"))));
        VERIFY_OK(accept("eng/app", "2", "ann"));

        const QString annV2 = QStringLiteral("ann 2 compartment Eng");
        const QString annTool = QStringLiteral("ann 1 repository ops/tool");
        const QString bobV1 = QStringLiteral("bob 1 compartment Eng");
        const QString annV1 = QStringLiteral("ann 1 compartment Eng");

        // Everything, newest first, with what each is.
        auto all = store.acceptances({});
        QCOMPARE(summary(all), (QStringList{annV2, annTool, bobV1, annV1}));
        QVERIFY(all->at(0).currentVersion);
        QVERIFY(all->at(1).currentVersion);
        QVERIFY(!all->at(2).currentVersion);
        QCOMPARE(all->at(2).title, QStringLiteral("Eng"));
        QCOMPARE(all->at(2).licenceOcid, engLicence->ocid);
        QCOMPARE(all->at(1).licenceOcid, opsLicence->ocid);
        QCOMPARE(all->at(0).clientAddress, QStringLiteral("10.0.0.1"));
        QCOMPARE(all->at(0).channel, QStringLiteral("portal"));
        QVERIFY(all->at(0).acceptedAt > all->at(1).acceptedAt);

        LicenceAcceptanceFilter byLicence;
        byLicence.licenceOcid = engLicence->ocid;
        QCOMPARE(summary(store.acceptances(byLicence)), (QStringList{annV2, bobV1, annV1}));
        byLicence.licenceOcid = QStringLiteral("ocid1.licence.berth..nope");
        QCOMPARE(IamErrors::reason(store.acceptances(byLicence).error()), QStringLiteral("NOT_FOUND"));

        LicenceAcceptanceFilter byRepository;
        byRepository.repository = QStringLiteral("eng/app"); // the licence in force for it: Eng's
        QCOMPARE(summary(store.acceptances(byRepository)), (QStringList{annV2, bobV1, annV1}));
        byRepository.repository = QStringLiteral("ops/tool");
        QCOMPARE(summary(store.acceptances(byRepository)), QStringList{annTool});
        byRepository.repository = QStringLiteral("plain");
        QCOMPARE(summary(store.acceptances(byRepository)), QStringList());
        byRepository.repository = QStringLiteral("no/such");
        QCOMPARE(IamErrors::reason(store.acceptances(byRepository).error()), QStringLiteral("NOT_FOUND"));

        LicenceAcceptanceFilter byCompartment;
        byCompartment.compartment = CompartmentPath(); // the tenancy: everything below it
        QCOMPARE(summary(store.acceptances(byCompartment)), (QStringList{annV2, annTool, bobV1, annV1}));
        byCompartment.compartment = *CompartmentPath::parse(QStringLiteral("Eng"));
        QCOMPARE(summary(store.acceptances(byCompartment)), (QStringList{annV2, bobV1, annV1}));
        byCompartment.compartment = *CompartmentPath::parse(QStringLiteral("Eng:Web")); // set above it
        QCOMPARE(summary(store.acceptances(byCompartment)), QStringList());
        byCompartment.compartment = *CompartmentPath::parse(QStringLiteral("Ops")); // a repository in it
        QCOMPARE(summary(store.acceptances(byCompartment)), QStringList{annTool});
        byCompartment.compartment = *CompartmentPath::parse(QStringLiteral("Nowhere"));
        QCOMPARE(IamErrors::reason(store.acceptances(byCompartment).error()), QStringLiteral("NOT_FOUND"));

        LicenceAcceptanceFilter byUser;
        byUser.userName = QStringLiteral("ann");
        QCOMPARE(summary(store.acceptances(byUser)), (QStringList{annV2, annTool, annV1}));
        byUser.userName = QStringLiteral("bob");
        QCOMPARE(summary(store.acceptances(byUser)), QStringList{bobV1});

        LicenceAcceptanceFilter current;
        current.currentVersionOnly = true;
        QCOMPARE(summary(store.acceptances(current)), (QStringList{annV2, annTool}));

        // Filters combine.
        LicenceAcceptanceFilter combined;
        combined.compartment = *CompartmentPath::parse(QStringLiteral("Eng"));
        combined.userName = QStringLiteral("ann");
        combined.currentVersionOnly = true;
        QCOMPARE(summary(store.acceptances(combined)), QStringList{annV2});

        // Removing a licence removes its acceptances from the report.
        VERIFY_OK(store.remove(LicenceFixture::repositoryScope(QStringLiteral("ops/tool"))));
        QCOMPARE(summary(store.acceptances({})), (QStringList{annV2, bobV1, annV1}));
    }
};

QTEST_GUILESS_MAIN(TestLicenceAcceptances)
#include "tst_licenceacceptances.moc"
