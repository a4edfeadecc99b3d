#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace berth {

class CostReport;

/// A cost report as CSV (RFC 4180): UTF-8, CRLF line ends, a header row, one row per compartment and a
/// last "Total" row. Fields holding a comma, a double quote, CR or LF are quoted, with quotes doubled.
/// Numbers are written with '.' as the decimal separator whatever the locale: money with 2 decimals,
/// quantities (GB, GB-months) with 6.
class CostReportCsv
{
public:
    static QByteArray write(const CostReport& report);
    /// The column names of the header row.
    static QStringList header();
    /// One field, quoted when RFC 4180 needs it.
    static QString field(const QString& text);
    /// Fields joined into one record (without the line end).
    static QString record(const QStringList& fields);
};

} // namespace berth
