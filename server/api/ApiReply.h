#pragma once

#include "util/Error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>

namespace berth {

/// What a management API operation answers: a status, a JSON object body (none for 204) and extra
/// headers. Errors are replies too, with the body {"code": "<STABLE_CODE>", "message": "...", "detail": ...}.
struct ApiReply
{
    int status = 200;
    QJsonObject body; ///< not sent when status is 204
    QList<QPair<QByteArray, QByteArray>> headers;
    /// When set, the answer is rawBody with this Content-Type instead of the JSON body (CSV exports).
    QByteArray rawContentType = {};
    QByteArray rawBody = {};

    bool isError() const { return status >= 400; }

    static ApiReply ok(QJsonObject body) { return ApiReply{200, std::move(body), {}}; }
    static ApiReply created(QJsonObject body) { return ApiReply{201, std::move(body), {}}; }
    static ApiReply noContent() { return ApiReply{204, {}, {}}; }
    /// A 200 answer that is not JSON, e.g. ("text/csv; charset=utf-8", bytes).
    static ApiReply raw(QByteArray contentType, QByteArray bytes)
    {
        ApiReply reply{200, {}, {}};
        reply.rawContentType = std::move(contentType);
        reply.rawBody = std::move(bytes);
        return reply;
    }

    /// An error reply with one of the stable codes of ApiErrors.
    static ApiReply error(int status, const char* code, const QString& message,
                          const QJsonValue& detail = QJsonValue());
    /// A core error through the error table (ApiErrors::fromError).
    static ApiReply error(const Error& error);
    /// Shorthands for the common cases of the API's own checks.
    static ApiReply invalidArgument(const QString& message, const QJsonValue& detail = QJsonValue());
    static ApiReply notFound(const QString& message);
    static ApiReply conflict(const QString& message);
};

} // namespace berth
