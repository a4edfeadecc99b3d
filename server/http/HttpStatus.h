#pragma once

#include <QByteArray>

namespace berth {

/// Reason phrases and small facts about HTTP status codes.
class HttpStatus
{
public:
    /// "OK", "Not Found", ...; "Unknown" for codes without a registered phrase.
    static QByteArray reasonPhrase(int status);
    /// 1xx, 204 and 304 responses never carry a body.
    static bool allowsBody(int status) { return status >= 200 && status != 204 && status != 304; }
};

} // namespace berth
