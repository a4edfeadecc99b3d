#include "TsFile.h"
#include "settings/ConsoleLanguage.h"
#include "settings/ConsoleSettings.h"
#include "views/MainWindow.h"
#include "views/StatusIndicators.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QCoreApplication>
#include <QDockWidget>
#include <QFile>
#include <QGroupBox>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <memory>

using namespace berth;
using namespace berth::test;

namespace {

const QString TranslationsDir = QStringLiteral(BERTH_TRANSLATIONS_DIR);

/// Fails with every problem listed (one line each) when `problems` is not empty.
#define VERIFY_NO_PROBLEMS(problems)                                                                         \
    QVERIFY2((problems).isEmpty(), qPrintable(QStringLiteral("\n") + (problems).join(QLatin1Char('\n'))))

/// What QCoreApplication::translate gives for `message` with `n` (-1 for messages without plurals).
QString translateNow(const TsMessage& message, int n = -1)
{
    const QByteArray context = message.context.toUtf8();
    const QByteArray source = message.source.toUtf8();
    const QByteArray comment = message.comment.toUtf8();
    return QCoreApplication::translate(context.constData(), source.constData(),
                                       message.comment.isEmpty() ? nullptr : comment.constData(), n);
}

/// The texts a person reads in `window`: menus, actions, labels, buttons, tabs, headers, placeholders.
QStringList visibleTexts(QMainWindow& window)
{
    QStringList texts{window.windowTitle()};
    for (QAction* action : window.findChildren<QAction*>())
        texts << action->text() << action->toolTip();
    for (QMenu* menu : window.findChildren<QMenu*>())
        texts << menu->title();
    for (QLabel* label : window.findChildren<QLabel*>())
        texts << label->text();
    for (QAbstractButton* button : window.findChildren<QAbstractButton*>())
        texts << button->text();
    for (QLineEdit* edit : window.findChildren<QLineEdit*>())
        texts << edit->placeholderText();
    for (QGroupBox* box : window.findChildren<QGroupBox*>())
        texts << box->title();
    for (QDockWidget* dock : window.findChildren<QDockWidget*>())
        texts << dock->windowTitle();
    for (QTabWidget* tabs : window.findChildren<QTabWidget*>())
        for (int i = 0; i < tabs->count(); ++i)
            texts << tabs->tabText(i);
    for (QAbstractItemView* view : window.findChildren<QAbstractItemView*>()) {
        const QAbstractItemModel* model = view->model();
        if (model == nullptr)
            continue;
        for (int column = 0; column < model->columnCount(); ++column)
            texts << model->headerData(column, Qt::Horizontal).toString();
    }
    texts.removeAll(QString());
    texts.removeDuplicates();
    return texts;
}

} // namespace

