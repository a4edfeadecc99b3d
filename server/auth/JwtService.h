#pragma once

#include "auth/SigningKey.h"
#include "auth/TokenClaims.h"
#include "util/Result.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <memory>
#include <mutex>

namespace berth {

class Clock;

/// Issues and verifies the registry's bearer tokens: compact JWS, ES256, with the signing key's
/// id in "kid". Verification refuses every other algorithm (including "none" and HS256), unknown
/// key ids, bad signatures, expired or not-yet-valid tokens (with a small leeway for clock skew),
/// and tokens for another audience or from another issuer. Thread-safe.
///
/// A client sends the same token with every request until it expires, and an ES256 signature check costs
/// more CPU than the rest of a manifest GET: the claims of a token that passed are kept (keyed by the
/// token's exact bytes, at most MaxVerifiedTokens), so a token seen before is only checked against the
/// clock (exp, nbf) again. Nothing else about a token can change: it is signed and cannot be revoked.
class JwtService
{
public:
    struct Options
    {
        QString issuer = QStringLiteral("berth");
        QString audience = QStringLiteral("berth"); ///< the service name the tokens are for
        qint64 lifetimeSeconds = 300;
        qint64 leewaySeconds = 30;
    };

    JwtService(std::shared_ptr<const SigningKey> key, Options options, const Clock& clock);

    const Options& options() const { return m_options; }
    const SigningKey& key() const { return *m_key; }

    /// A token for `subject` (empty: anonymous) with `access`, valid for lifetimeSeconds from now.
    /// Fills `claims` with what was signed when given.
    QByteArray issue(const QString& subject, const QStringList& groups, bool administrator,
                     const QVector<AccessEntry>& access, TokenClaims* claims = nullptr) const;
    /// Signs claims as given (tests build hostile or expired tokens with this).
    QByteArray sign(const TokenClaims& claims) const;

    /// Checks a token; on failure an Error with ErrorCode::Unauthorized says why.
    Result<TokenClaims> verify(const QByteArray& token) const;

    /// Verified tokens whose claims are kept at most.
    static constexpr int MaxVerifiedTokens = 2048;

private:
    /// Everything verify() checks except the clock.
    Result<TokenClaims> verifySignedClaims(const QByteArray& token) const;
    /// Refuses claims that expired or are not valid yet (with the leeway).
    Result<void> checkTimes(const TokenClaims& claims) const;

    std::shared_ptr<const SigningKey> m_key;
    Options m_options;
    const Clock& m_clock;
    mutable std::mutex m_verifiedMutex;
    mutable QHash<QByteArray, TokenClaims> m_verified; ///< token -> its claims, signature checked
};

} // namespace berth
