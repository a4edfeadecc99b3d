// Retention in the console (offscreen) over a real RegistryHost with a ManualClock: the policies dialog
// of a repository lists what applies (also a compartment's policy), the policy editor refuses bad rules
// before OK (a bad regular expression, no delete rule), a saved policy shows in the list, the preview
// dialog shows the dry run (what goes, what stays, why, the bytes), and Apply runs it as a job on the
// host's runner that deletes what the preview listed.

#include "data/RetentionBrowser.h"
#include "dialogs/RetentionPoliciesDialog.h"
#include "dialogs/RetentionPolicyDialog.h"
#include "dialogs/RetentionPreviewDialog.h"
#include "host/RegistryHost.h"
#include "jobs/JobRunner.h"
#include "oci/MediaTypes.h"
#include "oci/Reference.h"
#include "registry/RegistryService.h"
#include "retention/RetentionRunner.h"
#include "support/core/OciLayoutPusher.h"

#include <QCheckBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace berth;

namespace {

const QString Repo = QStringLiteral("team/app");

/// Pushes an image of its own under `tag`; returns its digest.
Digest pushImage(RegistryService& registry, const QString& tag, int seed)
{
    const QByteArray config = QStringLiteral("{\"seed\":%1}").arg(seed).toUtf8();
    const QByteArray layer = QByteArray("layer ").repeated(100 + seed);
    const auto descriptor = [](const QString& type, const QByteArray& bytes) {
        return QJsonObject{{QStringLiteral("mediaType"), type},
                           {QStringLiteral("digest"), Digest::compute(bytes).toString()},
                           {QStringLiteral("size"), bytes.size()}};
    };
    if (!OciLayoutPusher::pushBlob(registry, Repo, config).ok() ||
        !OciLayoutPusher::pushBlob(registry, Repo, layer).ok())
        qFatal("blob push failed");
    const QByteArray manifest =
        QJsonDocument(QJsonObject{{QStringLiteral("schemaVersion"), 2},
                                  {QStringLiteral("mediaType"), MediaTypes::OciImageManifest},
                                  {QStringLiteral("config"), descriptor(MediaTypes::OciImageConfig, config)},
                                  {QStringLiteral("layers"),
                                   QJsonArray{descriptor(MediaTypes::OciLayerTarGzip, layer)}}})
            .toJson(QJsonDocument::Compact);
    if (!registry.putManifest(Repo, Reference::fromTag(tag), manifest, MediaTypes::OciImageManifest).ok())
        qFatal("manifest push failed");
    return Digest::compute(manifest);
}

} // namespace

class TestRetentionConsole : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ManualClock m_clock;
    std::unique_ptr<JobRunner> m_runner;
    std::unique_ptr<RegistryHost> m_host;
    Digest m_old;
    Digest m_release;

