#include "support/RegistryClient.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

namespace berth {

namespace {

bool hasHeaderNamed(const RegistryClient::Headers& headers, const QByteArray& name)
{
    for (const auto& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray buildHead(const QByteArray& method, const QByteArray& target, const QUrl& base,
                     const RegistryClient::Headers& headers, bool addLength, qint64 length)
{
    QByteArray out = method + ' ' + target + " HTTP/1.1\r\n";
    out += "Host: " + base.host().toUtf8() + ':' + QByteArray::number(base.port(80)) + "\r\n";
    out += "Connection: close\r\n";
    if (!hasHeaderNamed(headers, "User-Agent"))
        out += "User-Agent: berth-conformance-tests\r\n";
    if (!base.userName().isEmpty() && !hasHeaderNamed(headers, "Authorization"))
        out += "Authorization: Basic " +
               (base.userName() + QLatin1Char(':') + base.password()).toUtf8().toBase64() + "\r\n";
    for (const auto& h : headers)
        out += h.first + ": " + h.second + "\r\n";
    if (addLength && !hasHeaderNamed(headers, "Content-Length"))
        out += "Content-Length: " + QByteArray::number(length) + "\r\n";
    out += "\r\n";
    return out;
}

// Incremental response parsing state. Returns true when the whole response is in `buffer`.
struct Parser
{
    bool headersDone = false;
    int bodyStart = 0;
    enum class Mode
    {
        None,
        Length,
        Chunked,
        UntilClose
    } mode = Mode::None;
    qint64 length = 0;
    QString error;

    bool parseHeaders(const QByteArray& buffer, RegistryResponse& r, bool isHead)
    {
        const int end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        headersDone = true;
        bodyStart = end + 4;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        const QList<QByteArray> statusParts = lines.value(0).trimmed().split(' ');
        r.status = statusParts.value(1).toInt();
        for (int i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const int colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            r.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }
        if (isHead || r.status == 204 || r.status == 304 || (r.status >= 100 && r.status < 200)) {
            mode = Mode::None;
        } else if (r.header("Transfer-Encoding").toLower().contains("chunked")) {
            mode = Mode::Chunked;
        } else if (r.hasHeader("Content-Length")) {
            mode = Mode::Length;
            length = r.header("Content-Length").toLongLong();
        } else {
            mode = Mode::UntilClose;
        }
        return true;
    }

    // Body complete? Fills r.body when it is.
    bool bodyComplete(const QByteArray& buffer, RegistryResponse& r, bool closed)
    {
        const QByteArray rest = buffer.mid(bodyStart);
        switch (mode) {
        case Mode::None:
            return true;
        case Mode::Length:
            if (rest.size() >= length) {
                r.body = rest.left(static_cast<int>(length));
                return true;
            }
            return false;
        case Mode::UntilClose:
            if (closed) {
                r.body = rest;
                return true;
            }
            return false;
        case Mode::Chunked: {
            QByteArray body;
            int pos = 0;
            while (true) {
                const int lineEnd = rest.indexOf("\r\n", pos);
                if (lineEnd < 0)
                    return false;
                bool ok = false;
                const qint64 size =
                    rest.mid(pos, lineEnd - pos).split(';').value(0).trimmed().toLongLong(&ok, 16);
                if (!ok) {
                    error = QStringLiteral("malformed chunk size in a chunked response");
                    return true;
                }
                pos = lineEnd + 2;
                if (size == 0) {
                    r.body = body;
                    return true; // trailers, if any, are ignored
                }
                if (rest.size() < pos + size + 2)
                    return false;
                body += rest.mid(pos, static_cast<int>(size));
                pos += static_cast<int>(size) + 2;
            }
        }
        }
        return true;
    }
};

} // namespace

RegistryClient::RegistryClient(const QUrl& baseUrl) : m_baseUrl(baseUrl) {}

QString RegistryClient::pathOf(const QString& location)
{
    const int scheme = location.indexOf(QLatin1String("://"));
    if (scheme < 0)
        return location;
    const int slash = location.indexOf(QLatin1Char('/'), scheme + 3);
    return slash < 0 ? QStringLiteral("/") : location.mid(slash);
}

QString RegistryClient::withQuery(const QString& target, const QString& key, const QString& value)
{
    const QString sep = target.contains(QLatin1Char('?')) ? QStringLiteral("&") : QStringLiteral("?");
    return target + sep + key + QLatin1Char('=') + QString::fromUtf8(QUrl::toPercentEncoding(value));
}

QString RegistryClient::digestOf(const QByteArray& data)
{
    return QStringLiteral("sha256:") +
           QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

QStringList RegistryClient::errorCodes(const QByteArray& body)
{
    RegistryResponse r;
    r.body = body;
    return r.errorCodes();
}

RegistryResponse RegistryClient::request(const QByteArray& method, const QString& target,
                                         const Headers& headers, const QByteArray& body) const
{
    RegistryResponse r;
    const bool isHead = method == "HEAD";
    const bool addLength = !body.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH";
    const QByteArray head =
        buildHead(method, pathOf(target).toUtf8(), m_baseUrl, headers, addLength, body.size());

    QElapsedTimer timer;
    timer.start();
    auto remaining = [&]() { return qMax<qint64>(1, m_timeoutMs - timer.elapsed()); };

    QTcpSocket socket;
    socket.connectToHost(m_baseUrl.host(), static_cast<quint16>(m_baseUrl.port(80)));
    if (!socket.waitForConnected(static_cast<int>(remaining()))) {
        r.transportError =
            QStringLiteral("cannot connect to %1: %2").arg(m_baseUrl.toString(), socket.errorString());
        return r;
    }

    QByteArray buffer;
    // Write the request; the server may answer (and close) before taking the whole body, so a
    // failed write is not fatal: whatever answer arrived is still read below.
    QByteArray out = head + body;
    qint64 offset = 0;
    constexpr qint64 piece = 256 * 1024;
    while (offset < out.size() && socket.state() == QAbstractSocket::ConnectedState) {
        const qint64 n = socket.write(out.constData() + offset, qMin(piece, out.size() - offset));
        if (n < 0)
            break;
        offset += n;
        while (socket.bytesToWrite() > 0 && socket.state() == QAbstractSocket::ConnectedState) {
            if (!socket.waitForBytesWritten(static_cast<int>(remaining())))
                break;
            if (timer.elapsed() > m_timeoutMs)
                break;
        }
        buffer += socket.readAll();
    }

    Parser parser;
    while (true) {
        buffer += socket.readAll();
        const bool closed = socket.state() != QAbstractSocket::ConnectedState;
        if (!parser.headersDone)
            parser.parseHeaders(buffer, r, isHead);
        if (parser.headersDone && parser.bodyComplete(buffer, r, closed)) {
            if (!parser.error.isEmpty())
                r.transportError = parser.error;
            break;
        }
        if (closed && socket.bytesAvailable() == 0) {
            r.transportError = parser.headersDone
                                   ? QStringLiteral("connection closed before the whole body arrived")
                                   : QStringLiteral("connection closed without a response");
            if (!parser.headersDone)
                r.status = 0;
            break;
        }
        if (timer.elapsed() > m_timeoutMs) {
            r.transportError = QStringLiteral("timed out after %1 ms waiting for %2 %3")
                                   .arg(m_timeoutMs)
                                   .arg(QString::fromUtf8(method), target);
            if (!parser.headersDone)
                r.status = 0;
            break;
        }
        socket.waitForReadyRead(static_cast<int>(qMin<qint64>(remaining(), 1000)));
    }
    socket.abort();
    return r;
}

RegistryResponse RegistryClient::get(const QString& target, const Headers& headers) const
{
    return request("GET", target, headers);
}

RegistryResponse RegistryClient::head(const QString& target, const Headers& headers) const
{
    return request("HEAD", target, headers);
}

RegistryResponse RegistryClient::del(const QString& target, const Headers& headers) const
{
    return request("DELETE", target, headers);
}

bool RegistryClient::sendPartialAndDisconnect(const QByteArray& method, const QString& target,
                                              const Headers& headers, qint64 declaredLength,
                                              const QByteArray& partialBody) const
{
    QTcpSocket socket;
    socket.connectToHost(m_baseUrl.host(), static_cast<quint16>(m_baseUrl.port(80)));
    if (!socket.waitForConnected(m_timeoutMs))
        return false;
    Headers withLength = headers;
    if (!hasHeaderNamed(withLength, "Content-Length"))
        withLength.append({"Content-Length", QByteArray::number(declaredLength)});
    socket.write(buildHead(method, pathOf(target).toUtf8(), m_baseUrl, withLength, false, 0) + partialBody);
    while (socket.bytesToWrite() > 0 && socket.state() == QAbstractSocket::ConnectedState) {
        if (!socket.waitForBytesWritten(m_timeoutMs))
            break;
    }
    socket.abort();
    return true;
}

RegistryResponse RegistryClient::startUpload(const QString& repo) const
{
    return request("POST", QStringLiteral("/v2/%1/blobs/uploads/").arg(repo));
}

RegistryResponse RegistryClient::pushBlobMonolithic(const QString& repo, const QByteArray& data) const
{
    return request("POST",
                   withQuery(QStringLiteral("/v2/%1/blobs/uploads/").arg(repo), QStringLiteral("digest"),
                             digestOf(data)),
                   {{"Content-Type", "application/octet-stream"}}, data);
}

RegistryResponse RegistryClient::pushBlobPostPut(const QString& repo, const QByteArray& data) const
{
    const RegistryResponse started = startUpload(repo);
    if (started.status != 202 || !started.hasHeader("Location"))
        return started;
    const QString location = QString::fromUtf8(started.header("Location"));
    return request("PUT", withQuery(location, QStringLiteral("digest"), digestOf(data)),
                   {{"Content-Type", "application/octet-stream"}}, data);
}

RegistryResponse RegistryClient::pushBlobChunked(const QString& repo, const QByteArray& data,
                                                 int chunkSize) const
{
    const RegistryResponse started = startUpload(repo);
    if (started.status != 202 || !started.hasHeader("Location"))
        return started;
    QString location = QString::fromUtf8(started.header("Location"));
    for (int offset = 0; offset < data.size(); offset += chunkSize) {
        const QByteArray chunk = data.mid(offset, chunkSize);
        const QByteArray range =
            QByteArray::number(offset) + '-' + QByteArray::number(offset + chunk.size() - 1);
        const RegistryResponse patched =
            request("PATCH", location,
                    {{"Content-Type", "application/octet-stream"}, {"Content-Range", range}}, chunk);
        if (patched.status != 202 || !patched.hasHeader("Location"))
            return patched;
        location = QString::fromUtf8(patched.header("Location"));
    }
    return request("PUT", withQuery(location, QStringLiteral("digest"), digestOf(data)),
                   {{"Content-Type", "application/octet-stream"}});
}

RegistryResponse RegistryClient::pushManifest(const QString& repo, const QString& reference,
                                              const QByteArray& mediaType, const QByteArray& manifest) const
{
    return request("PUT", QStringLiteral("/v2/%1/manifests/%2").arg(repo, reference),
                   {{"Content-Type", mediaType}}, manifest);
}

} // namespace berth
