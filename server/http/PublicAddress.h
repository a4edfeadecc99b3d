#pragma once

#include <QByteArray>
#include <QString>

namespace berth {

class HttpRequest;

/// The server's address as clients reach it, for links and challenges it sends back: the token
/// realm, the licence gate's portal link, the API's acceptUrl.
class PublicAddress
{
public:
    /// `externalUrl` without a trailing slash when configured, else scheme://<Host header>, where a
    /// Host header that is not a plain host[:port] is not reflected ("localhost" is used instead).
    static QString base(const HttpRequest& request, const QString& externalUrl);
    /// "registry.example.com", "127.0.0.1:5000", "[::1]:5000"; nothing else (no paths, spaces, quotes).
    static bool isPlainHost(const QByteArray& host);
};

} // namespace berth
