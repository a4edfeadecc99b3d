#include "portal/PortalPages.h"

#include "portal/MarkdownRenderer.h"

#include <QUrl>

namespace berth {

namespace {

QString e(const QString& text)
{
    return PortalHtml::escape(text);
}

QString repositoryHref(const QString& name)
{
    return QStringLiteral("/portal/repositories/") + PortalHtml::pathOf(name);
}

QString licenceHref(const QString& name)
{
    return repositoryHref(name) + QStringLiteral("/licence");
}

QString signInHref(const QString& next)
{
    return QStringLiteral("/portal/sign-in?next=") + QString::fromLatin1(QUrl::toPercentEncoding(next));
}

} // namespace

QString PortalPages::licenceStatus(const QString& repository, const LicenceCheck& check, bool signedIn,
                                   bool mayPush)
{
    if (!check.required)
        return QString();
    const LicenceVersion& current = check.licence.current;
    QString text;
    QString link;
    QString cls;
    if (check.accepted) {
        cls = QStringLiteral("ok");
        text = tr("You accepted version %1 of \"%2\" on %3.")
                   .arg(current.version, current.title, PortalHtml::dateTime(check.acceptedAt));
        link = QStringLiteral("<a href=\"%1\">%2</a>")
                   .arg(e(licenceHref(repository)), e(tr("Read the licence")));
    } else if (signedIn && mayPush) {
        cls = QStringLiteral("ok");
        text = tr("You may push to this repository, so your pulls are not held back; everybody else accepts "
                  "\"%1\" (version %2) first.")
                   .arg(current.title, current.version);
        link = QStringLiteral("<a href=\"%1\">%2</a>")
                   .arg(e(licenceHref(repository)), e(tr("Read the licence")));
    } else if (signedIn) {
        cls = QStringLiteral("needed");
        text = tr("Accept the licence to pull: \"%1\" (version %2).").arg(current.title, current.version);
        link = QStringLiteral("<a class=\"button\" href=\"%1\">%2</a>")
                   .arg(e(licenceHref(repository)), e(tr("Read and accept the licence")));
    } else {
        cls = QStringLiteral("needed");
        text = tr("Sign in to accept the licence \"%1\" (version %2); pulls need it accepted first.")
                   .arg(current.title, current.version);
        link = QStringLiteral("<a class=\"button\" href=\"%1\">%2</a> <a href=\"%3\">%4</a>")
                   .arg(e(signInHref(licenceHref(repository))), e(tr("Sign in to accept")),
                        e(licenceHref(repository)), e(tr("Read the licence")));
    }
    return QStringLiteral(
               "<section class=\"licence-status %1\" id=\"licence-status\"><p>%2</p><p>%3</p></section>")
        .arg(cls, e(text), link);
}

QString PortalPages::licenceBody(const LicenceVersion& version)
{
    if (version.format == LicenceFormat::Markdown)
        return QStringLiteral("<div class=\"licence-text markdown\">%1</div>")
            .arg(MarkdownRenderer::toHtml(version.body));
    return QStringLiteral("<pre class=\"licence-text\">%1</pre>").arg(e(version.body));
}

QByteArray PortalPages::repositoryList(const QList<PortalRepositoryRow>& rows, const PortalChrome& chrome)
{
    QString content;
    if (rows.isEmpty()) {
        content =
            QStringLiteral("<p>%1</p>")
                .arg(e(chrome.userName.isEmpty()
                           ? tr("There are no public repositories. Sign in to see the ones you may use.")
                           : tr("There are no repositories you may see.")));
    } else {
        content = QStringLiteral("<ul class=\"repositories\">");
        for (const PortalRepositoryRow& row : rows) {
            QString badges;
            if (row.isPublic)
                badges += QStringLiteral("<span class=\"badge\">%1</span>").arg(e(tr("public")));
            if (row.licence)
                badges +=
                    QStringLiteral("<span class=\"badge licence\" title=\"%1\">%2</span>")
                        .arg(
                            e(tr("Licence \"%1\", version %2").arg(row.licence->title, row.licence->version)),
                            e(tr("licence required")));
            const QString description =
                row.description.isEmpty()
                    ? QString()
                    : QStringLiteral("<p class=\"description\">%1</p>").arg(e(row.description));
            content += QStringLiteral("<li><a class=\"name\" href=\"%1\">%2</a> %3"
                                      "<span class=\"tags\">%4</span>%5</li>")
                           .arg(e(repositoryHref(row.name)), e(row.name), badges,
                                e(tr("%n tag(s)", nullptr, int(row.tagCount))), description);
        }
        content += QStringLiteral("</ul>");
    }
    return PortalHtml::page(tr("Repositories"), content, chrome);
}

QByteArray PortalPages::repository(const PortalRepositoryView& view, const PortalChrome& chrome)
{
    QString content;
    if (!view.description.isEmpty())
        content += QStringLiteral("<p class=\"description\">%1</p>").arg(e(view.description));
    content += licenceStatus(view.name, view.licence, view.signedIn, view.mayPush);

    content += QStringLiteral("<h2>%1</h2>").arg(e(tr("Pull")));
    if (view.tags.isEmpty()) {
        content += QStringLiteral("<p>%1</p>").arg(e(tr("Nothing is tagged in this repository yet.")));
    } else {
        const QString tag =
            view.tags.contains(QStringLiteral("latest")) ? QStringLiteral("latest") : view.tags.first();
        const QString image = view.registryHost + QLatin1Char('/') + view.name + QLatin1Char(':') + tag;
        if (!view.isPublic)
            content += QStringLiteral("<pre class=\"command\"><code>docker login %1</code></pre>")
                           .arg(e(view.registryHost));
        content += QStringLiteral("<pre class=\"command\"><code>docker pull %1</code></pre>"
                                  "<pre class=\"command\"><code>podman pull %1</code></pre>")
                       .arg(e(image));
    }

    content += QStringLiteral("<h2>%1</h2>").arg(e(tr("Tags")));
    if (!view.tags.isEmpty()) {
        content += QStringLiteral("<ul class=\"tag-list\">");
        for (const QString& tag : view.tags)
            content += QStringLiteral("<li><code>%1</code></li>").arg(e(tag));
        content += QStringLiteral("</ul>");
        if (view.moreTags)
            content += QStringLiteral("<p>%1</p>")
                           .arg(e(tr("More tags are not shown; list them with skopeo list-tags.")));
    } else {
        content += QStringLiteral("<p>%1</p>").arg(e(tr("No tags.")));
    }
    return PortalHtml::page(view.name, content, chrome);
}

QByteArray PortalPages::licence(const PortalLicenceView& view, const PortalChrome& chrome)
{
    const LicenceVersion& current = view.licence.licence.current;
    QString content = QStringLiteral("<p class=\"back\"><a href=\"%1\">%2</a></p>")
                          .arg(e(repositoryHref(view.repository)), e(tr("Back to %1").arg(view.repository)));
    if (!view.notice.isEmpty())
        content += QStringLiteral("<p class=\"notice\" role=\"alert\">%1</p>").arg(e(view.notice));
    content +=
        QStringLiteral("<h2 class=\"licence-title\">%1</h2><p class=\"meta\">%2</p>")
            .arg(e(current.title), e(tr("Version %1, published %2")
                                         .arg(current.version, PortalHtml::dateTime(current.publishedAt))));
    content += licenceBody(current);
    if (view.licence.accepted) {
        content += licenceStatus(view.repository, view.licence, view.signedIn);
    } else if (view.signedIn) {
        content += QStringLiteral("<form method=\"post\" action=\"%1\" class=\"accept\">%2"
                                  "<input type=\"hidden\" name=\"version\" value=\"%3\">"
                                  "<p>%4</p><button type=\"submit\" id=\"continue\">%5</button></form>")
                       .arg(e(licenceHref(view.repository) + QStringLiteral("/accept")),
                            PortalHtml::csrfField(view.csrfToken), e(current.version),
                            e(tr("By clicking Continue you accept version %1 of this licence for %2.")
                                  .arg(current.version, view.repository)),
                            e(tr("Continue")));
    } else {
        content += licenceStatus(view.repository, view.licence, false);
    }
    return PortalHtml::page(tr("Licence for %1").arg(view.repository), content, chrome);
}

QByteArray PortalPages::signIn(const QString& message, const QString& userName, const QString& next,
                               bool formEnabled, const PortalChrome& chrome)
{
    QString content;
    if (!message.isEmpty())
        content += QStringLiteral("<p class=\"notice\" role=\"alert\">%1</p>").arg(e(message));
    if (formEnabled) {
        content +=
            QStringLiteral(
                "<form method=\"post\" action=\"/portal/sign-in\" class=\"sign-in\">%1"
                "<input type=\"hidden\" name=\"next\" value=\"%2\">"
                "<label>%3<input name=\"user\" autocomplete=\"username\" required value=\"%4\"></label>"
                "<label>%5<input name=\"password\" type=\"password\" autocomplete=\"current-password\" "
                "required></label><button type=\"submit\">%6</button></form><p class=\"hint\">%7</p>")
                .arg(PortalHtml::csrfField(chrome.csrfToken), e(next), e(tr("User name")), e(userName),
                     e(tr("Password or auth token")), e(tr("Sign in")),
                     e(tr("Use the same user name and password (or auth token) as for docker login.")));
    }
    PortalChrome outer = chrome;
    outer.signInNext.clear();
    return PortalHtml::page(tr("Sign in"), content, outer);
}

QByteArray PortalPages::message(const QString& title, const QString& text, const PortalChrome& chrome)
{
    const QString content = QStringLiteral("<p class=\"notice\">%1</p><p><a href=\"/portal/\">%2</a></p>")
                                .arg(e(text), e(tr("Go to the list of repositories")));
    return PortalHtml::page(title, content, chrome);
}

} // namespace berth
