#pragma once

#include "util/Error.h"

#include <QList>
#include <QString>

namespace berth {

struct ApiReply;

/// The management API's error table: the stable codes it answers with, their HTTP status, and how
/// core errors (berth::ErrorCode, refined by the identity model's detail.reason) map onto them. The
/// OpenAPI description lists the same codes.
class ApiErrors
{
public:
    // The stable codes, as sent in {"code": ...}.
    static constexpr const char* InvalidArgument = "INVALID_ARGUMENT";            // 400
    static constexpr const char* InvalidJson = "INVALID_JSON";                    // 400
    static constexpr const char* NotAuthenticated = "NOT_AUTHENTICATED";          // 401
    static constexpr const char* NotAuthorized = "NOT_AUTHORIZED";                // 403
    static constexpr const char* NotFound = "NOT_FOUND";                          // 404
    static constexpr const char* MethodNotAllowed = "METHOD_NOT_ALLOWED";         // 405
    static constexpr const char* Conflict = "CONFLICT";                           // 409
    static constexpr const char* LimitExceeded = "LIMIT_EXCEEDED";                // 409
    static constexpr const char* PayloadTooLarge = "PAYLOAD_TOO_LARGE";           // 413
    static constexpr const char* UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE"; // 415
    static constexpr const char* TooManyRequests = "TOO_MANY_REQUESTS";           // 429
    static constexpr const char* Internal = "INTERNAL";                           // 500
    static constexpr const char* InsufficientStorage = "INSUFFICIENT_STORAGE";    // 507

    struct Entry
    {
        int status;
        const char* code;
    };

    /// Status and stable code for a core error.
    static Entry lookup(const Error& error);
    /// Every stable code with its status, for the OpenAPI description.
    static const QList<Entry>& all();
    /// The error as a reply. Internal errors keep their message (it is written for people) but never
    /// their detail.
    static ApiReply fromError(const Error& error);
};

} // namespace berth
