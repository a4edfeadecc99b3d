// Licence-gated repositories in the console (offscreen) over a real RegistryHost, its job runner and a
// real image (build/test-images/docker-archive.tar imported into Apps' team/app): the editor publishes a
// compartment's licence and a repository's own licence with a new version (Markdown preview, a bad form
// refused before anything is saved, the version history, audited), the repository table marks gated
// repositories, Image > Export… of a gated image shows the licence (Cancel exports nothing; Continue
// records the acceptance, channel "console", and the export file appears), a second export does not ask, a
// new version asks again, Image > Pull into Docker/Podman… loads the image into the real podman (skipped
// only when podman is absent) and says clearly when no engine is on PATH or the load fails, and the
// acceptances report lists who accepted what (filters, CSV).

#include "ScriptedPrompter.h"
#include "actions/RegistryActions.h"
#include "archive/ImageImporter.h"
#include "audit/AuditLog.h"
#include "data/LicenceBrowser.h"
#include "dialogs/LicenceAcceptDialog.h"
#include "dialogs/LicenceEditorDialog.h"
#include "dialogs/LicenceReportDialog.h"
#include "host/RegistryHost.h"
#include "iam/IdentityService.h"
#include "jobs/JobContext.h"
#include "jobs/JobRunner.h"
#include "licensing/LicenceStore.h"
#include "models/RepositoryTableModel.h"
#include "registry/RegistryService.h"
#include "views/ConsoleSession.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>

using namespace berth;

namespace {

const QString Repo = QStringLiteral("team/app");
const QString Inheriting = QStringLiteral("team/tools");
const QString Free = QStringLiteral("free/app");
const CompartmentPath Apps(QStringList{QStringLiteral("Apps")});

QString podmanImages()
{
    QProcess podman;
    podman.start(QStringLiteral("podman"), {QStringLiteral("images"), QStringLiteral("--format"),
                                            QStringLiteral("{{.Repository}}:{{.Tag}}")});
    podman.waitForFinished(60'000);
    return QString::fromLocal8Bit(podman.readAllStandardOutput());
}

void podmanRemove(const QString& image)
{
    QProcess::execute(QStringLiteral("podman"), {QStringLiteral("rmi"), QStringLiteral("-f"), image});
}

} // namespace

class TestLicenceConsole : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<JobRunner> m_runner;
    std::unique_ptr<RegistryHost> m_host;
    std::unique_ptr<ConsoleSession> m_session;
    std::unique_ptr<RegistryActions> m_actions;
    ScriptedPrompter m_prompter;
    ActionContext m_context;

    LicenceStore& store() { return m_host->registry().licences(); }
    QString admin() const { return LicenceBrowser::consoleUserName(*m_host); }

