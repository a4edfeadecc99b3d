// Token signing and verification: round trip, every kind of forged or stale token, key persistence.
#include "auth/JwtService.h"
#include "auth/SigningKey.h"
#include "util/Clock.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QTemporaryDir>
#include <QtTest>

using namespace berth;

namespace {

constexpr auto B64 = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray part(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact).toBase64(B64);
}

QJsonObject decode(const QByteArray& p)
{
    return QJsonDocument::fromJson(QByteArray::fromBase64(p, QByteArray::Base64UrlEncoding)).object();
}

} // namespace

class TestAuthJwt : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void roundTrip();
    void headerAndClaims();
    void signatureIsRawRAndS();
    void tamperedPayloadRefused();
    void tamperedSignatureRefused();
    void algNoneRefused();
    void algHs256WithPublicKeyRefused();
    void otherAlgorithmsRefused();
    void expiredRefused();
    void verifiedTokenExpiresAndStaysRefusedWhenTampered();
    void notYetValidRefused();
    void leewayAccepted();
    void wrongAudienceRefused();
    void audienceArrayAccepted();
    void wrongIssuerRefused();
    void unknownKidRefused();
    void otherKeyRefused();
    void garbageRefused_data();
    void garbageRefused();
    void keyPersistedAndReused();
    void corruptKeyFileNotOverwritten();

private:
    std::unique_ptr<ManualClock> m_clock;
    std::shared_ptr<SigningKey> m_key;
    std::unique_ptr<JwtService> m_jwt;
    QByteArray issueDefault(TokenClaims* claims = nullptr)
    {
        return m_jwt->issue(QStringLiteral("alice"), {QStringLiteral("Developers")}, false,
                            {AccessEntry{QStringLiteral("repository"),
                                         QStringLiteral("team/app"),
                                         {QStringLiteral("pull"), QStringLiteral("push")}}},
                            claims);
    }
    void expectRefused(const QByteArray& token, const char* contains)
    {
        Result<TokenClaims> r = m_jwt->verify(token);
        QVERIFY2(!r.ok(), "token was accepted");
        QCOMPARE(r.error().code, ErrorCode::Unauthorized);
        QVERIFY2(r.error().message.contains(QLatin1String(contains)), qPrintable(r.error().message));
    }
};

void TestAuthJwt::init()
{
    m_clock = std::make_unique<ManualClock>();
    auto key = SigningKey::generate();
    QVERIFY(key.ok());
    m_key = key.value();
    JwtService::Options options;
    options.issuer = QStringLiteral("berth-issuer");
    options.audience = QStringLiteral("registry.example");
    m_jwt = std::make_unique<JwtService>(m_key, options, *m_clock);
}

void TestAuthJwt::roundTrip()
{
    TokenClaims issued;
    const QByteArray token = issueDefault(&issued);
    Result<TokenClaims> r = m_jwt->verify(token);
    QVERIFY2(r.ok(), qPrintable(r.error().message));
    QCOMPARE(r->subject, QStringLiteral("alice"));
    QCOMPARE(r->issuer, QStringLiteral("berth-issuer"));
    QCOMPARE(r->audience, QStringLiteral("registry.example"));
    QCOMPARE(r->groups, QStringList{QStringLiteral("Developers")});
    QVERIFY(!r->administrator);
    QCOMPARE(r->access.size(), 1);
    QCOMPARE(r->access[0], issued.access[0]);
    QCOMPARE(r->jwtId, issued.jwtId);
    QCOMPARE(r->expires, m_clock->now().addSecs(300));
    QVERIFY(r->find(QStringLiteral("repository"), QStringLiteral("team/app")));
    QVERIFY(!r->find(QStringLiteral("repository"), QStringLiteral("other")));

    // Anonymous tokens round-trip too.
    Result<TokenClaims> anon = m_jwt->verify(m_jwt->issue(QString(), {}, false, {}));
    QVERIFY(anon.ok());
    QVERIFY(anon->anonymous());
    QVERIFY(anon->access.isEmpty());
}

