#pragma once

#include "auth/SigningKey.h"
#include "auth/TokenClaims.h"
#include "util/Result.h"

#include <QByteArray>
#include <QString>
#include <memory>

namespace berth {

class Clock;

/// Issues and verifies the registry's bearer tokens: compact JWS, ES256, with the signing key's
/// id in "kid". Verification refuses every other algorithm (including "none" and HS256), unknown
/// key ids, bad signatures, expired or not-yet-valid tokens (with a small leeway for clock skew),
/// and tokens for another audience or from another issuer. Thread-safe.
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

private:
    std::shared_ptr<const SigningKey> m_key;
    Options m_options;
    const Clock& m_clock;
};

} // namespace berth
