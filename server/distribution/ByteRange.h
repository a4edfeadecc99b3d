#pragma once

#include <QByteArray>
#include <optional>

namespace berth {

/// A single byte range from a "Range: bytes=..." request header, resolved against a size.
struct ByteRange
{
    qint64 first = 0;
    qint64 last = 0; ///< inclusive
    qint64 length() const { return last - first + 1; }

    enum class Outcome
    {
        Whole,
        Partial,
        Unsatisfiable
    };
    /// Whole when the header is absent or not a single bytes range we understand (RFC 9110 lets a
    /// server ignore those); Unsatisfiable when it starts beyond the end.
    static Outcome parse(const QByteArray& header, qint64 size, ByteRange* out);
};

/// "start-end" as in an upload PATCH's Content-Range (also accepts "bytes start-end/*").
std::optional<ByteRange> parseUploadContentRange(const QByteArray& header);

} // namespace berth
