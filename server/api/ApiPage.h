#pragma once

#include "api/ApiOperation.h"
#include "util/Result.h"

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QUrlQuery>

namespace berth {

/// Pagination, the same for every listing: ?limit= (1..1000, default 100) and ?page=, the opaque token a
/// previous page returned as "nextPage". Pages hold {"items": [...], "nextPage": "..."}.
struct ApiPage
{
    static constexpr int DefaultLimit = 100;
    static constexpr int MaxLimit = 1000;

    int limit = DefaultLimit;
    QString after; ///< the sort key the page starts after (decoded from the token); empty: from the start

    static Result<ApiPage> fromQuery(const QUrlQuery& query);
    /// The limit and page query parameters, for the description.
    static QList<ApiParameter> parameters();

    /// The page of `items` (sorted by key, ascending) that starts after `after`.
    QJsonObject build(const QList<QPair<QString, QJsonObject>>& items) const;

    static QString encodeToken(const QString& key);
    static std::optional<QString> decodeToken(const QString& token);
};

} // namespace berth
