#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace berth {

/// What every portal page shows around its content: who is signed in and the token the sign-out
/// form carries.
struct PortalChrome
{
    QString userName;     ///< empty: nobody signed in
    QByteArray csrfToken; ///< of the session (for the sign-out form)
    QString signInNext;   ///< where "Sign in" returns to (a /portal/ path), empty for the index
};

/// The frame of every portal page and the escaping everything goes through. Pages are HTML5 with a
/// viewport for narrow windows, the stylesheet and script from /portal/static (no inline script or
/// style: the Content-Security-Policy is default-src 'self').
class PortalHtml
{
    Q_DECLARE_TR_FUNCTIONS(PortalHtml)
public:
    /// Text for HTML content and attribute values: & < > " ' become entities.
    static QString escape(const QString& text);
    /// A /portal/ path component: percent-encodes what is not a URL path character (slashes kept).
    static QString pathOf(const QString& repository);
    /// "27 November 2026, 16:05 UTC".
    static QString dateTime(const QDateTime& time);
    /// <input type="hidden" name="csrf" value="...">
    static QString csrfField(const QByteArray& token);
    /// The whole document: header (the portal's name, who is signed in, sign in or sign out), the
    /// page's title as its h1 and `content` (already HTML), footer.
    static QByteArray page(const QString& title, const QString& content, const PortalChrome& chrome);
};

} // namespace berth
