#pragma once

#include "iam/AuthorizationRequest.h"
#include "routing/Route.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace berth {

class HttpRequest;
class HttpResponder;
class JwtService;
class ScopeAuthorizer;
class SignInService;

/// The decision for one registry request.
struct AuthenticationOutcome
{
    enum class Kind
    {
        Allowed,      ///< go ahead; `subject` is who asked
        Unauthorized, ///< 401 UNAUTHORIZED with `challenge` as WWW-Authenticate
        Denied,       ///< 403 DENIED: signed in but not allowed
        Throttled,    ///< 429 TOOMANYREQUESTS with Retry-After: retryAfter
    };
    Kind kind = Kind::Unauthorized;
    AuthorizationSubject subject;
    QByteArray challenge;
    QString message;
    qint64 retryAfter = 0;

    bool allowed() const { return kind == Kind::Allowed; }
    /// Sends the refusal (401, 403 or 429, OCI error body and headers). Not for Allowed.
    void sendRefusal(HttpResponder& responder) const;
};

/// Decides, for the registry side, whether a request may do what its route needs:
/// - "Authorization: Bearer <jwt>": the token is verified and its access list must cover the
///   actions; a valid token that lacks them answers 401 with error="insufficient_scope" when the
///   subject could get a broader token, 403 when policy does not allow it.
/// - "Authorization: Basic": the credentials are checked (throttled, audited) and policy asked
///   directly (docker login's first probe and many simple tools do this).
/// - none: anonymous, allowed what anonymous may do (public repositories), else 401 challenge.
/// Access::None routes (/v2/) need a signed-in user unless anonymousApiVersion is set, so that
/// `docker login` sees the challenge. Thread-safe.
class RequestAuthenticator
{
public:
    struct Options
    {
        QString service = QStringLiteral("berth");
        QString tokenPath = QStringLiteral("/v2/token");
        /// "https://registry.example.com": the realm's base instead of the request's Host header.
        QString externalUrl;
        bool anonymousApiVersion = false;
    };

    RequestAuthenticator(Options options, JwtService& jwt, SignInService& signIn,
                         ScopeAuthorizer& authorizer);

    /// `repository` is the route's {name} (empty for /v2/ and the catalog).
    AuthenticationOutcome authenticate(const HttpRequest& request, Access access, const QString& repository);

    /// The realm: externalUrl + tokenPath, or scheme://<Host header> + tokenPath (a Host header
    /// that is not a plain host[:port] is not reflected: "localhost" is used instead).
    QString realm(const HttpRequest& request) const;
    /// Bearer realm="...",service="..."[,scope="..."][,error="insufficient_scope"]
    QByteArray challenge(const HttpRequest& request, Access access, const QString& repository,
                         bool insufficientScope = false) const;

    /// "repository:<name>:pull,push", "registry:catalog:*", or "" for Access::None.
    static QString scopeFor(Access access, const QString& repository);
    /// pull / pull,push / delete / * (catalog) / none.
    static QStringList actionsFor(Access access);

private:
    AuthenticationOutcome decide(const AuthorizationSubject& subject, bool viaToken,
                                 const HttpRequest& request, Access access, const QString& repository,
                                 const QString& address);

    Options m_options;
    JwtService& m_jwt;
    SignInService& m_signIn;
    ScopeAuthorizer& m_authorizer;
};

} // namespace berth
