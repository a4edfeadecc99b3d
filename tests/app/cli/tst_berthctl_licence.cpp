// berthctl licence and repos update --description, in-process against a real berthd (one per test
// function): an administrator sets a Markdown licence from a file and a plain one with --text; a user
// reads it (show), is refused without --yes when standard input is no terminal, accepts with --yes and
// then pulls; a new version needs accepting again and a stale --version is refused; the acceptance
// report with its filters and as JSON; versions; remove; a compartment's licence inherited by its
// repositories. The real berthctl binary once on a pseudo terminal (util-linux script) answering the
// "Accept? [y/N]" question.

#include "BerthdCtl.h"
#include "support/BerthdProcess.h"
#include "support/OciFixtures.h"
#include "support/RegistryClient.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;
using Run = berth::test::CtlRun;
using berth::test::BerthdCtl;

namespace {

const QString AlicePassword = QStringLiteral("alice-password-1");
const QByteArray LicenceMarkdown = "# Example Licence\n\nYou may run this image **for evaluation only**.\n";

QStringList column(const QJsonArray& items, const QString& field)
{
    QStringList values;
    for (const QJsonValue& item : items)
        values.append(item.toObject().value(field).toString());
    return values;
}

} // namespace

class TestBerthctlLicence : public QObject
{
    Q_OBJECT

private:
    BerthdCtl m_ctl;
    QTemporaryDir m_dir;

    Run admin(const QStringList& args, const QByteArray& input = {})
    {
        return Run::run(signIn(BerthdProcess::adminUser(), BerthdProcess::adminPassword()) + args, input);
    }
    Run adminJson(const QStringList& args) { return admin(QStringList{"--output", "json"} + args); }
    Run alice(const QStringList& args, const QByteArray& input = {})
    {
        return Run::run(signIn(QStringLiteral("alice"), AlicePassword) + args, input);
    }
    Run aliceJson(const QStringList& args) { return alice(QStringList{"--output", "json"} + args); }
    QString server() const { return m_ctl.berthd().anonymousUrl().toString(); }
    QStringList signIn(const QString& user, const QString& password) const
    {
        return {"--server", server(), "--user", user, "--password", password};
    }

    /// team/app (public, so alice may read it) with one image tagged v1, and the user alice.
    void prepareRepository(const QString& repository, const QStringList& createOptions = {})
    {
        EXPECT_EXIT(admin(QStringList{"repos", "create", repository, "--public"} + createOptions), 0);
        RegistryClient client(m_ctl.berthd().baseUrl());
        const QByteArray config = OciFixtures::config(7);
        const QByteArray layer = OciFixtures::randomBytes(800, 7);
        QCOMPARE(client.pushBlobMonolithic(repository, config).status, 201);
        QCOMPARE(client.pushBlobMonolithic(repository, layer).status, 201);
        QCOMPARE(client
                     .pushManifest(repository, QStringLiteral("v1"), OciFixtures::kManifestType,
                                   OciFixtures::imageManifest(config, {layer}))
                     .status,
                 201);
        if (aliceJson({"users", "me"}).status != 0)
            EXPECT_EXIT(admin({"users", "create", "alice", "--new-password", AlicePassword}), 0);
    }
    /// The status of alice's GET of repository:v1's manifest.
    int alicePull(const QString& repository)
    {
        QUrl url = m_ctl.berthd().anonymousUrl();
        url.setUserName(QStringLiteral("alice"));
        url.setPassword(AlicePassword);
        return RegistryClient(url)
            .get(QStringLiteral("/v2/%1/manifests/v1").arg(repository),
                 {{"Accept", OciFixtures::kManifestType}})
            .status;
    }
    QString writeFile(const QString& name, const QByteArray& content)
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly))
            return QString();
        file.write(content);
        return file.fileName();
    }

