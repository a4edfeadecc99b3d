#include "core/governance/GovernanceFixture.h"

#include "oci/MediaTypes.h"
#include "support/core/OciLayoutPusher.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace berth {

namespace {

QJsonObject descriptor(const QString& mediaType, const QByteArray& bytes)
{
    return QJsonObject{{QStringLiteral("mediaType"), mediaType},
                       {QStringLiteral("digest"), Digest::compute(bytes).toString()},
                       {QStringLiteral("size"), qint64(bytes.size())}};
}

} // namespace

GovernanceFixture::GovernanceFixture(RegistryLimits limits)
    : m_dataDirectory(m_dir.path()),
      m_config(R"({"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}})"),
      m_layer(QByteArray("governance test layer ").repeated(50))
{
    RegistryService::Options options;
    options.dataDirectory = m_dataDirectory;
    options.clock = &m_clock;
    options.limits = limits;
    m_registry = std::make_unique<RegistryService>(options);
    auto opened = m_registry->open();
    if (!opened)
        qFatal("could not open the registry: %s", qPrintable(opened.error().message));
}

Result<void> GovernanceFixture::pushBlobs(const QString& repository)
{
    for (const QByteArray& bytes : {m_config, m_layer}) {
        auto pushed = OciLayoutPusher::pushBlob(*m_registry, repository, bytes);
        if (!pushed)
            return pushed.error();
    }
    return {};
}

QByteArray GovernanceFixture::imageManifest(int n) const
{
    const QJsonObject o{
        {QStringLiteral("schemaVersion"), 2},
        {QStringLiteral("mediaType"), MediaTypes::OciImageManifest},
        {QStringLiteral("config"), descriptor(MediaTypes::OciImageConfig, m_config)},
        {QStringLiteral("layers"), QJsonArray{descriptor(MediaTypes::OciLayerTarGzip, m_layer)}},
        {QStringLiteral("annotations"), QJsonObject{{QStringLiteral("n"), QString::number(n)}}}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Result<PutManifestResult> GovernanceFixture::pushImage(const QString& repository, int n, const QString& tag)
{
    const QByteArray bytes = imageManifest(n);
    const Reference reference =
        tag.isEmpty() ? Reference::fromDigest(Digest::compute(bytes)) : Reference::fromTag(tag);
    return m_registry->putManifest(repository, reference, bytes, MediaTypes::OciImageManifest);
}

Result<PutManifestResult> GovernanceFixture::pushIndex(const QString& repository, const QList<int>& children,
                                                       const QString& tag)
{
    QJsonArray manifests;
    for (int n : children) {
        auto child = pushImage(repository, n);
        if (!child)
            return child;
        QJsonObject d = descriptor(MediaTypes::OciImageManifest, imageManifest(n));
        d.insert(QStringLiteral("platform"),
                 QJsonObject{{QStringLiteral("architecture"), QStringLiteral("amd64")},
                             {QStringLiteral("os"), QStringLiteral("linux")},
                             {QStringLiteral("variant"), QString::number(n)}});
        manifests.append(d);
    }
    const QByteArray bytes =
        QJsonDocument(QJsonObject{{QStringLiteral("schemaVersion"), 2},
                                  {QStringLiteral("mediaType"), MediaTypes::OciImageIndex},
                                  {QStringLiteral("manifests"), manifests}})
            .toJson(QJsonDocument::Compact);
    return m_registry->putManifest(repository, Reference::fromTag(tag), bytes, MediaTypes::OciImageIndex);
}

} // namespace berth
