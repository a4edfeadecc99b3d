#include "api/ApiPage.h"

#include "api/ApiSchema.h"

#include <QJsonArray>

namespace berth {

namespace {
const QByteArray TokenPrefix = QByteArrayLiteral("p1:");
}

Result<ApiPage> ApiPage::fromQuery(const QUrlQuery& query)
{
    ApiPage page;
    if (query.hasQueryItem(QStringLiteral("limit"))) {
        const QString text = query.queryItemValue(QStringLiteral("limit"));
        bool ok = false;
        const int limit = text.toInt(&ok);
        if (!ok || limit < 1 || limit > MaxLimit)
            return Error(ErrorCode::PaginationInvalid,
                         QStringLiteral(
                             "The query parameter \"limit\" must be a whole number from 1 to %1, not \"%2\".")
                             .arg(MaxLimit)
                             .arg(text.left(40)));
        page.limit = limit;
    }
    if (query.hasQueryItem(QStringLiteral("page"))) {
        const std::optional<QString> key = decodeToken(query.queryItemValue(QStringLiteral("page")));
        if (!key)
            return Error(
                ErrorCode::PaginationInvalid,
                QStringLiteral("The query parameter \"page\" is not a page token this server gave out; "
                               "use the \"nextPage\" value of the previous page."));
        page.after = *key;
    }
    return page;
}

QList<ApiParameter> ApiPage::parameters()
{
    return {ApiParameter{QStringLiteral("limit"), ApiParameter::In::Query,
                         QStringLiteral("At most this many items (1-1000, default 100)."),
                         ApiSchema::integer(), false, false},
            ApiParameter{QStringLiteral("page"), ApiParameter::In::Query,
                         QStringLiteral("The nextPage token of the previous page."), ApiSchema::string(),
                         false, false}};
}

QJsonObject ApiPage::build(const QList<QPair<QString, QJsonObject>>& items) const
{
    QJsonArray array;
    QString last;
    bool more = false;
    for (const auto& item : items) {
        if (!after.isEmpty() && item.first <= after)
            continue;
        if (array.size() == limit) {
            more = true;
            break;
        }
        array.append(item.second);
        last = item.first;
    }
    QJsonObject page{{QStringLiteral("items"), array}};
    if (more)
        page.insert(QStringLiteral("nextPage"), encodeToken(last));
    return page;
}

QString ApiPage::encodeToken(const QString& key)
{
    return QString::fromLatin1((TokenPrefix + key.toUtf8())
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<QString> ApiPage::decodeToken(const QString& token)
{
    auto decoded = QByteArray::fromBase64Encoding(
        token.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const QByteArray bytes = *decoded;
    if (!bytes.startsWith(TokenPrefix) || bytes.size() == TokenPrefix.size())
        return std::nullopt;
    return QString::fromUtf8(bytes.mid(TokenPrefix.size()));
}

} // namespace berth
