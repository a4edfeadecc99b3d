#include "core/licensing/LicenceFixture.h"
#include "iam/IamErrors.h"
#include "licensing/LicenceStore.h"
#include "metadata/MetadataStore.h"
#include "support/core/VerifyOk.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

Q_DECLARE_METATYPE(berth::LicenceVersion)

using namespace berth;

namespace {

/// The fields an INVALID error names in detail.problems.
QStringList problemFields(const Error& error)
{
    QStringList fields;
    for (const QJsonValue& p : error.detail.toObject().value(QStringLiteral("problems")).toArray())
        fields << p.toObject().value(QStringLiteral("field")).toString();
    return fields;
}

} // namespace

class TestLicenceStore : public QObject
{
    Q_OBJECT

private slots:
    void formatsAndScopes()
    {
        QCOMPARE(licenceFormatName(LicenceFormat::Text), QStringLiteral("text"));
        QCOMPARE(licenceFormatName(LicenceFormat::Markdown), QStringLiteral("markdown"));
        LicenceFormat f = LicenceFormat::Text;
        QVERIFY(parseLicenceFormat(QStringLiteral("markdown"), &f));
        QCOMPARE(f, LicenceFormat::Markdown);
        QVERIFY(parseLicenceFormat(QStringLiteral("Text"), &f));
        QCOMPARE(f, LicenceFormat::Text);
        QVERIFY(!parseLicenceFormat(QStringLiteral("html"), &f));
        QVERIFY(!parseLicenceFormat(QString(), &f));
        QCOMPARE(LicenceScope::ofRepository(QStringLiteral("team/app")).describe(),
                 QStringLiteral("repository team/app"));
        QCOMPARE(LicenceFixture::compartmentScope(QStringLiteral("Engineering:Web")).describe(),
                 QStringLiteral("compartment Engineering:Web"));
        QCOMPARE(LicenceScope::ofCompartment(CompartmentPath()).describe(), QStringLiteral("the tenancy"));
    }

