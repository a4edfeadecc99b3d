#include "auth/JwtService.h"

#include "util/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

namespace berth {

namespace {

constexpr auto Base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
constexpr qsizetype MaxTokenBytes = 64 * 1024;

QByteArray encodePart(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact).toBase64(Base64Url);
}

bool decodePart(const QByteArray& part, QByteArray* out)
{
    for (char c : part) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                        c == '-' || c == '_';
        if (!ok)
            return false;
    }
    auto decoded = QByteArray::fromBase64Encoding(part, QByteArray::Base64UrlEncoding |
                                                            QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return false;
    *out = *decoded;
    return true;
}

Error refused(const QString& why)
{
    return Error(ErrorCode::Unauthorized, QStringLiteral("The bearer token was refused: %1.").arg(why));
}

bool readTime(const QJsonObject& claims, const char* name, QDateTime* out)
{
    const QJsonValue v = claims.value(QLatin1String(name));
    if (!v.isDouble())
        return false;
    const double seconds = v.toDouble();
    if (seconds < 0 || seconds > 253402300799.0) // year 9999
        return false;
    *out = QDateTime::fromSecsSinceEpoch(qint64(seconds), Qt::UTC);
    return true;
}

} // namespace

JwtService::JwtService(std::shared_ptr<const SigningKey> key, Options options, const Clock& clock)
    : m_key(std::move(key)), m_options(std::move(options)), m_clock(clock)
{}

QByteArray JwtService::issue(const QString& subject, const QStringList& groups, bool administrator,
                             const QVector<AccessEntry>& access, TokenClaims* out) const
{
    TokenClaims claims;
    claims.issuer = m_options.issuer;
    claims.subject = subject;
    claims.audience = m_options.audience;
    const QDateTime now = m_clock.now().toUTC();
    claims.issuedAt = now;
    claims.notBefore = now;
    claims.expires = now.addSecs(m_options.lifetimeSeconds);
    quint32 random[4];
    QRandomGenerator::system()->fillRange(random);
    claims.jwtId = QString::fromLatin1(
        QByteArray(reinterpret_cast<const char*>(random), sizeof random).toBase64(Base64Url));
    claims.access = access;
    claims.groups = groups;
    claims.administrator = administrator;
    if (out)
        *out = claims;
    return sign(claims);
}

QByteArray JwtService::sign(const TokenClaims& claims) const
{
    QJsonObject header{{QStringLiteral("typ"), QStringLiteral("JWT")},
                       {QStringLiteral("alg"), QStringLiteral("ES256")},
                       {QStringLiteral("kid"), QString::fromLatin1(m_key->keyId())}};
    QJsonArray access;
    for (const AccessEntry& e : claims.access) {
        access.append(QJsonObject{{QStringLiteral("type"), e.type},
                                  {QStringLiteral("name"), e.name},
                                  {QStringLiteral("actions"), QJsonArray::fromStringList(e.actions)}});
    }
    QJsonObject payload{{QStringLiteral("iss"), claims.issuer},
                        {QStringLiteral("sub"), claims.subject},
                        {QStringLiteral("aud"), claims.audience},
                        {QStringLiteral("exp"), claims.expires.toSecsSinceEpoch()},
                        {QStringLiteral("nbf"), claims.notBefore.toSecsSinceEpoch()},
                        {QStringLiteral("iat"), claims.issuedAt.toSecsSinceEpoch()},
                        {QStringLiteral("jti"), claims.jwtId},
                        {QStringLiteral("access"), access}};
    if (!claims.groups.isEmpty())
        payload.insert(QStringLiteral("berth_groups"), QJsonArray::fromStringList(claims.groups));
    if (claims.administrator)
        payload.insert(QStringLiteral("berth_admin"), true);
    const QByteArray signingInput = encodePart(header) + '.' + encodePart(payload);
    return signingInput + '.' + m_key->sign(signingInput).toBase64(Base64Url);
}

Result<TokenClaims> JwtService::verify(const QByteArray& token) const
{
    {
        std::lock_guard lock(m_verifiedMutex);
        const auto known = m_verified.constFind(token);
        if (known != m_verified.constEnd()) {
            TokenClaims claims = *known;
            if (auto times = checkTimes(claims); !times) {
                m_verified.remove(token);
                return times.error();
            }
            return claims;
        }
    }
    Result<TokenClaims> claims = verifySignedClaims(token);
    if (!claims)
        return claims;
    std::lock_guard lock(m_verifiedMutex);
    if (m_verified.size() >= MaxVerifiedTokens) {
        m_verified.removeIf([&](const auto& entry) { return !checkTimes(entry.value()).ok(); });
        if (m_verified.size() >= MaxVerifiedTokens)
            m_verified.clear(); // all still valid: start over (they are checked again once)
    }
    m_verified.insert(token, claims.value());
    return claims;
}

