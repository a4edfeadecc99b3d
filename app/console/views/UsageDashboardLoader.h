#pragma once

#include "util/Error.h"
#include "views/UsageDashboardData.h"

#include <QObject>
#include <memory>

namespace berth {

class RegistryHost;

/// The usage dashboard's door to the registry: the usage figures, the cost report and the price sheet
/// are read (and a new price sheet saved) on its own worker thread, never on the GUI thread; the answers
/// come back as signals in the GUI thread, tagged with the request id.
class UsageDashboardLoader : public QObject
{
    Q_OBJECT
public:
    /// How many repositories the "top" charts show.
    static constexpr int TopCount = 10;

    explicit UsageDashboardLoader(RegistryHost& host, QObject* parent = nullptr);
    ~UsageDashboardLoader() override;

    /// The last `days` days up to today (the host clock's UTC date), for the compartment row
    /// `scopeRowId` and those below it (0: the whole registry), and the cost report of `month`.
    quint64 load(int days, const QDate& month, qint64 scopeRowId = 0);
    quint64 loadPrices();
    /// Validates and saves the sheet (audited as console.setPricing), then answers pricesLoaded.
    quint64 savePrices(const PriceSheet& sheet);

    /// Today as the registry's clock says (UTC).
    QDate today() const;
    /// Blocks until every request made so far has been answered (tests).
    bool waitForIdle(int timeoutMs = 10'000);

signals:
    void loaded(quint64 id, const berth::UsageDashboardData& data);
    void pricesLoaded(quint64 id, const berth::PriceSheet& sheet);
    void failed(quint64 id, const berth::Error& error);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace berth
