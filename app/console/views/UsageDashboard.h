#pragma once

#include "views/UsageDashboardData.h"

#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace berth {

class RegistryHost;
class UsageDashboardCharts;
class UsageDashboardLoader;

/// Usage and cost (Server > Usage and cost): storage over time, egress per day, the top repositories by
/// stored size and by egress, and the monthly cost report per compartment with "Export CSV..." and the
/// price sheet editor. Everything is read off the GUI thread (UsageDashboardLoader).
class UsageDashboard : public QWidget
{
    Q_OBJECT
public:
    explicit UsageDashboard(RegistryHost& host, QWidget* parent = nullptr);
    ~UsageDashboard() override;

    /// Reads the figures again (period and month as chosen).
    void refresh();
    /// Chooses the month of the cost report (its first day) and reloads.
    void setMonth(const QDate& month);
    /// Chooses how many days the charts cover (30, 90 or 365) and reloads.
    void setPeriodDays(int days);
    /// Limits the charts to a compartment and those below it (the tenancy: the whole registry) and
    /// reloads; false when the dashboard does not know the compartment (yet).
    bool setScope(const CompartmentPath& compartment);
    /// Writes the shown cost report as CSV; false with lastError() when it could not.
    bool exportCsv(const QString& path);
    /// Opens the price sheet dialog; a changed sheet is saved and the report recomputed.
    void editPrices();

    const UsageDashboardData& data() const { return m_data; }
    const UsageDashboardCharts& charts() const { return *m_charts; }
    QTableWidget* costTable() const { return m_costTable; }
    UsageDashboardLoader& loader() const { return *m_loader; }
    QString lastError() const { return m_lastError; }

signals:
    /// The figures on screen were replaced by new ones.
    void shown();
    void pricesSaved();

private:
    void display(const UsageDashboardData& data);
    void showCost(const CostReport& report);
    void showError(const QString& message);
    void chooseCsvFile();
    void fillScopes(const QList<QPair<qint64, CompartmentPath>>& compartments, qint64 current);

    RegistryHost& m_host;
    UsageDashboardLoader* m_loader = nullptr;
    std::unique_ptr<UsageDashboardCharts> m_charts;
    QComboBox* m_period = nullptr;
    QComboBox* m_scope = nullptr;
    QComboBox* m_month = nullptr;
    QLabel* m_costTitle = nullptr;
    QLabel* m_status = nullptr;
    QTableWidget* m_costTable = nullptr;
    QPushButton* m_export = nullptr;
    UsageDashboardData m_data;
    quint64 m_latest = 0;
    QString m_lastError;
};

} // namespace berth
