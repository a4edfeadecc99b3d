// berthctl, in-process: every command against a real berthd (one per test function), in table and
// JSON output; exit statuses for usage errors and API errors; --help at every level; and the binary
// itself once, for --help and --version.

#include "CtlRun.h"
#include "support/BerthdProcess.h"
#include "support/OciFixtures.h"
#include "support/RegistryClient.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <memory>

using namespace berth;
using Run = berth::test::CtlRun;

namespace {

QStringList names(const QJsonArray& items, const QString& field = QStringLiteral("name"))
{
    QStringList list;
    for (const QJsonValue& item : items)
        list.append(item.toObject().value(field).toString());
    return list;
}

} // namespace

class TestBerthctl : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<BerthdProcess> m_berthd;

    QString server() const { return m_berthd->baseUrl().adjusted(QUrl::RemoveUserInfo).toString(); }

    /// Runs berthctl in-process with nothing from the real environment.
    Run run(const QStringList& args, const QByteArray& input = {},
            const QProcessEnvironment& environment = QProcessEnvironment())
    {
        return Run::run(args, input, environment);
    }
    Run as(const QString& user, const QString& password, const QStringList& args,
           const QByteArray& input = {})
    {
        return run(QStringList{QStringLiteral("--server"), server(), QStringLiteral("--user"), user,
                               QStringLiteral("--password"), password} +
                       args,
                   input);
    }
    Run admin(const QStringList& args, const QByteArray& input = {})
    {
        return as(BerthdProcess::adminUser(), BerthdProcess::adminPassword(), args, input);
    }
    Run adminJson(const QStringList& args, const QByteArray& input = {})
    {
        return admin(QStringList{QStringLiteral("--output"), QStringLiteral("json")} + args, input);
    }
    /// Pushes a one-layer image as team/app:tag; returns its digest.
    QString pushImage(const QString& repository, const QString& tag, quint32 seed)
    {
        RegistryClient client(m_berthd->baseUrl());
        const QByteArray config = OciFixtures::config(seed);
        const QByteArray layer = OciFixtures::randomBytes(1000, seed);
        if (client.pushBlobMonolithic(repository, config).status != 201 ||
            client.pushBlobMonolithic(repository, layer).status != 201)
            return QString();
        const QByteArray manifest = OciFixtures::imageManifest(config, {layer});
        if (client.pushManifest(repository, tag, OciFixtures::kManifestType, manifest).status != 201)
            return QString();
        return OciFixtures::digestOf(manifest);
    }

