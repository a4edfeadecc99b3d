#pragma once

#include "archive/ArchiveWriter.h"
#include "archive/ExportPlan.h"

#include <QCoreApplication>
#include <QList>
#include <QPair>

namespace berth {

class JobContext;
class RegistryService;

/// Writes a planned export into a tar file: the small layout files first, then every blob, streamed
/// from the registry in 1 MiB chunks and checked against its digest on the way (a blob damaged on
/// disk fails the export instead of producing an archive that will not load). Reports bytes written
/// against bytes planned and stops between chunks when the job is cancelled (ErrorCode::Cancelled).
/// The file it was writing is left for the caller to remove.
class ExportWriter
{
    Q_DECLARE_TR_FUNCTIONS(ExportWriter)

public:
    /// Bytes read from the registry per step; the most an export holds in memory at once for a blob.
    static constexpr qint64 ChunkSize = 1024 * 1024;

    ExportWriter(RegistryService& registry, JobContext& context);

    /// `files` (name, bytes) go first, then the plan's blobs under blobs/<algorithm>/.
    /// Returns the bytes of content written (before compression).
    Result<qint64> write(const QString& path, ArchiveWriter::Compression compression,
                         const QList<QPair<QString, QByteArray>>& files, const ExportPlan& plan);

private:
    Result<void> streamBlob(ArchiveWriter& writer, const ExportBlob& blob);
    Result<void> checkCancelled() const;
    void advance(qint64 bytes);

    RegistryService& m_registry;
    JobContext& m_context;
    qint64 m_done = 0;
    qint64 m_total = 0;
};

} // namespace berth
