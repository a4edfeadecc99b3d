#pragma once

#include <QCoreApplication>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QTextStream>

namespace berth {

/// What berthctl prints: aligned tables and "Field: value" records for people (the default), or
/// JSON with --output json. Messages for people go to stdout in table mode only; errors go to stderr.
class Output
{
    Q_DECLARE_TR_FUNCTIONS(Output)

public:
    enum class Format
    {
        Table,
        Json
    };
    using Fields = QList<QPair<QString, QString>>;

    Output(QTextStream& out, QTextStream& err, Format format);

    Format format() const { return m_format; }
    bool json() const { return m_format == Format::Json; }

    /// Columns padded to their widest cell; the last column is not padded.
    void table(const QStringList& headers, const QList<QStringList>& rows);
    /// One record as "Label:  value" lines, labels aligned.
    void record(const Fields& fields);
    void printJson(const QJsonValue& value);
    /// A line for people (table mode only).
    void message(const QString& text);
    /// Prints to stdout whatever the format (e.g. a once-shown secret in table mode).
    void line(const QString& text);
    void error(const QString& text);

    QTextStream& out() { return m_out; }
    QTextStream& err() { return m_err; }

    /// Helpers for cells: yes/no, times shortened for tables, "-" for empty.
    static QString yesNo(bool value);
    static QString time(const QJsonValue& value);
    static QString orDash(const QString& value);
    static QString size(qint64 bytes);

private:
    QTextStream& m_out;
    QTextStream& m_err;
    Format m_format;
};

} // namespace berth
