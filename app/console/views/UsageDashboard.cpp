#include "views/UsageDashboard.h"

#include "dialogs/PriceSheetDialog.h"
#include "metering/CostReportCsv.h"
#include "views/UsageDashboardCharts.h"
#include "views/UsageDashboardLoader.h"

#include <QChartView>
#include <QComboBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace berth {

namespace {

constexpr int MonthsOffered = 24;

QTableWidgetItem* cell(const QString& text, bool number)
{
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    if (number)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

UsageDashboard::UsageDashboard(RegistryHost& host, QWidget* parent)
    : QWidget(parent), m_host(host), m_loader(new UsageDashboardLoader(host, this)),
      m_charts(std::make_unique<UsageDashboardCharts>())
{
    setWindowTitle(tr("Usage and cost"));
    setObjectName(QStringLiteral("usageDashboard"));

    m_period = new QComboBox;
    m_period->addItem(tr("Last 30 days"), 30);
    m_period->addItem(tr("Last 90 days"), 90);
    m_period->addItem(tr("Last 12 months"), 365);
    m_scope = new QComboBox;
    m_scope->setObjectName(QStringLiteral("scopePicker"));
    m_scope->addItem(tr("Whole registry"), qint64(0));
    auto* refreshButton = new QPushButton(tr("&Refresh"));
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Charts:")));
    top->addWidget(m_period);
    top->addWidget(new QLabel(tr("for")));
    top->addWidget(m_scope);
    top->addStretch();
    top->addWidget(refreshButton);

    auto* charts = new QGridLayout;
    charts->addWidget(m_charts->storageView(), 0, 0);
    charts->addWidget(m_charts->egressView(), 0, 1);
    charts->addWidget(m_charts->topStoredView(), 1, 0);
    charts->addWidget(m_charts->topEgressView(), 1, 1);
    auto* chartArea = new QWidget;
    chartArea->setLayout(charts);

    m_month = new QComboBox;
    m_month->setObjectName(QStringLiteral("monthPicker"));
    const QDate today = m_loader->today();
    QDate month(today.year(), today.month(), 1);
    for (int i = 0; i < MonthsOffered; ++i, month = month.addMonths(-1))
        m_month->addItem(QLocale().toString(month, QStringLiteral("MMMM yyyy")), month);
    m_costTitle = new QLabel;
    m_export = new QPushButton(tr("&Export CSV…"));
    m_export->setEnabled(false);
    auto* prices = new QPushButton(tr("&Price sheet…"));
    auto* costBar = new QHBoxLayout;
    costBar->addWidget(new QLabel(tr("Cost report for")));
    costBar->addWidget(m_month);
    costBar->addWidget(m_costTitle, 1);
    costBar->addWidget(prices);
    costBar->addWidget(m_export);

    m_costTable = new QTableWidget(0, 8);
    m_costTable->setObjectName(QStringLiteral("costTable"));
    m_costTable->setHorizontalHeaderLabels({tr("Compartment"), tr("Storage (GB-months)"), tr("Free storage"),
                                            tr("Storage cost"), tr("Egress (GB)"), tr("Free egress"),
                                            tr("Egress cost"), tr("Amount")});
    m_costTable->verticalHeader()->hide();
    m_costTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    auto* costLayout = new QVBoxLayout;
    costLayout->setContentsMargins(0, 0, 0, 0);
    costLayout->addLayout(costBar);
    costLayout->addWidget(m_costTable);
    auto* costArea = new QWidget;
    costArea->setLayout(costLayout);

    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(chartArea);
    splitter->addWidget(costArea);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    m_status = new QLabel;
    m_status->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);
    resize(1100, 800);

    connect(m_period, &QComboBox::currentIndexChanged, this, &UsageDashboard::refresh);
    connect(m_month, &QComboBox::currentIndexChanged, this, &UsageDashboard::refresh);
    connect(m_scope, &QComboBox::activated, this, &UsageDashboard::refresh);
    connect(refreshButton, &QPushButton::clicked, this, &UsageDashboard::refresh);
    connect(m_export, &QPushButton::clicked, this, &UsageDashboard::chooseCsvFile);
    connect(prices, &QPushButton::clicked, this, &UsageDashboard::editPrices);
    connect(m_loader, &UsageDashboardLoader::loaded, this,
            [this](quint64 id, const UsageDashboardData& data) {
                if (id == m_latest)
                    display(data);
            });
    connect(m_loader, &UsageDashboardLoader::failed, this,
            [this](quint64, const Error& error) { showError(error.message); });
    refresh();
}

UsageDashboard::~UsageDashboard() = default;

void UsageDashboard::refresh()
{
    m_status->setText(tr("Reading the usage figures…"));
    m_latest = m_loader->load(m_period->currentData().toInt(), m_month->currentData().toDate(),
                              m_scope->currentData().toLongLong());
}

void UsageDashboard::setMonth(const QDate& month)
{
    const int index = m_month->findData(QDate(month.year(), month.month(), 1));
    if (index >= 0 && index != m_month->currentIndex())
        m_month->setCurrentIndex(index);
    else
        refresh();
}

void UsageDashboard::setPeriodDays(int days)
{
    const int index = m_period->findData(days);
    if (index >= 0 && index != m_period->currentIndex())
        m_period->setCurrentIndex(index);
    else
        refresh();
}

bool UsageDashboard::setScope(const CompartmentPath& compartment)
{
    for (const auto& known : m_data.compartments) {
        if (known.second != compartment)
            continue;
        const int index = m_scope->findData(compartment.isTenancy() ? qint64(0) : known.first);
        if (index < 0)
            return false;
        m_scope->setCurrentIndex(index);
        refresh();
        return true;
    }
    return false;
}

void UsageDashboard::fillScopes(const QList<QPair<qint64, CompartmentPath>>& compartments, qint64 current)
{
    m_scope->clear();
    m_scope->addItem(tr("Whole registry"), qint64(0));
    for (const auto& compartment : compartments) {
        if (!compartment.second.isTenancy())
            m_scope->addItem(compartment.second.toString(), compartment.first);
    }
    m_scope->setCurrentIndex(qMax(0, m_scope->findData(current)));
}

void UsageDashboard::display(const UsageDashboardData& data)
{
    m_data = data;
    fillScopes(data.compartments, data.scopeRowId);
    m_charts->show(data);
    showCost(data.cost);
    m_status->setText(tr("Figures from %1 to %2 (UTC days). A GB is 10^9 bytes.")
                          .arg(QLocale().toString(data.from, QLocale::ShortFormat),
                               QLocale().toString(data.to, QLocale::ShortFormat)));
    m_export->setEnabled(true);
    emit shown();
}

void UsageDashboard::showCost(const CostReport& report)
{
    const QLocale locale;
    const QString currency = report.prices.currency;
    m_costTitle->setText(report.partial
                             ? tr("(so far, through %1; amounts in %2)")
                                   .arg(locale.toString(report.through, QLocale::ShortFormat), currency)
                             : tr("(amounts in %1)").arg(currency));
    auto quantity = [&locale](double v) { return locale.toString(CostReport::roundQuantity(v), 'f', 3); };
    auto money = [&locale](double v) { return locale.toString(CostReport::roundMoney(v), 'f', 2); };
    QList<CostLine> lines = report.lines;
    lines.append(report.total);
    m_costTable->setRowCount(int(lines.size()));
    for (int row = 0; row < lines.size(); ++row) {
        const CostLine& line = lines[row];
        const bool total = row == lines.size() - 1;
        QString name = total ? tr("Total") : CostReport::displayPath(line);
        if (!total && line.deletedCompartment)
            name = tr("(deleted compartment %1)").arg(line.compartmentRowId);
        else if (!total && line.compartmentPath.isEmpty())
            name = tr("(tenancy)");
        m_costTable->setItem(row, 0, cell(name, false));
        m_costTable->setItem(row, 1, cell(quantity(line.storageGbMonths), true));
        m_costTable->setItem(row, 2, cell(quantity(line.freeStorageGbMonths), true));
        m_costTable->setItem(row, 3, cell(money(line.storageAmount), true));
        m_costTable->setItem(row, 4, cell(quantity(line.egressGb), true));
        m_costTable->setItem(row, 5, cell(quantity(line.freeEgressGb), true));
        m_costTable->setItem(row, 6, cell(money(line.egressAmount), true));
        m_costTable->setItem(row, 7, cell(money(line.amount), true));
        if (total) {
            for (int column = 0; column < m_costTable->columnCount(); ++column) {
                QFont font = m_costTable->item(row, column)->font();
                font.setBold(true);
                m_costTable->item(row, column)->setFont(font);
            }
        }
    }
}

void UsageDashboard::showError(const QString& message)
{
    m_lastError = message;
    m_status->setText(tr("Could not read the usage figures: %1").arg(message));
}

bool UsageDashboard::exportCsv(const QString& path)
{
    if (!m_data.cost.month.isValid()) {
        m_lastError = tr("There is no cost report to export yet; wait until it is shown.");
        return false;
    }
    QSaveFile file(path);
    const QByteArray csv = CostReportCsv::write(m_data.cost);
    if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size() || !file.commit()) {
        m_lastError =
            tr("Could not write %1: %2. Choose a folder you may write to.").arg(path, file.errorString());
        return false;
    }
    m_status->setText(tr("Saved the cost report for %1 to %2.").arg(m_data.cost.monthText(), path));
    return true;
}

void UsageDashboard::chooseCsvFile()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export cost report"), QStringLiteral("berth-cost-%1.csv").arg(m_data.cost.monthText()),
        tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (!exportCsv(path))
        m_status->setText(m_lastError);
}

void UsageDashboard::editPrices()
{
    auto* dialog = new PriceSheetDialog(m_data.cost.prices, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const PriceSheet sheet = dialog->sheet();
        const quint64 id = m_loader->savePrices(sheet);
        auto* context = new QObject(this);
        connect(m_loader, &UsageDashboardLoader::pricesLoaded, context,
                [this, id, context](quint64 answered) {
                    if (answered != id)
                        return;
                    context->deleteLater();
                    emit pricesSaved();
                    refresh();
                });
    });
    dialog->open();
}

} // namespace berth
