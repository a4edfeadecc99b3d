#include "metering/CostReportCsv.h"

#include "metering/CostReport.h"

namespace berth {

namespace {

QString money(double amount)
{
    return QString::number(CostReport::roundMoney(amount), 'f', 2);
}

QString quantity(double value)
{
    return QString::number(CostReport::roundQuantity(value), 'f', 6);
}

QStringList figures(const CostLine& line, const QString& currency)
{
    return {quantity(line.storageGbMonths),
            quantity(line.freeStorageGbMonths),
            quantity(line.billableStorageGbMonths),
            money(line.storageAmount),
            QString::number(line.egressBytes),
            quantity(line.egressGb),
            quantity(line.freeEgressGb),
            quantity(line.billableEgressGb),
            money(line.egressAmount),
            money(line.amount),
            currency};
}

} // namespace

QStringList CostReportCsv::header()
{
    return {QStringLiteral("month"),
            QStringLiteral("compartment"),
            QStringLiteral("compartment_id"),
            QStringLiteral("storage_gb_months"),
            QStringLiteral("free_storage_gb_months"),
            QStringLiteral("billable_storage_gb_months"),
            QStringLiteral("storage_amount"),
            QStringLiteral("egress_bytes"),
            QStringLiteral("egress_gb"),
            QStringLiteral("free_egress_gb"),
            QStringLiteral("billable_egress_gb"),
            QStringLiteral("egress_amount"),
            QStringLiteral("amount"),
            QStringLiteral("currency")};
}

QString CostReportCsv::field(const QString& text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\r')) && !text.contains(QLatin1Char('\n')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString CostReportCsv::record(const QStringList& fields)
{
    QStringList out;
    out.reserve(fields.size());
    for (const QString& f : fields)
        out << field(f);
    return out.join(QLatin1Char(','));
}

QByteArray CostReportCsv::write(const CostReport& report)
{
    const QString crlf = QStringLiteral("\r\n");
    QString text = record(header()) + crlf;
    const QString month = report.monthText();
    for (const CostLine& line : report.lines)
        text += record(QStringList{month, CostReport::displayPath(line), line.compartmentId} +
                       figures(line, report.prices.currency)) +
                crlf;
    text += record(QStringList{month, QStringLiteral("Total"), QString()} +
                   figures(report.total, report.prices.currency)) +
            crlf;
    return text.toUtf8();
}

} // namespace berth