void TestAuthJwt::headerAndClaims()
{
    const QList<QByteArray> parts = issueDefault().split('.');
    QCOMPARE(parts.size(), 3);
    const QJsonObject header = decode(parts[0]);
    QCOMPARE(header.value(QLatin1String("alg")).toString(), QStringLiteral("ES256"));
    QCOMPARE(header.value(QLatin1String("typ")).toString(), QStringLiteral("JWT"));
    // kid: base64url of the first 18 bytes of SHA-256 over the DER SubjectPublicKeyInfo.
    const QByteArray expectedKid =
        QCryptographicHash::hash(m_key->publicKeyDer(), QCryptographicHash::Sha256).left(18).toBase64(B64);
    QCOMPARE(header.value(QLatin1String("kid")).toString().toLatin1(), expectedKid);
    QCOMPARE(expectedKid.size(), 24);

    const QJsonObject claims = decode(parts[1]);
    for (const char* name : {"iss", "sub", "aud", "exp", "nbf", "iat", "jti", "access"})
        QVERIFY2(claims.contains(QLatin1String(name)), name);
    QCOMPARE(claims.value(QLatin1String("exp")).toInteger() - claims.value(QLatin1String("iat")).toInteger(),
             300);
    const QJsonObject access = claims.value(QLatin1String("access")).toArray().first().toObject();
    QCOMPARE(access.value(QLatin1String("type")).toString(), QStringLiteral("repository"));
    QCOMPARE(access.value(QLatin1String("name")).toString(), QStringLiteral("team/app"));
    QCOMPARE(access.value(QLatin1String("actions")).toArray().size(), 2);
    // Two tokens never share a jti.
    QVERIFY(decode(issueDefault().split('.')[1]).value(QLatin1String("jti")) !=
            claims.value(QLatin1String("jti")));
}

void TestAuthJwt::signatureIsRawRAndS()
{
    const QList<QByteArray> parts = issueDefault().split('.');
    const QByteArray signature = QByteArray::fromBase64(parts[2], QByteArray::Base64UrlEncoding);
    QCOMPARE(signature.size(), 64);
    QVERIFY(m_key->verify(parts[0] + '.' + parts[1], signature));
    // A DER signature (what OpenSSL produces natively) is not accepted as JOSE.
    QVERIFY(!m_key->verify(parts[0] + '.' + parts[1], signature + QByteArray(8, '\0')));
}

void TestAuthJwt::tamperedPayloadRefused()
{
    const QList<QByteArray> parts = issueDefault().split('.');
    QJsonObject claims = decode(parts[1]);
    claims.insert(QStringLiteral("access"),
                  QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("repository")},
                                         {QStringLiteral("name"), QStringLiteral("team/app")},
                                         {QStringLiteral("actions"), QJsonArray{QStringLiteral("delete")}}}});
    expectRefused(parts[0] + '.' + part(claims) + '.' + parts[2], "signature");
    // Changing the subject alone breaks it too.
    claims = decode(parts[1]);
    claims.insert(QStringLiteral("sub"), QStringLiteral("admin"));
    expectRefused(parts[0] + '.' + part(claims) + '.' + parts[2], "signature");
}

void TestAuthJwt::tamperedSignatureRefused()
{
    const QList<QByteArray> parts = issueDefault().split('.');
    QByteArray signature = QByteArray::fromBase64(parts[2], QByteArray::Base64UrlEncoding);
    signature[10] = char(signature[10] ^ 0x01);
    expectRefused(parts[0] + '.' + parts[1] + '.' + signature.toBase64(B64), "signature");
    expectRefused(parts[0] + '.' + parts[1] + '.', "signature");
    expectRefused(parts[0] + '.' + parts[1] + '.' + signature.left(32).toBase64(B64), "signature");
}

void TestAuthJwt::algNoneRefused()
{
    const QList<QByteArray> parts = issueDefault().split('.');
    const QJsonObject none{{QStringLiteral("alg"), QStringLiteral("none")},
                           {QStringLiteral("typ"), QStringLiteral("JWT")},
                           {QStringLiteral("kid"), QString::fromLatin1(m_key->keyId())}};
    expectRefused(part(none) + '.' + parts[1] + '.', "ES256");
    expectRefused(part(none) + '.' + parts[1] + '.' + parts[2], "ES256");
    QJsonObject noneUpper = none;
    noneUpper.insert(QStringLiteral("alg"), QStringLiteral("None"));
    expectRefused(part(noneUpper) + '.' + parts[1] + '.', "ES256");
    QJsonObject missing = none;
    missing.remove(QStringLiteral("alg"));
    expectRefused(part(missing) + '.' + parts[1] + '.' + parts[2], "ES256");
}

void TestAuthJwt::algHs256WithPublicKeyRefused()
{
    // The classic confusion attack: HMAC-SHA256 keyed with the (public) verification key.
    const QList<QByteArray> parts = issueDefault().split('.');
    const QJsonObject hs{{QStringLiteral("alg"), QStringLiteral("HS256")},
                         {QStringLiteral("typ"), QStringLiteral("JWT")},
                         {QStringLiteral("kid"), QString::fromLatin1(m_key->keyId())}};
    const QByteArray input = part(hs) + '.' + parts[1];
    for (const QByteArray& secret : {m_key->publicKeyPem(), m_key->publicKeyDer()}) {
        const QByteArray mac = QMessageAuthenticationCode::hash(input, secret, QCryptographicHash::Sha256);
        expectRefused(input + '.' + mac.toBase64(B64), "ES256");
    }
}