class TestConsoleTranslations : public QObject
{
    Q_OBJECT

private:
    TsFile m_german;
    TsFile m_english;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QString error;
        QVERIFY2(m_german.read(TranslationsDir + QStringLiteral("/berth_console_de.ts"), &error),
                 qPrintable(error));
        QVERIFY2(m_english.read(TranslationsDir + QStringLiteral("/berth_console_en.ts"), &error),
                 qPrintable(error));
        QVERIFY(m_german.messages.size() > 100);
        QVERIFY(m_german.language.startsWith(QStringLiteral("de")));
        QVERIFY(m_english.language.startsWith(QStringLiteral("en")));
    }

    void bothFilesHaveTheSameMessages()
    {
        auto keysOf = [](const TsFile& file) {
            QStringList keys;
            for (const TsMessage& message : file.messages)
                keys << message.context + QLatin1Char('\x1f') + message.source + QLatin1Char('\x1f') +
                            message.comment;
            keys.sort();
            return keys;
        };
        QCOMPARE(keysOf(m_english), keysOf(m_german));
    }

    void everyGermanMessageIsTranslated()
    {
        QStringList problems;
        for (const TsMessage& message : m_german.messages) {
            if (!message.type.isEmpty())
                problems << QStringLiteral("%1 is %2").arg(message.describe(), message.type);
            // German has two plural forms: one and everything else.
            const qsizetype forms = message.numerus ? 2 : 1;
            if (message.translations.size() != forms)
                problems << QStringLiteral("%1 has %2 forms, not %3")
                                .arg(message.describe())
                                .arg(message.translations.size())
                                .arg(forms);
            for (const QString& translation : message.translations)
                if (translation.trimmed().isEmpty())
                    problems << message.describe() + QStringLiteral(" has an empty translation");
        }
        VERIFY_NO_PROBLEMS(problems);
    }

    void placeholdersMatch()
    {
        QStringList problems;
        for (const TsFile* file : {&m_german, &m_english}) {
            for (const TsMessage& message : file->messages) {
                if (message.type == QLatin1String("unfinished") && !message.numerus)
                    continue; // the English source stands for itself
                const QStringList expected = placeholdersIn(message.source);
                for (const QString& translation : message.translations)
                    if (placeholdersIn(translation) != expected)
                        problems << QStringLiteral("%1 (%2): \"%3\" has %4, the source %5")
                                        .arg(message.describe(), file->language, translation,
                                             placeholdersIn(translation).join(QLatin1Char(' ')),
                                             expected.join(QLatin1Char(' ')));
            }
        }
        VERIFY_NO_PROBLEMS(problems);
    }

    void acceleratorsMatch()
    {
        QStringList problems;
        for (const TsMessage& message : m_german.messages)
            for (const QString& translation : message.translations)
                if (acceleratorCount(translation) != acceleratorCount(message.source))
                    problems << QStringLiteral("%1: \"%2\" has %3 accelerators, the source %4")
                                    .arg(message.describe(), translation)
                                    .arg(acceleratorCount(translation))
                                    .arg(acceleratorCount(message.source));
        VERIFY_NO_PROBLEMS(problems);
    }

    void englishPluralsAreSpelledOut()
    {
        QStringList problems;
        int numerus = 0;
        for (const TsMessage& message : m_english.messages) {
            if (!message.numerus)
                continue;
            ++numerus;
            if (!message.type.isEmpty() || message.translations.size() != 2)
                problems << message.describe() + QStringLiteral(" needs its two English forms, finished");
            else if (message.translations.at(0) == message.translations.at(1) ||
                     message.translations.join(QString()).contains(QStringLiteral("(s)")))
                problems << message.describe() + QStringLiteral(" needs distinct singular and plural");
        }
        QVERIFY(numerus > 0);
        VERIFY_NO_PROBLEMS(problems);
    }

    void translationsAreEmbedded()
    {
        QVERIFY(QFile::exists(QStringLiteral(":/i18n/berth_console_de.qm")));
        QVERIFY(QFile::exists(QStringLiteral(":/i18n/berth_console_en.qm")));
        // main.cpp loads by locale: a German system (any region) or the setting "de" finds the German file.
        for (const QString& name : {QStringLiteral("de"), QStringLiteral("de_DE"), QStringLiteral("de_AT")}) {
            QTranslator translator;
            QVERIFY2(translator.load(QLocale(name), QStringLiteral("berth_console"), QStringLiteral("_"),
                                     QStringLiteral(":/i18n")),
                     qPrintable(name));
            QCOMPARE(translator.filePath(), QStringLiteral(":/i18n/berth_console_de.qm"));
            QCOMPARE(translator.language(), QStringLiteral("de"));
        }
        QTranslator french;
        QVERIFY(!french.load(QLocale(QStringLiteral("fr_FR")), QStringLiteral("berth_console"),
                             QStringLiteral("_"), QStringLiteral(":/i18n")));
    }

    void germanQmMatchesTheTs()
    {
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/berth_console_de.qm")));
        QVERIFY(QCoreApplication::installTranslator(&translator));
        QStringList problems;
        for (const TsMessage& message : m_german.messages) {
            const QString got = message.numerus
                                    ? translateNow(message, 1) + QLatin1Char('|') + translateNow(message, 2)
                                    : translateNow(message);
            QString expected = message.translations.value(0);
            if (message.numerus) {
                QString one = message.translations.value(0);
                QString two = message.translations.value(1);
                expected = one.replace(QStringLiteral("%n"), QStringLiteral("1")) + QLatin1Char('|') +
                           two.replace(QStringLiteral("%n"), QStringLiteral("2"));
            }
            if (got != expected)
                problems << QStringLiteral("%1: the .qm gives \"%2\", the .ts \"%3\" (rebuild?)")
                                .arg(message.describe(), got, expected);
        }
        QCoreApplication::removeTranslator(&translator);
        VERIFY_NO_PROBLEMS(problems);
    }

    void englishPluralsFromTheQm()
    {
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/berth_console_en.qm")));
        QVERIFY(QCoreApplication::installTranslator(&translator));
        const char* context = "berth::StatusIndicators";
        QCOMPARE(QCoreApplication::translate(context, "%n job(s) running", nullptr, 1),
                 QStringLiteral("1 job running"));
        QCOMPARE(QCoreApplication::translate(context, "%n job(s) running", nullptr, 0),
                 QStringLiteral("0 jobs running"));
        QCOMPARE(QCoreApplication::translate(context, "%n client(s) connected", nullptr, 3),
                 QStringLiteral("3 clients connected"));
        QCoreApplication::removeTranslator(&translator);
    }

    void consoleLanguageChoosesTheTranslation()
    {
        QCOMPARE(ConsoleLanguage::available(), (QStringList{QStringLiteral("de"), QStringLiteral("en")}));
        // The translators ConsoleLanguage installs belong to the application; deleting them uninstalls them.
        auto uninstall = [] {
            qDeleteAll(qApp->findChildren<QTranslator*>(QString(), Qt::FindDirectChildrenOnly));
            QLocale::setDefault(QLocale::system());
        };
        QCOMPARE(ConsoleLanguage::install(*qApp, QStringLiteral("de")), QStringLiteral("de"));
        // A chosen language also formats dates and sizes.
        QCOMPARE(QLocale().language(), QLocale::German);
        QCOMPARE(QCoreApplication::translate("berth::MainWindow", "&File"), QStringLiteral("&Datei"));
        QCOMPARE(QCoreApplication::translate("berth::StatusIndicators", "%n job(s) running", nullptr, 1),
                 QStringLiteral("1 Job läuft"));
        uninstall();
        QCOMPARE(QCoreApplication::translate("berth::MainWindow", "&File"), QStringLiteral("&File"));

        ConsoleLanguage::install(*qApp, QStringLiteral("de_AT"));
        QCOMPARE(QCoreApplication::translate("berth::MainWindow", "&Help"), QStringLiteral("&Hilfe"));
        uninstall();

        // A language without a translation speaks English, with English plurals.
        QCOMPARE(ConsoleLanguage::install(*qApp, QStringLiteral("fr")), QStringLiteral("en"));
        QCOMPARE(QCoreApplication::translate("berth::MainWindow", "&File"), QStringLiteral("&File"));
        QCOMPARE(QCoreApplication::translate("berth::StatusIndicators", "%n job(s) running", nullptr, 2),
                 QStringLiteral("2 jobs running"));
        uninstall();
    }

    void windowSpeaksGerman()
    {
        QTranslator translator;
        QVERIFY(translator.load(QLocale(QStringLiteral("de")), QStringLiteral("berth_console"),
                                QStringLiteral("_"), QStringLiteral(":/i18n")));
        QVERIFY(QCoreApplication::installTranslator(&translator));
        auto removeTranslator = qScopeGuard([&] { QCoreApplication::removeTranslator(&translator); });

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ConsoleSettings settings(dir.filePath(QStringLiteral("berth.ini")));
        settings.overrideDataDirectory(dir.filePath(QStringLiteral("registry")));
        settings.overrideStartServerWithApp(false);
        MainWindow window(settings);

        // Each menu title is the translator's German for a MainWindow message; where it reads like the
        // English source, the .ts says the German word is the same (Server, Repository, Image …).
        QHash<QString, const TsMessage*> sourceOfGerman;
        for (const TsMessage& message : m_german.messages)
            if (!message.numerus)
                sourceOfGerman.insert(message.context + QLatin1Char('\x1f') + message.translations.value(0),
                                      &message);
        QStringList titles;
        QStringList problems;
        int differing = 0;
        for (QAction* action : window.menuBar()->actions()) {
            if (action->menu() == nullptr)
                continue;
            const QString title = action->menu()->title();
            titles << title;
            const TsMessage* message =
                sourceOfGerman.value(QStringLiteral("berth::MainWindow") + QLatin1Char('\x1f') + title);
            if (message == nullptr) {
                problems << QStringLiteral("the menu \"%1\" is no German MainWindow translation").arg(title);
                continue;
            }
            QCOMPARE(translator.translate("berth::MainWindow", message->source.toUtf8().constData()), title);
            if (title != message->source)
                ++differing;
        }
        VERIFY_NO_PROBLEMS(problems);
        QCOMPARE(titles.size(), 7);
        QCOMPARE(titles.first(), translator.translate("berth::MainWindow", "&File"));
        QCOMPARE(titles.first(), QStringLiteral("&Datei"));
        QVERIFY2(differing >= 3, qPrintable(titles.join(QLatin1Char(' ')))); // Datei, Ansicht, Hilfe at least

        // The status bar counts in German plurals.
        QCOMPARE(window.statusIndicators()->jobsText(),
                 translator.translate("berth::StatusIndicators", "%n job(s) running", nullptr, 0)
                     .replace(QStringLiteral("%n"), QStringLiteral("0")));
        QCOMPARE(window.statusIndicators()->jobsText(), QStringLiteral("0 Jobs laufen"));
        QCOMPARE(window.statusIndicators()->servingText(),
                 translator.translate("berth::StatusIndicators", "Not serving"));

        // Nothing in the window still shows an English source whose German differs.
        QSet<QString> english;
        QSet<QString> german;
        for (const TsMessage& message : m_german.messages) {
            for (const QString& translation : message.translations) {
                german.insert(translation);
                if (translation != message.source && !message.numerus)
                    english.insert(message.source);
            }
        }
        for (const QString& text : visibleTexts(window))
            if (english.contains(text) && !german.contains(text))
                problems << QStringLiteral("\"%1\" is shown in English").arg(text);
        VERIFY_NO_PROBLEMS(problems);
    }

    void germanAcceleratorsAreUniquePerMenu()
    {
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/berth_console_de.qm")));
        QVERIFY(QCoreApplication::installTranslator(&translator));
        auto removeTranslator = qScopeGuard([&] { QCoreApplication::removeTranslator(&translator); });
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ConsoleSettings settings(dir.filePath(QStringLiteral("berth.ini")));
        settings.overrideDataDirectory(dir.filePath(QStringLiteral("registry")));
        settings.overrideStartServerWithApp(false);
        MainWindow window(settings);

        QList<QList<QAction*>> menus{window.menuBar()->actions()};
        for (QAction* action : window.menuBar()->actions())
            if (action->menu() != nullptr)
                menus << action->menu()->actions();
        QStringList problems;
        for (const QList<QAction*>& actions : menus) {
            QHash<QChar, QString> used;
            for (QAction* action : actions) {
                const QString text = action->menu() != nullptr ? action->menu()->title() : action->text();
                const QChar key = acceleratorOf(text);
                if (key.isNull())
                    continue;
                if (used.contains(key))
                    problems << QStringLiteral("\"%1\" and \"%2\" share the accelerator %3")
                                    .arg(used.value(key), text, key);
                used.insert(key, text);
            }
        }
        VERIFY_NO_PROBLEMS(problems);
    }
};

QTEST_MAIN(TestConsoleTranslations)
#include "tst_console_translations.moc"