Result<void> JwtService::checkTimes(const TokenClaims& claims) const
{
    const QDateTime now = m_clock.now();
    if (now.addSecs(-m_options.leewaySeconds) >= claims.expires)
        return refused(QStringLiteral("it expired at %1").arg(claims.expires.toString(Qt::ISODate)));
    if (now.addSecs(m_options.leewaySeconds) < claims.notBefore)
        return refused(
            QStringLiteral("it is not valid before %1").arg(claims.notBefore.toString(Qt::ISODate)));
    return {};
}

Result<TokenClaims> JwtService::verifySignedClaims(const QByteArray& token) const
{
    if (token.size() > MaxTokenBytes)
        return refused(QStringLiteral("it is too long"));
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3)
        return refused(QStringLiteral("it is not a signed JWT (three dot-separated parts)"));
    QByteArray headerJson;
    QByteArray payloadJson;
    QByteArray signature;
    if (!decodePart(parts[0], &headerJson) || !decodePart(parts[1], &payloadJson) ||
        !decodePart(parts[2], &signature))
        return refused(QStringLiteral("it is not valid base64url"));

    QJsonParseError parseError;
    const QJsonDocument headerDoc = QJsonDocument::fromJson(headerJson, &parseError);
    if (parseError.error != QJsonParseError::NoError || !headerDoc.isObject())
        return refused(QStringLiteral("its header is not a JSON object"));
    const QJsonObject header = headerDoc.object();
    const QString alg = header.value(QLatin1String("alg")).toString();
    if (alg != QLatin1String("ES256"))
        return refused(QStringLiteral("the algorithm must be ES256, not \"%1\"").arg(alg.left(20)));
    if (header.value(QLatin1String("kid")).toString() != QString::fromLatin1(m_key->keyId()))
        return refused(QStringLiteral("it was signed with a key this registry does not know"));
    if (header.contains(QLatin1String("crit")))
        return refused(QStringLiteral("it has critical header extensions"));
    if (!m_key->verify(parts[0] + '.' + parts[1], signature))
        return refused(QStringLiteral("its signature does not match"));

    // Only now is the payload trusted enough to parse.
    const QJsonDocument payloadDoc = QJsonDocument::fromJson(payloadJson, &parseError);
    if (parseError.error != QJsonParseError::NoError || !payloadDoc.isObject())
        return refused(QStringLiteral("its claims are not a JSON object"));
    const QJsonObject payload = payloadDoc.object();

    TokenClaims claims;
    claims.issuer = payload.value(QLatin1String("iss")).toString();
    claims.subject = payload.value(QLatin1String("sub")).toString();
    claims.jwtId = payload.value(QLatin1String("jti")).toString();
    if (!readTime(payload, "exp", &claims.expires) || !readTime(payload, "nbf", &claims.notBefore) ||
        !readTime(payload, "iat", &claims.issuedAt))
        return refused(QStringLiteral("its exp, nbf or iat claim is missing or not a time"));

    if (auto times = checkTimes(claims); !times)
        return times.error();
    if (claims.issuer != m_options.issuer)
        return refused(QStringLiteral("it was issued by someone else"));

    const QJsonValue aud = payload.value(QLatin1String("aud"));
    bool audienceOk = aud.isString() && aud.toString() == m_options.audience;
    if (aud.isArray()) {
        for (const QJsonValue& a : aud.toArray())
            audienceOk = audienceOk || a.toString() == m_options.audience;
    }
    if (!audienceOk)
        return refused(QStringLiteral("it is meant for another service"));
    claims.audience = m_options.audience;

    const QJsonValue access = payload.value(QLatin1String("access"));
    if (!access.isUndefined() && !access.isArray())
        return refused(QStringLiteral("its access claim is not a list"));
    for (const QJsonValue& v : access.toArray()) {
        const QJsonObject o = v.toObject();
        AccessEntry entry;
        entry.type = o.value(QLatin1String("type")).toString();
        entry.name = o.value(QLatin1String("name")).toString();
        for (const QJsonValue& a : o.value(QLatin1String("actions")).toArray())
            entry.actions.append(a.toString());
        if (entry.type.isEmpty() || entry.name.isEmpty())
            return refused(QStringLiteral("its access claim has an entry without type or name"));
        claims.access.append(entry);
    }
    for (const QJsonValue& g : payload.value(QLatin1String("berth_groups")).toArray())
        claims.groups.append(g.toString());
    claims.administrator = payload.value(QLatin1String("berth_admin")).toBool();
    return claims;
}

} // namespace berth
