#pragma once

#include <QString>

namespace berth {

class HttpRequest;

/// Where the visitor reached the portal: the origin the browser sees (for the Origin check), the
/// registry host for pull commands, and whether a Secure cookie will be kept. Taken from berthd's
/// externalUrl when configured, else from the request (scheme and a Host header that is a plain
/// host[:port]; anything else counts as "localhost").
class PortalOrigin
{
public:
    PortalOrigin(const HttpRequest& request, const QString& externalUrl);

    /// "http://127.0.0.1:5000", "https://registry.example.com".
    QString origin() const { return m_scheme + QStringLiteral("://") + m_host; }
    /// "127.0.0.1:5000", "registry.example.com": what docker pull names.
    QString host() const { return m_host; }
    bool https() const { return m_scheme == QLatin1String("https"); }
    /// The host is localhost, 127.0.0.0/8 or [::1] (browsers keep Secure cookies there over HTTP).
    bool loopback() const;
    /// A Secure cookie reaches the browser and comes back: HTTPS, or plain HTTP on a loopback host.
    bool secureCookiesWork() const { return https() || loopback(); }
    /// An Origin header value is this origin (case-insensitive).
    bool matches(const QByteArray& originHeader) const;

    /// host[:port] with a DNS name, IPv4 or bracketed IPv6 address and a numeric port.
    static bool isPlainHost(const QByteArray& host);

private:
    QString m_scheme;
    QString m_host;
};

} // namespace berth
