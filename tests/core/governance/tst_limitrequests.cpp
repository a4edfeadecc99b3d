#include "core/governance/GovernanceFixture.h"
#include "governance/LimitRequestStore.h"
#include "governance/LimitSettings.h"
#include "iam/IamErrors.h"
#include "metadata/MetadataStore.h"
#include "support/core/VerifyOk.h"

#include <QTest>

using namespace berth;

class TestLimitRequests : public QObject
{
    Q_OBJECT

private slots:
    void refusesRequestsThatMakeNoSense()
    {
        GovernanceFixture f(RegistryLimits{10, 5});
        LimitRequestStore requests(f.registry().metadata(), f.registry().defaultLimits(), f.clock());
        VERIFY_OK(f.registry().createRepository(QStringLiteral("app"), CompartmentPath()));
        const QString images = LimitSettings::ImagesPerRepository;
        auto noReason =
            requests.create(images, QStringLiteral("app"), 50, QStringLiteral("  "), QStringLiteral("ann"));
        QVERIFY(!noReason);
        QCOMPARE(IamErrors::reason(noReason.error()), QStringLiteral("INVALID"));
        QVERIFY(noReason.error().message.contains(QLatin1String("reason")));
        auto notHigher =
            requests.create(images, QStringLiteral("app"), 5, QStringLiteral("more"), QStringLiteral("ann"));
        QVERIFY(!notHigher);
        QVERIFY2(notHigher.error().message.contains(QLatin1String("is 5 already")),
                 qPrintable(notHigher.error().message));
        auto unknownLimit = requests.create(QStringLiteral("tags"), QString(), 50, QStringLiteral("more"),
                                            QStringLiteral("ann"));
        QVERIFY(!unknownLimit);
        QVERIFY(unknownLimit.error().message.contains(QLatin1String("no limit \"tags\"")));
        auto unknownRepo = requests.create(images, QStringLiteral("nope"), 50, QStringLiteral("more"),
                                           QStringLiteral("ann"));
        QVERIFY(!unknownRepo);
        QCOMPARE(IamErrors::reason(unknownRepo.error()), QStringLiteral("NOT_FOUND"));
        auto repoForRegistryLimit = requests.create(LimitSettings::Repositories, QStringLiteral("app"), 50,
                                                    QStringLiteral("more"), QStringLiteral("ann"));
        QVERIFY(!repoForRegistryLimit);
        auto list = requests.list(QString(), false);
        VERIFY_OK(list);
        QVERIFY(list->isEmpty());
    }

