#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace berth {

/// The head of one HTTP/1.1 request. The body is not here: it streams to the handler.
class HttpRequest
{
public:
    QByteArray method; ///< "GET", "PUT", ...
    QByteArray target; ///< the raw request target, e.g. "/v2/a/b/blobs/uploads/?digest=..."
    QString path;      ///< percent-decoded path, without the query
    QUrlQuery query;   ///< decoded query items
    QList<QPair<QByteArray, QByteArray>> headers; ///< in arrival order, names as sent
    qint64 contentLength = -1;                    ///< -1 when absent
    bool chunked = false;                         ///< Transfer-Encoding: chunked
    bool keepAlive = true;                        ///< after this request, may the connection carry another
    QHostAddress peerAddress;
    quint16 peerPort = 0;
    bool secure = false; ///< arrived over TLS

    /// First value of a header, case-insensitive name; empty when absent.
    QByteArray header(const QByteArray& name) const;
    bool hasHeader(const QByteArray& name) const;
    bool isHead() const { return method == "HEAD"; }
    /// True when a body follows (Content-Length > 0 or chunked).
    bool hasBody() const { return chunked || contentLength > 0; }
};

} // namespace berth
