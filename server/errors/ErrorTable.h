#pragma once

#include "util/Error.h"

#include <QByteArray>

namespace berth {

class HttpResponder;

/// The one place where Berth's error codes become HTTP: status, the spec's error code string and
/// the JSON body {"errors":[{"code":..., "message":..., "detail":...}]}.
class ErrorTable
{
public:
    struct Entry
    {
        int status;
        const char* specCode; ///< e.g. "BLOB_UNKNOWN"
    };

    static Entry lookup(ErrorCode code);
    /// The OCI error body for one error.
    static QByteArray body(const Error& error);
    /// Sends the error as the response (status, JSON body, Content-Type application/json).
    static void send(HttpResponder& responder, const Error& error);
};

} // namespace berth
