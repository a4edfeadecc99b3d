#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace berth {

/// One answer of the management API: the HTTP status and the JSON body, or why there was none.
struct ApiResponse
{
    int status = 0;         ///< 0 when no HTTP answer arrived (see transportError)
    QJsonValue json;        ///< the parsed body; undefined when empty or not JSON
    QByteArray body;        ///< the body as received
    QString transportError; ///< connection refused, TLS failure, timeout...

    bool ok() const { return status >= 200 && status < 300 && transportError.isEmpty(); }
    QJsonObject object() const { return json.toObject(); }
    /// The API's stable error code (NOT_FOUND...), empty when the body carries none.
    QString errorCode() const { return object().value(QStringLiteral("code")).toString(); }
    QString errorMessage() const { return object().value(QStringLiteral("message")).toString(); }
};

} // namespace berth
