#include "support/OciFixtures.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>

namespace berth {

namespace {

void applyOptions(QJsonObject& o, const OciFixtures::ManifestOptions& options)
{
    if (!options.artifactType.isEmpty())
        o.insert(QStringLiteral("artifactType"), options.artifactType);
    if (!options.subject.isEmpty())
        o.insert(QStringLiteral("subject"), options.subject);
    if (!options.annotations.isEmpty()) {
        QJsonObject a;
        for (auto it = options.annotations.cbegin(); it != options.annotations.cend(); ++it)
            a.insert(it.key(), it.value());
        o.insert(QStringLiteral("annotations"), a);
    }
}

} // namespace

QString OciFixtures::digestOf(const QByteArray& data)
{
    return QStringLiteral("sha256:") +
           QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

QByteArray OciFixtures::randomBytes(int size, quint32 seed)
{
    QRandomGenerator generator(seed);
    QByteArray data(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        data[i] = static_cast<char>(generator.bounded(256));
    return data;
}

QByteArray OciFixtures::config(quint32 seed)
{
    QJsonObject rootfs{{QStringLiteral("type"), QStringLiteral("layers")},
                       {QStringLiteral("diff_ids"), QJsonArray()}};
    QJsonObject o{{QStringLiteral("architecture"), QStringLiteral("amd64")},
                  {QStringLiteral("os"), QStringLiteral("linux")},
                  {QStringLiteral("rootfs"), rootfs},
                  {QStringLiteral("config"),
                   QJsonObject{{QStringLiteral("Labels"),
                                QJsonObject{{QStringLiteral("berth.test.seed"), QString::number(seed)}}}}}};
    return compact(o);
}

QJsonObject OciFixtures::descriptor(const QString& mediaType, const QByteArray& content,
                                    const QMap<QString, QString>& annotations)
{
    QJsonObject d = descriptorOf(mediaType, digestOf(content), content.size());
    if (!annotations.isEmpty()) {
        QJsonObject a;
        for (auto it = annotations.cbegin(); it != annotations.cend(); ++it)
            a.insert(it.key(), it.value());
        d.insert(QStringLiteral("annotations"), a);
    }
    return d;
}

QJsonObject OciFixtures::descriptorOf(const QString& mediaType, const QString& digest, qint64 size)
{
    return QJsonObject{{QStringLiteral("mediaType"), mediaType},
                       {QStringLiteral("digest"), digest},
                       {QStringLiteral("size"), size}};
}

QByteArray OciFixtures::imageManifest(const QByteArray& config, const QList<QByteArray>& layers)
{
    return imageManifest(config, layers, ManifestOptions());
}

QByteArray OciFixtures::imageIndex(const QList<QJsonObject>& manifests)
{
    return imageIndex(manifests, ManifestOptions());
}

QByteArray OciFixtures::imageManifest(const QByteArray& config, const QList<QByteArray>& layers,
                                      const ManifestOptions& options)
{
    QJsonArray layerArray;
    for (const QByteArray& layer : layers)
        layerArray.append(descriptor(QString::fromLatin1(kLayerType), layer));
    QJsonObject o{{QStringLiteral("schemaVersion"), 2},
                  {QStringLiteral("mediaType"), QString::fromLatin1(kManifestType)},
                  {QStringLiteral("config"), descriptor(options.configMediaType, config)},
                  {QStringLiteral("layers"), layerArray}};
    applyOptions(o, options);
    return compact(o);
}

QByteArray OciFixtures::imageIndex(const QList<QJsonObject>& manifests, const ManifestOptions& options)
{
    QJsonArray array;
    for (const QJsonObject& m : manifests)
        array.append(m);
    QJsonObject o{{QStringLiteral("schemaVersion"), 2},
                  {QStringLiteral("mediaType"), QString::fromLatin1(kIndexType)},
                  {QStringLiteral("manifests"), array}};
    applyOptions(o, options);
    return compact(o);
}

QByteArray OciFixtures::compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString OciFixtures::uniqueRepository(const QString& prefix)
{
    return prefix + QLatin1Char('-') +
           QString::number(QRandomGenerator::global()->generate(), 16).rightJustified(8, QLatin1Char('0'));
}

} // namespace berth
