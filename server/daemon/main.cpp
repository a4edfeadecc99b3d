#include "daemon/Daemon.h"
#include "daemon/DaemonOptions.h"
#include "daemon/Logging.h"
#include "daemon/OfflineFsckCommand.h"
#include "daemon/RestoreCommand.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("berthd"));
    QCoreApplication::setOrganizationName(QStringLiteral("Berth"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BERTH_VERSION));

    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("berth"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(&translator);

    if (berth::RestoreCommand::isRequested(QCoreApplication::arguments()))
        return berth::RestoreCommand::run(QCoreApplication::arguments());

    if (berth::OfflineFsckCommand::matches(QCoreApplication::arguments()))
        return berth::OfflineFsckCommand::run(QCoreApplication::arguments());

    berth::DaemonOptions options;
    switch (berth::DaemonOptions::parse(QCoreApplication::arguments(), &options)) {
    case berth::DaemonOptions::ParseOutcome::ExitOk:
        return 0;
    case berth::DaemonOptions::ParseOutcome::ExitError:
        return 2;
    case berth::DaemonOptions::ParseOutcome::Run:
        break;
    }
    berth::Logging::install(options.logLevel);

    berth::Daemon daemon(options);
    if (!daemon.start())
        return 1;
    const int status = QCoreApplication::exec();
    qInfo().noquote() << QCoreApplication::translate("berthd", "Stopped.");
    return status;
}
