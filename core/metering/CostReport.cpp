#include "metering/CostReport.h"

#include "iam/IdentityStore.h"
#include "metadata/MetadataStore.h"
#include "metering/UsageQueries.h"

#include <QHash>
#include <QJsonArray>
#include <algorithm>
#include <cmath>

namespace berth {

namespace {

Error invalid(const QString& message)
{
    return Error(ErrorCode::NameInvalid, message,
                 QJsonObject{{QStringLiteral("reason"), QStringLiteral("INVALID")}});
}

/// Shares `free` units across lines in proportion to quantity(line), never more than was used.
template <typename Get, typename Set>
void shareFree(QList<CostLine>& lines, double used, double free, Get quantity, Set setFree)
{
    const double applied = std::min(free, used);
    for (CostLine& line : lines)
        setFree(line, used > 0 ? applied * quantity(line) / used : 0.0);
}

QJsonObject lineJson(const CostLine& line)
{
    QJsonObject json{
        {QStringLiteral("storageGbMonths"), CostReport::roundQuantity(line.storageGbMonths)},
        {QStringLiteral("freeStorageGbMonths"), CostReport::roundQuantity(line.freeStorageGbMonths)},
        {QStringLiteral("billableStorageGbMonths"), CostReport::roundQuantity(line.billableStorageGbMonths)},
        {QStringLiteral("storageAmount"), CostReport::roundMoney(line.storageAmount)},
        {QStringLiteral("egressBytes"), line.egressBytes},
        {QStringLiteral("egressGb"), CostReport::roundQuantity(line.egressGb)},
        {QStringLiteral("freeEgressGb"), CostReport::roundQuantity(line.freeEgressGb)},
        {QStringLiteral("billableEgressGb"), CostReport::roundQuantity(line.billableEgressGb)},
        {QStringLiteral("egressAmount"), CostReport::roundMoney(line.egressAmount)},
        {QStringLiteral("amount"), CostReport::roundMoney(line.amount)}};
    return json;
}

} // namespace

double CostReport::roundMoney(double amount)
{
    return std::round(amount * 100.0) / 100.0;
}

double CostReport::roundQuantity(double quantity)
{
    return std::round(quantity * 1e6) / 1e6;
}

Result<QDate> CostReport::parseMonth(const QString& text)
{
    const QDate day = QDate::fromString(text.trimmed() + QStringLiteral("-01"), QStringLiteral("yyyy-MM-dd"));
    if (!day.isValid() || text.trimmed().size() != 7)
        return invalid(
            QStringLiteral("\"%1\" is not a month; write it as YYYY-MM, e.g. 2026-03.").arg(text.left(40)));
    return day;
}

QString CostReport::displayPath(const CostLine& line)
{
    if (line.deletedCompartment)
        return QStringLiteral("(deleted compartment %1)").arg(line.compartmentRowId);
    if (line.compartmentPath.isEmpty())
        return QStringLiteral("(tenancy)");
    return line.compartmentPath;
}

Result<CostReport> CostReport::compute(MetadataStore& metadata, const PriceSheet& prices, const QDate& month,
                                       const QDate& today)
{
    if (!month.isValid() || !today.isValid())
        return invalid(QStringLiteral("The report needs a valid month."));
    CostReport report;
    report.month = QDate(month.year(), month.month(), 1);
    report.prices = prices;
    report.daysInMonth = report.month.daysInMonth();
    const QDate last = report.month.addDays(report.daysInMonth - 1);
    if (report.month > today)
        return invalid(QStringLiteral("The month %1 has not started yet (today is %2); ask for this month "
                                      "or an earlier one.")
                           .arg(report.monthText(), today.toString(Qt::ISODate)));
    report.partial = last >= today;
    report.through = report.partial ? today : last;
    report.daysCounted = int(report.month.daysTo(report.through)) + 1;

    // Byte-days and egress per compartment row.
    QHash<qint64, CostLine> byRow;
    UsageQueries usage(metadata);
    auto walked = usage.forEachStorageDay(
        report.month, report.through, [&](const QDate&, const QList<UsageQueries::StorageSample>& samples) {
            for (const UsageQueries::StorageSample& s : samples)
                byRow[s.compartmentRowId].storageByteDays += s.storedBytes;
        });
    if (!walked)
        return walked.error();
    auto egress = usage.egressByCompartment(report.month, report.through);
    if (!egress)
        return egress.error();
    for (auto it = egress->cbegin(); it != egress->cend(); ++it)
        byRow[it.key()].egressBytes += it.value();

    // Paths from the compartment tree as it is now.
    auto tree = IdentityStore(metadata).compartmentTree();
    if (!tree)
        return tree.error();
    for (auto it = byRow.begin(); it != byRow.end(); ++it) {
        CostLine& line = it.value();
        if (line.storageByteDays == 0 && line.egressBytes == 0)
            continue;
        line.compartmentRowId = it.key();
        if (const CompartmentRecord* record = tree->byRowId(it.key())) {
            line.compartmentId = record->id;
            line.compartmentPath = record->path.toString();
        } else {
            line.deletedCompartment = true;
        }
        line.storageGbMonths = double(line.storageByteDays) / PriceSheet::BytesPerGb / report.daysInMonth;
        line.egressGb = double(line.egressBytes) / PriceSheet::BytesPerGb;
        report.lines.append(line);
        report.total.storageByteDays += line.storageByteDays;
        report.total.egressBytes += line.egressBytes;
    }
    std::sort(report.lines.begin(), report.lines.end(), [](const CostLine& a, const CostLine& b) {
        if (a.deletedCompartment != b.deletedCompartment)
            return b.deletedCompartment;
        if (a.compartmentPath != b.compartmentPath)
            return a.compartmentPath < b.compartmentPath;
        return a.compartmentRowId < b.compartmentRowId;
    });

    CostLine& total = report.total;
    total.storageGbMonths = double(total.storageByteDays) / PriceSheet::BytesPerGb / report.daysInMonth;
    total.egressGb = double(total.egressBytes) / PriceSheet::BytesPerGb;
    shareFree(
        report.lines, total.storageGbMonths, prices.freeStorageGbMonths,
        [](const CostLine& l) { return l.storageGbMonths; },
        [](CostLine& l, double free) { l.freeStorageGbMonths = free; });
    shareFree(
        report.lines, total.egressGb, prices.freeEgressGb, [](const CostLine& l) { return l.egressGb; },
        [](CostLine& l, double free) { l.freeEgressGb = free; });
    for (CostLine& line : report.lines) {
        line.billableStorageGbMonths = std::max(0.0, line.storageGbMonths - line.freeStorageGbMonths);
        line.billableEgressGb = std::max(0.0, line.egressGb - line.freeEgressGb);
        line.storageAmount = line.billableStorageGbMonths * prices.storagePerGbMonth;
        line.egressAmount = line.billableEgressGb * prices.egressPerGb;
        line.amount = line.storageAmount + line.egressAmount;
        total.freeStorageGbMonths += line.freeStorageGbMonths;
        total.freeEgressGb += line.freeEgressGb;
        total.billableStorageGbMonths += line.billableStorageGbMonths;
        total.billableEgressGb += line.billableEgressGb;
        total.storageAmount += line.storageAmount;
        total.egressAmount += line.egressAmount;
        total.amount += line.amount;
    }
    return report;
}

QJsonObject CostReport::toJson() const
{
    QJsonArray items;
    for (const CostLine& line : lines) {
        QJsonObject json = lineJson(line);
        json.insert(QStringLiteral("compartment"), line.compartmentPath);
        json.insert(QStringLiteral("compartmentId"), line.compartmentId);
        json.insert(QStringLiteral("compartmentName"), displayPath(line));
        json.insert(QStringLiteral("deletedCompartment"), line.deletedCompartment);
        items.append(json);
    }
    QJsonObject priceJson = prices.toJson();
    priceJson.insert(QStringLiteral("bytesPerGb"), PriceSheet::BytesPerGb);
    return QJsonObject{{QStringLiteral("month"), monthText()},
                       {QStringLiteral("from"), month.toString(Qt::ISODate)},
                       {QStringLiteral("through"), through.toString(Qt::ISODate)},
                       {QStringLiteral("partial"), partial},
                       {QStringLiteral("daysInMonth"), daysInMonth},
                       {QStringLiteral("daysCounted"), daysCounted},
                       {QStringLiteral("currency"), prices.currency},
                       {QStringLiteral("prices"), priceJson},
                       {QStringLiteral("items"), items},
                       {QStringLiteral("total"), lineJson(total)}};
}

} // namespace berth
