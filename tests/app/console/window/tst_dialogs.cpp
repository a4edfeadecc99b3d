#include "dialogs/CompartmentCombo.h"
#include "dialogs/ExportDialog.h"
#include "dialogs/NameDialog.h"
#include "dialogs/SettingsDialog.h"
#include "settings/ConsoleSettings.h"

#include <QComboBox>
#include <QLineEdit>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace berth;

class TestDialogs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void nameDialogValidates()
    {
        const CompartmentPath apps(QStringList{QStringLiteral("Apps")});
        const CompartmentPath backend(QStringList{QStringLiteral("Apps"), QStringLiteral("Backend")});
        NameDialog::Fields fields;
        fields.title = QStringLiteral("Create compartment");
        fields.nameLabel = QStringLiteral("Name:");
        fields.compartmentLabel = QStringLiteral("Inside:");
        fields.compartments = {CompartmentPath(), apps, backend};
        fields.compartment = backend;
        fields.withDescription = true;
        fields.problem = [](const QString& name) { return CompartmentPath::nameProblem(name); };
        NameDialog dialog(fields);

        QVERIFY(!dialog.isAcceptable()); // empty
        QCOMPARE(dialog.compartment(), backend);
        QCOMPARE(dialog.compartmentCombo()->count(), 3);
        QCOMPARE(CompartmentCombo::displayName(backend), QStringLiteral("Apps \u203a Backend"));

        dialog.nameEdit()->setText(QStringLiteral("has space"));
        QVERIFY(!dialog.isAcceptable());
        dialog.nameEdit()->setText(QStringLiteral("Web"));
        QVERIFY(dialog.isAcceptable());
        QCOMPARE(dialog.name(), QStringLiteral("Web"));
        dialog.compartmentCombo()->setCurrentCompartment(CompartmentPath());
        QCOMPARE(dialog.compartment(), CompartmentPath());
        dialog.compartmentCombo()->setCurrentCompartment(apps);
        QCOMPARE(dialog.compartment(), apps);
    }

    void settingsDialogAppliesAndSaysWhatChanged()
    {
        QTemporaryDir dir;
        ConsoleSettings settings(dir.filePath(QStringLiteral("berth.ini")));
        {
            SettingsDialog dialog(settings);
            QCOMPARE(dialog.addressEdit()->text(), QStringLiteral("127.0.0.1"));
            QCOMPARE(dialog.portSpin()->value(), 5000);
            QCOMPARE(dialog.dataDirectoryEdit()->text(), ConsoleSettings::defaultDataDirectory());
            dialog.apply(); // nothing changed
            QVERIFY(!dialog.serverSettingsChanged());
            QVERIFY(!dialog.languageChanged());
            QCOMPARE(settings.dataDirectory(), ConsoleSettings::defaultDataDirectory());
        }
        {
            SettingsDialog dialog(settings);
            dialog.portSpin()->setValue(5050);
            dialog.tlsCombo()->setCurrentIndex(dialog.tlsCombo()->findData(int(TlsMode::Auto)));
            dialog.apply();
            QVERIFY(dialog.serverSettingsChanged());
            QCOMPARE(settings.port(), quint16(5050));
            QCOMPARE(settings.tlsMode(), TlsMode::Auto);
        }
        {
            // An override (--port) is shown, and left alone unless the person changes the field.
            settings.overridePort(0);
            SettingsDialog dialog(settings);
            QCOMPARE(dialog.portSpin()->value(), 0);
            dialog.apply();
            QVERIFY(!dialog.serverSettingsChanged());
            QCOMPARE(settings.port(), quint16(0));
            ConsoleSettings stored(dir.filePath(QStringLiteral("berth.ini")));
            QCOMPARE(stored.port(), quint16(5050));
        }
    }

    void exportDialogDefaults()
    {
        ExportDialog dialog(QStringLiteral("team/app:1.0"), QStringLiteral("team_app_1.0"));
        QVERIFY(dialog.path().endsWith(QStringLiteral("/team_app_1.0.tar")));
        QCOMPARE(dialog.format(), ExportFormat::DockerArchive);
    }
};

QTEST_MAIN(TestDialogs)
#include "tst_dialogs.moc"
