#include "support/RegistryResponse.h"

#include <QJsonArray>
#include <QJsonObject>

namespace berth {

QByteArray RegistryResponse::header(const QByteArray& name) const
{
    for (const auto& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

bool RegistryResponse::hasHeader(const QByteArray& name) const
{
    for (const auto& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QList<QByteArray> RegistryResponse::headerValues(const QByteArray& name) const
{
    QList<QByteArray> values;
    for (const auto& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            values.append(h.second);
    }
    return values;
}

QJsonDocument RegistryResponse::json() const
{
    return QJsonDocument::fromJson(body);
}

QStringList RegistryResponse::errorCodes() const
{
    QStringList codes;
    const QJsonDocument doc = json();
    if (!doc.isObject())
        return codes;
    const QJsonArray errors = doc.object().value(QStringLiteral("errors")).toArray();
    for (const QJsonValue& e : errors)
        codes.append(e.toObject().value(QStringLiteral("code")).toString());
    return codes;
}

bool RegistryResponse::isOciErrorBody() const
{
    const QJsonDocument doc = json();
    if (!doc.isObject())
        return false;
    const QJsonValue errorsValue = doc.object().value(QStringLiteral("errors"));
    if (!errorsValue.isArray() || errorsValue.toArray().isEmpty())
        return false;
    for (const QJsonValue& e : errorsValue.toArray()) {
        const QJsonObject o = e.toObject();
        if (!o.value(QStringLiteral("code")).isString() ||
            o.value(QStringLiteral("code")).toString().isEmpty())
            return false;
        if (o.contains(QStringLiteral("message")) && !o.value(QStringLiteral("message")).isString())
            return false;
    }
    return true;
}

QString RegistryResponse::nextLink() const
{
    for (const QByteArray& value : headerValues("Link")) {
        // A Link header may carry several comma-separated entries: <url>; rel="next", <url>; rel="prev"
        const QString text = QString::fromUtf8(value);
        int pos = 0;
        while (pos < text.size()) {
            const int open = text.indexOf(QLatin1Char('<'), pos);
            if (open < 0)
                break;
            const int close = text.indexOf(QLatin1Char('>'), open);
            if (close < 0)
                break;
            int end = text.indexOf(QLatin1Char('<'), close);
            if (end < 0)
                end = text.size();
            const QString params = text.mid(close + 1, end - close - 1);
            if (params.contains(QLatin1String("rel=\"next\"")) || params.contains(QLatin1String("rel=next")))
                return text.mid(open + 1, close - open - 1);
            pos = end;
        }
    }
    return {};
}

QString RegistryResponse::describe() const
{
    if (status == 0)
        return QStringLiteral("no response (%1)").arg(transportError);
    QString text = QString::number(status);
    const QByteArray ct = header("Content-Type");
    if (!ct.isEmpty())
        text += QStringLiteral(" [%1]").arg(QString::fromUtf8(ct));
    if (!body.isEmpty()) {
        QByteArray shown = body.left(400);
        for (char& c : shown) {
            if (static_cast<unsigned char>(c) < 0x20 && c != '\n')
                c = '.';
        }
        text += QLatin1Char(' ') + QString::fromUtf8(shown);
        if (body.size() > 400)
            text += QStringLiteral("... (%1 bytes)").arg(body.size());
    }
    return text;
}

} // namespace berth
