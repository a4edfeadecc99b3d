#include "views/UsageDashboardCharts.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QHorizontalBarSeries>
#include <QLineSeries>
#include <QValueAxis>
#include <algorithm>

namespace berth {

namespace {

double gigabytes(qint64 bytes)
{
    return double(bytes) / PriceSheet::BytesPerGb;
}

QChartView* makeView(const QString& title)
{
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->legend()->hide();
    chart->setAnimationOptions(QChart::NoAnimation);
    auto* view = new QChartView(chart);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(320, 220);
    return view;
}

/// Removes the chart's series and axes (the chart owns and deletes them).
void clear(QChart* chart)
{
    chart->removeAllSeries();
    for (QAbstractAxis* axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
}

QValueAxis* gbAxis(double largest)
{
    auto* axis = new QValueAxis;
    axis->setTitleText(UsageDashboardCharts::tr("GB"));
    axis->setLabelFormat(QStringLiteral("%.2f"));
    axis->setRange(0, largest > 0 ? largest * 1.1 : 1.0);
    return axis;
}

} // namespace

UsageDashboardCharts::UsageDashboardCharts()
    : m_storageView(makeView(tr("Storage over time"))), m_egressView(makeView(tr("Egress per day"))),
      m_topStoredView(makeView(tr("Largest repositories"))),
      m_topEgressView(makeView(tr("Repositories with the most egress")))
{
    m_storageView->setObjectName(QStringLiteral("storageChart"));
    m_egressView->setObjectName(QStringLiteral("egressChart"));
    m_topStoredView->setObjectName(QStringLiteral("topStoredChart"));
    m_topEgressView->setObjectName(QStringLiteral("topEgressChart"));
}

void UsageDashboardCharts::show(const UsageDashboardData& data)
{
    showStorage(data);
    showEgress(data);
    m_topStoredBars =
        showTop(m_topStoredView->chart(), data.topByStoredBytes, tr("Stored GB"), &m_topStoredNames);
    m_topEgressBars = showTop(m_topEgressView->chart(), data.topByEgress, tr("Egress GB"), &m_topEgressNames);
}

void UsageDashboardCharts::showStorage(const UsageDashboardData& data)
{
    QChart* chart = m_storageView->chart();
    clear(chart);
    m_storageSeries = new QLineSeries;
    m_storageSeries->setName(tr("Stored GB"));
    double largest = 0;
    for (const UsageQueries::StoragePoint& point : data.storage) {
        const double gb = gigabytes(point.storedBytes);
        largest = std::max(largest, gb);
        m_storageSeries->append(double(point.day.startOfDay(Qt::UTC).toMSecsSinceEpoch()), gb);
    }
    chart->addSeries(m_storageSeries);
    auto* days = new QDateTimeAxis;
    days->setFormat(QStringLiteral("MMM d"));
    days->setRange(data.from.startOfDay(Qt::UTC), data.to.startOfDay(Qt::UTC));
    chart->addAxis(days, Qt::AlignBottom);
    QValueAxis* gb = gbAxis(largest);
    chart->addAxis(gb, Qt::AlignLeft);
    m_storageSeries->attachAxis(days);
    m_storageSeries->attachAxis(gb);
}

void UsageDashboardCharts::showEgress(const UsageDashboardData& data)
{
    QChart* chart = m_egressView->chart();
    clear(chart);
    m_egressBars = new QBarSet(tr("Egress GB"));
    QStringList days;
    double largest = 0;
    for (const UsageQueries::EgressPoint& point : data.egress) {
        const double gb = gigabytes(point.egressBytes);
        largest = std::max(largest, gb);
        m_egressBars->append(gb);
        days << point.day.toString(QStringLiteral("MM-dd"));
    }
    auto* series = new QBarSeries;
    series->append(m_egressBars);
    chart->addSeries(series);
    auto* axis = new QBarCategoryAxis;
    axis->append(days);
    chart->addAxis(axis, Qt::AlignBottom);
    QValueAxis* gb = gbAxis(largest);
    chart->addAxis(gb, Qt::AlignLeft);
    series->attachAxis(axis);
    series->attachAxis(gb);
}

QBarSet* UsageDashboardCharts::showTop(QChart* chart, const QList<UsageQueries::RepositoryFigure>& figures,
                                       const QString& label, QStringList* names)
{
    clear(chart);
    auto* set = new QBarSet(label);
    names->clear();
    double largest = 0;
    // Horizontal bars stack upwards: the largest goes last so that it is shown on top.
    for (auto it = figures.crbegin(); it != figures.crend(); ++it) {
        const double gb = gigabytes(it->bytes);
        largest = std::max(largest, gb);
        set->append(gb);
        names->append(it->repository);
    }
    auto* series = new QHorizontalBarSeries;
    series->append(set);
    chart->addSeries(series);
    auto* axis = new QBarCategoryAxis;
    axis->append(names->isEmpty() ? QStringList{tr("(none)")} : *names);
    chart->addAxis(axis, Qt::AlignLeft);
    QValueAxis* gb = gbAxis(largest);
    chart->addAxis(gb, Qt::AlignBottom);
    series->attachAxis(axis);
    series->attachAxis(gb);
    return set;
}

} // namespace berth
