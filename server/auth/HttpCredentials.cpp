#include "auth/HttpCredentials.h"

#include "http/HttpRequest.h"

#include <QStringDecoder>

namespace berth {

HttpCredentials HttpCredentials::parse(const QByteArray& header)
{
    HttpCredentials c;
    const QByteArray trimmed = header.trimmed();
    if (trimmed.isEmpty())
        return c;
    const qsizetype space = trimmed.indexOf(' ');
    const QByteArray scheme = (space < 0 ? trimmed : trimmed.left(space)).toLower();
    const QByteArray rest = space < 0 ? QByteArray() : trimmed.mid(space + 1).trimmed();
    if (scheme == "basic") {
        c.scheme = Scheme::Malformed;
        auto decoded = QByteArray::fromBase64Encoding(rest, QByteArray::AbortOnBase64DecodingErrors);
        if (rest.isEmpty() || rest.size() > 8192 || !decoded)
            return c;
        const qsizetype colon = decoded.decoded.indexOf(':');
        if (colon < 0)
            return c;
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        QString user = utf8.decode(decoded.decoded.left(colon));
        QString secret = utf8.decode(decoded.decoded.mid(colon + 1));
        if (utf8.hasError())
            return c;
        for (QChar ch : user + secret) {
            if (ch.unicode() < 0x20 || ch.unicode() == 0x7f)
                return c;
        }
        c.scheme = Scheme::Basic;
        c.userName = user;
        c.secret = secret;
        return c;
    }
    if (scheme == "bearer") {
        c.scheme = Scheme::Malformed;
        if (rest.isEmpty() || rest.contains(' '))
            return c;
        c.scheme = Scheme::Bearer;
        c.token = rest;
        return c;
    }
    c.scheme = Scheme::Unsupported;
    return c;
}

HttpCredentials HttpCredentials::of(const HttpRequest& request)
{
    return parse(request.header("Authorization"));
}

QString HttpCredentials::clientAddress(const HttpRequest& request)
{
    bool isV4 = false;
    const quint32 v4 = request.peerAddress.toIPv4Address(&isV4);
    if (isV4)
        return QHostAddress(v4).toString();
    return request.peerAddress.toString();
}

} // namespace berth
