#include "errors/ErrorTable.h"

#include "http/HttpResponder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace berth {

ErrorTable::Entry ErrorTable::lookup(ErrorCode code)
{
    switch (code) {
    case ErrorCode::BlobUnknown:
        return {404, "BLOB_UNKNOWN"};
    case ErrorCode::BlobUploadInvalid:
        return {400, "BLOB_UPLOAD_INVALID"};
    case ErrorCode::BlobUploadUnknown:
        return {404, "BLOB_UPLOAD_UNKNOWN"};
    case ErrorCode::UploadRangeInvalid:
        return {416, "BLOB_UPLOAD_INVALID"};
    case ErrorCode::RangeNotSatisfiable:
        return {416, "SIZE_INVALID"};
    case ErrorCode::DigestInvalid:
        return {400, "DIGEST_INVALID"};
    case ErrorCode::ManifestBlobUnknown:
        return {400, "MANIFEST_BLOB_UNKNOWN"};
    case ErrorCode::ManifestInvalid:
        return {400, "MANIFEST_INVALID"};
    case ErrorCode::ManifestUnknown:
        return {404, "MANIFEST_UNKNOWN"};
    case ErrorCode::NameInvalid:
        return {400, "NAME_INVALID"};
    case ErrorCode::NameUnknown:
        return {404, "NAME_UNKNOWN"};
    case ErrorCode::SizeInvalid:
        return {400, "SIZE_INVALID"};
    case ErrorCode::TooLarge:
        return {413, "SIZE_INVALID"};
    case ErrorCode::Unauthorized:
        return {401, "UNAUTHORIZED"};
    case ErrorCode::Denied:
    case ErrorCode::LimitExceeded: // clients print DENIED with the message ("denied: ...")
    case ErrorCode::TagImmutable:
        return {403, "DENIED"};
    case ErrorCode::Unsupported:
        return {405, "UNSUPPORTED"};
    case ErrorCode::TooManyRequests:
        return {429, "TOOMANYREQUESTS"};
    case ErrorCode::PaginationInvalid:
        return {400, "PAGINATION_NUMBER_INVALID"};
    case ErrorCode::InsufficientStorage:
        return {507, "UNKNOWN"};
    case ErrorCode::ArchiveInvalid:
        return {400, "UNSUPPORTED"};
    case ErrorCode::Cancelled:
        break;
    case ErrorCode::Internal:
        break;
    }
    return {500, "UNKNOWN"};
}

QByteArray ErrorTable::body(const Error& error)
{
    const Entry entry = lookup(error.code);
    QJsonObject item{{QStringLiteral("code"), QString::fromLatin1(entry.specCode)},
                     {QStringLiteral("message"), error.message}};
    if (!error.detail.isUndefined() && !error.detail.isNull())
        item.insert(QStringLiteral("detail"), error.detail);
    const QJsonObject root{{QStringLiteral("errors"), QJsonArray{item}}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

void ErrorTable::send(HttpResponder& responder, const Error& error)
{
    responder.send(lookup(error.code).status, body(error), "application/json");
}

} // namespace berth
