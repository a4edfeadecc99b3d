#include "settings/ConsoleLanguage.h"
#include "settings/ConsoleSettings.h"
#include "views/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

namespace {

/// True when a window can be shown: a display exists, or Qt was told which platform to use.
bool canShowWindows()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
           !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
#else
    return true;
#endif
}

bool asksOnlyForText(int argc, char* argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument == "-h" || argument == "--help" || argument == "-v" || argument == "--version" ||
            argument == "--help-all")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication::setOrganizationName(QStringLiteral("Berth"));
    QCoreApplication::setApplicationName(QStringLiteral("berth"));
    if (!canShowWindows()) {
        if (asksOnlyForText(argc, argv)) {
            qputenv("QT_QPA_PLATFORM", "offscreen"); // --help and --version need no screen
        } else {
            QCoreApplication core(argc, argv);
            berth::ConsoleLanguage::install(core, berth::ConsoleSettings().language());
            fprintf(stderr, "%s\n",
                    qPrintable(QCoreApplication::translate(
                        "main", "berth is the desktop console and needs a display (X11 or Wayland). On a "
                                "machine without one, run the same registry headless with berthd.")));
            return 1;
        }
    }
    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("Berth"));
    QApplication::setApplicationVersion(QStringLiteral(BERTH_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/berth.svg")));

    berth::ConsoleSettings settings;
    berth::ConsoleLanguage::install(app, settings.language());

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
