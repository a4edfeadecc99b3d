#pragma once

#include "support/RegistryClient.h"

#include <QByteArray>
#include <QString>

namespace berth {

/// A browser-like visitor of the portal for tests: keeps the portal cookie it was given and reads the
/// CSRF token off the last page, over real HTTP (RegistryClient).
class PortalTestSession
{
public:
    explicit PortalTestSession(const QUrl& baseUrl);

    RegistryResponse get(const QString& path);
    /// POSTs a form (fields already percent-encoded as needed) with the cookie; adds the page's CSRF
    /// token as field "csrf" unless `csrf` is given.
    RegistryResponse post(const QString& path, const QList<QPair<QString, QString>>& fields,
                          const RegistryClient::Headers& extra = {});
    /// GET the sign-in page, then POST the credentials. The final response (303 when it worked).
    RegistryResponse signIn(const QString& user, const QString& password);

    QByteArray cookie() const { return m_cookie; }
    void setCookie(const QByteArray& cookie) { m_cookie = cookie; }
    QByteArray csrf() const { return m_csrf; }
    void setCsrf(const QByteArray& csrf) { m_csrf = csrf; }

    /// The value of the berth_portal Set-Cookie header ("" when none), and the whole header.
    static QByteArray setCookieValue(const RegistryResponse& response, QByteArray* header = nullptr);
    /// The value of the first name="csrf" field of a page.
    static QByteArray csrfOf(const QByteArray& html);
    static QByteArray form(const QList<QPair<QString, QString>>& fields);

private:
    void take(const RegistryResponse& response);

    RegistryClient m_client;
    QByteArray m_cookie;
    QByteArray m_csrf;
};

} // namespace berth
