#include "data/GcBrowser.h"

#include "gc/GarbageCollector.h"
#include "gc/GcJob.h"
#include "host/RegistryHost.h"
#include "jobs/JobRunner.h"
#include "maintenance/MaintenanceLog.h"
#include "maintenance/MaintenanceScheduler.h"
#include "registry/RegistryService.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QThreadPool>
#include <QTimer>
#include <atomic>
#include <functional>

namespace berth {

namespace {

/// How long change events are gathered before statusChanged().
constexpr int CoalesceMs = 250;

} // namespace

struct GcBrowser::Private
{
    explicit Private(RegistryHost& h) : host(h), gc(h.garbageCollector()) {}

    RegistryHost& host;
    std::shared_ptr<GarbageCollector> gc;
    QThreadPool pool;
    std::shared_ptr<std::atomic<bool>> alive = std::make_shared<std::atomic<bool>>(true);
    quint64 nextId = 1;
    int pending = 0; ///< GUI thread only
    QTimer coalesce;

    /// Runs `work` on the pool; `deliver` (or failed()) gets its answer in the GUI thread.
    template <typename T>
    quint64 run(GcBrowser* browser, std::function<Result<T>()> work,
                std::function<void(quint64, const T&)> deliver)
    {
        const quint64 id = nextId++;
        ++pending;
        auto flag = alive;
        pool.start([browser, id, flag, work = std::move(work), deliver = std::move(deliver)] {
            auto result = std::make_shared<Result<T>>(work());
            QMetaObject::invokeMethod(
                browser,
                [browser, id, flag, result, deliver] {
                    if (!*flag)
                        return;
                    --browser->d->pending;
                    if (result->ok())
                        deliver(id, result->value());
                    else
                        emit browser->failed(id, result->error());
                },
                Qt::QueuedConnection);
        });
        return id;
    }
};

GcBrowser::GcBrowser(RegistryHost& host, QObject* parent)
    : QObject(parent), d(std::make_unique<Private>(host))
{
    static const bool registered = [] {
        qRegisterMetaType<berth::GcStatus>();
        qRegisterMetaType<berth::GcResult>();
        qRegisterMetaType<berth::Error>();
        qRegisterMetaType<berth::RegistryEvent>();
        qRegisterMetaType<berth::JobSnapshot>();
        return true;
    }();
    Q_UNUSED(registered);
    d->pool.setMaxThreadCount(1);
    d->pool.setObjectName(QStringLiteral("GcBrowser"));
    d->coalesce.setSingleShot(true);
    d->coalesce.setInterval(CoalesceMs);
    connect(&d->coalesce, &QTimer::timeout, this, &GcBrowser::statusChanged);
    // From server and job threads; queued, they land here.
    connect(
        &host.registry(), &RegistryService::registryEvent, this,
        [this](const RegistryEvent& e) {
            if (e.type == RegistryEventType::ManifestPulled)
                return;
            if (!d->coalesce.isActive())
                d->coalesce.start();
        },
        Qt::QueuedConnection);
    connect(
        &host.jobs(), &JobRunner::jobChanged, this,
        [this](const JobSnapshot& job) {
            if (job.kind == JobKind::GarbageCollection &&
                (job.isFinished() || job.state == JobState::Running) && !d->coalesce.isActive())
                d->coalesce.start();
        },
        Qt::QueuedConnection);
}

GcBrowser::~GcBrowser()
{
    *d->alive = false;
    d->pool.clear();
    d->pool.waitForDone();
}

quint64 GcBrowser::loadStatus()
{
    std::shared_ptr<GarbageCollector> gc = d->gc;
    MaintenanceScheduler* scheduler = &d->host.scheduler();
    return d->run<GcStatus>(
        this,
        [gc, scheduler]() -> Result<GcStatus> {
            GcStatus status;
            auto reclaimable = gc->reclaimableNow();
            if (!reclaimable)
                return reclaimable.error();
            status.reclaimable = reclaimable.value();
            status.lastRun = gc->lastRun();
            for (const MaintenanceScheduler::Entry& entry : scheduler->schedule()) {
                if (entry.kind != MaintenanceLog::Gc)
                    continue;
                status.intervalSeconds = entry.intervalSeconds;
                status.nextRunAt = entry.nextRunAt;
                status.activeJob = entry.activeJob;
            }
            return status;
        },
        [this](quint64 id, const GcStatus& status) { emit statusLoaded(id, status); });
}

quint64 GcBrowser::preview(const GcOptions& options)
{
    std::shared_ptr<GarbageCollector> gc = d->gc;
    GcOptions dry = options;
    dry.dryRun = true;
    return d->run<GcResult>(
        this, [gc, dry]() { return gc->run(dry); },
        [this](quint64 id, const GcResult& result) { emit previewLoaded(id, result); });
}

quint64 GcBrowser::startCollection(const GcOptions& options)
{
    GcOptions real = options;
    real.dryRun = false;
    return d->host.jobs().submit(JobKind::GarbageCollection, GcJob::title(real, MaintenanceLog::Manual),
                                 GcJob::make(d->gc, real, MaintenanceLog::Manual));
}

bool GcBrowser::waitForIdle(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (d->pending > 0 || d->pool.activeThreadCount() > 0) {
        if (deadline.hasExpired())
            return false;
        d->pool.waitForDone(5);
        QCoreApplication::processEvents(QEventLoop::AllEvents);
    }
    return true;
}

} // namespace berth
