#pragma once

#include <QJsonValue>
#include <QString>

namespace berth {

/// What went wrong, in the vocabulary of the OCI distribution spec. The server maps each code to an
/// HTTP status and a spec error code in one table (server/errors/ErrorTable); core never speaks HTTP.
enum class ErrorCode {
    BlobUnknown,           ///< BLOB_UNKNOWN: blob unknown to registry (404)
    BlobUploadInvalid,     ///< BLOB_UPLOAD_INVALID: blob upload invalid (400)
    BlobUploadUnknown,     ///< BLOB_UPLOAD_UNKNOWN: blob upload unknown to registry (404)
    UploadRangeInvalid,    ///< BLOB_UPLOAD_INVALID with 416: chunk does not start at the current offset
    RangeNotSatisfiable,   ///< BLOB_UNKNOWN-free 416 for GET with a Range outside the blob
    DigestInvalid,         ///< DIGEST_INVALID: provided digest did not match uploaded content (400)
    ManifestBlobUnknown,   ///< MANIFEST_BLOB_UNKNOWN: manifest references a blob the registry lacks (400)
    ManifestInvalid,       ///< MANIFEST_INVALID (400)
    ManifestUnknown,       ///< MANIFEST_UNKNOWN (404)
    NameInvalid,           ///< NAME_INVALID (400)
    NameUnknown,           ///< NAME_UNKNOWN: repository name not known to registry (404)
    SizeInvalid,           ///< SIZE_INVALID: content length does not match (400)
    TooLarge,              ///< SIZE_INVALID with 413: body over the configured limit
    Unauthorized,          ///< UNAUTHORIZED (401)
    Denied,                ///< DENIED (403)
    Unsupported,           ///< UNSUPPORTED (405 or 400 depending on context)
    TooManyRequests,       ///< TOOMANYREQUESTS (429)
    PaginationInvalid,     ///< PAGINATION_NUMBER_INVALID: n is not a non-negative integer (400)
    InsufficientStorage,   ///< no space left on the registry's disk (507)
    ArchiveInvalid,        ///< a file to import is not an image archive, or is corrupt or truncated
    LimitExceeded,         ///< DENIED (403): a push would go over a registry limit (core/governance)
    TagImmutable,          ///< DENIED (403): the tag is immutable and would be moved or deleted
    Cancelled,             ///< a job was cancelled by the person who started it
    Internal,              ///< anything else (500)
};

/// An error with a message written for the person reading it and optional structured detail.
struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message;
    QJsonValue detail;

    Error() = default;
    Error(ErrorCode c, QString msg, QJsonValue det = QJsonValue())
        : code(c), message(std::move(msg)), detail(std::move(det))
    {
    }
};

} // namespace berth
