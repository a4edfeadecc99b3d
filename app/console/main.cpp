#include "settings/ConsoleSettings.h"
#include "views/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace {

/// Loads the console's translation and Qt's own for `language` ("" = the system's languages).
void installTranslators(QApplication& app, const QString& language)
{
    const QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    auto* berth = new QTranslator(&app);
    if (berth->load(locale, QStringLiteral("berth_console"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(berth);
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Berth"));
    QApplication::setApplicationName(QStringLiteral("berth"));
    QApplication::setApplicationDisplayName(QStringLiteral("Berth"));
    QApplication::setApplicationVersion(QStringLiteral(BERTH_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/berth.svg")));

    berth::ConsoleSettings settings;
    installTranslators(app, settings.language());

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main",
        "Berth: a container registry you install like a desktop program. The console hosts the registry "
        "and lets you browse and manage it."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QApplication::translate("main", "Keep the registry's data in <folder>."),
                                     QApplication::translate("main", "folder"));
    const QCommandLineOption listen(
        QStringLiteral("listen"),
        QApplication::translate("main", "Listen on <address> (for example 127.0.0.1)."),
        QApplication::translate("main", "address"));
    const QCommandLineOption port(QStringLiteral("port"),
                                  QApplication::translate("main", "Listen on <port> (0 picks a free one)."),
                                  QApplication::translate("main", "port"));
    const QCommandLineOption noServer(QStringLiteral("no-server"),
                                      QApplication::translate("main", "Do not start the registry server."));
    parser.addOptions({dataDir, listen, port, noServer});
    parser.process(app);

    if (parser.isSet(dataDir))
        settings.overrideDataDirectory(parser.value(dataDir));
    if (parser.isSet(listen))
        settings.overrideListenAddress(parser.value(listen));
    if (parser.isSet(port)) {
        bool ok = false;
        const uint value = parser.value(port).toUInt(&ok);
        if (!ok || value > 65535) {
            fprintf(stderr, "%s\n",
                    qPrintable(QApplication::translate("main", "--port needs a number from 0 to 65535.")));
            return 2;
        }
        settings.overridePort(quint16(value));
    }
    if (parser.isSet(noServer))
        settings.overrideStartServerWithApp(false);

    berth::MainWindow window(settings);
    window.show();
    return QApplication::exec();
}
