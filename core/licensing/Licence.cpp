#include "licensing/Licence.h"

#include <QCoreApplication>

namespace berth {

QString LicenceScope::describe() const
{
    if (kind == Kind::Repository)
        return QCoreApplication::translate("LicenceScope", "repository %1").arg(repository);
    return compartment.describe();
}

QString licenceFormatName(LicenceFormat format)
{
    switch (format) {
    case LicenceFormat::Text:
        return QStringLiteral("text");
    case LicenceFormat::Markdown:
        return QStringLiteral("markdown");
    }
    return QStringLiteral("text");
}

bool parseLicenceFormat(const QString& name, LicenceFormat* format)
{
    const QString n = name.trimmed().toLower();
    LicenceFormat parsed;
    if (n == QLatin1String("text"))
        parsed = LicenceFormat::Text;
    else if (n == QLatin1String("markdown"))
        parsed = LicenceFormat::Markdown;
    else
        return false;
    if (format)
        *format = parsed;
    return true;
}

} // namespace berth
