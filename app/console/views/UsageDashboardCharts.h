#pragma once

#include "views/UsageDashboardData.h"

#include <QCoreApplication>

class QBarSet;
class QChart;
class QChartView;
class QLineSeries;

namespace berth {

/// The dashboard's four charts (Qt Charts): stored GB over time (line), egress GB per day (bars), and the
/// top repositories by stored GB and by egress GB (horizontal bars). show() replaces their series.
class UsageDashboardCharts
{
    Q_DECLARE_TR_FUNCTIONS(UsageDashboard)

public:
    UsageDashboardCharts();

    QChartView* storageView() const { return m_storageView; }
    QChartView* egressView() const { return m_egressView; }
    QChartView* topStoredView() const { return m_topStoredView; }
    QChartView* topEgressView() const { return m_topEgressView; }

    void show(const UsageDashboardData& data);

    /// What the charts hold now (tests): the storage line, the egress bars and the top-repository bars
    /// with their category labels.
    QLineSeries* storageSeries() const { return m_storageSeries; }
    QBarSet* egressBars() const { return m_egressBars; }
    QBarSet* topStoredBars() const { return m_topStoredBars; }
    QBarSet* topEgressBars() const { return m_topEgressBars; }
    QStringList topStoredNames() const { return m_topStoredNames; }
    QStringList topEgressNames() const { return m_topEgressNames; }

private:
    void showStorage(const UsageDashboardData& data);
    void showEgress(const UsageDashboardData& data);
    QBarSet* showTop(QChart* chart, const QList<UsageQueries::RepositoryFigure>& figures,
                     const QString& label, QStringList* names);

    QChartView* m_storageView = nullptr;
    QChartView* m_egressView = nullptr;
    QChartView* m_topStoredView = nullptr;
    QChartView* m_topEgressView = nullptr;
    QLineSeries* m_storageSeries = nullptr;
    QBarSet* m_egressBars = nullptr;
    QBarSet* m_topStoredBars = nullptr;
    QBarSet* m_topEgressBars = nullptr;
    QStringList m_topStoredNames;
    QStringList m_topEgressNames;
};

} // namespace berth
