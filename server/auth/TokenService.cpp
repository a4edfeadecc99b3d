#include "auth/TokenService.h"

#include "auth/AuthEventSink.h"
#include "auth/FormParser.h"
#include "auth/HttpCredentials.h"
#include "auth/JwtService.h"
#include "auth/RefreshTokenStore.h"
#include "auth/ScopeAuthorizer.h"
#include "auth/ScopeParser.h"
#include "auth/SignInService.h"
#include "auth/TokenEndpointHandler.h"
#include "http/HttpRequest.h"
#include "http/HttpResponder.h"
#include "routing/Router.h"
#include "util/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace berth {

namespace {

QByteArray json(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString shown(const QString& text)
{
    QString s = text.left(64);
    for (QChar& c : s) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            c = QLatin1Char('?');
    }
    return s;
}

} // namespace

void TokenService::Reply::send(HttpResponder& responder) const
{
    for (const auto& h : headers)
        responder.addHeader(h.first, h.second);
    responder.send(status, body, "application/json");
}

TokenService::TokenService(Options options, JwtService& jwt, SignInService& signIn,
                           ScopeAuthorizer& authorizer, RefreshTokenStore& refreshTokens, const Clock& clock)
    : m_options(std::move(options)), m_jwt(jwt), m_signIn(signIn), m_authorizer(authorizer),
      m_refreshTokens(refreshTokens), m_clock(clock)
{}

TokenService::Reply TokenService::oauthError(int status, const QString& error, const QString& description)
{
    Reply r;
    r.status = status;
    r.body = json(
        QJsonObject{{QStringLiteral("error"), error}, {QStringLiteral("error_description"), description}});
    r.headers.append(qMakePair(QByteArray("Cache-Control"), "no-store"));
    return r;
}

TokenService::Reply TokenService::registryError(int status, const QByteArray& code, const QString& message)
{
    Reply r;
    r.status = status;
    QJsonObject e{{QStringLiteral("code"), QString::fromLatin1(code)}, {QStringLiteral("message"), message}};
    r.body = json(QJsonObject{{QStringLiteral("errors"), QJsonArray{e}}});
    r.headers.append(qMakePair(QByteArray("Cache-Control"), "no-store"));
    return r;
}

TokenService::Reply TokenService::throttledReply(qint64 retryAfter, const QString& message, bool oauth) const
{
    Reply r = registryError(429, "TOOMANYREQUESTS", message);
    if (oauth) {
        QJsonObject o = QJsonDocument::fromJson(r.body).object();
        o.insert(QStringLiteral("error"), QStringLiteral("slow_down"));
        o.insert(QStringLiteral("error_description"), message);
        r.body = json(o);
    }
    r.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray::number(qMax<qint64>(1, retryAfter))));
    return r;
}

QVector<AccessEntry> TokenService::grantAll(const AuthorizationSubject& subject,
                                            const QVector<RequestedScope>& scopes,
                                            const QString& clientAddress)
{
    QVector<AccessEntry> access;
    for (const RequestedScope& scope : scopes) {
        if (scope.actions.isEmpty())
            continue;
        const QStringList allowed = m_authorizer.grant(subject, scope, clientAddress);
        QStringList granted;
        // Never more than was asked, whatever the authorizer answers.
        for (const QString& action : scope.actions) {
            if (allowed.contains(action) && !granted.contains(action))
                granted.append(action);
        }
        if (!granted.isEmpty())
            access.append(AccessEntry{scope.type, scope.name, granted});
    }
    return access;
}

TokenService::Reply TokenService::tokenReply(const AuthorizationSubject& subject,
                                             const QVector<RequestedScope>& scopes,
                                             const QString& clientAddress, bool oauth,
                                             const QString& refreshToken)
{
    const QVector<AccessEntry> access = grantAll(subject, scopes, clientAddress);
    TokenClaims claims;
    const QByteArray token = m_jwt.issue(subject.anonymous ? QString() : subject.userName, subject.groups,
                                         subject.administrator, access, &claims);
    if (AuthEventSink* sink = m_signIn.sink())
        sink->tokenIssued(subject.anonymous ? QString() : subject.userName, clientAddress, access);

    QJsonObject o;
    const QString tokenText = QString::fromLatin1(token);
    o.insert(QStringLiteral("access_token"), tokenText);
    if (oauth) {
        QStringList granted;
        for (const AccessEntry& e : access)
            granted.append(e.toScope());
        o.insert(QStringLiteral("token_type"), QStringLiteral("Bearer"));
        o.insert(QStringLiteral("scope"), granted.join(QLatin1Char(' ')));
    } else {
        o.insert(QStringLiteral("token"), tokenText);
    }
    o.insert(QStringLiteral("expires_in"), double(claims.issuedAt.secsTo(claims.expires)));
    o.insert(QStringLiteral("issued_at"), claims.issuedAt.toString(Qt::ISODate));
    if (!refreshToken.isEmpty())
        o.insert(QStringLiteral("refresh_token"), refreshToken);
    Reply r;
    r.body = json(o);
    r.headers.append(qMakePair(QByteArray("Cache-Control"), "no-store"));
    r.headers.append(qMakePair(QByteArray("Pragma"), "no-cache"));
    return r;
}