void TestAuthJwt::otherAlgorithmsRefused()
{
    const QList<QByteArray> parts = issueDefault().split('.');
    for (const char* alg : {"ES384", "ES512", "RS256", "PS256", "EdDSA", "es256", ""}) {
        const QJsonObject h{{QStringLiteral("alg"), QLatin1String(alg)},
                            {QStringLiteral("kid"), QString::fromLatin1(m_key->keyId())}};
        expectRefused(part(h) + '.' + parts[1] + '.' + parts[2], "ES256");
    }
}

void TestAuthJwt::expiredRefused()
{
    const QByteArray token = issueDefault();
    m_clock->advance(300 + m_jwt->options().leewaySeconds);
    expectRefused(token, "expired");
}

/// verify() keeps the claims of a token that passed (JwtService::MaxVerifiedTokens): a token seen before
/// is still refused once it expires, and a token differing in a single byte is checked in full.
void TestAuthJwt::verifiedTokenExpiresAndStaysRefusedWhenTampered()
{
    const QByteArray token = issueDefault();
    for (int i = 0; i < 3; ++i) {
        Result<TokenClaims> r = m_jwt->verify(token);
        QVERIFY2(r.ok(), qPrintable(r.error().message));
        QCOMPARE(r->subject, QStringLiteral("alice"));
        QCOMPARE(r->groups, QStringList{QStringLiteral("Developers")});
    }
    QByteArray tampered = token;
    tampered[tampered.size() - 2] = tampered[tampered.size() - 2] == 'A' ? 'B' : 'A';
    expectRefused(tampered, "signature");
    QByteArray otherPayload = token;
    const qsizetype dot = otherPayload.indexOf('.') + 5;
    otherPayload[dot] = otherPayload[dot] == 'A' ? 'B' : 'A';
    QVERIFY(!m_jwt->verify(otherPayload).ok());

    // More tokens than are kept: the first ones are checked again and still pass.
    QList<QByteArray> many;
    for (int i = 0; i < JwtService::MaxVerifiedTokens + 10; ++i)
        many << m_jwt->issue(QStringLiteral("u%1").arg(i), {}, false, {});
    for (const QByteArray& t : many)
        QVERIFY(m_jwt->verify(t).ok());
    QCOMPARE(m_jwt->verify(many.first())->subject, QStringLiteral("u0"));

    m_clock->advance(300 + m_jwt->options().leewaySeconds);
    expectRefused(token, "expired");
    expectRefused(many.last(), "expired");
}

void TestAuthJwt::notYetValidRefused()
{
    TokenClaims claims;
    issueDefault(&claims);
    claims.notBefore = m_clock->now().addSecs(120);
    claims.issuedAt = claims.notBefore;
    claims.expires = claims.notBefore.addSecs(300);
    expectRefused(m_jwt->sign(claims), "not valid before");
}

void TestAuthJwt::leewayAccepted()
{
    const QByteArray token = issueDefault();
    m_clock->advance(300 + m_jwt->options().leewaySeconds - 1);
    QVERIFY(m_jwt->verify(token).ok());

    TokenClaims claims;
    issueDefault(&claims);
    claims.notBefore = m_clock->now().addSecs(m_jwt->options().leewaySeconds - 1);
    QVERIFY(m_jwt->verify(m_jwt->sign(claims)).ok());
}

void TestAuthJwt::wrongAudienceRefused()
{
    TokenClaims claims;
    issueDefault(&claims);
    claims.audience = QStringLiteral("other.example");
    expectRefused(m_jwt->sign(claims), "another service");
    claims.audience.clear();
    expectRefused(m_jwt->sign(claims), "another service");
}

void TestAuthJwt::audienceArrayAccepted()
{
    // Built by hand: the signer writes a string, but a list naming us is fine too.
    const QList<QByteArray> parts = issueDefault().split('.');
    QJsonObject claims = decode(parts[1]);
    claims.insert(QStringLiteral("aud"), QJsonArray{QStringLiteral("x"), QStringLiteral("registry.example")});
    const QByteArray input = parts[0] + '.' + part(claims);
    QVERIFY(m_jwt->verify(input + '.' + m_key->sign(input).toBase64(B64)).ok());
    claims.insert(QStringLiteral("aud"), QJsonArray{QStringLiteral("x")});
    const QByteArray input2 = parts[0] + '.' + part(claims);
    expectRefused(input2 + '.' + m_key->sign(input2).toBase64(B64), "another service");
}

