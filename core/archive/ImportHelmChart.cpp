#include "archive/ImportHelmChart.h"

#include "archive/ArchiveScan.h"
#include "archive/ImportChartYaml.h"
#include "archive/ImportManifestWriter.h"
#include "jobs/JobContext.h"
#include "oci/MediaTypes.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <cstring>

namespace berth {

Result<void> ImportHelmChart::importArchive(ImportSession& session, const ArchiveScan& scan)
{
    const ImportChartYaml chart = ImportChartYaml::parse(scan.chartYaml);
    if (chart.name().isEmpty())
        return session.invalid(QCoreApplication::translate("ImageImporter", "its Chart.yaml has no name"));
    if (chart.version().isEmpty())
        return session.invalid(QCoreApplication::translate("ImageImporter", "its Chart.yaml has no version"));
    auto repository = session.repositoryFor(chart.name());
    if (!repository)
        return repository.error();
    QString version = chart.version();
    version.replace(QLatin1Char('+'), QLatin1Char('_'));
    auto tag = session.tagFor(version);
    if (!tag)
        return tag.error();
    if (auto ensured =
            session.transaction().ensureRepository(repository.value(), session.target().compartment);
        !ensured)
        return ensured;

    // The layer: the .tgz itself, byte for byte.
    session.setStatus(QCoreApplication::translate("ImageImporter", "Writing chart %1 %2")
                          .arg(chart.name(), chart.version()));
    QFile file(session.path());
    if (!file.open(QIODevice::ReadOnly))
        return ImportSession::readFailure(file);
    const qint64 total = file.size();
    qint64 done = 0;
    auto layer = session.storeHashedBlob(repository.value(), ImportSession::fileReader(file, done),
                                         [&] { session.context().setProgress(done, total); });
    if (!layer)
        return layer.error();

    const QByteArray configBytes = chart.configJson();
    qint64 configOffset = 0;
    auto readConfig = [&](char* buffer, qint64 capacity) -> Result<qint64> {
        const qint64 n = qMin(capacity, qint64(configBytes.size()) - configOffset);
        std::memcpy(buffer, configBytes.constData() + configOffset, static_cast<size_t>(n));
        configOffset += n;
        return n;
    };
    auto config = session.storeHashedBlob(repository.value(), readConfig, {});
    if (!config)
        return config.error();

    const QString created =
        QFileInfo(session.path()).lastModified().toUTC().toString(Qt::ISODate); // RFC 3339, as helm writes it
    const QByteArray manifest = ImportManifestWriter::imageManifest(
        Descriptor{MediaTypes::HelmConfig, config->digest, config->size, {}, {}, {}},
        {Descriptor{MediaTypes::HelmChartContent, layer->digest, layer->size, {}, {}, {}}},
        chart.manifestAnnotations(created), false);
    return session.storeManifests(
        {ImportManifestPut{repository.value(), tag.value(), Digest::compute(manifest), manifest,
                           MediaTypes::OciImageManifest, true}});
}

} // namespace berth
