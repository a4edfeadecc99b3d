#include "models/ModelSupport.h"

#include "oci/Reference.h"

#include <QLocale>
#include <QMimeData>

namespace berth {

QList<QUrl> ModelSupport::localFiles(const QMimeData* data)
{
    if (!data || !data->hasUrls())
        return {};
    const QList<QUrl> urls = data->urls();
    for (const QUrl& url : urls) {
        if (!url.isLocalFile() || url.toLocalFile().isEmpty())
            return {};
    }
    return urls;
}

QString ModelSupport::size(qint64 bytes)
{
    if (bytes < 0)
        return QString();
    return QLocale().formattedDataSize(bytes);
}

QString ModelSupport::time(const QDateTime& t)
{
    if (!t.isValid())
        return QString();
    return QLocale().toString(t.toLocalTime(), QLocale::ShortFormat);
}

QVariant ModelSupport::sortTime(const QDateTime& t)
{
    return t.isValid() ? t.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min();
}

QString ModelSupport::kindText(ImageSummary::Kind kind)
{
    switch (kind) {
    case ImageSummary::Kind::Image:
        return tr("Image");
    case ImageSummary::Kind::Index:
        return tr("Multi-arch index");
    case ImageSummary::Kind::Helm:
        return tr("Helm chart");
    case ImageSummary::Kind::Artifact:
        return tr("Artifact");
    }
    return tr("Image");
}

QIcon ModelSupport::kindIcon(ImageSummary::Kind kind)
{
    switch (kind) {
    case ImageSummary::Kind::Image:
        return themeIcon(QStringLiteral("package-x-generic"));
    case ImageSummary::Kind::Index:
        return themeIcon(QStringLiteral("view-list-details"));
    case ImageSummary::Kind::Helm:
        return themeIcon(QStringLiteral("application-x-archive"));
    case ImageSummary::Kind::Artifact:
        return themeIcon(QStringLiteral("text-x-generic"));
    }
    return QIcon();
}

QIcon ModelSupport::themeIcon(const QString& name)
{
    return QIcon::fromTheme(name);
}

QString ModelSupport::pullCommand(const QString& host, const QString& repository, const QString& tag,
                                  const Digest& digest)
{
    const QString name = host.isEmpty() ? repository : host + QLatin1Char('/') + repository;
    return QStringLiteral("docker pull ") + Reference::qualified(name, tag, digest);
}

} // namespace berth
