#pragma once

#include "auth/AccessEntry.h"
#include "auth/RequestedScope.h"
#include "iam/AuthorizationRequest.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace berth {

class Clock;
class HttpRequest;
class HttpResponder;
class JwtService;
class RefreshTokenStore;
class Router;
class ScopeAuthorizer;
class SignInService;

/// Docker's token endpoint (distribution's "token authentication specification" and its OAuth2
/// variant):
/// - GET <path>?service=&scope=&account=&offline_token=&client_id= with Basic credentials or none
///   (anonymous gets a token with what anonymous may do) answers
///   {token, access_token, expires_in, issued_at[, refresh_token]}; bad credentials: 401 UNAUTHORIZED.
/// - POST <path> with an application/x-www-form-urlencoded body: grant_type=password (username,
///   password) or refresh_token (refresh_token), client_id (required), service, scope,
///   access_type=offline; answers {access_token, token_type, expires_in, issued_at, scope[,
///   refresh_token]}; errors are OAuth2's {"error": "invalid_grant" | "invalid_request" |
///   "unsupported_grant_type", "error_description"} with 400.
/// Repeated failures answer 429 TOOMANYREQUESTS with Retry-After. Each granted scope is the
/// intersection of what was asked and what the ScopeAuthorizer allows. Thread-safe.
class TokenService
{
public:
    struct Options
    {
        QString service = QStringLiteral("berth"); ///< must equal the JwtService audience
        QString path = QStringLiteral("/v2/token");
        qint64 refreshTokenLifetimeSeconds = 30 * 24 * 3600;
        qint64 maxFormBytes = 64 * 1024;
        bool allowAnonymous = true;
    };

    /// A complete answer.
    struct Reply
    {
        int status = 200;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;

        void send(HttpResponder& responder) const;
    };

    TokenService(Options options, JwtService& jwt, SignInService& signIn, ScopeAuthorizer& authorizer,
                 RefreshTokenStore& refreshTokens, const Clock& clock);

    const Options& options() const { return m_options; }

    Reply handleGet(const HttpRequest& request);
    /// `body` is the whole form (the handler caps its size).
    Reply handlePost(const HttpRequest& request, const QByteArray& body);

    /// Adds the GET and POST rows for options().path (Access::None: the endpoint authenticates
    /// by itself). The service must outlive the router.
    void addRoutes(Router& router);

    /// What the subject gets for the scopes: for each, the allowed actions among those asked.
    /// Scopes granted nothing are left out.
    QVector<AccessEntry> grantAll(const AuthorizationSubject& subject, const QVector<RequestedScope>& scopes,
                                  const QString& clientAddress);

    static Reply oauthError(int status, const QString& error, const QString& description);
    static Reply registryError(int status, const QByteArray& code, const QString& message);

private:
    Reply tokenReply(const AuthorizationSubject& subject, const QVector<RequestedScope>& scopes,
                     const QString& clientAddress, bool oauth, const QString& refreshToken);
    Reply throttledReply(qint64 retryAfter, const QString& message, bool oauth) const;

    Options m_options;
    JwtService& m_jwt;
    SignInService& m_signIn;
    ScopeAuthorizer& m_authorizer;
    RefreshTokenStore& m_refreshTokens;
    const Clock& m_clock;
};

} // namespace berth
