#include "archive/ExportWriter.h"

#include "jobs/JobContext.h"
#include "oci/Digester.h"
#include "registry/RegistryService.h"

#include <QLocale>

namespace berth {

ExportWriter::ExportWriter(RegistryService& registry, JobContext& context)
    : m_registry(registry), m_context(context)
{}

Result<void> ExportWriter::checkCancelled() const
{
    if (m_context.isCancelled())
        return Error(ErrorCode::Cancelled, tr("The export was cancelled."));
    return {};
}

void ExportWriter::advance(qint64 bytes)
{
    m_done += bytes;
    m_context.setProgress(m_done, m_total);
}

Result<qint64> ExportWriter::write(const QString& path, ArchiveWriter::Compression compression,
                                   const QList<QPair<QString, QByteArray>>& files, const ExportPlan& plan)
{
    m_done = 0;
    m_total = plan.blobBytes();
    for (const auto& file : files)
        m_total += file.second.size();
    m_context.setProgress(0, m_total);

    ArchiveWriter writer;
    if (auto opened = writer.open(path, compression); !opened)
        return opened.error();
    for (const auto& file : files) {
        if (auto added = writer.addFile(file.first, file.second); !added)
            return added.error();
        advance(file.second.size());
    }

    // Folders first, so tools that extract the tar get ordinary permissions on them.
    QStringList folders{QStringLiteral("blobs")};
    for (const ExportBlob& blob : plan.blobs) {
        const QString folder = QStringLiteral("blobs/") + blob.digest.algorithmName();
        if (!folders.contains(folder))
            folders.append(folder);
    }
    for (const QString& folder : std::as_const(folders))
        if (auto added = writer.addDirectory(folder); !added)
            return added.error();

    const QLocale locale;
    for (qsizetype i = 0; i < plan.blobs.size(); ++i) {
        if (auto stop = checkCancelled(); !stop)
            return stop.error();
        const ExportBlob& blob = plan.blobs.at(i);
        m_context.setStatus(tr("Writing blob %1 of %2 (%3)")
                                .arg(i + 1)
                                .arg(plan.blobs.size())
                                .arg(locale.formattedDataSize(blob.size)));
        if (blob.inMemory) {
            if (auto added = writer.addFile(blob.archivePath(), blob.bytes); !added)
                return added.error();
            advance(blob.bytes.size());
        } else if (auto streamed = streamBlob(writer, blob); !streamed) {
            return streamed.error();
        }
    }
    if (auto stop = checkCancelled(); !stop)
        return stop.error();
    m_context.setStatus(tr("Finishing the archive"));
    if (auto closed = writer.close(); !closed)
        return closed.error();
    return writer.contentBytes();
}

Result<void> ExportWriter::streamBlob(ArchiveWriter& writer, const ExportBlob& blob)
{
    auto device = m_registry.openBlob(blob.repository, blob.digest);
    if (!device)
        return device.error();
    if (auto begun = writer.beginFile(blob.archivePath(), blob.size); !begun)
        return begun;
    Digester digester(blob.digest.algorithm());
    QByteArray buffer(int(qMin<qint64>(ChunkSize, qMax<qint64>(blob.size, 1))), Qt::Uninitialized);
    qint64 left = blob.size;
    while (left > 0) {
        if (auto stop = checkCancelled(); !stop)
            return stop;
        const qint64 n = device.value()->read(buffer.data(), qMin<qint64>(left, buffer.size()));
        if (n <= 0)
            return Error(
                ErrorCode::Internal,
                tr("The blob %1 in the registry ended after %2 of its %3 bytes: it is damaged. Run a "
                   "scrub to find damaged blobs, then push the image again.")
                    .arg(blob.digest.toString())
                    .arg(blob.size - left)
                    .arg(blob.size));
        digester.update(buffer.constData(), n);
        if (auto written = writer.writeData(buffer.constData(), n); !written)
            return written;
        left -= n;
        advance(n);
    }
    if (digester.finish() != blob.digest)
        return Error(ErrorCode::Internal,
                     tr("The blob %1 in the registry no longer matches its digest: it is "
                        "damaged. Run a scrub to find damaged blobs, then push the image "
                        "again.")
                         .arg(blob.digest.toString()));
    return {};
}

} // namespace berth
