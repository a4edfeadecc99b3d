#include "integrity/FsckChecker.h"

#include "integrity/FsckContentChecker.h"
#include "integrity/FsckReportJson.h"
#include "jobs/JobContext.h"
#include "maintenance/MaintenanceLog.h"
#include "metadata/MetadataStore.h"
#include "registry/RegistryService.h"
#include "storage/BlobStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QSet>

namespace berth {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("FsckChecker", text);
}

/// Tables whose foreign keys cascade deletes: a row left referring to a missing row is exactly what the
/// cascade would have removed, so removing it is the repair.
const QSet<QString>& cascadingTables()
{
    static const QSet<QString> tables{QStringLiteral("tags"),
                                      QStringLiteral("manifests"),
                                      QStringLiteral("repository_blobs"),
                                      QStringLiteral("manifest_blobs"),
                                      QStringLiteral("manifest_children"),
                                      QStringLiteral("group_members"),
                                      QStringLiteral("auth_tokens")};
    return tables;
}

/// Where a file was last modified, by the wall clock (the filesystem's own time).
/// False for a file that has gone since it was listed (an upload that just completed, a write that
/// just renamed its temporary file): only what is still there and old is left over.
bool olderThan(const QFileInfo& info, qint64 seconds)
{
    if (!info.exists())
        return false;
    const QDateTime modified = info.lastModified().toUTC();
    return modified.isValid() && modified.secsTo(QDateTime::currentDateTimeUtc()) >= seconds;
}

} // namespace

FsckChecker::FsckChecker(MetadataStore& metadata, BlobStore& store, Clock& clock, QString dataDirectory)
    : m_metadata(metadata), m_store(store), m_clock(clock), m_dataDirectory(std::move(dataDirectory))
{}

FsckChecker::FsckChecker(RegistryService& registry)
    : FsckChecker(registry.metadata(), registry.blobStore(), registry.clock(),
                  QFileInfo(registry.metadata().path()).absolutePath())
{}

Result<FsckReport> FsckChecker::run(const FsckOptions& options, JobContext* context)
{
    std::lock_guard lock(m_runMutex);
    NullJobContext none;
    JobContext& job = context ? *context : none;
    FsckReport report;
    report.options = options;
    report.startedAt = m_clock.now();

    FsckContentChecker content(m_metadata, m_store, m_clock, options, report);
    const QList<std::pair<QString, std::function<Result<void>()>>> steps{
        {tr("Checking the database"), [&] { return checkDatabase(report); }},
        {tr("Checking references between rows"), [&] { return checkForeignKeys(report); }},
        {tr("Checking tags"), [&] { return checkMisplacedTags(report); }},
        {tr("Checking manifests and the blobs they reference"), [&] { return content.checkManifests(job); }},
        {tr("Checking blobs linked into repositories"), [&] { return content.checkLinks(); }},
        {tr("Checking upload sessions"), [&] { return checkUploads(report); }},
        {tr("Looking for temporary files"),
         [&]() -> Result<void> {
             checkTemporaryFiles(report);
             return {};
         }},
        {tr("Looking for unreferenced blobs"), [&] { return content.checkReclaimable(); }},
    };
    for (qsizetype i = 0; i < steps.size(); ++i) {
        if (job.isCancelled()) {
            report.finishedAt = m_clock.now();
            record(report, MaintenanceLog::Cancelled, QString());
            return Error(ErrorCode::Cancelled, tr("fsck was cancelled."));
        }
        job.setStatus(steps[i].first);
        job.setProgress(i, steps.size());
        auto done = steps[i].second();
        if (!done) {
            report.finishedAt = m_clock.now();
            const bool cancelled = done.error().code == ErrorCode::Cancelled;
            record(report, cancelled ? MaintenanceLog::Cancelled : MaintenanceLog::Failed,
                   done.error().message);
            return done.error();
        }
    }
    job.setProgress(steps.size(), steps.size());
    report.finishedAt = m_clock.now();
    record(report, MaintenanceLog::Succeeded, QString());
    return report;
}

void FsckChecker::record(const FsckReport& report, const QString& outcome, const QString& error)
{
    MaintenanceRun run;
    run.kind = MaintenanceLog::Fsck;
    run.trigger = report.options.trigger;
    run.startedAt = report.startedAt;
    run.finishedAt = report.finishedAt;
    run.outcome = outcome;
    run.summary = FsckReportJson::toJson(report);
    if (!error.isEmpty())
        run.summary.insert(QStringLiteral("error"), error);
    auto recorded = MaintenanceLog(m_metadata).record(run);
    if (!recorded)
        qWarning("berth: could not record the fsck run: %s", qPrintable(recorded.error().message));
}

Result<void> FsckChecker::checkDatabase(FsckReport& report)
{
    auto q = m_metadata.exec(QStringLiteral("PRAGMA integrity_check(100)"));
    if (!q)
        return q.error();
    while (q->next()) {
        const QString line = q->value(0).toString();
        if (line == QLatin1String("ok"))
            continue;
        report.findings.append(FsckFinding{
            FsckFindingKind::DatabaseIntegrity, QStringLiteral("berth.db"),
            tr("SQLite integrity check: %1. Restore the metadata from a backup.").arg(line), false, false});
    }
    return {};
}

