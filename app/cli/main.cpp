#include "cli/CommandLine.h"

#include <QCoreApplication>
#include <QFile>
#include <QLocale>
#include <QTextStream>
#include <QTranslator>
#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("berthctl"));
    QCoreApplication::setOrganizationName(QStringLiteral("Berth"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BERTH_VERSION));

    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("berthctl"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(&translator);

    QTextStream out(stdout);
    QTextStream err(stderr);
    QFile input;
    (void)input.open(stdin, QIODevice::ReadOnly);
    berth::CommandLine commandLine(out, err, &input);
    return commandLine.run(QCoreApplication::arguments().mid(1));
}
