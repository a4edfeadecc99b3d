// Compartments (tree, rename, move, delete rules), repositories in compartments through RegistryService,
// and the migration of a schema-v2 database with data.
#include "iam/IamErrors.h"
#include "iam/IdentityService.h"
#include "iam/IdentityStore.h"
#include "metadata/MetadataStore.h"
#include "registry/RegistryService.h"
#include "storage/BlobWriter.h"
#include "storage/ReplicatedBlobStore.h"

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

class TestIdentityCompartments : public QObject
{
    Q_OBJECT

private:
    struct Env
    {
        QTemporaryDir dir;
        ManualClock clock;
        std::unique_ptr<RegistryService> registry;
        std::unique_ptr<IdentityService> identity;

        Env()
        {
            RegistryService::Options o;
            o.dataDirectory = dir.path();
            o.clock = &clock;
            registry = std::make_unique<RegistryService>(o);
            auto opened = registry->open();
            if (!opened)
                qFatal("%s", qPrintable(opened.error().message));
            IdentityService::Options io;
            io.clock = &clock;
            io.passwordParameters.log2N = 10;
            identity = std::make_unique<IdentityService>(registry->metadata(), io);
            auto idOpened = identity->open();
            if (!idOpened)
                qFatal("%s", qPrintable(idOpened.error().message));
        }
    };

private slots:
    void tenancyIsAlwaysThere()
    {
        Env env;
        auto all = env.identity->compartments();
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 1);
        const CompartmentRecord& root = all->first();
        QVERIFY(root.isTenancy());
        QVERIFY(root.path.isTenancy());
        QVERIFY2(root.id.startsWith(QStringLiteral("ocid1.tenancy.berth..")), qPrintable(root.id));
        QCOMPARE(env.identity->compartmentById(root.id)->rowId, root.rowId);

