#pragma once

#include <QByteArray>
#include <QString>

namespace berth {

/// Random secrets and ids from OpenSSL's CSPRNG (RAND_bytes), and the SHA-256 used to store auth tokens.
class SecretGenerator
{
public:
    /// Prefix of every auth token, so secret scanners can recognise a leaked one.
    static constexpr const char* AuthTokenPrefix = "berth_";
    static constexpr int AuthTokenBytes = 32;
    static constexpr int GeneratedPasswordLength = 24;

    /// `count` random bytes. A failing CSPRNG stops the process: nothing safe can be made without it.
    static QByteArray randomBytes(int count);
    /// "berth_" followed by 32 random bytes in base64url without padding (43 characters).
    static QString authTokenSecret();
    /// `length` characters drawn uniformly from A-Z a-z 0-9 - _ (URL-safe, no padding).
    static QString password(int length = GeneratedPasswordLength);
    /// "ocid1.<kind>.berth..<32 hex digits>", e.g. kind "compartment", "user".
    static QString ocid(const QString& kind);
    /// Lowercase hex SHA-256 of the UTF-8 text.
    static QString sha256Hex(const QString& text);
};

} // namespace berth