    void approvingRaisesTheRepositorysImageLimit()
    {
        GovernanceFixture f(RegistryLimits{10, 2});
        RegistryService& r = f.registry();
        LimitRequestStore requests(r.metadata(), r.defaultLimits(), f.clock());
        const QString repo = QStringLiteral("app");
        VERIFY_OK(f.pushBlobs(repo));
        VERIFY_OK(f.pushImage(repo, 1));
        VERIFY_OK(f.pushImage(repo, 2));
        QVERIFY(!f.pushImage(repo, 3));

        auto asked = requests.create(LimitSettings::ImagesPerRepository, repo, 4,
                                     QStringLiteral("nightly builds"), QStringLiteral("ann"));
        VERIFY_OK(asked);
        QCOMPARE(asked->currentValue, qint64(2));
        QCOMPARE(asked->status, LimitRequest::Pending);
        QCOMPARE(asked->requestedAt, f.clock().now());
        QVERIFY(asked->ocid.startsWith(QLatin1String("ocid1.limitrequest.berth..")));
        // Another user's request, and the listings.
        f.clock().advance(60);
        VERIFY_OK(requests.create(LimitSettings::Repositories, QString(), 20, QStringLiteral("new team"),
                                  QStringLiteral("bob")));
        auto anns = requests.list(QStringLiteral("ann"), false);
        VERIFY_OK(anns);
        QCOMPARE(anns->size(), 1);
        auto all = requests.list(QString(), true);
        VERIFY_OK(all);
        QCOMPARE(all->size(), 2);
        QCOMPARE(all->first().requestedBy, QStringLiteral("bob")); // newest first

        f.clock().advance(60);
        auto approved = requests.approve(asked->id, QStringLiteral("admin"), QStringLiteral("ok for now"));
        VERIFY_OK(approved);
        QCOMPARE(approved->status, LimitRequest::Approved);
        QCOMPARE(approved->decidedBy, QStringLiteral("admin"));
        QCOMPARE(approved->decidedAt, f.clock().now());
        auto stored = requests.find(asked->id);
        VERIFY_OK(stored);
        QCOMPARE(stored.value()->decisionNote, QStringLiteral("ok for now"));
        VERIFY_OK(f.pushImage(repo, 3));
        VERIFY_OK(f.pushImage(repo, 4));
        auto fifth = f.pushImage(repo, 5);
        QVERIFY(!fifth);
        QVERIFY(fifth.error().message.contains(QLatin1String("limit of 4 images")));
        // Other repositories keep the registry's limit.
        auto id = r.metadata().repositoryId(repo);
        VERIFY_OK(id);
        auto own = LimitSettings(r.metadata(), r.defaultLimits()).ownImageLimit(*id.value());
        VERIFY_OK(own);
        QCOMPARE(own.value().value_or(0), qint64(4));

        auto twice = requests.decline(asked->id, QStringLiteral("admin"), QString());
        QVERIFY(!twice);
        QCOMPARE(IamErrors::reason(twice.error()), QStringLiteral("PROTECTED"));
        QVERIFY(twice.error().message.contains(QLatin1String("was approved already by admin")));
        auto pending = requests.list(QString(), true);
        VERIFY_OK(pending);
        QCOMPARE(pending->size(), 1);
        auto unknown = requests.approve(999, QStringLiteral("admin"), QString());
        QVERIFY(!unknown);
        QCOMPARE(IamErrors::reason(unknown.error()), QStringLiteral("NOT_FOUND"));
    }

    void decliningKeepsTheLimitApprovingRepositoriesRaisesIt()
    {
        GovernanceFixture f(RegistryLimits{1, 10});
        RegistryService& r = f.registry();
        LimitRequestStore requests(r.metadata(), r.defaultLimits(), f.clock());
        VERIFY_OK(r.createRepository(QStringLiteral("one"), CompartmentPath()));
        QVERIFY(!r.createRepository(QStringLiteral("two"), CompartmentPath()));
        auto first = requests.create(LimitSettings::Repositories, QString(), 100,
                                     QStringLiteral("many teams"), QStringLiteral("ann"));
        VERIFY_OK(first);
        auto declined =
            requests.decline(first->id, QStringLiteral("admin"), QStringLiteral("too many; ask for 3"));
        VERIFY_OK(declined);
        QCOMPARE(declined->status, LimitRequest::Declined);
        QCOMPARE(declined->decisionNote, QStringLiteral("too many; ask for 3"));
        QVERIFY(!r.createRepository(QStringLiteral("two"), CompartmentPath()));

        auto second = requests.create(LimitSettings::Repositories, QString(), 3, QStringLiteral("two teams"),
                                      QStringLiteral("ann"));
        VERIFY_OK(second);
        VERIFY_OK(requests.approve(second->id, QStringLiteral("admin"), QString()));
        VERIFY_OK(r.createRepository(QStringLiteral("two"), CompartmentPath()));
        VERIFY_OK(r.createRepository(QStringLiteral("three"), CompartmentPath()));
        QVERIFY(!r.createRepository(QStringLiteral("four"), CompartmentPath()));
        auto limits = LimitSettings(r.metadata(), r.defaultLimits()).effective();
        VERIFY_OK(limits);
        QCOMPARE(limits->repositories, qint64(3));
    }
};

QTEST_GUILESS_MAIN(TestLimitRequests)
#include "tst_limitrequests.moc"
