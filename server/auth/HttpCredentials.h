#pragma once

#include <QByteArray>
#include <QString>

namespace berth {

class HttpRequest;

/// What an Authorization header carries.
struct HttpCredentials
{
    enum class Scheme
    {
        None,
        Basic,
        Bearer,
        Unsupported,
        Malformed
    };

    Scheme scheme = Scheme::None;
    QString userName; ///< Basic
    QString secret;   ///< Basic
    QByteArray token; ///< Bearer

    /// Parses "Basic base64(user:secret)" (UTF-8, the first ':' separates) or "Bearer <token>";
    /// scheme names are case-insensitive. An empty header is Scheme::None.
    static HttpCredentials parse(const QByteArray& header);
    /// The request's Authorization header, parsed.
    static HttpCredentials of(const HttpRequest& request);
    /// The peer's address as text, IPv4-mapped IPv6 shown as plain IPv4.
    static QString clientAddress(const HttpRequest& request);
};

} // namespace berth
