#include "views/UsageDashboardLoader.h"

#include "audit/AuditLog.h"
#include "host/RegistryHost.h"
#include "iam/IdentityStore.h"
#include "metering/PriceSheetStore.h"
#include "registry/RegistryService.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QThreadPool>
#include <atomic>
#include <functional>

namespace berth {

struct UsageDashboardLoader::Private
{
    explicit Private(RegistryHost& h) : host(h) {}

    RegistryHost& host;
    QThreadPool pool;
    std::shared_ptr<std::atomic<bool>> alive = std::make_shared<std::atomic<bool>>(true);
    quint64 nextId = 1;
    int pending = 0; ///< GUI thread only

    /// Runs `work` on the pool; `deliver` (or failed()) gets its answer in the GUI thread.
    template <typename T>
    quint64 run(UsageDashboardLoader* loader, std::function<Result<T>()> work,
                std::function<void(quint64, const T&)> deliver)
    {
        const quint64 id = nextId++;
        ++pending;
        auto flag = alive;
        pool.start([loader, id, flag, work = std::move(work), deliver = std::move(deliver)] {
            auto result = std::make_shared<Result<T>>(work());
            QMetaObject::invokeMethod(
                loader,
                [loader, id, flag, result, deliver] {
                    if (!*flag)
                        return;
                    --loader->d->pending;
                    if (result->ok())
                        deliver(id, result->value());
                    else
                        emit loader->failed(id, result->error());
                },
                Qt::QueuedConnection);
        });
        return id;
    }
};

UsageDashboardLoader::UsageDashboardLoader(RegistryHost& host, QObject* parent)
    : QObject(parent), d(std::make_unique<Private>(host))
{
    static const bool registered = [] {
        qRegisterMetaType<berth::UsageDashboardData>();
        qRegisterMetaType<berth::PriceSheet>();
        qRegisterMetaType<berth::Error>();
        return true;
    }();
    Q_UNUSED(registered);
    d->pool.setMaxThreadCount(1);
    d->pool.setObjectName(QStringLiteral("UsageDashboardLoader"));
}

UsageDashboardLoader::~UsageDashboardLoader()
{
    *d->alive = false;
    d->pool.clear();
    d->pool.waitForDone();
}

QDate UsageDashboardLoader::today() const
{
    return d->host.registry().clock().now().toUTC().date();
}

quint64 UsageDashboardLoader::load(int days, const QDate& month, qint64 scopeRowId)
{
    RegistryService* registry = &d->host.registry();
    const QDate to = today();
    const QDate from = to.addDays(-qMax(1, days) + 1);
    return d->run<UsageDashboardData>(
        this,
        [registry, from, to, month, scopeRowId]() -> Result<UsageDashboardData> {
            UsageDashboardData data;
            data.from = from;
            data.to = to;
            auto tree = IdentityStore(registry->metadata()).compartmentTree();
            if (!tree)
                return tree.error();
            UsageQueries::Scope scope;
            for (const CompartmentRecord& compartment : tree->all()) {
                data.compartments.append({compartment.rowId, compartment.path});
                if (scopeRowId != 0 && tree->isWithin(compartment.rowId, scopeRowId))
                    scope.compartments.insert(compartment.rowId);
            }
            if (scopeRowId != 0 && !scope.compartments.isEmpty())
                data.scopeRowId = scopeRowId;
            else
                scope = UsageQueries::Scope::registry(); // the whole registry, or a compartment deleted since
            UsageQueries queries(registry->metadata());
            auto storage = queries.storageSeries(from, to, scope);
            if (!storage)
                return storage.error();
            data.storage = storage.value();
            auto egress = queries.egressSeries(from, to, scope);
            if (!egress)
                return egress.error();
            data.egress = egress.value();
            auto bySize = queries.topByStoredBytes(to, TopCount, scope);
            if (!bySize)
                return bySize.error();
            data.topByStoredBytes = bySize.value();
            auto byEgress = queries.topByEgress(from, to, TopCount, scope);
            if (!byEgress)
                return byEgress.error();
            data.topByEgress = byEgress.value();
            auto prices = PriceSheetStore(registry->metadata()).load();
            if (!prices)
                return prices.error();
            auto cost = CostReport::compute(registry->metadata(), prices.value(), month, to);
            if (!cost)
                return cost.error();
            data.cost = cost.value();
            return data;
        },
        [this](quint64 id, const UsageDashboardData& data) { emit loaded(id, data); });
}

quint64 UsageDashboardLoader::loadPrices()
{
    RegistryService* registry = &d->host.registry();
    return d->run<PriceSheet>(
        this, [registry]() { return PriceSheetStore(registry->metadata()).load(); },
        [this](quint64 id, const PriceSheet& sheet) { emit pricesLoaded(id, sheet); });
}

quint64 UsageDashboardLoader::savePrices(const PriceSheet& sheet)
{
    RegistryService* registry = &d->host.registry();
    AuditLog* audit = &d->host.audit();
    return d->run<PriceSheet>(
        this,
        [registry, audit, sheet]() -> Result<PriceSheet> {
            auto saved = PriceSheetStore(registry->metadata())
                             .save(sheet, AuditRecord::systemActor(), registry->clock().now());
            if (!saved)
                return saved.error();
            AuditRecord record;
            record.actor = AuditRecord::systemActor();
            record.action = QStringLiteral("console.setPricing");
            record.target = QStringLiteral("pricing");
            record.decision = AuditDecision::Allowed;
            record.details = saved->toJson();
            audit->append(std::move(record));
            return saved;
        },
        [this](quint64 id, const PriceSheet& saved) { emit pricesLoaded(id, saved); });
}

bool UsageDashboardLoader::waitForIdle(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (d->pending > 0) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return true;
}

} // namespace berth