    static bool settle(LicenceBrowser& browser) { return browser.waitForIdle(10'000); }

    int licenceQuestions() const { return int(m_prompter.asked.filter(QStringLiteral("licence ")).size()); }

    QList<LicenceAcceptance> acceptancesOfAdmin()
    {
        LicenceAcceptanceFilter filter;
        filter.userName = admin();
        auto list = store().acceptances(filter);
        return list ? list.value() : QList<LicenceAcceptance>();
    }

    QStringList auditActions()
    {
        (void)m_host->audit().flush();
        AuditFilter filter;
        filter.actionPrefix = QStringLiteral("licence");
        filter.limit = -1;
        auto records = m_host->audit().query(filter);
        QStringList actions;
        if (records)
            for (const AuditRecord& r : records->records)
                actions << r.action + QLatin1Char(' ') + r.target + QLatin1Char(' ') +
                               r.details.value(QStringLiteral("version")).toString() + QLatin1Char(' ') +
                               r.details.value(QStringLiteral("channel")).toString();
        return actions;
    }

    /// Triggers `action` and waits until the licence step and any job it submitted are over.
    bool runGated(QAction* action)
    {
        action->trigger();
        if (!settle(*m_actions->licenceBrowser()))
            return false;
        return m_runner->waitForIdle(120'000);
    }

    QString tooltipOf(const QString& repository)
    {
        RepositoryTableModel& model = m_session->repositories();
        for (int row = 0; row < model.rowCount(); ++row)
            if (model.repositoryAt(row) == repository)
                return model.index(row, RepositoryTableModel::NameColumn).data(Qt::ToolTipRole).toString();
        return QStringLiteral("<no row>");
    }

    void publishInEditor(const LicenceScope& scope, const QString& title, const QString& version,
                         LicenceFormat format, const QString& text)
    {
        LicenceEditorDialog editor(*m_host, scope);
        QVERIFY(settle(editor.browser()));
        editor.titleEdit()->setText(title);
        editor.versionEdit()->setText(version);
        editor.formatBox()->setCurrentIndex(editor.formatBox()->findData(int(format)));
        editor.textEdit()->setPlainText(text);
        editor.publishLicence();
        QVERIFY(settle(editor.browser()));
        QVERIFY2(
            editor.message().contains(QStringLiteral("Version %1 of \"%2\" is in force").arg(version, title)),
            qPrintable(editor.message()));
        QVERIFY(editor.changed());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_runner = std::make_unique<JobRunner>();
        RegistryHost::Options options;
        options.dataDirectory = m_dir.filePath(QStringLiteral("registry"));
        options.jobRunner = m_runner.get();
        options.gcIntervalSeconds = 0;
        options.scrubIntervalSeconds = 0;
        options.retentionIntervalSeconds = 0;
        options.usageSampleIntervalSeconds = 0;
        m_host = std::make_unique<RegistryHost>(options);
        QVERIFY(m_host->open().ok());
        QVERIFY(m_host->identity().createCompartment(CompartmentPath(), QStringLiteral("Apps")).ok());
        RegistryService& registry = m_host->registry();
        QVERIFY(registry.createRepository(Repo, Apps).ok());
        QVERIFY(registry.createRepository(Inheriting, Apps).ok());
        QVERIFY(registry.createRepository(Free, CompartmentPath()).ok());
        const QString archive = QStringLiteral(BERTH_BINARY_DIR "/test-images/docker-archive.tar");
        if (!QFile::exists(archive))
            QFAIL("Test images are missing: run scripts/prepare-test-tools.sh (it makes build/test-images).");
        ImageImporter importer(registry);
        NullJobContext context;
        ImportTarget target;
        target.repository = Repo;
        auto imported = importer.importPath(archive, target, context);
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
        QCOMPARE(imported->images.size(), 1);
        TagRow image;
        image.tag = imported->images.first().tag;
        image.digest = imported->images.first().digest;
        QCOMPARE(image.tag, QStringLiteral("v1"));
        m_context.repository = Repo;
        m_context.location = Location::ofRepository(Apps, Repo);
        m_context.image = image;

        m_session = std::make_unique<ConsoleSession>(*m_host, QStringLiteral("localhost:5000"));
        m_actions = std::make_unique<RegistryActions>(nullptr, *m_runner);
        m_actions->setPrompter(&m_prompter);
        m_actions->setSession(m_session.get());
        m_actions->setContextProvider([this] { return m_context; });
        QVERIFY(m_actions->pullIntoEngine->isEnabled());
        QCOMPARE(admin(), QStringLiteral("admin"));
    }

    void acceptDialogShowsTheLicence()
    {
        Licence licence;
        licence.scope = LicenceScope::ofRepository(Repo);
        licence.current.title = QStringLiteral("Example Licence");
        licence.current.version = QStringLiteral("7");
        licence.current.format = LicenceFormat::Markdown;
        licence.current.body = QStringLiteral("# Terms\n\nYou **may** run it.\n\n<b>raw</b>");
        LicenceAcceptDialog dialog(Repo, licence);
        QVERIFY2(dialog.heading()->text().contains(QStringLiteral("\"Example Licence\" (version 7)")),
                 qPrintable(dialog.heading()->text()));
        const QString shown = dialog.textBrowser()->toPlainText();
        QVERIFY2(shown.startsWith(QStringLiteral("Terms")), qPrintable(shown)); // rendered, no "#"
        QVERIFY(shown.contains(QStringLiteral("You may run it.")));
        QVERIFY(!dialog.textBrowser()->toHtml().contains(QStringLiteral("<b>raw</b>"))); // no raw HTML
        QCOMPARE(dialog.continueButton()->text(), QStringLiteral("Continue"));
        dialog.continueButton()->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void editorPublishesACompartmentLicence()
    {
        {
            LicenceEditorDialog editor(*m_host, LicenceScope::ofCompartment(Apps));
            QVERIFY(settle(editor.browser()));
            QVERIFY2(editor.status().contains(QStringLiteral("has no licence")), qPrintable(editor.status()));
            QVERIFY(!editor.removeButton()->isEnabled());
            // The preview follows the text as it is typed.
            editor.formatBox()->setCurrentIndex(editor.formatBox()->findData(int(LicenceFormat::Markdown)));
            editor.textEdit()->setPlainText(QStringLiteral("## Apps terms\n\n* one\n* two"));
            QCOMPARE(editor.preview()->toPlainText().left(10), QStringLiteral("Apps terms"));
            editor.formatBox()->setCurrentIndex(editor.formatBox()->findData(int(LicenceFormat::Text)));
            QVERIFY(editor.preview()->toPlainText().startsWith(QStringLiteral("## Apps terms")));
            // No title: refused before anything is saved.
            editor.versionEdit()->setText(QStringLiteral("1"));
            editor.publishLicence();
            QVERIFY(settle(editor.browser()));
            QVERIFY2(editor.message().contains(QStringLiteral("title"), Qt::CaseInsensitive),
                     qPrintable(editor.message()));
            QVERIFY(!editor.changed());
        }
        auto none = store().licenceOf(LicenceScope::ofCompartment(Apps));
        QVERIFY(none.ok() && !none.value());
        publishInEditor(LicenceScope::ofCompartment(Apps), QStringLiteral("Apps Licence"),
                        QStringLiteral("1"), LicenceFormat::Markdown,
                        QStringLiteral("## Apps terms\n\n* one\n* two"));

        // The repository has none of its own: its editor says which licence gates it.
        LicenceEditorDialog editor(*m_host, LicenceScope::ofRepository(Repo));
        QVERIFY(settle(editor.browser()));
        QVERIFY2(editor.status().contains(QStringLiteral("has no licence of its own")) &&
                     editor.status().contains(QStringLiteral("\"Apps Licence\" (version 1)")) &&
                     editor.status().contains(QStringLiteral("Apps")),
                 qPrintable(editor.status()));
        QCOMPARE(editor.history()->topLevelItemCount(), 0);
    }

    void editorPublishesARepositoryLicenceAndANewVersion()
    {
        publishInEditor(LicenceScope::ofRepository(Repo), QStringLiteral("Example Licence"),
                        QStringLiteral("1"), LicenceFormat::Text,
                        QStringLiteral("Version one of the terms."));
        LicenceEditorDialog editor(*m_host, LicenceScope::ofRepository(Repo));
        QVERIFY(settle(editor.browser()));
        QVERIFY2(editor.status().contains(QStringLiteral("\"Example Licence\", version 1")),
                 qPrintable(editor.status()));
        QCOMPARE(editor.titleEdit()->text(), QStringLiteral("Example Licence")); // the form holds it
        QCOMPARE(editor.textEdit()->toPlainText(), QStringLiteral("Version one of the terms."));
        QVERIFY(editor.removeButton()->isEnabled());
        editor.versionEdit()->setText(QStringLiteral("2"));
        editor.textEdit()->setPlainText(QStringLiteral("Version two of the terms."));
        editor.publishLicence();
        QVERIFY(settle(editor.browser()));
        QVERIFY2(editor.message().contains(QStringLiteral("Version 2 of \"Example Licence\" is in force")),
                 qPrintable(editor.message()));
        QCOMPARE(editor.history()->topLevelItemCount(), 2);
        QCOMPARE(editor.history()->topLevelItem(0)->text(0), QStringLiteral("2"));
        QCOMPARE(editor.history()->topLevelItem(1)->text(0), QStringLiteral("1"));
        QCOMPARE(editor.history()->topLevelItem(0)->text(2), admin());
        // Selecting the old version loads it into the form.
        editor.history()->setCurrentItem(editor.history()->topLevelItem(1));
        QCOMPARE(editor.textEdit()->toPlainText(), QStringLiteral("Version one of the terms."));
        QCOMPARE(editor.versionEdit()->text(), QStringLiteral("1"));

        auto licence = store().licenceFor(Repo);
        QVERIFY(licence.ok() && licence.value());
        QCOMPARE(licence.value()->current.version, QStringLiteral("2"));
        QCOMPARE(licence.value()->current.publishedBy, admin());
        const QStringList audit = auditActions();
        QVERIFY2(audit.contains(QStringLiteral("licence.published Apps 1 console")),
                 qPrintable(audit.join(", ")));
        QVERIFY(audit.contains(QStringLiteral("licence.published team/app 1 console")));
        QVERIFY(audit.contains(QStringLiteral("licence.published team/app 2 console")));
    }

    void tableMarksGatedRepositories()
    {
        RepositoryTableModel& model = m_session->repositories();
        model.setCompartment(Apps);
        QTRY_VERIFY_WITH_TIMEOUT(tooltipOf(Repo).contains(QStringLiteral("version 2")), 10'000);
        QCOMPARE(tooltipOf(Repo),
                 QStringLiteral("Pulls need the licence \"Example Licence\" (version 2) accepted."));
        QCOMPARE(
            tooltipOf(Inheriting),
            QStringLiteral("Pulls need the licence \"Apps Licence\" (version 1) accepted; it is set on ") +
                Apps.describe() + QLatin1Char('.'));
        model.setCompartment(CompartmentPath());
        QTRY_VERIFY_WITH_TIMEOUT(model.isLoaded() && tooltipOf(Free) != QStringLiteral("<no row>"), 10'000);
        QCOMPARE(tooltipOf(Free), QString()); // not gated: no mark
    }

    void exportCancelExportsNothing()
    {
        const QString file = m_dir.filePath(QStringLiteral("cancelled.tar"));
        m_prompter.exportChoice = Prompter::ExportChoice{ExportFormat::DockerArchive, file};
        m_prompter.licenceAnswer = false;
        QVERIFY(runGated(m_actions->exportImage));
        QCOMPARE(licenceQuestions(), 1);
        QCOMPARE(m_prompter.asked.last(), QStringLiteral("licence team/app"));
        QCOMPARE(m_prompter.licencesShown.last().current.title, QStringLiteral("Example Licence"));
        QCOMPARE(m_prompter.licencesShown.last().current.version, QStringLiteral("2"));
        QCOMPARE(m_prompter.licencesShown.last().current.body, QStringLiteral("Version two of the terms."));
        QVERIFY(m_runner->jobs().isEmpty());
        QVERIFY(!QFile::exists(file));
        QVERIFY(acceptancesOfAdmin().isEmpty());
        QVERIFY(m_prompter.errors.isEmpty());
    }

    void exportContinueRecordsTheAcceptanceAndExports()
    {
        const QString file = m_dir.filePath(QStringLiteral("accepted.tar"));
        m_prompter.exportChoice = Prompter::ExportChoice{ExportFormat::DockerArchive, file};
        m_prompter.licenceAnswer = true;
        QVERIFY(runGated(m_actions->exportImage));
        QCOMPARE(licenceQuestions(), 2);
        QCOMPARE(m_runner->jobs().size(), 1);
        const JobSnapshot job = m_runner->jobs().last();
        QCOMPARE(job.kind, JobKind::Export);
        QVERIFY2(job.state == JobState::Succeeded, qPrintable(job.result));
        QVERIFY(QFileInfo(file).size() > 1000);
        const QList<LicenceAcceptance> accepted = acceptancesOfAdmin();
        QCOMPARE(accepted.size(), 1);
        QCOMPARE(accepted.first().channel, QStringLiteral("console"));
        QCOMPARE(accepted.first().version, QStringLiteral("2"));
        QCOMPARE(accepted.first().scope.repository, Repo);
        QVERIFY(accepted.first().currentVersion);
        QVERIFY(auditActions().contains(QStringLiteral("licence.accepted team/app 2 console")));
    }

    void secondExportDoesNotAsk()
    {
        const QString file = m_dir.filePath(QStringLiteral("again.tar"));
        m_prompter.exportChoice = Prompter::ExportChoice{ExportFormat::OciArchive, file};
        m_prompter.licenceAnswer = false; // would cancel, were it asked
        QVERIFY(runGated(m_actions->exportImage));
        QCOMPARE(licenceQuestions(), 2);
        QCOMPARE(m_runner->jobs().size(), 2);
        QVERIFY2(m_runner->jobs().last().state == JobState::Succeeded,
                 qPrintable(m_runner->jobs().last().result));
        QVERIFY(QFileInfo(file).size() > 1000);
    }

    void newVersionAsksAgain()
    {
        publishInEditor(LicenceScope::ofRepository(Repo), QStringLiteral("Example Licence"),
                        QStringLiteral("3"), LicenceFormat::Text,
                        QStringLiteral("Version three of the terms."));
        const QString file = m_dir.filePath(QStringLiteral("third.tar"));
        QFile::remove(file);
        m_prompter.exportChoice = Prompter::ExportChoice{ExportFormat::DockerArchive, file};
        m_prompter.licenceAnswer = false;
        QVERIFY(runGated(m_actions->exportImage));
        QCOMPARE(licenceQuestions(), 3);
        QCOMPARE(m_prompter.licencesShown.last().current.version, QStringLiteral("3"));
        QVERIFY(!QFile::exists(file));
        m_prompter.exportChoice = Prompter::ExportChoice{ExportFormat::DockerArchive, file};
        m_prompter.licenceAnswer = true;
        QVERIFY(runGated(m_actions->exportImage));
        QCOMPARE(licenceQuestions(), 4);
        QVERIFY(QFile::exists(file));
        const QList<LicenceAcceptance> accepted = acceptancesOfAdmin();
        QCOMPARE(accepted.size(), 2);
        QCOMPARE(accepted.first().version, QStringLiteral("3")); // newest first
        QVERIFY(accepted.first().currentVersion);
        QVERIFY(!accepted.last().currentVersion);
    }

    void pullIntoPodman()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("podman")).isEmpty())
            QSKIP("podman is not installed");
        const QString image = QStringLiteral("localhost/team/app:v1");
        podmanRemove(image);
        QVERIFY(!podmanImages().contains(image));
        const QStringList tempsBefore =
            QDir::temp().entryList({QStringLiteral("berth-pull-*")}, QDir::Dirs | QDir::NoDotAndDotDot);
        const int jobsBefore = int(m_runner->jobs().size());
        QVERIFY(runGated(m_actions->pullIntoEngine));
        QCOMPARE(licenceQuestions(), 4); // version 3 was accepted: no question
        QCOMPARE(int(m_runner->jobs().size()), jobsBefore + 1);
        const JobSnapshot job = m_runner->jobs().last();
        QCOMPARE(job.title, QStringLiteral("Pull team/app:v1 into Docker/Podman"));
        QVERIFY2(job.state == JobState::Succeeded, qPrintable(job.result));
        QVERIFY2(job.result.contains(QStringLiteral("into podman")), qPrintable(job.result));
        const QString images = podmanImages();
        podmanRemove(image);
        QVERIFY2(images.contains(image), qPrintable(images));
        // The temporary archive went with its directory.
        QCOMPARE(QDir::temp().entryList({QStringLiteral("berth-pull-*")}, QDir::Dirs | QDir::NoDotAndDotDot),
                 tempsBefore);
    }

    void pullWithoutAnEngineSaysSo()
    {
        QTemporaryDir empty;
        const QByteArray path = qgetenv("PATH");
        qputenv("PATH", QFile::encodeName(empty.path()));
        QVERIFY(runGated(m_actions->pullIntoEngine));
        qputenv("PATH", path);
        const JobSnapshot job = m_runner->jobs().last();
        QCOMPARE(job.state, JobState::Failed);
        QVERIFY2(job.result.startsWith(QStringLiteral("Neither podman nor docker was found on PATH")),
                 qPrintable(job.result));
    }

    void pullFailureShowsTheOutput()
    {
        // An engine that refuses the archive (as a broken podman would): the job fails with its output.
        QTemporaryDir bin;
        QFile engine(bin.filePath(QStringLiteral("podman")));
        QVERIFY(engine.open(QIODevice::WriteOnly));
        engine.write(
            "#!/bin/sh\necho \"Error: payload does not match any of the supported image formats\" >&2\n"
            "exit 125\n");
        engine.close();
        QVERIFY(engine.setPermissions(engine.permissions() | QFileDevice::ExeOwner));
        const QByteArray path = qgetenv("PATH");
        qputenv("PATH", QFile::encodeName(bin.path()));
        QVERIFY(runGated(m_actions->pullIntoEngine));
        qputenv("PATH", path);
        const JobSnapshot job = m_runner->jobs().last();
        QCOMPARE(job.state, JobState::Failed);
        QVERIFY2(job.result.startsWith(QStringLiteral("podman load -i ")) &&
                     job.result.contains(
                         QStringLiteral("failed (exit code 125), so team/app:v1 was not loaded")) &&
                     job.result.contains(QStringLiteral("payload does not match")),
                 qPrintable(job.result));
    }

    void reportListsTheAcceptances()
    {
        LicenceReportDialog report(*m_host);
        QVERIFY(settle(report.browser()));
        QTreeWidget* table = report.table();
        QCOMPARE(table->topLevelItemCount(), 2);
        QTreeWidgetItem* newest = table->topLevelItem(0);
        QCOMPARE(newest->text(LicenceReportDialog::LicenceColumn), QStringLiteral("Example Licence"));
        QCOMPARE(newest->text(LicenceReportDialog::ScopeColumn), Repo);
        QCOMPARE(newest->text(LicenceReportDialog::VersionColumn), QStringLiteral("3"));
        QCOMPARE(newest->text(LicenceReportDialog::UserColumn), admin());
        QCOMPARE(newest->text(LicenceReportDialog::ChannelColumn), QStringLiteral("console"));
        QCOMPARE(newest->text(LicenceReportDialog::CurrentColumn), QStringLiteral("Yes"));
        QVERIFY(table->topLevelItem(1)
                    ->text(LicenceReportDialog::CurrentColumn)
                    .startsWith(QStringLiteral("No")));

        report.currentOnlyBox()->setChecked(true);
        QVERIFY(settle(report.browser()));
        QCOMPARE(table->topLevelItemCount(), 1);
        report.currentOnlyBox()->setChecked(false);
        report.userEdit()->setText(QStringLiteral("nobody"));
        report.refresh();
        QVERIFY(settle(report.browser()));
        QCOMPARE(table->topLevelItemCount(), 0);
        report.userEdit()->clear();
        // Licences to filter by: the repository's and the compartment's; Apps' has no acceptances.
        QCOMPARE(report.licenceBox()->count(), 3);
        const int apps = report.licenceBox()->findText(QStringLiteral("Apps Licence"), Qt::MatchStartsWith);
        QVERIFY(apps > 0);
        report.licenceBox()->setCurrentIndex(apps);
        QVERIFY(settle(report.browser()));
        QCOMPARE(table->topLevelItemCount(), 0);
        report.licenceBox()->setCurrentIndex(
            report.licenceBox()->findText(QStringLiteral("Example Licence"), Qt::MatchStartsWith));
        QVERIFY(settle(report.browser()));
        QCOMPARE(table->topLevelItemCount(), 2);

        const QString csv = m_dir.filePath(QStringLiteral("acceptances.csv"));
        QString error;
        QVERIFY2(report.exportCsv(csv, &error), qPrintable(error));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].startsWith(QStringLiteral("licence,title,scope,version,user,acceptedAt,channel")));
        QVERIFY2(lines[1].contains(QStringLiteral(",Example Licence,team/app,3,admin,")) &&
                     lines[1].endsWith(QStringLiteral(",console,,true")),
                 qPrintable(lines[1]));
    }

    void removingTheCompartmentLicenceClearsTheMark()
    {
        LicenceEditorDialog editor(*m_host, LicenceScope::ofCompartment(Apps));
        QVERIFY(settle(editor.browser()));
        QVERIFY(editor.removeButton()->isEnabled());
        editor.removeLicence();
        QVERIFY(settle(editor.browser()));
        QCOMPARE(editor.message(), QStringLiteral("The licence was removed."));
        QVERIFY2(editor.status().contains(QStringLiteral("has no licence")), qPrintable(editor.status()));
        QVERIFY(auditActions().contains(QStringLiteral("licence.removed Apps 1 console")));
        RepositoryTableModel& model = m_session->repositories();
        model.setCompartment(Apps);
        QTRY_VERIFY_WITH_TIMEOUT(model.isLoaded() && tooltipOf(Inheriting).isEmpty(), 10'000);
        QVERIFY(!tooltipOf(Repo).isEmpty()); // its own licence stays
    }

    void cleanupTestCase()
    {
        m_actions.reset();
        m_session.reset();
        m_host.reset();
        m_runner.reset();
    }
};

QTEST_MAIN(TestLicenceConsole)
#include "tst_licenceconsole.moc"