private slots:
    void initTestCase()
    {
        JobRunner::Options jobOptions;
        jobOptions.clock = &m_clock;
        m_runner = std::make_unique<JobRunner>(jobOptions);
        RegistryHost::Options options;
        options.dataDirectory = m_dir.path();
        options.clock = &m_clock;
        options.jobRunner = m_runner.get();
        options.gcIntervalSeconds = 0;
        options.scrubIntervalSeconds = 0;
        options.retentionIntervalSeconds = 0;
        m_host = std::make_unique<RegistryHost>(options);
        QVERIFY(m_host->open().ok());
        m_old = pushImage(m_host->registry(), QStringLiteral("build-1"), 1);
        m_release = pushImage(m_host->registry(), QStringLiteral("v1"), 2);
        m_clock.advance(40 * 24 * 3600);
        // A tenancy-wide policy applies to the repository too.
        RetentionPolicy tenancy;
        tenancy.name = QStringLiteral("tenancy-untagged");
        tenancy.rules.untaggedOlderThanDays = 90;
        QVERIFY(m_host->retention()->policies().create(tenancy).ok());
    }

    void editorRefusesBadRules()
    {
        RetentionTarget target;
        target.repository = Repo;
        RetentionPolicyDialog editor(target, nullptr);
        editor.nameEdit()->setText(QStringLiteral("stale"));
        QVERIFY2(editor.problem().contains(QStringLiteral("at least one delete rule")),
                 qPrintable(editor.problem()));
        editor.ruleCheck(RetentionRules::NotPulledForDays)->setChecked(true);
        editor.ruleValue(RetentionRules::NotPulledForDays)->setValue(30);
        QVERIFY(editor.problem().isEmpty());
        editor.keepTagsEdit()->setPlainText(QStringLiteral("v[0-9"));
        QVERIFY2(editor.problem().contains(QStringLiteral("not a valid regular expression")),
                 qPrintable(editor.problem()));
        editor.keepTagsEdit()->setPlainText(QStringLiteral("v[0-9]+\n\nlatest"));
        QVERIFY(editor.problem().isEmpty());
        const RetentionPolicy policy = editor.policy();
        QCOMPARE(policy.repository, Repo);
        QCOMPARE(*policy.rules.notPulledForDays, 30);
        QCOMPARE(policy.rules.keepTags, (QStringList{QStringLiteral("v[0-9]+"), QStringLiteral("latest")}));
        QVERIFY(policy.rules.keepsTag(QStringLiteral("v1")));
    }

    void policiesPreviewAndApply()
    {
        RetentionBrowser browser(*m_host);
        RetentionTarget target;
        target.repository = Repo;
        RetentionPoliciesDialog dialog(browser, target);
        QSignalSpy shown(&dialog, &RetentionPoliciesDialog::listShown);
        QVERIFY(shown.wait(10000));
        QCOMPARE(dialog.policyNames(), QStringList{QStringLiteral("tenancy-untagged")});

        RetentionPolicyDialog editor(target, nullptr);
        editor.nameEdit()->setText(QStringLiteral("stale"));
        editor.ruleCheck(RetentionRules::NotPulledForDays)->setChecked(true);
        editor.ruleValue(RetentionRules::NotPulledForDays)->setValue(30);
        editor.keepTagsEdit()->setPlainText(QStringLiteral("v[0-9]+"));
        dialog.savePolicy(QString(), editor.policy());
        QVERIFY(shown.wait(10000));
        QCOMPARE(dialog.policyNames(),
                 (QStringList{QStringLiteral("stale"), QStringLiteral("tenancy-untagged")}));
        QVERIFY(dialog.lastError().isEmpty());
        // The same name again is refused with the store's message.
        dialog.savePolicy(QString(), editor.policy());
        QVERIFY(shown.wait(10000));
        QVERIFY2(dialog.lastError().contains(QStringLiteral("exists already")),
                 qPrintable(dialog.lastError()));

        RetentionPreviewDialog preview(browser, QStringLiteral("stale"));
        QSignalSpy planned(&preview, &RetentionPreviewDialog::planShown);
        QVERIFY(planned.wait(10000));
        QVERIFY2(preview.summaryText().contains(QStringLiteral("1 image(s) would be deleted")),
                 qPrintable(preview.summaryText()));
        QVERIFY(preview.summaryText().contains(QStringLiteral("garbage collection")));
        QTreeWidget* list = preview.list();
        QCOMPARE(list->topLevelItemCount(), 3);
        QTreeWidgetItem* deleted = list->topLevelItem(0);
        QCOMPARE(deleted->childCount(), 1);
        QCOMPARE(deleted->child(0)->text(2), QStringLiteral("build-1"));
        QCOMPARE(deleted->child(0)->text(3), RetentionRules::NotPulledForDays);
        QTreeWidgetItem* kept = list->topLevelItem(2);
        QCOMPARE(kept->childCount(), 1);
        QCOMPARE(kept->child(0)->text(3), RetentionRules::KeepTags);
        QVERIFY(preview.applyButton()->isEnabled());
        // Nothing changed yet.
        QVERIFY(
            m_host->registry().getManifest(Repo, Reference::fromTag(QStringLiteral("build-1")), false).ok());

        preview.applyButton()->click();
        QVERIFY(preview.appliedJob() > 0);
        QVERIFY(m_host->jobs().waitForIdle(20000));
        QCOMPARE(m_host->jobs().job(preview.appliedJob())->state, JobState::Succeeded);
        QCOMPARE(m_host->jobs().job(preview.appliedJob())->kind, JobKind::Retention);
        QVERIFY(!m_host->registry().getManifest(Repo, Reference::fromDigest(m_old), false).ok());
        QVERIFY(m_host->registry().getManifest(Repo, Reference::fromDigest(m_release), false).ok());
    }
};

QTEST_MAIN(TestRetentionConsole)
#include "tst_retentionconsole.moc"
