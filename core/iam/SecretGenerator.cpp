#include "iam/SecretGenerator.h"

#include <QCryptographicHash>
#include <QtGlobal>
#include <openssl/rand.h>

namespace berth {

QByteArray SecretGenerator::randomBytes(int count)
{
    QByteArray out(count, Qt::Uninitialized);
    if (count > 0 && RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), count) != 1)
        qFatal("berth: the system's random number generator failed; cannot create secrets safely");
    return out;
}

QString SecretGenerator::authTokenSecret()
{
    const QByteArray bytes = randomBytes(AuthTokenBytes);
    return QLatin1String(AuthTokenPrefix) +
           QString::fromLatin1(
               bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString SecretGenerator::password(int length)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    static_assert(sizeof(alphabet) - 1 == 64, "64 symbols: one per 6 random bits, no bias");
    QString out;
    out.reserve(length);
    const QByteArray bytes = randomBytes(length);
    for (int i = 0; i < length; ++i)
        out.append(QLatin1Char(alphabet[static_cast<unsigned char>(bytes.at(i)) & 63]));
    return out;
}

QString SecretGenerator::ocid(const QString& kind)
{
    return QStringLiteral("ocid1.%1.berth..%2").arg(kind, QString::fromLatin1(randomBytes(16).toHex()));
}

QString SecretGenerator::sha256Hex(const QString& text)
{
    return QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
}

} // namespace berth
