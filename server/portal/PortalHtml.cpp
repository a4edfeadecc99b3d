#include "portal/PortalHtml.h"

#include <QUrl>

namespace berth {

QString PortalHtml::escape(const QString& text)
{
    QString out;
    out.reserve(text.size() + text.size() / 8);
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '&':
            out += QLatin1String("&amp;");
            break;
        case '<':
            out += QLatin1String("&lt;");
            break;
        case '>':
            out += QLatin1String("&gt;");
            break;
        case '"':
            out += QLatin1String("&quot;");
            break;
        case '\'':
            out += QLatin1String("&#39;");
            break;
        default:
            out += c;
        }
    }
    return out;
}

QString PortalHtml::pathOf(const QString& repository)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(repository, "/-._~"));
}

QString PortalHtml::dateTime(const QDateTime& time)
{
    return time.toUTC().toString(QStringLiteral("d MMMM yyyy, HH:mm 'UTC'"));
}

QString PortalHtml::csrfField(const QByteArray& token)
{
    return QStringLiteral("<input type=\"hidden\" name=\"csrf\" value=\"%1\">")
        .arg(escape(QString::fromLatin1(token)));
}

QByteArray PortalHtml::page(const QString& title, const QString& content, const PortalChrome& chrome)
{
    QString account;
    if (!chrome.userName.isEmpty()) {
        account = QStringLiteral("<span class=\"who\">%1</span>"
                                 "<form method=\"post\" action=\"/portal/sign-out\" class=\"inline\">%2"
                                 "<button type=\"submit\" class=\"link\">%3</button></form>")
                      .arg(escape(tr("Signed in as %1").arg(chrome.userName)), csrfField(chrome.csrfToken),
                           escape(tr("Sign out")));
    } else {
        QString href = QStringLiteral("/portal/sign-in");
        if (!chrome.signInNext.isEmpty())
            href +=
                QStringLiteral("?next=") + QString::fromLatin1(QUrl::toPercentEncoding(chrome.signInNext));
        account = QStringLiteral("<a href=\"%1\">%2</a>").arg(escape(href), escape(tr("Sign in")));
    }
    const QString html =
        QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                       "<title>%1 - %2</title>"
                       "<link rel=\"stylesheet\" href=\"/portal/static/portal.css\">"
                       "<script src=\"/portal/static/portal.js\" defer></script></head><body>"
                       "<header class=\"top\"><a class=\"brand\" href=\"/portal/\">%2</a>"
                       "<nav class=\"account\">%3</nav></header>"
                       "<main><h1>%1</h1>%4</main>"
                       "<footer>%5</footer></body></html>\n")
            .arg(escape(title), escape(tr("Berth registry")), account, content,
                 escape(tr("Pull with docker, podman or skopeo after signing in with docker login.")));
    return html.toUtf8();
}

} // namespace berth