void TestAuthJwt::wrongIssuerRefused()
{
    TokenClaims claims;
    issueDefault(&claims);
    claims.issuer = QStringLiteral("someone-else");
    expectRefused(m_jwt->sign(claims), "issued by someone else");
}

void TestAuthJwt::unknownKidRefused()
{
    const QList<QByteArray> parts = issueDefault().split('.');
    QJsonObject header = decode(parts[0]);
    header.insert(QStringLiteral("kid"), QStringLiteral("AAAAAAAAAAAAAAAAAAAAAAAA"));
    const QByteArray input = part(header) + '.' + parts[1];
    expectRefused(input + '.' + m_key->sign(input).toBase64(B64), "does not know");
    header.remove(QStringLiteral("kid"));
    const QByteArray input2 = part(header) + '.' + parts[1];
    expectRefused(input2 + '.' + m_key->sign(input2).toBase64(B64), "does not know");
}

void TestAuthJwt::otherKeyRefused()
{
    // Another registry's key, even claiming our kid, does not verify.
    auto other = SigningKey::generate();
    QVERIFY(other.ok());
    const QList<QByteArray> parts = issueDefault().split('.');
    const QByteArray input = parts[0] + '.' + parts[1];
    expectRefused(input + '.' + other.value()->sign(input).toBase64(B64), "signature");
}

void TestAuthJwt::garbageRefused_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("one part") << QByteArray("abc");
    QTest::newRow("two parts") << QByteArray("abc.def");
    QTest::newRow("four parts") << QByteArray("a.b.c.d");
    QTest::newRow("padding") << QByteArray("eyJhbGciOiJFUzI1NiJ9==.e30.AA");
    QTest::newRow("standard base64") << QByteArray("a+b/.c.d");
    QTest::newRow("header not json") << (QByteArray("not json").toBase64(B64) + ".e30.AA");
    QTest::newRow("header array") << (QByteArray("[1]").toBase64(B64) + ".e30.AA");
    QTest::newRow("huge") << QByteArray(100000, 'a');
}

void TestAuthJwt::garbageRefused()
{
    QFETCH(QByteArray, token);
    QVERIFY(!m_jwt->verify(token).ok());
}

void TestAuthJwt::keyPersistedAndReused()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("data/keys/token-signing.pem"));
    auto first = SigningKey::loadOrCreate(path);
    QVERIFY2(first.ok(), qPrintable(first.error().message));
    QVERIFY(QFile::exists(path));
    const QFile::Permissions groupOrOther = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup |
                                            QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
    QCOMPARE(QFile::permissions(path) & groupOrOther, QFile::Permissions()); // 0600
    QCOMPARE(QFile::permissions(path) & (QFile::ReadOwner | QFile::WriteOwner),
             QFile::ReadOwner | QFile::WriteOwner);
    QCOMPARE(QFileInfo(dir.filePath(QStringLiteral("data/keys"))).permissions() & groupOrOther,
             QFile::Permissions()); // 0700

    // "Restart": the same key is read back, and tokens from before still verify.
    JwtService before(first.value(), JwtService::Options(), *m_clock);
    const QByteArray token = before.issue(QStringLiteral("alice"), {}, false, {});
    auto second = SigningKey::loadOrCreate(path);
    QVERIFY(second.ok());
    QCOMPARE(second.value()->keyId(), first.value()->keyId());
    QCOMPARE(second.value()->publicKeyDer(), first.value()->publicKeyDer());
    JwtService after(second.value(), JwtService::Options(), *m_clock);
    QVERIFY(after.verify(token).ok());

    // A different data directory gets a different key.
    auto third = SigningKey::loadOrCreate(dir.filePath(QStringLiteral("other/token-signing.pem")));
    QVERIFY(third.ok());
    QVERIFY(third.value()->keyId() != first.value()->keyId());
}

void TestAuthJwt::corruptKeyFileNotOverwritten()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("token-signing.pem"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not a key\n");
    file.close();
    auto r = SigningKey::loadOrCreate(path);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains(path), qPrintable(r.error().message));
    QFile again(path);
    QVERIFY(again.open(QIODevice::ReadOnly));
    QCOMPARE(again.readAll(), QByteArray("not a key\n"));

    // An RSA key is refused as well: only P-256.
    QVERIFY(!SigningKey::fromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n").ok());
}

QTEST_GUILESS_MAIN(TestAuthJwt)
#include "tst_authjwt.moc"
