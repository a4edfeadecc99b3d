// Limits, increase requests and tag immutability in the console (offscreen) over a real RegistryHost:
// the limits dialog shows the figures and the pending requests (loaded off the GUI thread), changes the
// limits, approves one request (the repository's limit is raised) and declines another with a note; the
// immutability dialog refuses a bad pattern without saving and saves a good setting. Changes are audited.

#include "audit/AuditLog.h"
#include "dialogs/ImmutabilityDialog.h"
#include "dialogs/LimitWorker.h"
#include "dialogs/LimitsDialog.h"
#include "governance/LimitRequestStore.h"
#include "governance/LimitSettings.h"
#include "governance/TagImmutability.h"
#include "host/RegistryHost.h"
#include "metadata/MetadataStore.h"
#include "registry/RegistryService.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace berth;

class TestLimitsConsole : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<RegistryHost> m_host;

    static bool settle(LimitWorker& worker)
    {
        return QTest::qWaitFor([&] { return worker.isIdle(); }, 10000);
    }

    QStringList auditActions()
    {
        (void)m_host->audit().flush(); // records are written by a background thread
        auto records = m_host->audit().query(AuditFilter());
        QStringList actions;
        if (records)
            for (const AuditRecord& r : records->records)
                actions << r.action;
        return actions;
    }

private slots:
    void initTestCase()
    {
        RegistryHost::Options options;
        options.dataDirectory = m_dir.path();
        options.scrubIntervalSeconds = 0;
        options.gcIntervalSeconds = 0;
        options.limits = RegistryLimits{20, 10};
        m_host = std::make_unique<RegistryHost>(options);
        QVERIFY(m_host->open().ok());
        RegistryService& r = m_host->registry();
        QVERIFY(r.createRepository(QStringLiteral("team/app"), CompartmentPath()).ok());
        LimitRequestStore store(r.metadata(), r.defaultLimits(), r.clock());
        QVERIFY(store
                    .create(LimitSettings::ImagesPerRepository, QStringLiteral("team/app"), 50,
                            QStringLiteral("nightly builds"), QStringLiteral("alice"))
                    .ok());
        QVERIFY(store
                    .create(LimitSettings::Repositories, QString(), 100, QStringLiteral("new team"),
                            QStringLiteral("bob"))
                    .ok());
    }

    void limitsDialogShowsChangesAndDecides()
    {
        LimitsDialog dialog(*m_host);
        QVERIFY(settle(dialog.worker()));
        QVERIFY2(dialog.figures()->text().contains(QStringLiteral("1 of 20 repositories (5%)")),
                 qPrintable(dialog.figures()->text()));
        QCOMPARE(dialog.imagesBox()->value(), 10);
        QCOMPARE(dialog.requestList()->topLevelItemCount(), 2);

        dialog.repositoriesBox()->setValue(30);
        dialog.applyLimits();
        QVERIFY(settle(dialog.worker()));
        auto limits =
            LimitSettings(m_host->registry().metadata(), m_host->registry().defaultLimits()).effective();
        QVERIFY(limits.ok());
        QCOMPARE(limits->repositories, qint64(30));

        // Newest first: bob's repositories request, then alice's images request.
        QTreeWidgetItem* alices = dialog.requestList()->topLevelItem(1);
        QCOMPARE(alices->text(4), QStringLiteral("alice"));
        dialog.requestList()->setCurrentItem(alices);
        dialog.noteEdit()->setText(QStringLiteral("fine"));
        dialog.decideSelected(true);
        QVERIFY(settle(dialog.worker()));
        QVERIFY2(dialog.message().contains(QStringLiteral("approved: the limit is 50 now")),
                 qPrintable(dialog.message()));
        auto id = m_host->registry().metadata().repositoryId(QStringLiteral("team/app"));
        QVERIFY(id.ok());
        auto limit = LimitSettings(m_host->registry().metadata(), m_host->registry().defaultLimits())
                         .imageLimit(*id.value());
        QCOMPARE(limit.value(), qint64(50));
        QCOMPARE(dialog.requestList()->topLevelItemCount(), 1); // pending only

        dialog.requestList()->setCurrentItem(dialog.requestList()->topLevelItem(0));
        dialog.noteEdit()->setText(QStringLiteral("ask for 40"));
        dialog.decideSelected(false);
        QVERIFY(settle(dialog.worker()));
        QCOMPARE(dialog.requestList()->topLevelItemCount(), 0);
        dialog.pendingOnlyBox()->setChecked(false);
        QVERIFY(settle(dialog.worker()));
        QCOMPARE(dialog.requestList()->topLevelItemCount(), 2);
        QCOMPARE(dialog.requestList()->topLevelItem(0)->text(5), QStringLiteral("Declined"));

        const QStringList actions = auditActions();
        QVERIFY(actions.contains(QStringLiteral("console.setLimits")));
        QVERIFY(actions.contains(QStringLiteral("console.approveLimitRequest")));
        QVERIFY(actions.contains(QStringLiteral("console.declineLimitRequest")));
    }

    void immutabilityDialogValidatesAndSaves()
    {
        const QString repo = QStringLiteral("team/app");
        {
            ImmutabilityDialog dialog(*m_host, repo);
            QVERIFY(settle(dialog.worker()));
            QVERIFY(!dialog.enabledBox()->isChecked());
            dialog.enabledBox()->setChecked(true);
            dialog.exclusionsEdit()->setPlainText(QStringLiteral("latest\ndev-("));
            dialog.accept();
            QVERIFY(settle(dialog.worker()));
            QVERIFY2(dialog.message().contains(QStringLiteral("\"dev-(\" is not a valid regular expression")),
                     qPrintable(dialog.message()));
            QCOMPARE(dialog.result(), int(QDialog::Rejected));
            dialog.exclusionsEdit()->setPlainText(QStringLiteral("latest\n\ndev-.*\n"));
            dialog.accept();
            QVERIFY(settle(dialog.worker()));
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        auto id = m_host->registry().metadata().repositoryId(repo);
        auto rules = TagImmutability::load(m_host->registry().metadata(), *id.value());
        QVERIFY(rules.ok());
        QVERIFY(rules->enabled());
        QCOMPARE(rules->exclusions(), (QStringList{QStringLiteral("latest"), QStringLiteral("dev-.*")}));
        QVERIFY(auditActions().contains(QStringLiteral("console.setTagImmutability")));

        ImmutabilityDialog again(*m_host, repo);
        QVERIFY(settle(again.worker()));
        QVERIFY(again.enabledBox()->isChecked());
        QCOMPARE(again.exclusionsEdit()->toPlainText(), QStringLiteral("latest\ndev-.*"));
    }
};

QTEST_MAIN(TestLimitsConsole)
#include "tst_limitsconsole.moc"