    void validateRefusesEachFieldWithItsMessage_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<LicenceVersion>("version");
        QTest::addColumn<QString>("says");
        const LicenceVersion good = LicenceFixture::version(QStringLiteral("1"));
        auto with = [&](auto change) {
            LicenceVersion v = good;
            change(v);
            return v;
        };
        QTest::newRow("empty version")
            << "version" << with([](LicenceVersion& v) { v.version.clear(); }) << "The version is empty";
        QTest::newRow("long version")
            << "version" << with([](LicenceVersion& v) { v.version = QString(65, QLatin1Char('1')); })
            << "longer than 64 characters";
        QTest::newRow("version with a space")
            << "version" << with([](LicenceVersion& v) { v.version = QStringLiteral("2 beta"); })
            << "may only use letters, digits";
        QTest::newRow("empty title") << "title"
                                     << with([](LicenceVersion& v) { v.title = QStringLiteral("  "); })
                                     << "The title is empty";
        QTest::newRow("long title") << "title" << with([](LicenceVersion& v) {
            v.title = QString(201, QLatin1Char('x'));
        }) << "shorten it to at most 200";
        QTest::newRow("two-line title")
            << "title" << with([](LicenceVersion& v) { v.title = QStringLiteral("Example\nLicence"); })
            << "must be one line";
        QTest::newRow("unknown format")
            << "format" << with([](LicenceVersion& v) { v.format = static_cast<LicenceFormat>(7); })
            << "text or markdown";
        QTest::newRow("empty text") << "text"
                                    << with([](LicenceVersion& v) { v.body = QStringLiteral("\n \n"); })
                                    << "The licence text is empty";
        QTest::newRow("text over 1 MiB") << "text" << with([](LicenceVersion& v) {
            v.body = QString(LicenceStore::MaxBodyBytes / 2 + 1, QChar(0x00e9));
        }) << "at most 1048576 bytes";
    }

    void validateRefusesEachFieldWithItsMessage()
    {
        QFETCH(QString, field);
        QFETCH(LicenceVersion, version);
        QFETCH(QString, says);
        auto valid = LicenceStore::validate(version);
        QVERIFY(!valid);
        QCOMPARE(IamErrors::reason(valid.error()), QStringLiteral("INVALID"));
        QVERIFY2(valid.error().message.contains(says), qPrintable(valid.error().message));
        QCOMPARE(problemFields(valid.error()), QStringList{field});

        // publish refuses it the same way and stores nothing.
        LicenceFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        VERIFY_OK(f.repository(QStringLiteral("team/app")));
        auto published =
            f.licences().publish(LicenceFixture::repositoryScope(QStringLiteral("team/app")), version);
        QVERIFY(!published);
        QCOMPARE(IamErrors::reason(published.error()), QStringLiteral("INVALID"));
        QVERIFY(f.licences().list()->isEmpty());
    }

    void validateAcceptsTheLimits()
    {
        LicenceVersion v =
            LicenceFixture::version(QString(64, QLatin1Char('v')), QString(200, QLatin1Char('t')));
        v.version = QStringLiteral("2026-11_rc.1+") + QString(50, QLatin1Char('a'));
        v.body = QString(LicenceStore::MaxBodyBytes, QLatin1Char('x'));
        VERIFY_OK(LicenceStore::validate(v));
        // Several problems at once: each named.
        LicenceVersion bad;
        auto all = LicenceStore::validate(bad);
        QVERIFY(!all);
        QCOMPARE(problemFields(all.error()),
                 (QStringList{QStringLiteral("version"), QStringLiteral("title"), QStringLiteral("text")}));
    }

    void publishRefusesUnknownScopes()
    {
        LicenceFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        auto repo = f.licences().publish(LicenceFixture::repositoryScope(QStringLiteral("no/such")),
                                         LicenceFixture::version(QStringLiteral("1")));
        QVERIFY(!repo);
        QCOMPARE(IamErrors::reason(repo.error()), QStringLiteral("NOT_FOUND"));
        QVERIFY2(repo.error().message.contains(QLatin1String("no/such")), qPrintable(repo.error().message));
        auto compartment = f.licences().publish(LicenceFixture::compartmentScope(QStringLiteral("Nowhere")),
                                                LicenceFixture::version(QStringLiteral("1")));
        QVERIFY(!compartment);
        QCOMPARE(IamErrors::reason(compartment.error()), QStringLiteral("NOT_FOUND"));
        QVERIFY(compartment.error().message.contains(QLatin1String("compartment Nowhere")));
        QCOMPARE(IamErrors::reason(
                     f.licences().remove(LicenceFixture::repositoryScope(QStringLiteral("x"))).error()),
                 QStringLiteral("NOT_FOUND"));
        QCOMPARE(IamErrors::reason(f.licences().licenceFor(QStringLiteral("no/such")).error()),
                 QStringLiteral("NOT_FOUND"));
    }

    void publishVersionsAndConflicts()
    {
        LicenceFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        VERIFY_OK(f.repository(QStringLiteral("team/app"), QStringLiteral("Engineering")));
        LicenceStore& store = f.licences();
        QCOMPARE(&store, &f.registry().licences());
        const LicenceScope scope = LicenceFixture::repositoryScope(QStringLiteral("team/app"));
        const QDateTime t0 = f.clock().now();

        LicenceVersion v1 = LicenceFixture::version(QStringLiteral("1"));
        v1.title = QStringLiteral("  Example Licence ");
        v1.format = LicenceFormat::Markdown;
        v1.body = QStringLiteral("# Example\n\nYou may *use* this image.");
        auto first = store.publish(scope, v1);
        VERIFY_OK(first);
        QVERIFY(first->ocid.startsWith(QLatin1String("ocid1.licence.berth..")));
        QCOMPARE(first->scope.kind, LicenceScope::Kind::Repository);
        QCOMPARE(first->scope.repository, QStringLiteral("team/app"));
        QCOMPARE(first->current.version, QStringLiteral("1"));
        QCOMPARE(first->current.title, QStringLiteral("Example Licence")); // trimmed
        QCOMPARE(first->current.format, LicenceFormat::Markdown);
        QCOMPARE(first->current.body, v1.body);
        QCOMPARE(first->current.publishedBy, QStringLiteral("admin"));
        QCOMPARE(first->current.publishedAt, t0);
        QCOMPARE(first->createdAt, t0);
        QCOMPARE(first->updatedAt, t0);

        // The same content again changes nothing (not even the times).
        f.clock().advance(60);
        auto again = store.publish(scope, v1);
        VERIFY_OK(again);
        QCOMPARE(again->id, first->id);
        QCOMPARE(again->updatedAt, t0);
        QCOMPARE(again->current.publishedAt, t0);
        QCOMPARE(store.versions(first->ocid)->size(), 1);

        // The same version with another text, title or format: CONFLICT, nothing changes.
        LicenceVersion changedText = v1;
        changedText.body += QStringLiteral(" Changed.");
        auto conflict = store.publish(scope, changedText);
        QVERIFY(!conflict);
        QCOMPARE(IamErrors::reason(conflict.error()), QStringLiteral("CONFLICT"));
        QVERIFY2(conflict.error().message.contains(QLatin1String("different text")) &&
                     conflict.error().message.contains(QLatin1String("new version")),
                 qPrintable(conflict.error().message));
        LicenceVersion changedFormat = v1;
        changedFormat.format = LicenceFormat::Text;
        auto formatConflict = store.publish(scope, changedFormat);
        QVERIFY(!formatConflict);
        QVERIFY2(formatConflict.error().message.contains(QLatin1String("different format")),
                 qPrintable(formatConflict.error().message));
        QCOMPARE(store.licenceOf(scope)->value().current.body, v1.body);

        // A new version replaces it; both stay, newest first.
        f.clock().advance(60);
        const QDateTime t2 = f.clock().now();
        LicenceVersion v2 = LicenceFixture::version(QStringLiteral("2"), QStringLiteral("Example Licence 2"));
        auto second = store.publish(scope, v2);
        VERIFY_OK(second);
        QCOMPARE(second->id, first->id);
        QCOMPARE(second->ocid, first->ocid);
        QCOMPARE(second->current.version, QStringLiteral("2"));
        QCOMPARE(second->createdAt, t0);
        QCOMPARE(second->updatedAt, t2);
        auto versions = store.versions(first->ocid);
        VERIFY_OK(versions);
        QCOMPARE(versions->size(), 2);
        QCOMPARE(versions->at(0).version, QStringLiteral("2"));
        QCOMPARE(versions->at(1).version, QStringLiteral("1"));
        QCOMPARE(versions->at(1).title, QStringLiteral("Example Licence"));
        QCOMPARE(versions->at(1).publishedAt, t0);

        // The older version published again with the same content is in force again.
        f.clock().advance(60);
        auto back = store.publish(scope, v1);
        VERIFY_OK(back);
        QCOMPARE(back->current.version, QStringLiteral("1"));
        QCOMPARE(back->current.body, v1.body);
        QCOMPARE(back->current.publishedAt, t0); // when version 1 was published
        QCOMPARE(back->updatedAt, f.clock().now());
        QCOMPARE(store.versions(first->ocid)->size(), 2);
        QCOMPARE(store.licenceFor(QStringLiteral("team/app"))->value().current.version, QStringLiteral("1"));
        // ...but not with another text.
        QCOMPARE(IamErrors::reason(store.publish(scope, changedText).error()), QStringLiteral("CONFLICT"));

        auto unknown = store.versions(QStringLiteral("ocid1.licence.berth..nope"));
        QVERIFY(!unknown);
        QCOMPARE(IamErrors::reason(unknown.error()), QStringLiteral("NOT_FOUND"));
    }

    void repositoryOwnLicenceWinsOverCompartments()
    {
        LicenceFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        VERIFY_OK(f.repository(QStringLiteral("web/app"), QStringLiteral("Eng:Web")));
        VERIFY_OK(f.repository(QStringLiteral("web/site"), QStringLiteral("Eng:Web")));
        VERIFY_OK(f.repository(QStringLiteral("eng/tool"), QStringLiteral("Eng")));
        VERIFY_OK(f.repository(QStringLiteral("plain")));
        LicenceStore& store = f.licences();
        auto gateOf = [&](const QString& repo) {
            auto l = store.licenceFor(repo);
            return l.ok() && l.value() ? l.value()->current.title : QStringLiteral("none");
        };
        QCOMPARE(gateOf(QStringLiteral("web/app")), QStringLiteral("none"));

        // The tenancy's licence gates everything...
        VERIFY_OK(store.publish(LicenceScope::ofCompartment(CompartmentPath()),
                                LicenceFixture::version(QStringLiteral("1"), QStringLiteral("Tenancy"))));
        QCOMPARE(gateOf(QStringLiteral("plain")), QStringLiteral("Tenancy"));
        QCOMPARE(gateOf(QStringLiteral("web/app")), QStringLiteral("Tenancy"));
        // ...until a nearer compartment has one...
        VERIFY_OK(store.publish(LicenceFixture::compartmentScope(QStringLiteral("Eng")),
                                LicenceFixture::version(QStringLiteral("1"), QStringLiteral("Eng"))));
        QCOMPARE(gateOf(QStringLiteral("web/app")), QStringLiteral("Eng"));
        QCOMPARE(gateOf(QStringLiteral("eng/tool")), QStringLiteral("Eng"));
        QCOMPARE(gateOf(QStringLiteral("plain")), QStringLiteral("Tenancy"));
        VERIFY_OK(store.publish(LicenceFixture::compartmentScope(QStringLiteral("Eng:Web")),
                                LicenceFixture::version(QStringLiteral("1"), QStringLiteral("Web"))));
        QCOMPARE(gateOf(QStringLiteral("web/app")), QStringLiteral("Web"));
        QCOMPARE(gateOf(QStringLiteral("eng/tool")), QStringLiteral("Eng"));
        // ...and the repository's own wins over all of them.
        VERIFY_OK(store.publish(LicenceFixture::repositoryScope(QStringLiteral("web/app")),
                                LicenceFixture::version(QStringLiteral("1"), QStringLiteral("App"))));
        QCOMPARE(gateOf(QStringLiteral("web/app")), QStringLiteral("App"));
        QCOMPARE(gateOf(QStringLiteral("web/site")), QStringLiteral("Web"));

        // Where each is set, as check() reports it.
        auto inherited = store.check(QStringLiteral("web/site"), QStringLiteral("ann"));
        VERIFY_OK(inherited);
        QVERIFY(inherited->required);
        QCOMPARE(inherited->licence.scope.kind, LicenceScope::Kind::Compartment);
        QCOMPARE(inherited->licence.scope.compartment.toString(), QStringLiteral("Eng:Web"));
        auto own = store.check(QStringLiteral("web/app"), QStringLiteral("ann"));
        QCOMPARE(own->licence.scope.kind, LicenceScope::Kind::Repository);
        QCOMPARE(own->licence.scope.repository, QStringLiteral("web/app"));
        QVERIFY(store.check(QStringLiteral("plain"), QString())->licence.scope.compartment.isTenancy());

        // licenceOf is the scope's own only.
        QVERIFY(!store.licenceOf(LicenceFixture::repositoryScope(QStringLiteral("web/site")))->has_value());
        QCOMPARE(
            store.licenceOf(LicenceFixture::compartmentScope(QStringLiteral("Eng")))->value().current.title,
            QStringLiteral("Eng"));

        // list(): repositories first, then compartments by path.
        auto all = store.list();
        VERIFY_OK(all);
        QStringList order;
        for (const Licence& l : all.value())
            order << l.scope.describe();
        QCOMPARE(order,
                 (QStringList{QStringLiteral("repository web/app"), QStringLiteral("the tenancy"),
                              QStringLiteral("compartment Eng"), QStringLiteral("compartment Eng:Web")}));

        // Removing the nearest brings the next one up into force.
        VERIFY_OK(store.remove(LicenceFixture::compartmentScope(QStringLiteral("Eng:Web"))));
        QCOMPARE(gateOf(QStringLiteral("web/site")), QStringLiteral("Eng"));
        auto twice = store.remove(LicenceFixture::compartmentScope(QStringLiteral("Eng:Web")));
        QVERIFY(!twice);
        QCOMPARE(IamErrors::reason(twice.error()), QStringLiteral("NOT_FOUND"));
        QVERIFY2(twice.error().message.contains(QLatin1String("Compartment Eng:Web has no licence")),
                 qPrintable(twice.error().message));
    }

    void movedRepositoryPicksUpItsNewCompartmentsLicence()
    {
        LicenceFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        VERIFY_OK(f.repository(QStringLiteral("team/app"), QStringLiteral("Free")));
        VERIFY_OK(f.compartment(QStringLiteral("Licensed:Deep")));
        LicenceStore& store = f.licences();
        VERIFY_OK(store.publish(LicenceFixture::compartmentScope(QStringLiteral("Licensed")),
                                LicenceFixture::version(QStringLiteral("3"), QStringLiteral("Licensed"))));
        QVERIFY(!store.check(QStringLiteral("team/app"), QStringLiteral("ann"))->required);

        VERIFY_OK(f.registry().moveRepository(QStringLiteral("team/app"),
                                              *CompartmentPath::parse(QStringLiteral("Licensed:Deep"))));
        auto moved = store.check(QStringLiteral("team/app"), QStringLiteral("ann"));
        VERIFY_OK(moved);
        QVERIFY(moved->required);
        QVERIFY(!moved->satisfied());
        QCOMPARE(moved->licence.current.title, QStringLiteral("Licensed"));
        QCOMPARE(moved->licence.scope.compartment.toString(), QStringLiteral("Licensed"));

        VERIFY_OK(f.registry().moveRepository(QStringLiteral("team/app"),
                                              *CompartmentPath::parse(QStringLiteral("Free"))));
        QVERIFY(!store.check(QStringLiteral("team/app"), QStringLiteral("ann"))->required);
    }

    void deletingTheRepositoryDeletesItsLicence()
    {
        LicenceFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        VERIFY_OK(f.repository(QStringLiteral("team/app")));
        LicenceStore& store = f.licences();
        auto published = store.publish(LicenceFixture::repositoryScope(QStringLiteral("team/app")),
                                       LicenceFixture::version(QStringLiteral("1")));
        VERIFY_OK(published);
        VERIFY_OK(store.publish(LicenceFixture::repositoryScope(QStringLiteral("team/app")),
                                LicenceFixture::version(QStringLiteral("2"))));
        VERIFY_OK(store.accept(QStringLiteral("team/app"), QStringLiteral("2"), QStringLiteral("ann"),
                               QStringLiteral("127.0.0.1"), QStringLiteral("portal")));

        VERIFY_OK(f.registry().deleteRepository(QStringLiteral("team/app")));
        QVERIFY(store.list()->isEmpty());
        QCOMPARE(IamErrors::reason(store.versions(published->ocid).error()), QStringLiteral("NOT_FOUND"));
        QVERIFY(store.acceptances({})->isEmpty());
        for (const char* table : {"licences", "licence_versions", "licence_acceptances"}) {
            auto q = f.registry().metadata().exec(
                QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table)));
            VERIFY_OK(q);
            QVERIFY(q->next());
            QCOMPARE(q->value(0).toLongLong(), qint64(0));
        }
        // A new repository of the same name starts ungated.
        VERIFY_OK(f.repository(QStringLiteral("team/app")));
        QVERIFY(!store.check(QStringLiteral("team/app"), QStringLiteral("ann"))->required);
    }
};

QTEST_GUILESS_MAIN(TestLicenceStore)
#include "tst_licencestore.moc"
