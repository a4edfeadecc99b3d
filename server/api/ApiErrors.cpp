#include "api/ApiErrors.h"

#include "api/ApiReply.h"
#include "iam/IamErrors.h"

#include <QJsonObject>

namespace berth {

ApiErrors::Entry ApiErrors::lookup(const Error& error)
{
    // The identity model refines its codes with detail.reason; those win.
    const QString reason = IamErrors::reason(error);
    if (reason == QLatin1String("INVALID"))
        return {400, InvalidArgument};
    if (reason == QLatin1String("NOT_FOUND"))
        return {404, NotFound};
    if (reason == QLatin1String("ALREADY_EXISTS") || reason == QLatin1String("NOT_EMPTY") ||
        reason == QLatin1String("PROTECTED") || reason == QLatin1String("CONFLICT"))
        return {409, Conflict};
    if (reason == QLatin1String("LIMIT_REACHED"))
        return {409, LimitExceeded};
    if (reason == QLatin1String("CREDENTIALS"))
        return {401, NotAuthenticated};

    switch (error.code) {
    case ErrorCode::BlobUploadInvalid:
    case ErrorCode::UploadRangeInvalid:
    case ErrorCode::RangeNotSatisfiable:
    case ErrorCode::DigestInvalid:
    case ErrorCode::ManifestBlobUnknown:
    case ErrorCode::ManifestInvalid:
    case ErrorCode::NameInvalid:
    case ErrorCode::SizeInvalid:
    case ErrorCode::PaginationInvalid:
    case ErrorCode::Unsupported:
        return {400, InvalidArgument};
    case ErrorCode::BlobUnknown:
    case ErrorCode::BlobUploadUnknown:
    case ErrorCode::ManifestUnknown:
    case ErrorCode::NameUnknown:
        return {404, NotFound};
    case ErrorCode::TooLarge:
        return {413, PayloadTooLarge};
    case ErrorCode::Unauthorized:
        return {401, NotAuthenticated};
    case ErrorCode::Denied:
        return {403, NotAuthorized};
    case ErrorCode::TooManyRequests:
        return {429, TooManyRequests};
    case ErrorCode::InsufficientStorage:
        return {507, InsufficientStorage};
    case ErrorCode::ArchiveInvalid:
        return {400, InvalidArgument};
    case ErrorCode::LimitExceeded:
        return {409, LimitExceeded};
    case ErrorCode::TagImmutable:
        return {409, Conflict};
    case ErrorCode::Cancelled:
    case ErrorCode::Internal:
        break;
    }
    return {500, Internal};
}

const QList<ApiErrors::Entry>& ApiErrors::all()
{
    static const QList<Entry> entries{
        {400, InvalidArgument},
        {400, InvalidJson},
        {401, NotAuthenticated},
        {403, NotAuthorized},
        {404, NotFound},
        {405, MethodNotAllowed},
        {409, Conflict},
        {409, LimitExceeded},
        {413, PayloadTooLarge},
        {415, UnsupportedMediaType},
        {429, TooManyRequests},
        {500, Internal},
        {507, InsufficientStorage},
    };
    return entries;
}

ApiReply ApiErrors::fromError(const Error& error)
{
    const Entry entry = lookup(error);
    QJsonValue detail;
    if (entry.status != 500) {
        // Keep what helps the caller (policy problems with line and column), not internal bookkeeping.
        QJsonObject object = error.detail.toObject();
        object.remove(QStringLiteral("reason"));
        if (!object.isEmpty())
            detail = object;
        else if (!error.detail.isObject() && !error.detail.isNull() && !error.detail.isUndefined())
            detail = error.detail;
    }
    QString message = error.message;
    if (message.isEmpty())
        message = entry.status == 500 ? QStringLiteral("The server could not complete the request.")
                                      : QStringLiteral("The request failed.");
    return ApiReply::error(entry.status, entry.code, message, detail);
}

ApiReply ApiReply::error(int status, const char* code, const QString& message, const QJsonValue& detail)
{
    ApiReply reply;
    reply.status = status;
    reply.body.insert(QStringLiteral("code"), QLatin1String(code));
    reply.body.insert(QStringLiteral("message"), message);
    if (!detail.isNull() && !detail.isUndefined())
        reply.body.insert(QStringLiteral("detail"), detail);
    return reply;
}

ApiReply ApiReply::error(const Error& error)
{
    return ApiErrors::fromError(error);
}

ApiReply ApiReply::invalidArgument(const QString& message, const QJsonValue& detail)
{
    return error(400, ApiErrors::InvalidArgument, message, detail);
}

ApiReply ApiReply::notFound(const QString& message)
{
    return error(404, ApiErrors::NotFound, message);
}

ApiReply ApiReply::conflict(const QString& message)
{
    return error(409, ApiErrors::Conflict, message);
}

} // namespace berth
