#include "PortalTestSession.h"

#include <QRegularExpression>
#include <QUrl>

namespace berth {

PortalTestSession::PortalTestSession(const QUrl& baseUrl) : m_client(baseUrl) {}

QByteArray PortalTestSession::setCookieValue(const RegistryResponse& response, QByteArray* header)
{
    for (const QByteArray& value : response.headerValues("Set-Cookie")) {
        if (!value.startsWith("berth_portal="))
            continue;
        if (header)
            *header = value;
        const int end = value.indexOf(';');
        return value.mid(int(qstrlen("berth_portal=")), end < 0 ? -1 : end - int(qstrlen("berth_portal=")));
    }
    return QByteArray();
}

QByteArray PortalTestSession::csrfOf(const QByteArray& html)
{
    static const QRegularExpression field(QStringLiteral("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\""));
    const QRegularExpressionMatch m = field.match(QString::fromUtf8(html));
    return m.hasMatch() ? m.captured(1).toLatin1() : QByteArray();
}

QByteArray PortalTestSession::form(const QList<QPair<QString, QString>>& fields)
{
    QByteArray out;
    for (const auto& field : fields) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(field.first) + '=' + QUrl::toPercentEncoding(field.second);
    }
    return out;
}

void PortalTestSession::take(const RegistryResponse& response)
{
    QByteArray header;
    const QByteArray value = setCookieValue(response, &header);
    if (!header.isEmpty())
        m_cookie = header.contains("Max-Age=0") ? QByteArray() : value;
    if (const QByteArray token = csrfOf(response.body); !token.isEmpty())
        m_csrf = token;
}

RegistryResponse PortalTestSession::get(const QString& path)
{
    RegistryClient::Headers headers;
    if (!m_cookie.isEmpty())
        headers.append(qMakePair(QByteArray("Cookie"), QByteArray("berth_portal=" + m_cookie)));
    RegistryResponse response = m_client.get(path, headers);
    take(response);
    return response;
}

RegistryResponse PortalTestSession::post(const QString& path, const QList<QPair<QString, QString>>& fields,
                                         const RegistryClient::Headers& extra)
{
    QList<QPair<QString, QString>> all = fields;
    bool hasCsrf = false;
    for (const auto& field : fields)
        hasCsrf = hasCsrf || field.first == QLatin1String("csrf");
    if (!hasCsrf)
        all.prepend({QStringLiteral("csrf"), QString::fromLatin1(m_csrf)});
    RegistryClient::Headers headers = extra;
    headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")));
    if (!m_cookie.isEmpty())
        headers.append(qMakePair(QByteArray("Cookie"), QByteArray("berth_portal=" + m_cookie)));
    RegistryResponse response = m_client.request("POST", path, headers, form(all));
    take(response);
    return response;
}

RegistryResponse PortalTestSession::signIn(const QString& user, const QString& password)
{
    const RegistryResponse page = get(QStringLiteral("/portal/sign-in"));
    if (page.status != 200)
        return page;
    return post(QStringLiteral("/portal/sign-in"),
                {{QStringLiteral("user"), user}, {QStringLiteral("password"), password}});
}

} // namespace berth