Result<void> FsckChecker::checkForeignKeys(FsckReport& report)
{
    auto q = m_metadata.exec(QStringLiteral("PRAGMA foreign_key_check"));
    if (!q)
        return q.error();
    QList<std::tuple<QString, qint64, QString>> dangling;
    QSet<QString> seen;
    while (q->next()) {
        const QString table = q->value(0).toString();
        const qint64 rowId = q->value(1).toLongLong();
        const QString key = table + u'/' + QString::number(rowId);
        if (seen.contains(key))
            continue;
        seen.insert(key);
        dangling.append({table, rowId, q->value(2).toString()});
    }
    for (const auto& [table, rowId, parent] : dangling) {
        FsckFinding finding{FsckFindingKind::DanglingRow, tr("%1 row %2").arg(table).arg(rowId),
                            tr("Refers to a row of %1 that does not exist.").arg(parent),
                            cascadingTables().contains(table), false};
        if (report.options.repair && finding.repairable) {
            // Re-checked under the writer lock: the row may have gone (or its parent come back).
            auto done = m_metadata.transaction([&]() -> Result<void> {
                auto again = m_metadata.exec(QStringLiteral("PRAGMA foreign_key_check(%1)").arg(table));
                if (!again)
                    return again.error();
                bool still = false;
                while (again->next())
                    still = still || again->value(1).toLongLong() == rowId;
                if (!still)
                    return {};
                auto removed =
                    m_metadata.exec(QStringLiteral("DELETE FROM %1 WHERE rowid = ?").arg(table), {rowId});
                if (!removed)
                    return removed.error();
                finding.repaired = true;
                return {};
            });
            if (!done)
                return done;
        }
        report.findings.append(finding);
    }
    return {};
}

Result<void> FsckChecker::checkMisplacedTags(FsckReport& report)
{
    // A tag must point at a manifest of its own repository.
    const QString misplaced = QStringLiteral(
        "(SELECT repository_id FROM manifests WHERE id = tags.manifest_id) <> tags.repository_id");
    auto q = m_metadata.exec(QStringLiteral("SELECT rowid, name FROM tags WHERE ") + misplaced);
    if (!q)
        return q.error();
    QList<std::pair<qint64, QString>> rows;
    while (q->next())
        rows.append({q->value(0).toLongLong(), q->value(1).toString()});
    for (const auto& [rowId, name] : rows) {
        FsckFinding finding{FsckFindingKind::DanglingRow, tr("tags row %1").arg(rowId),
                            tr("Tag \"%1\" points at a manifest of another repository.").arg(name), true,
                            false};
        if (report.options.repair) {
            auto done = m_metadata.transaction([&]() -> Result<void> {
                auto removed = m_metadata.exec(
                    QStringLiteral("DELETE FROM tags WHERE rowid = ? AND ") + misplaced, {rowId});
                if (!removed)
                    return removed.error();
                finding.repaired = removed->numRowsAffected() > 0;
                return {};
            });
            if (!done)
                return done;
        }
        report.findings.append(finding);
    }
    return {};
}

Result<void> FsckChecker::checkUploads(FsckReport& report)
{
    const FsckOptions& o = report.options;
    auto rows = m_metadata.uploads();
    if (!rows)
        return rows.error();
    const QStringList dataIds = m_store.uploadIds();
    const QSet<QString> withData(dataIds.begin(), dataIds.end());
    QSet<QString> withRow;
    const QDateTime now = m_clock.now();
    for (const UploadRecord& upload : rows.value()) {
        ++report.uploadsChecked;
        withRow.insert(upload.id);
        if (withData.contains(upload.id) || upload.startedAt.secsTo(now) < o.strayAgeSeconds)
            continue;
        FsckFinding finding{
            FsckFindingKind::UploadWithoutData, upload.id,
            tr("The upload session of %1 has no data; the client must start over.").arg(upload.repository),
            true, false};
        if (o.repair) {
            auto done = m_metadata.transaction([&]() -> Result<void> {
                if (m_store.uploadIds().contains(upload.id))
                    return {};
                auto removed = m_metadata.deleteUpload(upload.id);
                if (!removed)
                    return removed.error();
                finding.repaired = removed.value();
                return {};
            });
            if (!done)
                return done;
        }
        report.findings.append(finding);
    }
    const QString uploads = QDir(m_dataDirectory).filePath(QStringLiteral("uploads"));
    for (const QString& id : dataIds) {
        if (withRow.contains(id) || !olderThan(QFileInfo(uploads + u'/' + id), o.strayAgeSeconds))
            continue;
        ++report.uploadsChecked;
        FsckFinding finding{FsckFindingKind::UploadDataWithoutRow, QStringLiteral("uploads/") + id,
                            tr("Upload data no session knows (left by a crash)."), true, false};
        if (o.repair) {
            auto done = m_metadata.transaction([&]() -> Result<void> {
                auto row = m_metadata.upload(id);
                if (!row)
                    return row.error();
                if (row.value())
                    return {}; // a session claimed it meanwhile
                m_store.discardUpload(id);
                finding.repaired = !m_store.uploadIds().contains(id);
                return {};
            });
            if (!done)
                return done;
        }
        report.findings.append(finding);
    }
    return {};
}

void FsckChecker::checkTemporaryFiles(FsckReport& report)
{
    const QDir data(m_dataDirectory);
    QStringList found;
    QDirIterator top(data.filePath(QStringLiteral("uploads")), {QStringLiteral("*.tmp")},
                     QDir::Files | QDir::Hidden);
    while (top.hasNext())
        found << top.next();
    QDirIterator blobs(data.filePath(QStringLiteral("blobs")), {QStringLiteral("*.tmp")},
                       QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (blobs.hasNext())
        found << blobs.next();
    found.sort();
    for (const QString& path : found) {
        const QFileInfo info(path);
        if (!olderThan(info, report.options.strayAgeSeconds))
            continue; // a write may be in progress
        FsckFinding finding{FsckFindingKind::StrayTemporaryFile, data.relativeFilePath(path),
                            tr("A temporary file of an interrupted write (%1 bytes).").arg(info.size()), true,
                            false};
        if (report.options.repair)
            finding.repaired = QFile::remove(path);
        report.findings.append(finding);
    }
}

} // namespace berth
