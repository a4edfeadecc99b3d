#include "iam/PasswordHasher.h"

#include "iam/SecretGenerator.h"

#include <QStringList>
#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace berth {

namespace {

const QString Prefix = QStringLiteral("$scrypt$");

bool sane(const PasswordHasher::Parameters& p)
{
    // Bounds keep a damaged or hostile stored hash from asking for gigabytes.
    return p.log2N >= 1 && p.log2N <= 22 && p.r >= 1 && p.r <= 32 && p.p >= 1 && p.p <= 16;
}

QByteArray b64(const QByteArray& bytes)
{
    return bytes.toBase64(QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals);
}

std::optional<QByteArray> unb64(const QString& text)
{
    auto decoded = QByteArray::fromBase64Encoding(
        text.toLatin1(), QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return decoded.decoded;
}

} // namespace

QString PasswordHasher::passwordProblem(const QString& password)
{
    if (password.size() < MinimumPasswordLength) {
        return QStringLiteral("The password is too short: use at least %1 characters (it has %2)")
            .arg(MinimumPasswordLength)
            .arg(password.size());
    }
    if (password.size() > MaximumPasswordLength)
        return QStringLiteral("The password is too long: use at most %1 characters")
            .arg(MaximumPasswordLength);
    if (password.trimmed().isEmpty())
        return QStringLiteral("The password is only spaces");
    return QString();
}

Result<QString> PasswordHasher::hash(const QString& password)
{
    return hash(password, Parameters());
}

Result<QString> PasswordHasher::hash(const QString& password, const Parameters& parameters)
{
    return hashWithSalt(password, SecretGenerator::randomBytes(SaltLength), parameters);
}

Result<QString> PasswordHasher::hashWithSalt(const QString& password, const QByteArray& salt,
                                             const Parameters& parameters)
{
    if (!sane(parameters) || salt.isEmpty())
        return Error(ErrorCode::Internal, QStringLiteral("Unusable password hashing parameters"));
    const QByteArray utf8 = password.toUtf8();
    const quint64 n = quint64(1) << parameters.log2N;
    // scrypt needs 128 * r * N bytes (plus 128 * r * p); leave headroom.
    const quint64 maxMemory = 128ULL * quint64(parameters.r) * (n + quint64(parameters.p) + 2) + (1ULL << 20);
    QByteArray out(HashLength, Qt::Uninitialized);
    if (EVP_PBE_scrypt(utf8.constData(), size_t(utf8.size()),
                       reinterpret_cast<const unsigned char*>(salt.constData()), size_t(salt.size()), n,
                       quint64(parameters.r), quint64(parameters.p), maxMemory,
                       reinterpret_cast<unsigned char*>(out.data()), size_t(out.size())) != 1) {
        return Error(ErrorCode::Internal,
                     QStringLiteral("Hashing the password failed (scrypt, N=2^%1, r=%2, p=%3)")
                         .arg(parameters.log2N)
                         .arg(parameters.r)
                         .arg(parameters.p));
    }
    return encode(Decoded{parameters, salt, out});
}

QString PasswordHasher::encode(const Decoded& d)
{
    return Prefix +
           QStringLiteral("ln=%1,r=%2,p=%3$")
               .arg(d.parameters.log2N)
               .arg(d.parameters.r)
               .arg(d.parameters.p) +
           QString::fromLatin1(b64(d.salt)) + QLatin1Char('$') + QString::fromLatin1(b64(d.hash));
}

std::optional<PasswordHasher::Decoded> PasswordHasher::decode(const QString& encoded)
{
    if (!encoded.startsWith(Prefix))
        return std::nullopt;
    const QStringList parts = encoded.mid(Prefix.size()).split(QLatin1Char('$'));
    if (parts.size() != 3)
        return std::nullopt;
    Decoded d;
    bool seenN = false, seenR = false, seenP = false;
    for (const QString& kv : parts.at(0).split(QLatin1Char(','))) {
        const int eq = kv.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return std::nullopt;
        bool ok = false;
        const int value = kv.mid(eq + 1).toInt(&ok);
        if (!ok)
            return std::nullopt;
        const QString key = kv.left(eq);
        if (key == QLatin1String("ln") && !seenN) {
            d.parameters.log2N = value;
            seenN = true;
        } else if (key == QLatin1String("r") && !seenR) {
            d.parameters.r = value;
            seenR = true;
        } else if (key == QLatin1String("p") && !seenP) {
            d.parameters.p = value;
            seenP = true;
        } else {
            return std::nullopt;
        }
    }
    if (!seenN || !seenR || !seenP || !sane(d.parameters))
        return std::nullopt;
    auto salt = unb64(parts.at(1));
    auto hash = unb64(parts.at(2));
    if (!salt || !hash || salt->isEmpty() || hash->size() != HashLength)
        return std::nullopt;
    d.salt = *salt;
    d.hash = *hash;
    return d;
}

bool PasswordHasher::verify(const QString& password, const QString& encoded)
{
    const auto decoded = decode(encoded);
    if (!decoded)
        return false;
    auto again = hashWithSalt(password, decoded->salt, decoded->parameters);
    if (!again)
        return false;
    const auto recomputed = decode(again.value());
    return recomputed && constantTimeEquals(recomputed->hash, decoded->hash);
}

bool PasswordHasher::needsRehash(const QString& encoded, const Parameters& current)
{
    const auto decoded = decode(encoded);
    return !decoded || !(decoded->parameters == current);
}

bool PasswordHasher::constantTimeEquals(const QByteArray& a, const QByteArray& b)
{
    if (a.size() != b.size())
        return false;
    return CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

} // namespace berth