private slots:
    void init() { QVERIFY2(m_ctl.start(), qPrintable(m_ctl.errorString())); }
    void cleanup() { QCOMPARE(m_ctl.stop(), 0); }

    void setShowAcceptReportRemove()
    {
        prepareRepository(QStringLiteral("team/app"));
        QVERIFY(!QTest::currentTestFailed());
        const QString file = writeFile(QStringLiteral("licence.md"), LicenceMarkdown);

        // Usage errors name what is missing; a missing file is named with the reason.
        EXPECT_EXIT(admin({"licence", "set", "team/app", "--version", "1", "--file", file}), 2);
        EXPECT_EXIT(admin({"licence", "set", "team/app", "--title", "T", "--file", file}), 2);
        EXPECT_EXIT(admin({"licence", "set", "team/app", "--title", "T", "--version", "1"}), 2);
        EXPECT_EXIT(admin({"licence", "set", "--title", "T", "--version", "1", "--text", "x"}), 2);
        Run missing = admin({"licence", "set", "team/app", "--title", "T", "--version", "1", "--file",
                             m_dir.filePath(QStringLiteral("absent.md"))});
        EXPECT_EXIT(missing, 1);
        QVERIFY2(missing.err.contains(QStringLiteral("Cannot read the licence text from")),
                 qPrintable(missing.describe()));
        EXPECT_EXIT(alice({"licence", "set", "team/app", "--title", "T", "--version", "1", "--text", "x"}),
                    1);
        QCOMPARE(alicePull(QStringLiteral("team/app")), 200); // not gated yet

        Run set = admin({"licence", "set", "team/app", "--title", "Example Licence", "--version", "1",
                         "--file", file, "--markdown"});
        EXPECT_EXIT(set, 0);
        QVERIFY2(set.out.contains(
                     QStringLiteral("Version 1 of \"Example Licence\" is in force on repository team/app.")),
                 qPrintable(set.describe()));
        QCOMPARE(alicePull(QStringLiteral("team/app")), 403);

        // A user reads it: the text, that it is not accepted, and where to accept it.
        Run shown = alice({"licence", "show", "team/app"});
        EXPECT_EXIT(shown, 0);
        for (const QString& expected : {QStringLiteral("Example Licence"),
                                        QStringLiteral("You may run this image **for evaluation only**."),
                                        QStringLiteral("repository team/app"), QStringLiteral("markdown"),
                                        QStringLiteral("You (alice) have not accepted version 1."),
                                        QStringLiteral("berthctl licence accept team/app"),
                                        QStringLiteral("/portal/repositories/team/app/licence")})
            QVERIFY2(shown.out.contains(expected),
                     qPrintable(expected + QLatin1Char('\n') + shown.describe()));
        const QJsonObject shownJson = aliceJson({"licence", "show", "team/app"}).object();
        QCOMPARE(shownJson.value("required").toBool(), true);
        QCOMPARE(shownJson.value("accepted").toBool(), false);
        QCOMPARE(shownJson.value("licence").toObject().value("format").toString(),
                 QStringLiteral("markdown"));
        QCOMPARE(shownJson.value("licence").toObject().value("text").toString(),
                 QString::fromUtf8(LicenceMarkdown));
        Run asAdmin = admin({"licence", "show", "team/app"});
        EXPECT_EXIT(asAdmin, 0);
        QVERIFY2(asAdmin.out.contains(QStringLiteral("You (admin) have not accepted version 1.")),
                 qPrintable(asAdmin.describe()));
        Run anonymous = Run::run({"--server", server(), "licence", "show", "team/app"});
        EXPECT_EXIT(anonymous, 0);
        QVERIFY2(anonymous.out.contains(QStringLiteral("You are not signed in.")),
                 qPrintable(anonymous.describe()));

        // No terminal and no --yes: refused, with what to do instead; nothing recorded.
        Run noTerminal = alice({"licence", "accept", "team/app"}, "y\n");
        EXPECT_EXIT(noTerminal, 1);
        QVERIFY2(noTerminal.err.contains(QStringLiteral("standard input is not a terminal")) &&
                     noTerminal.err.contains(QStringLiteral("berthctl licence show team/app")) &&
                     noTerminal.err.contains(QStringLiteral("--yes")),
                 qPrintable(noTerminal.describe()));
        QCOMPARE(aliceJson({"licence", "show", "team/app"}).object().value("accepted").toBool(), false);
        Run anonymousAccept = Run::run({"--server", server(), "licence", "accept", "team/app", "--yes"});
        EXPECT_EXIT(anonymousAccept, 1);
        QVERIFY2(anonymousAccept.err.contains(QStringLiteral("sign in")),
                 qPrintable(anonymousAccept.describe()));

        Run accepted = alice({"licence", "accept", "team/app", "--yes"});
        EXPECT_EXIT(accepted, 0);
        QVERIFY2(
            accepted.out.contains(QStringLiteral(
                "Accepted \"Example Licence\" (version 1) for team/app as alice: you can pull from it now.")),
            qPrintable(accepted.describe()));
        QCOMPARE(alicePull(QStringLiteral("team/app")), 200);
        Run after = alice({"licence", "show", "team/app"});
        QVERIFY2(after.out.contains(QStringLiteral("You (alice) accepted version 1 on")),
                 qPrintable(after.describe()));
        EXPECT_EXIT(alice({"licence", "accept", "team/app", "-y"}), 0); // again: nothing changes

        // Version 2 (plain text): pulls need accepting again; the version alice read is refused.
        Run second = admin({"licence", "set", "team/app", "--title", "Example Licence", "--version", "2",
                            "--text", "Evaluation and production use."});
        EXPECT_EXIT(second, 0);
        QCOMPARE(alicePull(QStringLiteral("team/app")), 403);
        Run stale = alice({"licence", "accept", "team/app", "--version", "1", "--yes"});
        EXPECT_EXIT(stale, 1);
        QVERIFY2(stale.err.contains(
                     QStringLiteral("the licence of team/app changed; version 2 is in force now, not 1.")) &&
                     stale.err.contains(QStringLiteral("berthctl licence show team/app")),
                 qPrintable(stale.describe()));
        QCOMPARE(alicePull(QStringLiteral("team/app")), 403);
        Run acceptedJson = aliceJson({"licence", "accept", "team/app", "--version", "2", "--yes"});
        EXPECT_EXIT(acceptedJson, 0);
        QCOMPARE(acceptedJson.object().value("version").toString(), QStringLiteral("2"));
        QCOMPARE(acceptedJson.object().value("user").toString(), QStringLiteral("alice"));
        QCOMPARE(alicePull(QStringLiteral("team/app")), 200);

        // Versions, newest first, the one in force marked.
        Run versions = admin({"licence", "versions", "team/app"});
        EXPECT_EXIT(versions, 0);
        QVERIFY2(versions.out.contains(QStringLiteral("IN FORCE")), qPrintable(versions.describe()));
        const QJsonArray versionItems = adminJson({"licence", "versions", "team/app"}).array();
        QCOMPARE(column(versionItems, "version"), (QStringList{"2", "1"}));
        QCOMPARE(column(versionItems, "format"), (QStringList{"text", "markdown"}));
        EXPECT_EXIT(alice({"licence", "versions", "team/app"}), 1);

        // The report: both acceptances, filtered, as a table and as JSON.
        const QJsonArray all = adminJson({"licence", "report"}).array();
        QCOMPARE(column(all, "version"), (QStringList{"2", "1"}));
        QCOMPARE(column(all, "user"), (QStringList{"alice", "alice"}));
        QCOMPARE(column(all, "channel"), (QStringList{"cli", "cli"}));
        QCOMPARE(all.at(0).toObject().value("currentVersion").toBool(), true);
        QCOMPARE(all.at(1).toObject().value("currentVersion").toBool(), false);
        QCOMPARE(column(adminJson({"licence", "report", "--current"}).array(), "version"), QStringList{"2"});
        QCOMPARE(adminJson({"licence", "report", "--user", "alice"}).array().size(), 2);
        QCOMPARE(adminJson({"licence", "report", "--user", "admin"}).array().size(), 0);
        QCOMPARE(adminJson({"licence", "report", "--repository", "team/app"}).array().size(), 2);
        const QString ocid = all.at(0).toObject().value("licence").toString();
        QCOMPARE(adminJson({"licence", "report", "--licence", ocid, "--current"}).array().size(), 1);
        EXPECT_EXIT(admin({"licence", "report", "--repository", "team/app", "--licence", ocid}), 2);
        Run table = admin({"licence", "report", "--current"});
        EXPECT_EXIT(table, 0);
        for (const QString& expected :
             {QStringLiteral("USER"), QStringLiteral("ACCEPTED AT"), QStringLiteral("CHANNEL"),
              QStringLiteral("repository team/app"), QStringLiteral("alice")})
            QVERIFY2(table.out.contains(expected),
                     qPrintable(expected + QLatin1Char('\n') + table.describe()));
        EXPECT_EXIT(alice({"licence", "report"}), 1);
        const QJsonArray licences = adminJson({"licence", "list"}).array();
        QCOMPARE(column(licences, "id"), QStringList{ocid});

        // Remove: asks first; then nothing gates the pull.
        Run kept = admin({"licence", "remove", "team/app"}, "n\n");
        EXPECT_EXIT(kept, 1);
        QVERIFY2(kept.err.contains(QStringLiteral("Not removed")), qPrintable(kept.describe()));
        Run removed = admin({"licence", "remove", "team/app", "--yes"});
        EXPECT_EXIT(removed, 0);
        QVERIFY2(removed.out.contains(QStringLiteral("Removed the licence of repository team/app")),
                 qPrintable(removed.describe()));
        Run none = alice({"licence", "show", "team/app"});
        EXPECT_EXIT(none, 0);
        QVERIFY2(none.out.contains(QStringLiteral("Repository team/app needs no licence")),
                 qPrintable(none.describe()));
        EXPECT_EXIT(admin({"licence", "versions", "team/app"}), 1);
        QCOMPARE(adminJson({"licence", "report"}).array().size(), 0);
    }

    void compartmentLicence()
    {
        EXPECT_EXIT(admin({"compartments", "create", "Apps"}), 0);
        prepareRepository(QStringLiteral("apps/web"), {"--compartment", "Apps"});
        QVERIFY(!QTest::currentTestFailed());
        EXPECT_EXIT(admin({"licence", "set", "apps/web", "--compartment", "Apps", "--title", "T", "--version",
                           "1", "--text", "x"}),
                    2);
        Run set = admin({"licence", "set", "--compartment", "Apps", "--title", "Apps Licence", "--version",
                         "2026-11", "--text", "Use inside the company only."});
        EXPECT_EXIT(set, 0);
        QVERIFY2(set.out.contains(QStringLiteral("is in force on compartment Apps.")),
                 qPrintable(set.describe()));
        QCOMPARE(alicePull(QStringLiteral("apps/web")), 403);

        Run repository = admin({"repos", "show", "apps/web"});
        QVERIFY2(
            repository.out.contains(QStringLiteral("\"Apps Licence\" version 2026-11, from its compartment")),
            qPrintable(repository.describe()));
        const QJsonObject repositoryJson = adminJson({"repos", "show", "apps/web"}).object();
        QCOMPARE(repositoryJson.value("licence").toObject().value("inherited").toBool(), true);

        Run shown = alice({"licence", "show", "apps/web"});
        EXPECT_EXIT(shown, 0);
        QVERIFY2(shown.out.contains(QStringLiteral("compartment Apps")) &&
                     shown.out.contains(QStringLiteral("Use inside the company only.")),
                 qPrintable(shown.describe()));
        EXPECT_EXIT(alice({"licence", "accept", "apps/web", "--yes"}), 0);
        QCOMPARE(alicePull(QStringLiteral("apps/web")), 200);

        Run compartment = admin({"licence", "show", "--compartment", "Apps"});
        EXPECT_EXIT(compartment, 0);
        QVERIFY2(compartment.out.contains(QStringLiteral("Apps Licence")) &&
                     compartment.out.contains(QStringLiteral("Use inside the company only.")),
                 qPrintable(compartment.describe()));
        EXPECT_EXIT(alice({"licence", "show", "--compartment", "Apps"}), 1);
        EXPECT_EXIT(admin({"licence", "show"}), 2);
        QCOMPARE(column(adminJson({"licence", "versions", "--compartment", "Apps"}).array(), "version"),
                 QStringList{"2026-11"});
        QCOMPARE(column(adminJson({"licence", "versions", "apps/web"}).array(), "version"),
                 QStringList{"2026-11"});
        const QJsonArray report = adminJson({"licence", "report", "--compartment", "Apps"}).array();
        QCOMPARE(report.size(), 1);
        QCOMPARE(report.at(0).toObject().value("scope").toObject().value("compartment").toString(),
                 QStringLiteral("Apps"));
        Run table = admin({"licence", "report", "--compartment", "Apps"});
        QVERIFY2(table.out.contains(QStringLiteral("compartment Apps")), qPrintable(table.describe()));

        EXPECT_EXIT(admin({"licence", "remove", "--compartment", "Apps", "--yes"}), 0);
        Run none = alice({"licence", "show", "apps/web"});
        QVERIFY2(none.out.contains(QStringLiteral("needs no licence")), qPrintable(none.describe()));
        QCOMPARE(adminJson({"repos", "show", "apps/web"}).object().value("licence").isNull(), true);
    }

    void acceptOnATerminal()
    {
        const QString script = QStandardPaths::findExecutable(QStringLiteral("script"));
        if (script.isEmpty())
            QSKIP("util-linux script is not installed: no pseudo terminal to answer on");
        prepareRepository(QStringLiteral("team/app"));
        QVERIFY(!QTest::currentTestFailed());
        EXPECT_EXIT(admin({"licence", "set", "team/app", "--title", "Example Licence", "--version", "1",
                           "--text", "Read me first."}),
                    0);
        const QString binary = QStringLiteral(BERTH_BINARY_DIR "/app/cli/berthctl");
        auto answer = [&](const QByteArray& reply, QByteArray* output) {
            QProcess process;
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert(QStringLiteral("BERTH_SERVER"), server());
            environment.insert(QStringLiteral("BERTH_USER"), QStringLiteral("alice"));
            environment.insert(QStringLiteral("BERTH_PASSWORD"), AlicePassword);
            process.setProcessEnvironment(environment);
            process.setProcessChannelMode(QProcess::MergedChannels);
            // script runs berthctl on a pseudo terminal and passes what we write on to it.
            process.start(
                script, {"-q", "-e", "-c", binary + QStringLiteral(" licence accept team/app"), "/dev/null"});
            if (!process.waitForStarted(30000))
                return -1;
            process.write(reply);
            process.waitForFinished(30000);
            *output = process.readAll();
            return process.exitCode();
        };
        QByteArray output;
        QCOMPARE(answer("n\n", &output), 1);
        QVERIFY2(output.contains("Read me first.") &&
                     output.contains("Accept \"Example Licence\" (version 1) for "
                                     "team/app? [y/N]"),
                 output.constData());
        QVERIFY2(output.contains("Not accepted: pulls from team/app stay refused"), output.constData());
        QCOMPARE(aliceJson({"licence", "show", "team/app"}).object().value("accepted").toBool(), false);
        QCOMPARE(answer("y\n", &output), 0);
        QVERIFY2(output.contains("Accepted \"Example Licence\" (version 1)"), output.constData());
        QCOMPARE(aliceJson({"licence", "show", "team/app"}).object().value("accepted").toBool(), true);
    }

    void repositoryDescription()
    {
        EXPECT_EXIT(admin({"repos", "create", "team/app"}), 0);
        EXPECT_EXIT(admin({"repos", "update", "team/app"}), 2);
        Run updated = admin({"repos", "update", "team/app", "--description", "The team's web application."});
        EXPECT_EXIT(updated, 0);
        QVERIFY2(updated.out.contains(QStringLiteral("Updated the description of team/app.")),
                 qPrintable(updated.describe()));
        Run shown = admin({"repos", "show", "team/app"});
        QVERIFY2(shown.out.contains(QStringLiteral("The team's web application.")),
                 qPrintable(shown.describe()));
        QCOMPARE(adminJson({"repos", "show", "team/app"}).object().value("description").toString(),
                 QStringLiteral("The team's web application."));
        Run tooLong =
            admin({"repos", "update", "team/app", "--description", QString(2001, QLatin1Char('x'))});
        EXPECT_EXIT(tooLong, 1);
        QVERIFY2(tooLong.err.contains(QStringLiteral("2000")), qPrintable(tooLong.describe()));
        EXPECT_EXIT(admin({"users", "create", "alice", "--new-password", AlicePassword}), 0);
        EXPECT_EXIT(alice({"repos", "update", "team/app", "--description", "mine"}), 1);
        Run cleared = admin({"repos", "update", "team/app", "--description", ""});
        EXPECT_EXIT(cleared, 0);
        QVERIFY2(cleared.out.contains(QStringLiteral("Repository team/app has no description now.")),
                 qPrintable(cleared.describe()));
        QCOMPARE(adminJson({"repos", "show", "team/app"}).object().value("description").toString(),
                 QString());
    }
};

QTEST_GUILESS_MAIN(TestBerthctlLicence)
#include "tst_berthctl_licence.moc"
