#include "core/licensing/LicenceFixture.h"
#include "iam/IamErrors.h"
#include "registry/RepositoryCatalog.h"
#include "support/core/VerifyOk.h"

#include <QTest>

using namespace berth;

/// RegistryService::setRepositoryDescription and RepositorySummary.description (shown by the portal).
class TestRepositoryDescription : public QObject
{
    Q_OBJECT

private slots:
    void repositoryDescriptions()
    {
        LicenceFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        VERIFY_OK(f.repository(QStringLiteral("team/app")));
        RegistryService& r = f.registry();
        RepositoryCatalog catalog(r.metadata());
        QCOMPARE(catalog.repository(QStringLiteral("team/app"))->value().description, QString());

        const QString text = QStringLiteral("The team's app.\r\nBuilt nightly;\tsee the wiki.");
        VERIFY_OK(r.setRepositoryDescription(QStringLiteral("team/app"), text));
        QCOMPARE(catalog.repository(QStringLiteral("team/app"))->value().description,
                 QStringLiteral("The team's app.\nBuilt nightly;\tsee the wiki."));
        QCOMPARE(catalog.repositories()->first().description,
                 QStringLiteral("The team's app.\nBuilt nightly;\tsee the wiki."));

        auto tooLong =
            r.setRepositoryDescription(QStringLiteral("team/app"), QString(2001, QLatin1Char('d')));
        QVERIFY(!tooLong);
        QCOMPARE(IamErrors::reason(tooLong.error()), QStringLiteral("INVALID"));
        QVERIFY2(tooLong.error().message.contains(QLatin1String("at most 2000")),
                 qPrintable(tooLong.error().message));
        VERIFY_OK(r.setRepositoryDescription(QStringLiteral("team/app"), QString(2000, QLatin1Char('d'))));

        auto control = r.setRepositoryDescription(QStringLiteral("team/app"), QStringLiteral("bell\x07"));
        QVERIFY(!control);
        QCOMPARE(IamErrors::reason(control.error()), QStringLiteral("INVALID"));
        QVERIFY2(control.error().message.contains(QLatin1String("U+0007")),
                 qPrintable(control.error().message));
        QCOMPARE(catalog.repository(QStringLiteral("team/app"))->value().description,
                 QString(2000, QLatin1Char('d')));

        auto unknown = r.setRepositoryDescription(QStringLiteral("no/such"), QStringLiteral("x"));
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().code, ErrorCode::NameUnknown);

        VERIFY_OK(r.setRepositoryDescription(QStringLiteral("team/app"), QString()));
        QCOMPARE(catalog.repository(QStringLiteral("team/app"))->value().description, QString());
    }
};

QTEST_GUILESS_MAIN(TestRepositoryDescription)
#include "tst_repositorydescription.moc"