TokenService::Reply TokenService::handleGet(const HttpRequest& request)
{
    const QString address = HttpCredentials::clientAddress(request);
    const qsizetype q = request.target.indexOf('?');
    const FormParser::Form query = FormParser::parse(q < 0 ? QByteArray() : request.target.mid(q + 1));
    if (!query.ok())
        return registryError(400, "UNSUPPORTED",
                             QStringLiteral("The query string is malformed: %1").arg(query.error));
    for (const char* single : {"service", "account", "offline_token", "client_id"}) {
        bool duplicate = false;
        query.value(QLatin1String(single), &duplicate);
        if (duplicate)
            return registryError(
                400, "UNSUPPORTED",
                QStringLiteral("The query parameter %1 is given more than once.").arg(QLatin1String(single)));
    }
    const QString service = query.value(QStringLiteral("service"));
    if (query.has(QStringLiteral("service")) && service != m_options.service)
        return registryError(400, "UNSUPPORTED",
                             QStringLiteral("This endpoint issues tokens for the service \"%1\", not \"%2\".")
                                 .arg(m_options.service, shown(service)));
    const ScopeParseResult scopes = ScopeParser::parse(query.values(QStringLiteral("scope")));
    if (!scopes.ok())
        return registryError(400, "NAME_INVALID", scopes.error);

    const HttpCredentials credentials = HttpCredentials::of(request);
    AuthorizationSubject subject = AuthorizationSubject::anonymousUser();
    switch (credentials.scheme) {
    case HttpCredentials::Scheme::None:
        if (!m_options.allowAnonymous) {
            Reply r = registryError(401, "UNAUTHORIZED",
                                    QStringLiteral("Sign in with a user name and password or auth token."));
            r.headers.append(qMakePair(QByteArray("WWW-Authenticate"),
                                       "Basic realm=\"" + m_options.service.toUtf8() + "\""));
            return r;
        }
        break;
    case HttpCredentials::Scheme::Basic: {
        Result<AuthorizationSubject> signedIn =
            m_signIn.signIn(credentials.userName, credentials.secret, address, QStringLiteral("token-get"));
        if (!signedIn) {
            if (signedIn.error().code == ErrorCode::TooManyRequests)
                return throttledReply(SignInService::retryAfterOf(signedIn.error()), signedIn.error().message,
                                      false);
            if (signedIn.error().code != ErrorCode::Unauthorized)
                return registryError(500, "UNKNOWN", signedIn.error().message);
            Reply r = registryError(401, "UNAUTHORIZED", signedIn.error().message);
            r.headers.append(qMakePair(QByteArray("WWW-Authenticate"),
                                       "Basic realm=\"" + m_options.service.toUtf8() + "\""));
            return r;
        }
        subject = signedIn.value();
        break;
    }
    case HttpCredentials::Scheme::Bearer:
    case HttpCredentials::Scheme::Unsupported:
    case HttpCredentials::Scheme::Malformed: {
        Reply r = registryError(
            401, "UNAUTHORIZED",
            QStringLiteral("The token endpoint takes Basic credentials (user name and password or "
                           "auth token), or none for anonymous access."));
        r.headers.append(
            qMakePair(QByteArray("WWW-Authenticate"), "Basic realm=\"" + m_options.service.toUtf8() + "\""));
        return r;
    }
    }

    const QString account = query.value(QStringLiteral("account"));
    if (!account.isEmpty() && credentials.scheme == HttpCredentials::Scheme::Basic &&
        account != credentials.userName)
        return registryError(400, "UNSUPPORTED",
                             QStringLiteral("The account parameter \"%1\" does not match the signed-in user.")
                                 .arg(shown(account)));

    QString refreshToken;
    const QString offline = query.value(QStringLiteral("offline_token"));
    if (!subject.anonymous && (offline == QLatin1String("true") || offline == QLatin1String("1"))) {
        const QDateTime now = m_clock.now();
        refreshToken = m_refreshTokens.create(subject.userName, query.value(QStringLiteral("client_id")), now,
                                              now.addSecs(m_options.refreshTokenLifetimeSeconds));
    }
    return tokenReply(subject, scopes.scopes, address, false, refreshToken);
}

