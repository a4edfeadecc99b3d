#include "cli/Output.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace berth {

Output::Output(QTextStream& out, QTextStream& err, Format format) : m_out(out), m_err(err), m_format(format)
{}

void Output::table(const QStringList& headers, const QList<QStringList>& rows)
{
    QList<int> widths;
    for (const QString& h : headers)
        widths.append(h.size());
    for (const QStringList& row : rows)
        for (int i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], static_cast<int>(row.at(i).size()));
    auto print = [&](const QStringList& cells) {
        QString text;
        for (int i = 0; i < cells.size(); ++i) {
            if (i > 0)
                text += QStringLiteral("  ");
            text += i + 1 < cells.size() ? cells.at(i).leftJustified(widths.value(i)) : cells.at(i);
        }
        while (text.endsWith(QLatin1Char(' ')))
            text.chop(1);
        m_out << text << '\n';
    };
    print(headers);
    for (const QStringList& row : rows)
        print(row);
    m_out.flush();
}

void Output::record(const Fields& fields)
{
    int width = 0;
    for (const auto& field : fields)
        width = std::max(width, static_cast<int>(field.first.size()) + 1);
    for (const auto& field : fields) {
        QString value = field.second;
        // Multi-line values (policy statements) continue under the value column.
        value.replace(QLatin1Char('\n'), QLatin1Char('\n') + QString(width + 2, QLatin1Char(' ')));
        m_out << (field.first + QLatin1Char(':')).leftJustified(width) << "  " << value << '\n';
    }
    m_out.flush();
}

void Output::printJson(const QJsonValue& value)
{
    QJsonDocument document;
    if (value.isArray())
        document.setArray(value.toArray());
    else
        document.setObject(value.toObject());
    m_out << QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    m_out.flush();
}

void Output::message(const QString& text)
{
    if (m_format == Format::Table) {
        m_out << text << '\n';
        m_out.flush();
    }
}

void Output::line(const QString& text)
{
    m_out << text << '\n';
    m_out.flush();
}

void Output::error(const QString& text)
{
    m_err << text << '\n';
    m_err.flush();
}

QString Output::yesNo(bool value)
{
    return value ? tr("yes") : tr("no");
}

QString Output::time(const QJsonValue& value)
{
    const QString text = value.toString();
    if (text.isEmpty())
        return QStringLiteral("-");
    const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        return text;
    return t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QStringLiteral("Z");
}

QString Output::orDash(const QString& value)
{
    return value.isEmpty() ? QStringLiteral("-") : value;
}

QString Output::size(qint64 bytes)
{
    if (bytes < 1024)
        return tr("%1 B").arg(bytes);
    if (bytes < 1024 * 1024)
        return tr("%1 KiB").arg(static_cast<double>(bytes) / 1024.0, 0, 'f', 1);
    return tr("%1 MiB").arg(static_cast<double>(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
}

} // namespace berth
