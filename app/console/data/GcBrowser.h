#pragma once

#include "gc/GcRunSummary.h"
#include "gc/GcTypes.h"
#include "util/Error.h"

#include <QDateTime>
#include <QMetaType>
#include <QObject>
#include <memory>
#include <optional>

namespace berth {

class RegistryHost;

/// Garbage collection as the console shows it: what would be freed now, the last run, the schedule.
struct GcStatus
{
    GcReclaimable reclaimable;
    std::optional<GcRunSummary> lastRun;
    qint64 intervalSeconds = 0; ///< 0: not scheduled
    QDateTime nextRunAt;        ///< invalid when not scheduled
    quint64 activeJob = 0;      ///< a garbage collection queued or running now (0: none)
};

/// The console's door to garbage collection, in the manner of RegistryBrowser: the status and dry runs
/// are worked out on its own worker threads (never on the GUI thread) and come back as signals in the
/// GUI thread, tagged with the request id; runs are jobs on the host's runner (the jobs panel shows
/// them with progress and cancel). statusChanged() (coalesced) says when the figures may have moved:
/// something was deleted or pushed, or a garbage collection finished.
class GcBrowser : public QObject
{
    Q_OBJECT
public:
    explicit GcBrowser(RegistryHost& host, QObject* parent = nullptr);
    ~GcBrowser() override;

    quint64 loadStatus();
    /// A dry run with these options (dryRun is forced on).
    quint64 preview(const GcOptions& options);
    /// Submits a run as a job on the host's runner; returns the job's id.
    quint64 startCollection(const GcOptions& options);

    /// Blocks until every request made so far has been answered (tests).
    bool waitForIdle(int timeoutMs = 10'000);

signals:
    void statusLoaded(quint64 id, const berth::GcStatus& status);
    void previewLoaded(quint64 id, const berth::GcResult& result);
    void failed(quint64 id, const berth::Error& error);
    void statusChanged();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace berth

Q_DECLARE_METATYPE(berth::GcStatus)
Q_DECLARE_METATYPE(berth::GcResult)
