#include "portal/PortalController.h"

#include "auth/FormParser.h"
#include "auth/HttpCredentials.h"
#include "auth/SignInService.h"
#include "http/HttpRequest.h"
#include "portal/PortalPages.h"
#include "portal/PortalSessionStore.h"
#include "portal/PortalVisit.h"

#include <QFile>
#include <algorithm>
#include <QUrl>

namespace berth {

namespace {

QByteArray cookieValue(const HttpRequest& request, const QByteArray& name)
{
    for (const auto& header : request.headers) {
        if (header.first.compare("Cookie", Qt::CaseInsensitive) != 0)
            continue;
        for (const QByteArray& part : header.second.split(';')) {
            const QByteArray item = part.trimmed();
            if (item.startsWith(name + '='))
                return item.mid(name.size() + 1);
        }
    }
    return QByteArray();
}

/// Compares in time independent of where the first difference is.
bool sameToken(const QByteArray& expected, const QByteArray& given)
{
    if (expected.isEmpty() || expected.size() != given.size())
        return false;
    unsigned char diff = 0;
    for (int i = 0; i < expected.size(); ++i)
        diff |= static_cast<unsigned char>(expected[i] ^ given[i]);
    return diff == 0;
}

} // namespace

PortalController::PortalController(PortalServices services)
    : m_services(services), m_repositories(std::move(services))
{}

QByteArray PortalController::sessionCookie(const QByteArray& id)
{
    return QByteArray(CookieName) + '=' + id + "; Path=/portal; HttpOnly; Secure; SameSite=Lax";
}

QString PortalController::safeNext(const QString& next)
{
    const bool ok = next.startsWith(QLatin1String("/portal/")) && !next.contains(QLatin1String("//")) &&
                    !next.contains(QLatin1Char('\\')) && next.size() < 2000 &&
                    std::none_of(next.begin(), next.end(), [](QChar c) { return c.unicode() < 0x20; });
    return ok ? next : QStringLiteral("/portal/");
}

PortalReply PortalController::handle(const HttpRequest& request, const QByteArray& body) const
{
    const QString path = request.path.mid(int(qstrlen("/portal")));
    if (path.isEmpty())
        return PortalReply::redirect("/portal/");
    if (path.startsWith(QLatin1String("/static/"))) {
        if (request.method != "GET" && request.method != "HEAD")
            return PortalReply::html(405, QByteArray());
        return staticAsset(path.mid(int(qstrlen("/static/"))));
    }
    PortalVisit visit{request, PortalOrigin(request, m_services.externalUrl),
                      HttpCredentials::clientAddress(request),
                      m_services.sessions->find(cookieValue(request, CookieName))};
    return dispatch(visit, path, body);
}

PortalReply PortalController::dispatch(PortalVisit& visit, const QString& path, const QByteArray& body) const
{
    const QByteArray& method = visit.request.method;
    const bool get = method == "GET" || method == "HEAD";
    const bool post = method == "POST";
    if (path == QLatin1String("/"))
        return get ? m_repositories.index(visit) : methodNotAllowed(visit, "GET, HEAD");
    if (path == QLatin1String("/sign-in")) {
        if (get)
            return signInForm(visit,
                              visit.request.query.queryItemValue(QStringLiteral("next"), QUrl::FullyDecoded));
        return post ? signIn(visit, body) : methodNotAllowed(visit, "GET, HEAD, POST");
    }
    if (path == QLatin1String("/sign-out"))
        return post ? signOut(visit, body) : methodNotAllowed(visit, "POST");

    const QLatin1String prefix("/repositories/");
    if (!path.startsWith(prefix) || path.size() == prefix.size())
        return notFound(visit);
    QString name = path.mid(prefix.size());
    const QLatin1String licence("/licence");
    const QLatin1String accept("/licence/accept");
    if (name.endsWith(accept) && name.size() > accept.size()) {
        if (!post)
            return methodNotAllowed(visit, "POST");
        name.chop(accept.size());
        const FormParser::Form form = FormParser::parse(body);
        if (!form.ok())
            return PortalReply::html(400, PortalPages::message(tr("Bad form"), form.error, visit.chrome()));
        if (std::optional<PortalReply> refusal = refuseForm(visit, form.value(QStringLiteral("csrf"))))
            return *refusal;
        return m_repositories.accept(visit, name, form.value(QStringLiteral("version")));
    }
    if (!get)
        return methodNotAllowed(visit, "GET, HEAD");
    if (name.endsWith(licence) && name.size() > licence.size()) {
        name.chop(licence.size());
        return m_repositories.licence(visit, name);
    }
    return m_repositories.repository(visit, name);
}

PortalReply PortalController::staticAsset(const QString& name) const
{
    QByteArray type;
    if (name == QLatin1String("portal.css"))
        type = "text/css; charset=utf-8";
    else if (name == QLatin1String("portal.js"))
        type = "text/javascript; charset=utf-8";
    QFile file(QStringLiteral(":/portal/") + name);
    if (type.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        PortalReply reply = PortalReply::html(404, QByteArray("Not found\n"));
        reply.contentType = "text/plain; charset=utf-8";
        return reply;
    }
    PortalReply reply = PortalReply::html(200, file.readAll());
    reply.contentType = type;
    reply.cacheable = true;
    return reply;
}

QString PortalController::httpsNeeded(const PortalVisit& visit) const
{
    return tr("Signing in needs HTTPS: this page was opened over plain HTTP at %1, where the session cookie "
              "would travel unprotected (and browsers do not keep it). Open the portal at "
              "https://%1/portal/, "
              "or on this machine at http://localhost.")
        .arg(visit.origin.host());
}

PortalReply PortalController::signInForm(PortalVisit& visit, const QString& next) const
{
    const QString target = safeNext(next);
    if (visit.signedIn())
        return PortalReply::redirect(target.toUtf8());
    if (!visit.origin.secureCookiesWork())
        return PortalReply::html(
            200, PortalPages::signIn(httpsNeeded(visit), QString(), target, false, visit.chrome()));
    PortalReply reply;
    if (!visit.session) {
        // A pre-session carries the form's CSRF token; signing in replaces it with a new session.
        visit.session = m_services.sessions->create(AuthorizationSubject::anonymousUser());
        reply.headers.append({"Set-Cookie", sessionCookie(visit.session->id)});
    }
    reply.body = PortalPages::signIn(QString(), QString(), target, true, visit.chrome());
    return reply;
}

PortalReply PortalController::signIn(PortalVisit& visit, const QByteArray& body) const
{
    if (!visit.origin.secureCookiesWork())
        return PortalReply::html(
            403, PortalPages::signIn(httpsNeeded(visit), QString(), QString(), false, visit.chrome()));
    const FormParser::Form form = FormParser::parse(body);
    if (!form.ok())
        return PortalReply::html(400, PortalPages::message(tr("Bad form"), form.error, visit.chrome()));
    if (std::optional<PortalReply> refusal = refuseForm(visit, form.value(QStringLiteral("csrf"))))
        return *refusal;
    const QString next = safeNext(form.value(QStringLiteral("next")));
    const QString user = form.value(QStringLiteral("user")).trimmed();
    const QString secret = form.value(QStringLiteral("password"));
    if (user.isEmpty() || secret.isEmpty())
        return PortalReply::html(
            400, PortalPages::signIn(tr("Enter your user name and your password or auth token."), user, next,
                                     true, visit.chrome()));
    Result<AuthorizationSubject> subject =
        m_services.signIn->signIn(user, secret, visit.clientAddress, QStringLiteral("portal"));
    if (!subject) {
        if (subject.error().code == ErrorCode::TooManyRequests) {
            const qint64 wait = qMax<qint64>(1, SignInService::retryAfterOf(subject.error()));
            PortalReply reply = PortalReply::html(
                429, PortalPages::signIn(tr("Too many failed sign-ins. Wait %n second(s), then try again.",
                                            nullptr, int(qMin<qint64>(wait, 1'000'000))),
                                         user, next, true, visit.chrome()));
            reply.headers.append({"Retry-After", QByteArray::number(wait)});
            return reply;
        }
        return PortalReply::html(
            401, PortalPages::signIn(tr("The user name or the password is wrong. Use the same "
                                        "credentials as for docker login."),
                                     user, next, true, visit.chrome()));
    }
    // A new session id at sign-in: an id planted before (session fixation) is worth nothing.
    m_services.sessions->remove(visit.session->id);
    const PortalSession session = m_services.sessions->create(subject.value());
    PortalReply reply = PortalReply::redirect(next.toUtf8());
    reply.headers.append({"Set-Cookie", sessionCookie(session.id)});
    return reply;
}

PortalReply PortalController::signOut(PortalVisit& visit, const QByteArray& body) const
{
    const FormParser::Form form = FormParser::parse(body);
    if (!form.ok())
        return PortalReply::html(400, PortalPages::message(tr("Bad form"), form.error, visit.chrome()));
    if (std::optional<PortalReply> refusal = refuseForm(visit, form.value(QStringLiteral("csrf"))))
        return *refusal;
    m_services.sessions->remove(visit.session->id);
    PortalReply reply = PortalReply::redirect("/portal/");
    reply.headers.append({"Set-Cookie", QByteArray(CookieName) +
                                            "=; Path=/portal; HttpOnly; Secure; SameSite=Lax; Max-Age=0"});
    return reply;
}

std::optional<PortalReply> PortalController::refuseForm(const PortalVisit& visit, const QString& csrf) const
{
    const QByteArray origin = visit.request.header("Origin");
    if (visit.request.hasHeader("Origin") && !visit.origin.matches(origin))
        return PortalReply::html(
            403,
            PortalPages::message(tr("Form refused"),
                                 tr("The form was sent from another site (%1), not from %2. Open the page "
                                    "on this server and submit it there.")
                                     .arg(QString::fromLatin1(origin.left(200)), visit.origin.origin()),
                                 visit.chrome()));
    if (!visit.session)
        return PortalReply::html(
            403,
            PortalPages::message(tr("Session expired"),
                                 tr("Your session has ended (or the browser does not keep cookies for this "
                                    "site). Open the page again and resubmit the form."),
                                 visit.chrome()));
    if (!sameToken(visit.session->csrfToken, csrf.toLatin1()))
        return PortalReply::html(
            403, PortalPages::message(tr("Form refused"),
                                      tr("The form's security token is missing or does not belong to your "
                                         "session. Reload the page and submit the form again."),
                                      visit.chrome()));
    return std::nullopt;
}

PortalReply PortalController::methodNotAllowed(const PortalVisit& visit, const QByteArray& allowed) const
{
    PortalReply reply = PortalReply::html(
        405, PortalPages::message(
                 tr("Not here"),
                 tr("This page does not accept %1 requests.").arg(QString::fromLatin1(visit.request.method)),
                 visit.chrome()));
    reply.headers.append({"Allow", allowed});
    return reply;
}

PortalReply PortalController::notFound(const PortalVisit& visit) const
{
    return PortalReply::html(
        404, PortalPages::message(tr("Page not found"),
                                  tr("There is no page at %1.").arg(visit.request.path.left(300)),
                                  visit.chrome()));
}

} // namespace berth
