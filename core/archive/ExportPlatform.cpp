#include "archive/ExportPlatform.h"

#include <QStringList>

namespace berth {

Result<ExportPlatform> ExportPlatform::parse(const QString& text)
{
    const QStringList parts = text.trimmed().split(QLatin1Char('/'));
    bool valid = parts.size() == 2 || parts.size() == 3;
    for (const QString& part : parts)
        valid = valid && !part.isEmpty();
    if (!valid)
        return Error(ErrorCode::Unsupported,
                     tr("\"%1\" is not a platform. Write it as os/architecture, for example linux/amd64 or "
                        "linux/arm64/v8.")
                         .arg(text));
    ExportPlatform platform;
    platform.m_os = parts.at(0).toLower();
    platform.m_architecture = parts.at(1).toLower();
    if (parts.size() == 3)
        platform.m_variant = parts.at(2).toLower();
    return platform;
}

QString ExportPlatform::describe(const Platform& platform)
{
    const QString unknown = QStringLiteral("unknown");
    QString text = (platform.os.isEmpty() ? unknown : platform.os) + QLatin1Char('/') +
                   (platform.architecture.isEmpty() ? unknown : platform.architecture);
    if (!platform.variant.isEmpty())
        text += QLatin1Char('/') + platform.variant;
    return text;
}

bool ExportPlatform::matches(const Platform& platform) const
{
    if (platform.os.compare(m_os, Qt::CaseInsensitive) != 0 ||
        platform.architecture.compare(m_architecture, Qt::CaseInsensitive) != 0)
        return false;
    return m_variant.isEmpty() || platform.variant.compare(m_variant, Qt::CaseInsensitive) == 0;
}

bool ExportPlatform::matchesExactly(const Platform& platform) const
{
    return matches(platform) && platform.variant.compare(m_variant, Qt::CaseInsensitive) == 0;
}

bool ExportPlatform::isRunnable(const Platform& platform)
{
    return !platform.os.isEmpty() && !platform.architecture.isEmpty() &&
           platform.os != QLatin1String("unknown") && platform.architecture != QLatin1String("unknown");
}

QString ExportPlatform::toString() const
{
    return m_variant.isEmpty() ? m_os + QLatin1Char('/') + m_architecture
                               : m_os + QLatin1Char('/') + m_architecture + QLatin1Char('/') + m_variant;
}

} // namespace berth
