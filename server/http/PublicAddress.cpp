#include "http/PublicAddress.h"

#include "http/HttpRequest.h"

#include <QRegularExpression>

namespace berth {

bool PublicAddress::isPlainHost(const QByteArray& host)
{
    static const QRegularExpression pattern(QStringLiteral(
        "^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}\\])(?::[0-9]{1,5})?$"));
    return host.size() <= 300 && pattern.match(QString::fromLatin1(host)).hasMatch();
}

QString PublicAddress::base(const HttpRequest& request, const QString& externalUrl)
{
    QString base = externalUrl;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    if (!base.isEmpty())
        return base;
    QByteArray host = request.header("Host").trimmed();
    if (!isPlainHost(host))
        host = "localhost";
    return (request.secure ? QStringLiteral("https://") : QStringLiteral("http://")) +
           QString::fromLatin1(host);
}

} // namespace berth
