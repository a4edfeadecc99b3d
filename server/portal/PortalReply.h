#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace berth {

/// One portal response before it is sent: status, body, content type and extra headers (cookies,
/// Location, Retry-After). The handler adds the security headers every response carries.
struct PortalReply
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "text/html; charset=utf-8";
    QList<QPair<QByteArray, QByteArray>> headers;
    bool cacheable = false; ///< static assets; pages are Cache-Control: no-store

    static PortalReply html(int status, QByteArray body)
    {
        PortalReply reply;
        reply.status = status;
        reply.body = std::move(body);
        return reply;
    }
    /// 303 See Other to a /portal/ path (after a POST, and for /portal itself).
    static PortalReply redirect(const QByteArray& location)
    {
        PortalReply reply;
        reply.status = 303;
        reply.headers.append({"Location", location});
        reply.contentType.clear();
        return reply;
    }
};

} // namespace berth
