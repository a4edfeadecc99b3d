#include "portal/PortalOrigin.h"

#include "http/HttpRequest.h"

#include <QHostAddress>
#include <QUrl>
#include <cctype>

namespace berth {

PortalOrigin::PortalOrigin(const HttpRequest& request, const QString& externalUrl)
{
    const QUrl external(externalUrl);
    if (!externalUrl.isEmpty() && external.isValid() && !external.host().isEmpty()) {
        m_scheme = external.scheme().toLower();
        m_host = external.authority(QUrl::FullyEncoded).toLower();
        return;
    }
    m_scheme = request.secure ? QStringLiteral("https") : QStringLiteral("http");
    const QByteArray host = request.header("Host").trimmed();
    m_host = isPlainHost(host) ? QString::fromLatin1(host).toLower() : QStringLiteral("localhost");
}

bool PortalOrigin::isPlainHost(const QByteArray& host)
{
    if (host.isEmpty() || host.size() > 260)
        return false;
    int portStart = -1;
    if (host.startsWith('[')) {
        const int close = host.indexOf(']');
        if (close < 0 || QHostAddress(QString::fromLatin1(host.mid(1, close - 1))).protocol() !=
                             QAbstractSocket::IPv6Protocol)
            return false;
        if (close + 1 < host.size()) {
            if (host.at(close + 1) != ':')
                return false;
            portStart = close + 2;
        }
    } else {
        const int colon = host.indexOf(':');
        const QByteArray name = colon < 0 ? host : host.left(colon);
        if (name.isEmpty())
            return false;
        for (char c : name)
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-'))
                return false;
        if (colon >= 0)
            portStart = colon + 1;
    }
    if (portStart >= 0) {
        const QByteArray port = host.mid(portStart);
        bool ok = false;
        const int value = port.toInt(&ok);
        if (!ok || port.isEmpty() || port.size() > 5 || value < 1 || value > 65535)
            return false;
        for (char c : port)
            if (!std::isdigit(static_cast<unsigned char>(c)))
                return false;
    }
    return true;
}

bool PortalOrigin::loopback() const
{
    QString name = m_host;
    if (name.startsWith(QLatin1Char('['))) {
        name = name.mid(1, name.indexOf(QLatin1Char(']')) - 1);
    } else if (const int colon = name.indexOf(QLatin1Char(':')); colon >= 0) {
        name = name.left(colon);
    }
    if (name == QLatin1String("localhost") || name.endsWith(QLatin1String(".localhost")))
        return true;
    const QHostAddress address(name);
    return !address.isNull() && address.isLoopback();
}

bool PortalOrigin::matches(const QByteArray& originHeader) const
{
    return QString::fromLatin1(originHeader.trimmed()).compare(origin(), Qt::CaseInsensitive) == 0;
}

} // namespace berth