private slots:
    void init()
    {
        m_berthd = std::make_unique<BerthdProcess>();
        if (!m_berthd->start())
            QFAIL(qPrintable(m_berthd->errorString()));
    }

    void cleanup()
    {
        if (m_berthd)
            QCOMPARE(m_berthd->stop(), 0);
        m_berthd.reset();
    }

    void repositoriesImagesAndTags()
    {
        EXPECT_EXIT(admin({"compartments", "create", "Apps"}), 0);
        EXPECT_EXIT(admin({"compartments", "create", "Apps:Backend"}), 0);

        Run created = admin({"repos", "create", "team/app"});
        EXPECT_EXIT(created, 0);
        QVERIFY(created.out.contains(QStringLiteral("Created repository team/app.")));
        QVERIFY(created.out.contains(QStringLiteral("(tenancy)")));
        Run json = adminJson({"repos", "create", "team/web", "--compartment", "Apps", "--public"});
        EXPECT_EXIT(json, 0);
        QCOMPARE(json.object().value("name").toString(), QStringLiteral("team/web"));
        QCOMPARE(json.object().value("compartment").toString(), QStringLiteral("Apps"));
        QCOMPARE(json.object().value("public").toBool(), true);

        // Lists: the tenancy only, one compartment, recursively.
        Run list = admin({"repos", "list"});
        EXPECT_EXIT(list, 0);
        QVERIFY(list.out.startsWith(QStringLiteral("NAME      COMPARTMENT  PUBLIC")));
        QVERIFY(list.out.contains(QStringLiteral("team/app")));
        QVERIFY(!list.out.contains(QStringLiteral("team/web")));
        QCOMPARE(names(adminJson({"repos", "list", "--compartment", "Apps"}).array()),
                 QStringList{"team/web"});
        EXPECT_EXIT(admin({"repos", "move", "team/app", "Apps:Backend"}), 0);
        QCOMPARE(names(adminJson({"repos", "list", "--compartment", "Apps", "--recursive"}).array()),
                 (QStringList{"team/app", "team/web"}));
        QCOMPARE(adminJson({"repos", "list"}).array().size(), 0);

        Run show = admin({"repos", "show", "team/app"});
        EXPECT_EXIT(show, 0);
        QVERIFY(show.out.contains(QStringLiteral("Compartment:  Apps:Backend")));
        QCOMPARE(adminJson({"repos", "show", "team/app"}).object().value("compartment").toString(),
                 QStringLiteral("Apps:Backend"));

        Run pub = admin({"repos", "set-public", "team/app", "true"});
        EXPECT_EXIT(pub, 0);
        QVERIFY(pub.out.contains(QStringLiteral("public")));
        QCOMPARE(adminJson({"repos", "set-public", "team/app", "false"}).object().value("public").toBool(),
                 false);
        EXPECT_EXIT(admin({"repos", "set-public", "team/app", "maybe"}), 2);

        // Images and tags.
        const QString first = pushImage(QStringLiteral("team/app"), QStringLiteral("1.0"), 1);
        const QString second = pushImage(QStringLiteral("team/app"), QStringLiteral("2.0"), 2);
        QVERIFY(!first.isEmpty() && !second.isEmpty());
        Run images = admin({"images", "list", "team/app"});
        EXPECT_EXIT(images, 0);
        QVERIFY(images.out.startsWith(QStringLiteral("DIGEST")));
        QVERIFY(images.out.contains(first));
        QVERIFY(images.out.contains(QStringLiteral("1.0")));
        QCOMPARE(adminJson({"images", "list", "team/app"}).array().size(), 2);

        Run untag = admin({"tags", "delete", "team/app", "1.0"});
        EXPECT_EXIT(untag, 0);
        QVERIFY(untag.out.contains(QStringLiteral("Removed tag 1.0 from team/app.")));
        EXPECT_EXIT(admin({"tags", "delete", "team/app", "1.0"}), 1);
        const QJsonArray afterUntag = adminJson({"images", "list", "team/app"}).array();
        for (const QJsonValue& image : afterUntag)
            QVERIFY(!image.toObject().value("tags").toArray().contains(QJsonValue("1.0")));

        Run deleteImage = adminJson({"images", "delete", "team/app", second});
        EXPECT_EXIT(deleteImage, 0);
        QCOMPARE(deleteImage.object().value("ok").toBool(), true);
        QCOMPARE(adminJson({"images", "list", "team/app"}).array().size(), 1);
        Run badDigest = admin({"images", "delete", "team/app", "sha256:nothex"});
        EXPECT_EXIT(badDigest, 1);
        QVERIFY(badDigest.err.contains(QStringLiteral("INVALID_ARGUMENT")));

        // Deleting asks first unless --yes.
        Run refused = admin({"repos", "delete", "team/app"}, "n\n");
        EXPECT_EXIT(refused, 1);
        QVERIFY(refused.err.contains(QStringLiteral("--yes")));
        Run noInput = admin({"repos", "delete", "team/app"});
        EXPECT_EXIT(noInput, 1);
        EXPECT_EXIT(admin({"repos", "show", "team/app"}), 0);
        EXPECT_EXIT(admin({"repos", "delete", "team/app"}, "y\n"), 0);
        EXPECT_EXIT(admin({"repos", "delete", "team/web", "--yes"}), 0);
        Run gone = admin({"repos", "show", "team/app"});
        EXPECT_EXIT(gone, 1);
        QVERIFY(gone.err.contains(QStringLiteral("NOT_FOUND")));
    }

    void compartments()
    {
        Run created = admin({"compartments", "create", "Apps", "--description", "the apps"});
        EXPECT_EXIT(created, 0);
        QVERIFY(created.out.contains(QStringLiteral("Created compartment Apps.")));
        Run nested = adminJson({"compartments", "create", "Apps:Backend"});
        EXPECT_EXIT(nested, 0);
        QCOMPARE(nested.object().value("path").toString(), QStringLiteral("Apps:Backend"));

        Run tree = admin({"compartments", "tree"});
        EXPECT_EXIT(tree, 0);
        QVERIFY(tree.out.contains(QStringLiteral("(tenancy)")));
        QVERIFY(tree.out.contains(QStringLiteral("    Backend  Apps:Backend")));
        const QJsonObject root = adminJson({"compartments", "tree"}).object();
        QCOMPARE(root.value("children").toArray().first().toObject().value("name").toString(),
                 QStringLiteral("Apps"));

        Run show = admin({"compartments", "show", "Apps"});
        EXPECT_EXIT(show, 0);
        QVERIFY(show.out.contains(QStringLiteral("the apps")));
        EXPECT_EXIT(admin({"compartments", "set-description", "Apps", "all apps"}), 0);
        QCOMPARE(adminJson({"compartments", "show", "Apps"}).object().value("description").toString(),
                 QStringLiteral("all apps"));

        Run renamed = admin({"compartments", "rename", "Apps:Backend", "Services"});
        EXPECT_EXIT(renamed, 0);
        QVERIFY(renamed.out.contains(QStringLiteral("Apps:Services")));
        Run moved = adminJson({"compartments", "move", "Apps:Services", ""});
        EXPECT_EXIT(moved, 0);
        QCOMPARE(moved.object().value("path").toString(), QStringLiteral("Services"));

        Run notEmpty = admin({"compartments", "delete", "Apps"});
        EXPECT_EXIT(notEmpty, 0); // Services moved out, so Apps is empty
        EXPECT_EXIT(admin({"repos", "create", "x/y", "--compartment", "Services"}), 0);
        Run busy = admin({"compartments", "delete", "Services"});
        EXPECT_EXIT(busy, 1);
        QVERIFY(busy.err.contains(QStringLiteral("CONFLICT")));
        EXPECT_EXIT(admin({"repos", "delete", "x/y", "--yes"}), 0);
        EXPECT_EXIT(admin({"compartments", "delete", "Services"}), 0);
        EXPECT_EXIT(admin({"compartments", "show", "Services"}), 1);
    }

    void usersGroupsAndAuthTokens()
    {
        Run created = admin({"users", "create", "alice", "--email", "alice@example.com", "--new-password",
                             "alice-password-1"});
        EXPECT_EXIT(created, 0);
        QVERIFY(created.out.contains(QStringLiteral("Email:          alice@example.com")));
        EXPECT_EXIT(adminJson({"users", "create", "bob", "--description", "CI robot"}), 0);
        Run list = admin({"users", "list"});
        EXPECT_EXIT(list, 0);
        QVERIFY(list.out.contains(QStringLiteral("alice")));
        QCOMPARE(names(adminJson({"users", "list"}).array()), (QStringList{"admin", "alice", "bob"}));
        QCOMPARE(adminJson({"users", "show", "bob"}).object().value("hasPassword").toBool(), false);
        Run updated = adminJson({"users", "update", "bob", "--email", "bob@example.com"});
        EXPECT_EXIT(updated, 0);
        QCOMPARE(updated.object().value("email").toString(), QStringLiteral("bob@example.com"));
        QCOMPARE(updated.object().value("description").toString(), QStringLiteral("CI robot"));
        EXPECT_EXIT(admin({"users", "update", "bob"}), 2);

        // alice signs in and sees herself.
        Run me = as("alice", "alice-password-1", {"users", "me"});
        EXPECT_EXIT(me, 0);
        QVERIFY(me.out.contains(QStringLiteral("Administrator:  no")));

        // Passwords: from --new-password or standard input.
        EXPECT_EXIT(admin({"users", "passwd", "alice"}, "alice-password-2\n"), 0);
        EXPECT_EXIT(as("alice", "alice-password-2", {"users", "me"}), 0);
        EXPECT_EXIT(admin({"users", "passwd", "bob", "--new-password", "bob-password-1"}), 0);
        EXPECT_EXIT(admin({"users", "passwd", "bob"}), 2);

        // Locking.
        Run locked = admin({"users", "lock", "alice"});
        EXPECT_EXIT(locked, 0);
        QVERIFY(locked.out.contains(QStringLiteral("Locked user alice")));
        EXPECT_EXIT(as("alice", "alice-password-2", {"users", "me"}), 1);
        QCOMPARE(adminJson({"users", "unlock", "alice"}).object().value("locked").toBool(), false);
        EXPECT_EXIT(as("alice", "alice-password-2", {"users", "me"}), 0);

        // Groups.
        EXPECT_EXIT(admin({"groups", "create", "Developers", "--description", "people who build"}), 0);
        Run added = admin({"groups", "add-member", "Developers", "alice"});
        EXPECT_EXIT(added, 0);
        QVERIFY(added.out.contains(QStringLiteral("alice is a member of Developers.")));
        QCOMPARE(adminJson({"groups", "add-member", "Developers", "bob"})
                     .object()
                     .value("members")
                     .toArray()
                     .size(),
                 2);
        Run groups = admin({"groups", "list"});
        EXPECT_EXIT(groups, 0);
        QVERIFY(groups.out.contains(QStringLiteral("alice,bob")));
        QCOMPARE(names(adminJson({"groups", "list"}).array()), (QStringList{"Administrators", "Developers"}));
        Run show = admin({"groups", "show", "Developers"});
        EXPECT_EXIT(show, 0);
        QVERIFY(show.out.contains(QStringLiteral("people who build")));
        QCOMPARE(adminJson({"groups", "update", "Developers", "--description", "devs"})
                     .object()
                     .value("description")
                     .toString(),
                 QStringLiteral("devs"));
        EXPECT_EXIT(admin({"groups", "remove-member", "Developers", "bob"}), 0);
        QCOMPARE(adminJson({"groups", "show", "Developers"}).object().value("members").toArray(),
                 QJsonArray{"alice"});
        Run builtin = admin({"groups", "delete", "Administrators"});
        EXPECT_EXIT(builtin, 1);
        QVERIFY(builtin.err.contains(QStringLiteral("CONFLICT")));
        EXPECT_EXIT(admin({"groups", "delete", "Developers"}), 0);

        // Auth tokens: alice makes her own; the secret signs in; revoked, it no longer does.
        Run token = as("alice", "alice-password-2",
                       {"--output", "json", "auth-tokens", "create", "--description", "laptop"});
        EXPECT_EXIT(token, 0);
        const QString secret = token.object().value("secret").toString();
        const QString id = token.object().value("id").toString();
        QVERIFY(!secret.isEmpty());
        Run tokenTable = as("alice", "alice-password-2", {"auth-tokens", "create"});
        EXPECT_EXIT(tokenTable, 0);
        QVERIFY(tokenTable.out.contains(QStringLiteral("Secret:")));
        QVERIFY(tokenTable.out.contains(QStringLiteral("not shown again")));
        EXPECT_EXIT(as("alice", secret, {"users", "me"}), 0);
        Run tokens = as("alice", secret, {"auth-tokens", "list"});
        EXPECT_EXIT(tokens, 0);
        QVERIFY(tokens.out.contains(id));
        QVERIFY(tokens.out.contains(QStringLiteral("laptop")));
        QVERIFY(!tokens.out.contains(secret));
        // The administrator looks at alice's tokens with the command's own --user.
        QCOMPARE(adminJson({"auth-tokens", "list", "--user", "alice"}).array().size(), 2);
        EXPECT_EXIT(admin({"auth-tokens", "revoke", id, "--user", "alice"}), 0);
        EXPECT_EXIT(as("alice", secret, {"users", "me"}), 1);
        // bob may not look at alice's tokens.
        Run notHis = as("bob", "bob-password-1", {"auth-tokens", "list", "--user", "alice"});
        EXPECT_EXIT(notHis, 1);
        QVERIFY(notHis.err.contains(QStringLiteral("NOT_AUTHORIZED")));

        Run deleted = admin({"users", "delete", "bob"});
        EXPECT_EXIT(deleted, 0);
        QVERIFY(deleted.out.contains(QStringLiteral("Deleted user bob.")));
        EXPECT_EXIT(admin({"users", "show", "bob"}), 1);
    }

    void policiesNetworkSourcesAndExplain()
    {
        // Network sources.
        Run source = admin({"network-sources", "create", "corpnet", "10.0.0.0/8", "192.168.0.0/16"});
        EXPECT_EXIT(source, 0);
        QVERIFY(source.out.contains(QStringLiteral("10.0.0.0/8,192.168.0.0/16")));
        Run sources = admin({"network-sources", "list"});
        EXPECT_EXIT(sources, 0);
        QVERIFY(sources.out.contains(QStringLiteral("corpnet")));
        QCOMPARE(names(adminJson({"network-sources", "list"}).array()), QStringList{"corpnet"});
        Run updated = adminJson(
            {"network-sources", "update", "corpnet", "--range", "10.1.0.0/16", "--description", "office"});
        EXPECT_EXIT(updated, 0);
        QCOMPARE(updated.object().value("ranges").toArray(), QJsonArray{"10.1.0.0/16"});
        Run shown = admin({"network-sources", "show", "corpnet"});
        EXPECT_EXIT(shown, 0);
        QVERIFY(shown.out.contains(QStringLiteral("office")));
        Run badRange = admin({"network-sources", "create", "bad", "10.0.0.0/99"});
        EXPECT_EXIT(badRange, 1);
        EXPECT_EXIT(admin({"network-sources", "create", "lonely"}), 2);

        EXPECT_EXIT(admin({"compartments", "create", "Apps"}), 0);
        EXPECT_EXIT(admin({"compartments", "create", "Apps:Backend"}), 0);
        EXPECT_EXIT(admin({"repos", "create", "team/app", "--compartment", "Apps"}), 0);
        EXPECT_EXIT(admin({"users", "create", "alice", "--new-password", "alice-password-1"}), 0);
        EXPECT_EXIT(admin({"groups", "create", "Developers"}), 0);
        EXPECT_EXIT(admin({"groups", "add-member", "Developers", "alice"}), 0);

        // Validate: good and bad statements, from --statements and a file.
        Run valid = admin({"policies", "validate", "--statements",
                           "Allow group Developers to read repos in compartment Apps"});
        EXPECT_EXIT(valid, 0);
        QVERIFY(valid.out.contains(QStringLiteral("valid")));
        Run invalid =
            adminJson({"policies", "validate", "--statements", "Allow group Developers too use repos"});
        EXPECT_EXIT(invalid, 1);
        QCOMPARE(invalid.object().value("valid").toBool(), false);
        QVERIFY(!invalid.object().value("problems").toArray().isEmpty());
        Run invalidTable =
            admin({"policies", "validate", "--statements", "Allow group Developers too use repos"});
        EXPECT_EXIT(invalidTable, 1);
        QVERIFY(invalidTable.out.startsWith(QStringLiteral("LINE")));

        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("dev.policy"));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("Allow group Developers to read repos in compartment Apps\n");
        }
        Run created =
            admin({"policies", "create", "dev", "--file", file, "--description", "developers read"});
        EXPECT_EXIT(created, 0);
        QVERIFY(created.out.contains(QStringLiteral("Created policy dev in (tenancy).")));
        Run fromStdin = adminJson({"policies", "create", "local", "--compartment", "Apps", "--file", "-"},
                                  "Allow group Developers to inspect repos in compartment Backend\n");
        EXPECT_EXIT(fromStdin, 0);
        QCOMPARE(fromStdin.object().value("compartment").toString(), QStringLiteral("Apps"));
        Run refused = admin({"policies", "create", "broken", "--statements", "Allow nobody"});
        EXPECT_EXIT(refused, 1);
        QVERIFY(refused.err.contains(QStringLiteral("line 1, column")));
        QCOMPARE(refused.err.count(QStringLiteral("line 1, column")), 1);
        EXPECT_EXIT(admin({"policies", "create", "nothing"}), 2);
        EXPECT_EXIT(admin({"policies", "create", "missing", "--file", dir.filePath("absent")}), 2);

        Run policies = admin({"policies", "list"});
        EXPECT_EXIT(policies, 0);
        QVERIFY(policies.out.contains(QStringLiteral("dev")));
        QCOMPARE(names(adminJson({"policies", "list", "--compartment", "Apps"}).array()),
                 QStringList{"local"});
        Run show = admin({"policies", "show", "dev"});
        EXPECT_EXIT(show, 0);
        QVERIFY(
            show.out.contains(QStringLiteral("Allow group Developers to read repos in compartment Apps")));
        EXPECT_EXIT(admin({"policies", "show", "local"}), 1); // attached to Apps, not the tenancy
        EXPECT_EXIT(admin({"policies", "show", "local", "--compartment", "Apps"}), 0);

        // Explain: allowed by dev, denied for a write.
        Run allowed = admin(
            {"explain", "--user", "alice", "--permission", "REPOSITORY_READ", "--repository", "team/app"});
        EXPECT_EXIT(allowed, 0);
        QVERIFY(allowed.out.contains(QStringLiteral("Decision:")));
        QVERIFY(allowed.out.contains(QStringLiteral("allowed")));
        QVERIFY(allowed.out.contains(QStringLiteral("dev in (tenancy), line 1")));
        Run denied = adminJson({"explain", "--user", "alice", "--permission", "REPOSITORY_UPDATE",
                                "--repository", "team/app", "--tag", "1.0", "--client-address", "10.1.2.3"});
        EXPECT_EXIT(denied, 0);
        QCOMPARE(denied.object().value("allowed").toBool(), false);
        EXPECT_EXIT(admin({"explain", "--user", "alice", "--repository", "team/app"}), 2);
        Run badPermission =
            admin({"explain", "--user", "alice", "--permission", "FLY", "--repository", "team/app"});
        EXPECT_EXIT(badPermission, 1);
        QVERIFY(badPermission.err.contains(QStringLiteral("REPOSITORY_READ")));

        // Update and delete.
        EXPECT_EXIT(admin({"policies", "update", "dev", "--statements",
                           "Allow group Developers to use repos in compartment Apps"}),
                    0);
        QVERIFY(adminJson({"policies", "show", "dev"})
                    .object()
                    .value("statements")
                    .toString()
                    .contains(QStringLiteral("to use repos")));
        EXPECT_EXIT(admin({"policies", "update", "dev"}), 2);
        EXPECT_EXIT(admin({"policies", "delete", "local", "--compartment", "Apps"}), 0);
        EXPECT_EXIT(admin({"policies", "delete", "dev"}), 0);
        EXPECT_EXIT(adminJson({"policies", "list"}), 0);
        QCOMPARE(adminJson({"policies", "list"}).array().size(), 0);

        EXPECT_EXIT(admin({"network-sources", "delete", "corpnet"}), 0);
        EXPECT_EXIT(admin({"network-sources", "show", "corpnet"}), 1);
    }

    void audit()
    {
        EXPECT_EXIT(admin({"users", "create", "alice"}), 0);
        EXPECT_EXIT(as("alice", "wrong-password", {"users", "me"}), 1);
        Run list = admin({"audit", "list"});
        EXPECT_EXIT(list, 0);
        QVERIFY(list.out.startsWith(QStringLiteral("SEQ")));
        const QJsonArray all = adminJson({"audit", "list"}).array();
        QVERIFY(all.size() >= 2);
        const QJsonArray two = adminJson({"audit", "list", "--limit", "2", "--newest"}).array();
        QCOMPARE(two.size(), 2);
        QVERIFY(two.at(0).toObject().value("sequence").toInteger() >
                two.at(1).toObject().value("sequence").toInteger());
        const QJsonArray byAdmin = adminJson({"audit", "list", "--actor", "admin"}).array();
        QVERIFY(!byAdmin.isEmpty());
        for (const QJsonValue& record : byAdmin)
            QCOMPARE(record.toObject().value("actor").toString(), QStringLiteral("admin"));
        const QJsonArray denials = adminJson({"audit", "list", "--decision", "denied"}).array();
        for (const QJsonValue& record : denials)
            QCOMPARE(record.toObject().value("decision").toString(), QStringLiteral("denied"));
        EXPECT_EXIT(
            admin({"audit", "list", "--from", "2000-01-01T00:00:00Z", "--to", "2999-01-01T00:00:00Z"}), 0);
        EXPECT_EXIT(admin({"audit", "list", "--from", "yesterday"}), 1);
        EXPECT_EXIT(admin({"audit", "list", "--limit", "zero"}), 2);

        Run verify = admin({"audit", "verify"});
        EXPECT_EXIT(verify, 0);
        QVERIFY(verify.out.contains(QStringLiteral("intact")));
        QCOMPARE(adminJson({"audit", "verify"}).object().value("ok").toBool(), true);

        // Paging is followed: more records than one page of 1000 would need are not required here,
        // but the walk must end and agree with the server's count of what matched.
        QVERIFY(adminJson({"audit", "list", "--limit", "1"}).array().size() == 1);
    }

    void openapiAndEveryOperationHasACommand()
    {
        Run spec = admin({"openapi"});
        EXPECT_EXIT(spec, 0);
        const QJsonObject paths = spec.object().value("paths").toObject();
        QVERIFY(!paths.isEmpty());
        // Each operation of /api/v1 and the berthctl command that calls it.
        const QHash<QString, QStringList> commands{
            {"listRepositories", {"repos", "list"}},
            {"createRepository", {"repos", "create"}},
            {"getRepository", {"repos", "show"}},
            {"updateRepository", {"repos", "move"}},
            {"deleteRepository", {"repos", "delete"}},
            {"listImages", {"images", "list"}},
            {"deleteImage", {"images", "delete"}},
            {"deleteTag", {"tags", "delete"}},
            {"getCompartmentTree", {"compartments", "tree"}},
            {"createCompartment", {"compartments", "create"}},
            {"getCompartment", {"compartments", "show"}},
            {"updateCompartment", {"compartments", "rename"}},
            {"deleteCompartment", {"compartments", "delete"}},
            {"listUsers", {"users", "list"}},
            {"createUser", {"users", "create"}},
            {"getCurrentUser", {"users", "me"}},
            {"getUser", {"users", "show"}},
            {"updateUser", {"users", "update"}},
            {"deleteUser", {"users", "delete"}},
            {"listAuthTokens", {"auth-tokens", "list"}},
            {"createAuthToken", {"auth-tokens", "create"}},
            {"revokeAuthToken", {"auth-tokens", "revoke"}},
            {"listGroups", {"groups", "list"}},
            {"createGroup", {"groups", "create"}},
            {"getGroup", {"groups", "show"}},
            {"updateGroup", {"groups", "update"}},
            {"deleteGroup", {"groups", "delete"}},
            {"addGroupMember", {"groups", "add-member"}},
            {"removeGroupMember", {"groups", "remove-member"}},
            {"listNetworkSources", {"network-sources", "list"}},
            {"createNetworkSource", {"network-sources", "create"}},
            {"getNetworkSource", {"network-sources", "show"}},
            {"updateNetworkSource", {"network-sources", "update"}},
            {"deleteNetworkSource", {"network-sources", "delete"}},
            {"listPolicies", {"policies", "list"}},
            {"createPolicy", {"policies", "create"}},
            {"validatePolicy", {"policies", "validate"}},
            {"getPolicy", {"policies", "show"}},
            {"updatePolicy", {"policies", "update"}},
            {"deletePolicy", {"policies", "delete"}},
            {"explain", {"explain"}},
            {"queryAudit", {"audit", "list"}},
            {"verifyAudit", {"audit", "verify"}},
            {"getGc", {"gc", "status"}},
            {"runGc", {"gc"}},
            {"getScrub", {"scrub", "status"}},
            {"runScrub", {"scrub"}},
            {"startBackup", {"backup"}},
            {"listBackups", {"backup", "list"}},
            {"getFsck", {"fsck", "status"}},
            {"runFsck", {"fsck"}},
            {"listGcRuns", {"gc", "history"}},
            {"listJobs", {"jobs", "list"}},
            {"getJob", {"jobs", "show"}},
            {"cancelJob", {"jobs", "cancel"}},
            {"getLimits", {"limits", "show"}},
            {"setLimits", {"limits", "set"}},
            {"getRepositoryLimits", {"limits", "show"}}, // --repository NAME
            {"createLimitRequest", {"limits", "request"}},
            {"listLimitRequests", {"limits", "requests"}},
            {"getLimitRequest", {"limits", "requests"}}, // with an ID
            {"approveLimitRequest", {"limits", "approve"}},
            {"declineLimitRequest", {"limits", "decline"}},
            {"getTagImmutability", {"repos", "immutability"}},
            {"setTagImmutability", {"repos", "immutability"}}, // --on/--off, --exclude
            {"getOpenApi", {"openapi"}},
            {"getUsage", {"usage"}},
            {"getStorageUsage", {"usage", "storage"}},
            {"listRetentionPolicies", {"retention", "list"}},
            {"createRetentionPolicy", {"retention", "create"}},
            {"getRetentionPolicy", {"retention", "show"}},
            {"updateRetentionPolicy", {"retention", "update"}},
            {"deleteRetentionPolicy", {"retention", "delete"}},
            {"planRetentionPolicy", {"retention", "plan"}},
            {"applyRetentionPolicy", {"retention", "apply"}},
            {"listRetentionRuns", {"retention", "runs"}},
            {"getPricing", {"pricing", "show"}},
            {"setPricing", {"pricing", "set"}},
            {"getCostReport", {"cost"}},
            {"listLicences", {"licence", "list"}},
            {"listLicenceVersions", {"licence", "versions"}},
            {"listLicenceAcceptances", {"licence", "report"}},
            {"getRepositoryLicence", {"licence", "show"}},
            {"setRepositoryLicence", {"licence", "set"}},
            {"removeRepositoryLicence", {"licence", "remove"}},
            {"acceptRepositoryLicence", {"licence", "accept"}},
            {"getCompartmentLicence", {"licence", "show"}},      // --compartment C
            {"setCompartmentLicence", {"licence", "set"}},       // --compartment C
            {"removeCompartmentLicence", {"licence", "remove"}}, // --compartment C
        };
        QSet<QString> seen;
        for (auto path = paths.begin(); path != paths.end(); ++path) {
            const QJsonObject operations = path.value().toObject();
            for (auto op = operations.begin(); op != operations.end(); ++op) {
                const QString id = op.value().toObject().value("operationId").toString();
                if (id.isEmpty())
                    continue;
                seen.insert(id);
                QVERIFY2(commands.contains(id), qPrintable(QStringLiteral("no berthctl command for ") + id));
                Run help = run(commands.value(id) + QStringList{"--help"});
                QVERIFY2(help.status == 0, qPrintable(id + QLatin1Char(' ') + help.describe()));
            }
        }
        QCOMPARE(seen.size(), commands.size());
    }

    void helpAtEveryLevel()
    {
        Run global = run({"--help"});
        EXPECT_EXIT(global, 0);
        QVERIFY(global.out.startsWith(QStringLiteral("Usage: berthctl")));
        QVERIFY(global.err.isEmpty());
        QCOMPARE(run({"help"}).out, global.out);
        QCOMPARE(run({"-h"}).out, global.out);

        QStringList families;
        {
            QString o, e;
            QTextStream out(&o), err(&e);
            CommandLine commandLine(out, err);
            for (const auto& family : commandLine.families()) {
                families.append(family->name());
                QVERIFY2(global.out.contains(QStringLiteral("  ") + family->name() + QLatin1Char(' ')),
                         qPrintable(family->name()));
                Run familyHelp = run({family->name(), "--help"});
                EXPECT_EXIT(familyHelp, 0);
                QVERIFY(familyHelp.out.startsWith(QStringLiteral("Usage: berthctl ") + family->name()));
                for (const Subcommand& sub : family->subcommands()) {
                    QStringList args{family->name()};
                    if (!sub.name.isEmpty()) {
                        args.append(sub.name);
                        QVERIFY(familyHelp.out.contains(QStringLiteral("  ") + sub.name));
                    }
                    Run subHelp = run(args + QStringList{"--help"});
                    EXPECT_EXIT(subHelp, 0);
                    QVERIFY2(subHelp.out.startsWith(QStringLiteral("Usage: berthctl ") + args.join(' ')),
                             qPrintable(subHelp.out));
                    QVERIFY(subHelp.out.contains(sub.summary));
                    for (const QCommandLineOption& option : sub.options)
                        QVERIFY(subHelp.out.contains(QStringLiteral("--") + option.names().last()));
                    QCOMPARE(run(QStringList{"help"} + args).out, subHelp.out);
                }
            }
        }
        QVERIFY(families.contains("repos"));
        Run move = run({"repos", "move", "--help"});
        QVERIFY(move.out.contains(QStringLiteral("Usage: berthctl repos move NAME COMPARTMENT")));
        Run create = run({"repos", "create", "-h"});
        QVERIFY(create.out.contains(QStringLiteral("--compartment A:B")));
        QVERIFY(create.out.contains(QStringLiteral("--public")));
        Run version = run({"--version"});
        EXPECT_EXIT(version, 0);
        QCOMPARE(version.out, QStringLiteral("berthctl " BERTH_VERSION "\n"));
    }

    void usageErrors()
    {
        const QStringList signIn{"--server", server(), "--user", "admin", "--password", "x"};
        struct Case
        {
            QStringList args;
            QString expected;
        };
        const QList<Case> cases{
            {{}, "Name a command."},
            {{"fly"}, "There is no command \"fly\"."},
            {{"repos"}, "Name a subcommand of \"repos\"."},
            {{"repos", "fly"}, "\"repos\" has no subcommand \"fly\"."},
            {{"repos", "list", "--bogus"}, "bogus"},
            {{"--bogus", "repos", "list"}, "bogus"},
            {{"repos", "show"}, "Missing argument NAME."},
            {{"repos", "move", "a"}, "Missing argument COMPARTMENT."},
            {{"repos", "show", "a", "b"}, "Unexpected argument \"b\"."},
            {{"repos", "list", "--compartment"}, "compartment"},
            {{"repos", "list", "--output", "yaml"}, "--output must be table or json"},
            {{"repos", "list", "--timeout", "0"}, "--timeout"},
            {{"repos", "list", "--cacert", "/nonexistent/ca.pem"}, "/nonexistent/ca.pem"},
            {{"repos", "list", "--password-stdin"}, "Give either --password or --password-stdin"},
        };
        for (const Case& c : cases) {
            Run r = run(c.args.isEmpty() || c.args.first() == "--bogus" ? c.args : signIn + c.args);
            QVERIFY2(r.status == 2, qPrintable(c.args.join(' ') + QLatin1Char('\n') + r.describe()));
            QVERIFY2(r.err.contains(c.expected),
                     qPrintable(c.args.join(' ') + QLatin1Char('\n') + r.describe()));
            QVERIFY2(r.err.contains(QStringLiteral("--help")), qPrintable(r.describe()));
            QVERIFY(r.out.isEmpty());
        }
        // No server anywhere.
        Run noServer = run({"repos", "list"});
        EXPECT_EXIT(noServer, 2);
        QVERIFY(noServer.err.contains(QStringLiteral("BERTH_SERVER")));
        Run notUrl = run({"--server", "registry.example.com", "repos", "list"});
        EXPECT_EXIT(notUrl, 2);
        QVERIFY(notUrl.err.contains(QStringLiteral("http://")));
        // The usage hint names the subcommand.
        QVERIFY(run(signIn + QStringList{"repos", "show"})
                    .err.contains(QStringLiteral("berthctl repos show --help")));
    }

    void apiErrors()
    {
        EXPECT_EXIT(admin({"users", "create", "carol", "--new-password", "carol-password-1"}), 0);

        Run notFound = admin({"users", "show", "nobody"});
        EXPECT_EXIT(notFound, 1);
        QVERIFY(notFound.err.contains(QStringLiteral("NOT_FOUND")));
        QVERIFY(notFound.err.contains(QStringLiteral("HTTP 404")));
        QVERIFY(notFound.out.isEmpty());

        Run notAdmin = as("carol", "carol-password-1", {"users", "list"});
        EXPECT_EXIT(notAdmin, 1);
        QVERIFY(notAdmin.err.contains(QStringLiteral("NOT_AUTHORIZED")));
        QVERIFY(notAdmin.err.contains(QStringLiteral("HTTP 403")));
        EXPECT_EXIT(as("carol", "carol-password-1", {"compartments", "create", "Apps"}), 1);

        Run wrongPassword = as("carol", "not-her-password", {"users", "me"});
        EXPECT_EXIT(wrongPassword, 1);
        QVERIFY(wrongPassword.err.contains(QStringLiteral("NOT_AUTHENTICATED")));
        QVERIFY(wrongPassword.err.contains(QStringLiteral("--password")));

        Run anonymous = run({"--server", server(), "users", "me"});
        EXPECT_EXIT(anonymous, 1);
        QVERIFY(anonymous.err.contains(QStringLiteral("HTTP 401")));

        Run conflict = admin({"users", "create", "carol"});
        EXPECT_EXIT(conflict, 1);
        QVERIFY(conflict.err.contains(QStringLiteral("CONFLICT")));
    }

    void credentialsFromStdinAndEnvironment()
    {
        const QStringList base{"--server", server(), "--user", "admin", "--password-stdin"};
        Run fromStdin =
            run(base + QStringList{"users", "me"}, BerthdProcess::adminPassword().toUtf8() + "\n");
        EXPECT_EXIT(fromStdin, 0);
        QVERIFY(fromStdin.out.contains(QStringLiteral("Name:           admin")));
        // The password line is consumed; the next line is left for the command (a new password).
        EXPECT_EXIT(admin({"users", "create", "dave", "--new-password", "dave-password-1"}), 0);
        EXPECT_EXIT(run(base + QStringList{"users", "passwd", "dave"},
                        BerthdProcess::adminPassword().toUtf8() + "\ndave-password-2\n"),
                    0);
        EXPECT_EXIT(as("dave", "dave-password-2", {"users", "me"}), 0);
        // Options may also follow the command.
        EXPECT_EXIT(run({"users", "me", "--server", server(), "--user", "dave", "--password-stdin"},
                        "dave-password-2\n"),
                    0);
        Run empty = run(base + QStringList{"users", "me"});
        EXPECT_EXIT(empty, 2);
        QVERIFY(empty.err.contains(QStringLiteral("standard input is empty")));

        QProcessEnvironment environment;
        environment.insert("BERTH_SERVER", server());
        environment.insert("BERTH_USER", "dave");
        environment.insert("BERTH_PASSWORD", "dave-password-2");
        Run fromEnvironment = run({"--output", "json", "users", "me"}, {}, environment);
        EXPECT_EXIT(fromEnvironment, 0);
        QCOMPARE(fromEnvironment.object().value("name").toString(), QStringLiteral("dave"));
        // Options win over the environment.
        Run overridden =
            run({"-u", "admin", "--password", BerthdProcess::adminPassword(), "-o", "json", "users", "me"},
                {}, environment);
        EXPECT_EXIT(overridden, 0);
        QCOMPARE(overridden.object().value("name").toString(), QStringLiteral("admin"));
    }

    void listsFollowEveryPage()
    {
        QStringList expected;
        for (int i = 0; i < 5; ++i) {
            const QString name = QStringLiteral("paged/r%1").arg(i);
            EXPECT_EXIT(admin({"repos", "create", name}), 0);
            expected.append(name);
        }
        QProcessEnvironment environment;
        environment.insert("BERTH_SERVER", server());
        environment.insert("BERTH_USER", BerthdProcess::adminUser());
        environment.insert("BERTH_PASSWORD", BerthdProcess::adminPassword());
        environment.insert("BERTH_PAGE_SIZE", "2"); // three pages
        Run json = run({"-o", "json", "repos", "list"}, {}, environment);
        EXPECT_EXIT(json, 0);
        QCOMPARE(names(json.array()), expected);
        Run table = run({"repos", "list"}, {}, environment);
        EXPECT_EXIT(table, 0);
        QCOMPARE(table.out.count(QStringLiteral("paged/r")), 5);
        // --limit stops in the middle of a page.
        Run three = run({"-o", "json", "audit", "list", "--limit", "3"}, {}, environment);
        EXPECT_EXIT(three, 0);
        QCOMPARE(three.array().size(), 3);
        environment.insert("BERTH_PAGE_SIZE", "0");
        EXPECT_EXIT(run({"repos", "list"}, {}, environment), 2);
    }

    void httpsWithCacert()
    {
        // berthd --tls auto makes a local CA in <data>/keys; berthctl trusts it with --cacert only.
        BerthdProcess tls;
        if (!tls.start({"--tls", "auto"}))
            QFAIL(qPrintable(tls.errorString()));
        QUrl url = tls.anonymousUrl();
        url.setScheme(QStringLiteral("https"));
        const QString ca = tls.dataDir() + QStringLiteral("/keys/ca.crt");
        QVERIFY2(QFile::exists(ca), qPrintable(ca));
        const QStringList signIn{"--server", url.toString(), "--user",
                                 "admin",    "--password",   BerthdProcess::adminPassword()};

        Run trusted = run(signIn + QStringList{"--cacert", ca, "-o", "json", "users", "me"});
        EXPECT_EXIT(trusted, 0);
        QCOMPARE(trusted.object().value("name").toString(), QStringLiteral("admin"));

        Run untrusted = run(signIn + QStringList{"users", "me"});
        EXPECT_EXIT(untrusted, 1);
        QVERIFY2(untrusted.err.contains(QStringLiteral("Cannot reach")), qPrintable(untrusted.describe()));
        QVERIFY2(untrusted.err.contains(QStringLiteral("--cacert")), qPrintable(untrusted.describe()));

        Run notACertificate = run(
            signIn + QStringList{"--cacert", tls.dataDir() + QStringLiteral("/keys/ca.key"), "users", "me"});
        EXPECT_EXIT(notACertificate, 2);
        QVERIFY(notACertificate.err.contains(QStringLiteral("no PEM or DER certificate")));
        QCOMPARE(tls.stop(), 0);
    }

    void theBinary()
    {
        const QString binary = QStringLiteral(BERTH_BINARY_DIR "/app/cli/berthctl");
        QVERIFY2(QFile::exists(binary), qPrintable(binary));
        QProcess help;
        help.start(binary, {"--help"});
        QVERIFY(help.waitForFinished(30000));
        QCOMPARE(help.exitCode(), 0);
        QVERIFY(help.readAllStandardOutput().startsWith("Usage: berthctl"));

        QProcess version;
        version.start(binary, {"--version"});
        QVERIFY(version.waitForFinished(30000));
        QCOMPARE(version.exitCode(), 0);
        QCOMPARE(version.readAllStandardOutput(), QByteArray("berthctl " BERTH_VERSION "\n"));

        // And one real call, with the password on standard input.
        QProcess me;
        me.start(binary,
                 {"--server", server(), "--user", "admin", "--password-stdin", "-o", "json", "users", "me"});
        QVERIFY(me.waitForStarted(30000));
        me.write(BerthdProcess::adminPassword().toUtf8() + "\n");
        me.closeWriteChannel();
        QVERIFY(me.waitForFinished(30000));
        QCOMPARE(me.exitCode(), 0);
        QCOMPARE(QJsonDocument::fromJson(me.readAllStandardOutput()).object().value("name").toString(),
                 QStringLiteral("admin"));

        QProcess wrong;
        wrong.start(binary, {"repos", "fly"});
        QVERIFY(wrong.waitForFinished(30000));
        QCOMPARE(wrong.exitCode(), 2);
    }
};

QTEST_GUILESS_MAIN(TestBerthctl)
#include "tst_berthctl.moc"
