#include "settings/ConsoleLanguage.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QRegularExpression>
#include <QTranslator>

namespace berth {

namespace {

const QString Catalog = QStringLiteral("berth_console");
const QString Resources = QStringLiteral(":/i18n");

} // namespace

QString ConsoleLanguage::install(QCoreApplication& app, const QString& language)
{
    QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    auto* console = new QTranslator(&app);
    if (!console->load(locale, Catalog, QStringLiteral("_"), Resources)) {
        locale = QLocale(QLocale::English);
        if (!console->load(locale, Catalog, QStringLiteral("_"), Resources)) {
            delete console;
            return QStringLiteral("en");
        }
    }
    QCoreApplication::installTranslator(console);
    // A language chosen in the settings also decides how dates, numbers and sizes are written.
    if (!language.isEmpty())
        QLocale::setDefault(locale);
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    // "berth_console_de.qm" -> "de"
    const QString file = console->filePath();
    static const QRegularExpression code(QStringLiteral("berth_console_([a-zA-Z_]+)\\.qm$"));
    const QRegularExpressionMatch match = code.match(file);
    return match.hasMatch() ? match.captured(1) : locale.name().section(QLatin1Char('_'), 0, 0);
}

QStringList ConsoleLanguage::available()
{
    QStringList codes;
    const QStringList files = QDir(Resources).entryList({Catalog + QStringLiteral("_*.qm")}, QDir::Files);
    for (const QString& file : files)
        codes << file.mid(Catalog.size() + 1).chopped(3);
    codes.sort();
    return codes;
}

} // namespace berth