        auto renamed = env.identity->renameCompartment(CompartmentPath::tenancy(), QStringLiteral("Other"));
        QVERIFY(!renamed.ok());
        QCOMPARE(renamed.error().message, QStringLiteral("The tenancy cannot be renamed"));
        QCOMPARE(IamErrors::reason(renamed.error()), QStringLiteral("PROTECTED"));
        auto moved = env.identity->moveCompartment(CompartmentPath::tenancy(), CompartmentPath::tenancy());
        QCOMPARE(moved.error().message, QStringLiteral("The tenancy cannot be moved"));
        auto deleted = env.identity->deleteCompartment(CompartmentPath::tenancy());
        QCOMPARE(deleted.error().message, QStringLiteral("The tenancy cannot be deleted"));
    }

    void eightLevelsDeep()
    {
        Env env;
        QSignalSpy events(env.identity.get(), &IdentityService::identityEvent);
        CompartmentPath at;
        QStringList ids;
        for (int level = 1; level <= 8; ++level) {
            auto c = env.identity->createCompartment(at, QStringLiteral("L%1").arg(level),
                                                     QStringLiteral("level %1").arg(level),
                                                     QStringLiteral("admin"));
            QVERIFY2(c.ok(), qPrintable(c.error().message));
            QCOMPARE(c->path.depth(), level);
            QVERIFY(c->id.startsWith(QStringLiteral("ocid1.compartment.berth..")));
            QVERIFY(!ids.contains(c->id));
            ids << c->id;
            at = c->path;
        }
        QCOMPARE(at.toString(), QStringLiteral("L1:L2:L3:L4:L5:L6:L7:L8"));
        QCOMPARE(events.size(), 8);
        const auto first = events.at(0).at(0).value<IdentityEvent>();
        QCOMPARE(first.type, IdentityEventType::CompartmentCreated);
        QCOMPARE(first.actor, QStringLiteral("admin"));
        QCOMPARE(first.target, QStringLiteral("L1"));
        // Resolve both ways.
        auto deepest = env.identity->compartment(at);
        QVERIFY(deepest.ok());
        QCOMPARE(deepest->id, ids.last());
        QCOMPARE(env.identity->compartmentById(ids.last())->path, at);
        QCOMPARE(deepest->description, QStringLiteral("level 8"));
        QCOMPARE(env.identity->childCompartments(path(QStringLiteral("L1:L2")))->size(), 1);
        // A repository at level 8 reports its full path.
        QVERIFY(env.registry->createRepository(QStringLiteral("deep/repo"), at).ok());
        QCOMPARE(env.registry->repositoryCompartment(QStringLiteral("deep/repo")).value(), at);
    }

    void namesAndSiblings()
    {
        Env env;
        QVERIFY(env.identity->createCompartment({}, QStringLiteral("Apps")).ok());
        QVERIFY(
            env.identity->createCompartment(path(QStringLiteral("Apps")), QStringLiteral("Backend")).ok());
        // Same name under another parent is fine.
        QVERIFY(env.identity->createCompartment({}, QStringLiteral("Backend")).ok());
        auto dup = env.identity->createCompartment(path(QStringLiteral("Apps")), QStringLiteral("Backend"));
        QVERIFY(!dup.ok());
        QCOMPARE(dup.error().message, QStringLiteral("Compartment Apps:Backend already exists"));
        QCOMPARE(IamErrors::reason(dup.error()), QStringLiteral("ALREADY_EXISTS"));
        auto bad = env.identity->createCompartment({}, QStringLiteral("has space"));
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().code, ErrorCode::NameInvalid);
        QCOMPARE(
            bad.error().message,
            QStringLiteral(
                "Compartment name 'has space' contains ' '; names use letters, digits, '-', '_' and '.'"));
        auto noParent = env.identity->createCompartment(path(QStringLiteral("Nope")), QStringLiteral("X"));
        QCOMPARE(noParent.error().message, QStringLiteral("There is no compartment Nope"));
        QCOMPARE(noParent.error().code, ErrorCode::NameUnknown);
        // Names are case-sensitive: "apps" is another compartment.
        QVERIFY(env.identity->createCompartment({}, QStringLiteral("apps")).ok());
    }

    void renameKeepsIdAndRepositories()
    {
        Env env;
        auto apps = env.identity->createCompartment({}, QStringLiteral("Apps"));
        QVERIFY(
            env.identity->createCompartment(path(QStringLiteral("Apps")), QStringLiteral("Backend")).ok());
        QVERIFY(env.identity->createCompartment({}, QStringLiteral("Tools")).ok());
        QVERIFY(
            env.registry->createRepository(QStringLiteral("svc/api"), path(QStringLiteral("Apps:Backend")))
                .ok());
        QSignalSpy events(env.identity.get(), &IdentityService::identityEvent);
        auto renamed =
            env.identity->renameCompartment(path(QStringLiteral("Apps")), QStringLiteral("Applications"));
        QVERIFY2(renamed.ok(), qPrintable(renamed.error().message));
        QCOMPARE(renamed->id, apps->id);
        QCOMPARE(renamed->path, path(QStringLiteral("Applications")));
        QCOMPARE(env.registry->repositoryCompartment(QStringLiteral("svc/api")).value(),
                 path(QStringLiteral("Applications:Backend")));
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.at(0).at(0).value<IdentityEvent>().detail, QStringLiteral("renamed from Apps"));
        auto clash =
            env.identity->renameCompartment(path(QStringLiteral("Applications")), QStringLiteral("Tools"));
        QCOMPARE(clash.error().message, QStringLiteral("Compartment Tools already exists"));
        QVERIFY(!env.identity->compartment(path(QStringLiteral("Apps"))).ok());
    }

    void moveRules()
    {
        Env env;
        QVERIFY(env.identity->createCompartment({}, QStringLiteral("A")).ok());
        QVERIFY(env.identity->createCompartment(path(QStringLiteral("A")), QStringLiteral("B")).ok());
        QVERIFY(env.identity->createCompartment(path(QStringLiteral("A:B")), QStringLiteral("C")).ok());
        QVERIFY(env.identity->createCompartment({}, QStringLiteral("D")).ok());
        QVERIFY(env.identity->createCompartment(path(QStringLiteral("D")), QStringLiteral("B")).ok());

        auto intoItself = env.identity->moveCompartment(path(QStringLiteral("A")), path(QStringLiteral("A")));
        QCOMPARE(
            intoItself.error().message,
            QStringLiteral("Compartment A cannot be moved into A: that is itself or one of its descendants"));
        auto intoChild =
            env.identity->moveCompartment(path(QStringLiteral("A")), path(QStringLiteral("A:B:C")));
        QCOMPARE(intoChild.error().message,
                 QStringLiteral(
                     "Compartment A cannot be moved into A:B:C: that is itself or one of its descendants"));
        auto clash = env.identity->moveCompartment(path(QStringLiteral("A:B")), path(QStringLiteral("D")));
        QCOMPARE(clash.error().message, QStringLiteral("Compartment D:B already exists"));
        auto missing = env.identity->moveCompartment(path(QStringLiteral("A:B")), path(QStringLiteral("Z")));
        QCOMPARE(missing.error().message, QStringLiteral("There is no compartment Z"));

        QVERIFY(env.registry->createRepository(QStringLiteral("c/repo"), path(QStringLiteral("A:B:C"))).ok());
        auto moved = env.identity->moveCompartment(path(QStringLiteral("A:B:C")), CompartmentPath::tenancy());
        QVERIFY2(moved.ok(), qPrintable(moved.error().message));
        QCOMPARE(moved->path, path(QStringLiteral("C")));
        QCOMPARE(env.registry->repositoryCompartment(QStringLiteral("c/repo")).value(),
                 path(QStringLiteral("C")));
        auto subtree = env.identity->moveCompartment(path(QStringLiteral("A")), path(QStringLiteral("D:B")));
        QVERIFY2(subtree.ok(), qPrintable(subtree.error().message));
        QVERIFY(env.identity->compartment(path(QStringLiteral("D:B:A:B"))).ok());
    }

    void deleteOnlyWhenEmpty()
    {
        Env env;
        QVERIFY(env.identity->createCompartment({}, QStringLiteral("Apps")).ok());
        QVERIFY(
            env.identity->createCompartment(path(QStringLiteral("Apps")), QStringLiteral("Backend")).ok());
        QVERIFY(
            env.identity->createCompartment(path(QStringLiteral("Apps")), QStringLiteral("Frontend")).ok());
        QVERIFY(
            env.registry->createRepository(QStringLiteral("web/site"), path(QStringLiteral("Apps"))).ok());
        QVERIFY(env.identity->createGroup(QStringLiteral("Developers")).ok());
        QVERIFY(
            env.identity
                ->createPolicy(path(QStringLiteral("Apps")), QStringLiteral("dev"), QString(),
                               QStringLiteral("Allow group Developers to use repos in compartment Backend"))
                .ok());

        auto all = env.identity->deleteCompartment(path(QStringLiteral("Apps")));
        QVERIFY(!all.ok());
        QCOMPARE(IamErrors::reason(all.error()), QStringLiteral("NOT_EMPTY"));
        QCOMPARE(
            all.error().message,
            QStringLiteral("Compartment Apps cannot be deleted: it still holds 2 compartments (Backend, "
                           "Frontend), 1 repository (web/site), 1 policy (dev). Move or delete them first."));

        QVERIFY(env.identity->deleteCompartment(path(QStringLiteral("Apps:Backend"))).ok());
        QVERIFY(env.identity->deleteCompartment(path(QStringLiteral("Apps:Frontend"))).ok());
        auto repoAndPolicy = env.identity->deleteCompartment(path(QStringLiteral("Apps")));
        QCOMPARE(repoAndPolicy.error().message,
                 QStringLiteral("Compartment Apps cannot be deleted: it still holds 1 repository (web/site), "
                                "1 policy (dev). Move or delete them first."));
        QVERIFY(env.registry->moveRepository(QStringLiteral("web/site"), CompartmentPath::tenancy()).ok());
        auto policyOnly = env.identity->deleteCompartment(path(QStringLiteral("Apps")));
        QCOMPARE(policyOnly.error().message,
                 QStringLiteral("Compartment Apps cannot be deleted: it still holds 1 policy (dev). Move or "
                                "delete them first."));
        QVERIFY(env.identity->deletePolicy(path(QStringLiteral("Apps")), QStringLiteral("dev")).ok());
        QSignalSpy events(env.identity.get(), &IdentityService::identityEvent);
        QVERIFY(env.identity->deleteCompartment(path(QStringLiteral("Apps"))).ok());
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.at(0).at(0).value<IdentityEvent>().type, IdentityEventType::CompartmentDeleted);
        QCOMPARE(env.identity->compartments()->size(), 1);
        auto gone = env.identity->deleteCompartment(path(QStringLiteral("Apps")));
        QCOMPARE(gone.error().message, QStringLiteral("There is no compartment Apps"));
    }

    void repositoriesInCompartments()
    {
        Env env;
        QVERIFY(env.identity->createCompartment({}, QStringLiteral("Apps")).ok());
        QVERIFY(env.identity->createCompartment({}, QStringLiteral("Public")).ok());
        QSignalSpy events(env.registry.get(), &RegistryService::registryEvent);

        QVERIFY(
            env.registry->createRepository(QStringLiteral("team/app"), path(QStringLiteral("Apps"))).ok());
        QCOMPARE(events.size(), 1);
        auto created = events.takeFirst().at(0).value<RegistryEvent>();
        QCOMPARE(created.type, RegistryEventType::RepositoryCreated);
        QCOMPARE(created.compartment, QStringLiteral("Apps"));
        QVERIFY(env.registry->repositoryExists(QStringLiteral("team/app")));
        QCOMPARE(env.registry->repositoryCompartment(QStringLiteral("team/app")).value(),
                 path(QStringLiteral("Apps")));
        QCOMPARE(env.registry->isRepositoryPublic(QStringLiteral("team/app")).value(), false);

        auto again = env.registry->createRepository(QStringLiteral("team/app"), CompartmentPath::tenancy());
        QCOMPARE(again.error().message, QStringLiteral("Repository team/app already exists"));
        QCOMPARE(IamErrors::reason(again.error()), QStringLiteral("ALREADY_EXISTS"));
        auto badName = env.registry->createRepository(QStringLiteral("Team/App"), CompartmentPath::tenancy());
        QCOMPARE(badName.error().code, ErrorCode::NameInvalid);
        auto noCompartment =
            env.registry->createRepository(QStringLiteral("x/y"), path(QStringLiteral("Nope")));
        QCOMPARE(noCompartment.error().message, QStringLiteral("There is no compartment Nope"));
        QVERIFY(!env.registry->repositoryExists(QStringLiteral("x/y")));

        // A first push lands in the tenancy.
        const QByteArray config = "{}";
        auto upload = env.registry->startUpload(QStringLiteral("pushed/repo"));
        QVERIFY(upload.ok());
        auto lease = env.registry->acquireUpload(QStringLiteral("pushed/repo"), upload->id);
        QVERIFY(lease.ok());
        QVERIFY(lease.value()->writer()->write(config));
        QVERIFY(env.registry->completeUpload(std::move(lease).value(), Digest::compute(config)).ok());
        QCOMPARE(env.registry->repositoryCompartment(QStringLiteral("pushed/repo")).value(),
                 CompartmentPath::tenancy());
        events.clear();

        QVERIFY(
            env.registry->moveRepository(QStringLiteral("team/app"), path(QStringLiteral("Public"))).ok());
        QCOMPARE(env.registry->repositoryCompartment(QStringLiteral("team/app")).value(),
                 path(QStringLiteral("Public")));
        QCOMPARE(events.size(), 1);
        auto moved = events.takeFirst().at(0).value<RegistryEvent>();
        QCOMPARE(moved.type, RegistryEventType::RepositoryMoved);
        QCOMPARE(moved.previousCompartment, QStringLiteral("Apps"));
        QCOMPARE(moved.compartment, QStringLiteral("Public"));
        // Moving to where it is changes nothing and says nothing.
        QVERIFY(
            env.registry->moveRepository(QStringLiteral("team/app"), path(QStringLiteral("Public"))).ok());
        QCOMPARE(events.size(), 0);
        auto unknown = env.registry->moveRepository(QStringLiteral("no/such"), CompartmentPath::tenancy());
        QCOMPARE(unknown.error().code, ErrorCode::NameUnknown);

        QVERIFY(env.registry->setRepositoryPublic(QStringLiteral("team/app"), true).ok());
        QCOMPARE(env.registry->isRepositoryPublic(QStringLiteral("team/app")).value(), true);
        QCOMPARE(events.size(), 1);
        auto visibility = events.takeFirst().at(0).value<RegistryEvent>();
        QCOMPARE(visibility.type, RegistryEventType::RepositoryVisibilityChanged);
        QVERIFY(visibility.isPublic);
        QVERIFY(env.registry->setRepositoryPublic(QStringLiteral("team/app"), true).ok());
        QCOMPARE(events.size(), 0);
        QVERIFY(env.registry->setRepositoryPublic(QStringLiteral("team/app"), false).ok());
        QCOMPARE(env.registry->isRepositoryPublic(QStringLiteral("team/app")).value(), false);
    }

    void deleteRepository()
    {
        Env env;
        const QByteArray config = "{\"architecture\":\"amd64\"}";
        const Digest configDigest = Digest::compute(config);
        auto upload = env.registry->startUpload(QStringLiteral("lib/app"));
        auto lease = env.registry->acquireUpload(QStringLiteral("lib/app"), upload->id);
        QVERIFY(lease.value()->writer()->write(config));
        QVERIFY(env.registry->completeUpload(std::move(lease).value(), configDigest).ok());
        const QByteArray manifest =
            QStringLiteral(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"%1\","
                "\"size\":%2},\"layers\":[]}")
                .arg(configDigest.toString())
                .arg(config.size())
                .toUtf8();
        auto put = env.registry->putManifest(QStringLiteral("lib/app"),
                                             Reference::parse(QStringLiteral("v1")).value(), manifest,
                                             QStringLiteral("application/vnd.oci.image.manifest.v1+json"));
        QVERIFY2(put.ok(), qPrintable(put.error().message));
        auto pending = env.registry->startUpload(QStringLiteral("lib/app"));
        QVERIFY(pending.ok());

        QSignalSpy events(env.registry.get(), &RegistryService::registryEvent);
        QVERIFY(env.registry->deleteRepository(QStringLiteral("lib/app")).ok());
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.at(0).at(0).value<RegistryEvent>().type, RegistryEventType::RepositoryDeleted);
        QVERIFY(!env.registry->repositoryExists(QStringLiteral("lib/app")));
        QCOMPARE(env.registry->listTags(QStringLiteral("lib/app"), -1, QString()).error().code,
                 ErrorCode::NameUnknown);
        QVERIFY(!env.registry->uploadStatus(QStringLiteral("lib/app"), pending->id).ok());
        for (const QString& table : {QStringLiteral("manifests"), QStringLiteral("tags"),
                                     QStringLiteral("repository_blobs"), QStringLiteral("manifest_blobs")}) {
            auto q = env.registry->metadata().exec(QStringLiteral("SELECT COUNT(*) FROM ") + table);
            QVERIFY(q.ok() && q->next());
            QCOMPARE(q->value(0).toInt(), 0);
        }
        // The bytes stay for garbage collection.
        QVERIFY(env.registry->blobStore().contains(configDigest));
        QVERIFY(QFile::exists(env.registry->replicatedStore().copyPath(0, configDigest)));
        QCOMPARE(env.registry->deleteRepository(QStringLiteral("lib/app")).error().code,
                 ErrorCode::NameUnknown);
    }

    void migratesSchemaV2WithData()
    {
        QTemporaryDir dir;
        const QString dbPath = dir.filePath(QStringLiteral("berth.db"));
        {
            MetadataStore old(dbPath);
            QVERIFY(old.open(2).ok());
            QCOMPARE(old.schemaVersion().value(), 2);
            QVERIFY(old.transaction([&]() -> Result<void> {
                           for (const QString& name :
                                {QStringLiteral("library/a"), QStringLiteral("library/b")}) {
                               auto id = old.ensureRepository(name, QDateTime::currentDateTimeUtc());
                               if (!id)
                                   return id.error();
                           }
                           return {};
                       })
                        .ok());
        }
        MetadataStore store(dbPath);
        auto opened = store.open();
        QVERIFY2(opened.ok(), qPrintable(opened.error().message));
        QCOMPARE(store.schemaVersion().value(), MetadataStore::latestVersion());
        QVERIFY(MetadataStore::latestVersion() >= 3);
        IdentityService identity(store);
        QVERIFY(identity.open().ok());
        // Old repositories are in the tenancy and private.
        IdentityStore links(store);
        for (const QString& name : {QStringLiteral("library/a"), QStringLiteral("library/b")}) {
            auto c = links.repositoryCompartment(name);
            QVERIFY(c.ok() && c.value());
            QVERIFY(c.value()->isTenancy());
            auto link = links.repositoryLink(name);
            QVERIFY(link.ok() && link.value());
            QVERIFY(!link.value()->isPublic);
        }
        // The tenancy and the Administrators group exist; there are no users yet.
        QCOMPARE(identity.compartments()->size(), 1);
        auto admins = identity.group(QStringLiteral("Administrators"));
        QVERIFY(admins.ok());
        QVERIFY(admins->builtin);
        QVERIFY(admins->members.isEmpty());
        QCOMPARE(identity.users()->size(), 0);
        // And the identity model works on the migrated database.
        QVERIFY(identity.createCompartment({}, QStringLiteral("Apps")).ok());
        QVERIFY(store
                    .transaction([&]() -> Result<void> {
                        auto repo = links.repositoryLink(QStringLiteral("library/a"));
                        auto row = links.compartmentRowId(path(QStringLiteral("Apps")));
                        return links.setRepositoryCompartment(repo.value()->repositoryId, *row.value());
                    })
                    .ok());
        QCOMPARE(links.repositoryCompartment(QStringLiteral("library/a")).value().value(),
                 path(QStringLiteral("Apps")));
    }

    void identityNeedsTheNewSchema()
    {
        QTemporaryDir dir;
        MetadataStore old(dir.filePath(QStringLiteral("berth.db")));
        QVERIFY(old.open(2).ok());
        IdentityService identity(old);
        auto opened = identity.open();
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().message,
                 QStringLiteral(
                     "The metadata database is at schema version 2; identity needs version 3 or later"));
    }
};

QTEST_GUILESS_MAIN(TestIdentityCompartments)
#include "tst_identitycompartments.moc"