TokenService::Reply TokenService::handlePost(const HttpRequest& request, const QByteArray& body)
{
    const QString address = HttpCredentials::clientAddress(request);
    const FormParser::Form form = FormParser::parse(body);
    if (!form.ok())
        return oauthError(400, QStringLiteral("invalid_request"), form.error);
    for (const char* single :
         {"grant_type", "service", "client_id", "access_type", "username", "password", "refresh_token"}) {
        bool duplicate = false;
        form.value(QLatin1String(single), &duplicate);
        if (duplicate)
            return oauthError(
                400, QStringLiteral("invalid_request"),
                QStringLiteral("The field %1 is given more than once.").arg(QLatin1String(single)));
    }
    const QString grantType = form.value(QStringLiteral("grant_type"));
    if (grantType.isEmpty())
        return oauthError(400, QStringLiteral("invalid_request"),
                          QStringLiteral("The field grant_type is missing."));
    if (grantType != QLatin1String("password") && grantType != QLatin1String("refresh_token"))
        return oauthError(
            400, QStringLiteral("unsupported_grant_type"),
            QStringLiteral("The grant type \"%1\" is not supported; use password or refresh_token.")
                .arg(shown(grantType)));
    const QString clientId = form.value(QStringLiteral("client_id"));
    if (clientId.isEmpty())
        return oauthError(400, QStringLiteral("invalid_request"),
                          QStringLiteral("The field client_id is missing."));
    if (form.has(QStringLiteral("service")) && form.value(QStringLiteral("service")) != m_options.service)
        return oauthError(400, QStringLiteral("invalid_request"),
                          QStringLiteral("This endpoint issues tokens for the service \"%1\", not \"%2\".")
                              .arg(m_options.service, shown(form.value(QStringLiteral("service")))));
    const ScopeParseResult scopes = ScopeParser::parse(form.values(QStringLiteral("scope")));
    if (!scopes.ok())
        return oauthError(400, QStringLiteral("invalid_scope"), scopes.error);

    AuthorizationSubject subject;
    QString refreshToken;
    if (grantType == QLatin1String("password")) {
        const QString user = form.value(QStringLiteral("username"));
        const QString password = form.value(QStringLiteral("password"));
        if (user.isEmpty() || password.isEmpty())
            return oauthError(400, QStringLiteral("invalid_request"),
                              QStringLiteral("The password grant needs the fields username and password."));
        Result<AuthorizationSubject> signedIn =
            m_signIn.signIn(user, password, address, QStringLiteral("token-password"));
        if (!signedIn) {
            if (signedIn.error().code == ErrorCode::TooManyRequests)
                return throttledReply(SignInService::retryAfterOf(signedIn.error()), signedIn.error().message,
                                      true);
            if (signedIn.error().code != ErrorCode::Unauthorized)
                return oauthError(500, QStringLiteral("server_error"), signedIn.error().message);
            return oauthError(400, QStringLiteral("invalid_grant"), signedIn.error().message);
        }
        subject = signedIn.value();
        if (form.value(QStringLiteral("access_type")) == QLatin1String("offline")) {
            const QDateTime now = m_clock.now();
            refreshToken = m_refreshTokens.create(subject.userName, clientId, now,
                                                  now.addSecs(m_options.refreshTokenLifetimeSeconds));
        }
    } else {
        const QString secret = form.value(QStringLiteral("refresh_token"));
        if (secret.isEmpty())
            return oauthError(400, QStringLiteral("invalid_request"),
                              QStringLiteral("The refresh_token grant needs the field refresh_token."));
        const qint64 wait = m_signIn.retryAfter(QString(), address);
        if (wait > 0)
            return throttledReply(
                wait,
                QStringLiteral("Too many failed sign-ins from this address; try again in %1 seconds.")
                    .arg(wait),
                true);
        const std::optional<RefreshTokenRecord> record = m_refreshTokens.find(secret, m_clock.now());
        if (!record) {
            m_signIn.recordInvalidToken(address, QStringLiteral("token-refresh"),
                                        QStringLiteral("unknown or expired refresh token"));
            return oauthError(400, QStringLiteral("invalid_grant"),
                              QStringLiteral("The refresh token is unknown or has expired; sign in again."));
        }
        Result<AuthorizationSubject> resolved =
            m_signIn.resolve(record->userName, address, QStringLiteral("token-refresh"));
        if (!resolved) {
            if (resolved.error().code != ErrorCode::Unauthorized)
                return oauthError(500, QStringLiteral("server_error"), resolved.error().message);
            m_refreshTokens.revoke(secret);
            return oauthError(400, QStringLiteral("invalid_grant"),
                              QStringLiteral("The refresh token's user can no longer sign in: %1")
                                  .arg(resolved.error().message));
        }
        subject = resolved.value();
    }
    return tokenReply(subject, scopes.scopes, address, true, refreshToken);
}

void TokenService::addRoutes(Router& router)
{
    router.add({{"GET", "POST"},
                m_options.path,
                Access::None,
                [this](const HttpRequest&, const RouteMatch&) -> std::unique_ptr<HttpHandler> {
                    return std::make_unique<TokenEndpointHandler>(*this);
                },
                Guard::Handler});
}

} // namespace berth
