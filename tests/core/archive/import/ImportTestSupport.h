#pragma once

#include "jobs/JobContext.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <atomic>
#include <utility>

namespace berth {
class RegistryService;
}

/// Helpers for the ImageImporter tests: fixtures, hand-made tar files, registry snapshots.
namespace ImportTestSupport {

/// BERTH_BINARY_DIR/test-images/<name>; empty (and a QFAIL message) when it is missing.
QString fixture(const QString& name);

/// The whole content of a file; empty when it cannot be read.
QByteArray readFile(const QString& path);

/// Writes a tar (ustar) holding the entries in order; returns false on failure.
bool writeTar(const QString& path, const QList<std::pair<QString, QByteArray>>& entries);
/// Every file of a folder as tar entries (relative paths, sorted).
QList<std::pair<QString, QByteArray>> folderEntries(const QString& folder);
/// Gzips a file with libarchive's raw gzip filter.
bool gzipFile(const QString& from, const QString& to);

/// Everything the registry's database says about repositories, manifests, tags, blob links and
/// upload sessions (no timestamps), for "nothing changed" checks.
QStringList snapshot(berth::RegistryService& registry);

/// A JobContext that asks to cancel after the n-th progress report, or when a status line starts
/// with a given text.
class CancellingContext : public berth::JobContext
{
public:
    explicit CancellingContext(int afterProgressReports, QString onStatus = QString())
        : m_after(afterProgressReports), m_onStatus(std::move(onStatus))
    {}
    bool isCancelled() const override { return m_cancelled; }
    void setProgress(qint64, qint64) override
    {
        if (m_after > 0 && ++m_reports >= m_after)
            m_cancelled = true;
    }
    void setStatus(const QString& text) override
    {
        if (!m_onStatus.isEmpty() && text.startsWith(m_onStatus))
            m_cancelled = true;
    }
    int reports() const { return m_reports; }

private:
    int m_after;
    QString m_onStatus;
    int m_reports = 0;
    std::atomic<bool> m_cancelled{false};
};

/// Records progress and status for checks.
class RecordingContext : public berth::JobContext
{
public:
    bool isCancelled() const override { return false; }
    void setProgress(qint64 done, qint64 total) override
    {
        lastDone = done;
        lastTotal = total;
        ++reports;
    }
    void setStatus(const QString& text) override { statuses << text; }
    qint64 lastDone = 0;
    qint64 lastTotal = 0;
    int reports = 0;
    QStringList statuses;
};

} // namespace ImportTestSupport
