#include "auth/SigningKey.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace berth {

namespace {

constexpr int CoordinateBytes = 32;

struct BioDeleter
{
    void operator()(BIO* b) const { BIO_free(b); }
};
struct MdCtxDeleter
{
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
struct SigDeleter
{
    void operator()(ECDSA_SIG* s) const { ECDSA_SIG_free(s); }
};

QByteArray bioContents(BIO* bio)
{
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return size > 0 ? QByteArray(data, qsizetype(size)) : QByteArray();
}

Error keyError(const QString& what)
{
    return Error(ErrorCode::Internal, what);
}

} // namespace

struct SigningKey::Key
{
    EVP_PKEY* pkey = nullptr;
    ~Key() { EVP_PKEY_free(pkey); }
};

SigningKey::SigningKey(std::unique_ptr<Key> key) : m_key(std::move(key)) {}
SigningKey::~SigningKey() = default;

Result<std::shared_ptr<SigningKey>> SigningKey::wrap(void* raw)
{
    auto key = std::make_unique<Key>();
    key->pkey = static_cast<EVP_PKEY*>(raw);
    if (!key->pkey)
        return keyError(QStringLiteral("The token-signing key could not be read."));

    char group[64] = {};
    size_t groupLength = 0;
    if (EVP_PKEY_get_base_id(key->pkey) != EVP_PKEY_EC ||
        EVP_PKEY_get_utf8_string_param(key->pkey, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                       &groupLength) != 1 ||
        qstrcmp(group, "prime256v1") != 0)
        return keyError(QStringLiteral("The token-signing key is not an ECDSA P-256 key."));

    unsigned char* der = nullptr;
    const int derLength = i2d_PUBKEY(key->pkey, &der);
    if (derLength <= 0)
        return keyError(QStringLiteral("The token-signing key's public part could not be encoded."));
    std::shared_ptr<SigningKey> result(new SigningKey(std::move(key)));
    result->m_publicDer = QByteArray(reinterpret_cast<const char*>(der), derLength);
    OPENSSL_free(der);
    const QByteArray hash = QCryptographicHash::hash(result->m_publicDer, QCryptographicHash::Sha256);
    result->m_keyId = hash.left(18).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return result;
}

Result<std::shared_ptr<SigningKey>> SigningKey::generate()
{
    EVP_PKEY* pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
    if (!pkey)
        return keyError(QStringLiteral("A new token-signing key could not be generated."));
    return wrap(pkey);
}

Result<std::shared_ptr<SigningKey>> SigningKey::fromPem(const QByteArray& pem)
{
    std::unique_ptr<BIO, BioDeleter> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    EVP_PKEY* pkey = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
    if (!pkey)
        return keyError(QStringLiteral("The token-signing key file holds no readable PEM private key."));
    return wrap(pkey);
}

Result<std::shared_ptr<SigningKey>> SigningKey::loadOrCreate(const QString& pemPath)
{
    QFile existing(pemPath);
    if (existing.exists()) {
        if (!existing.open(QIODevice::ReadOnly))
            return keyError(QStringLiteral("The token-signing key %1 could not be opened: %2")
                                .arg(pemPath, existing.errorString()));
        Result<std::shared_ptr<SigningKey>> loaded = fromPem(existing.readAll());
        if (!loaded)
            return Error(ErrorCode::Internal, QStringLiteral("%1 (%2)").arg(loaded.error().message, pemPath));
        return loaded;
    }

    const QString dir = QFileInfo(pemPath).absolutePath();
    if (!QDir().mkpath(dir))
        return keyError(
            QStringLiteral("The directory %1 for the token-signing key could not be created.").arg(dir));
    QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);

    Result<std::shared_ptr<SigningKey>> created = generate();
    if (!created)
        return created;
    const QByteArray pem = created.value()->privateKeyPem();
    QSaveFile file(pemPath);
    if (!file.open(QIODevice::WriteOnly))
        return keyError(QStringLiteral("The token-signing key %1 could not be written: %2")
                            .arg(pemPath, file.errorString()));
    // Restrict the temporary file before any key byte is written into it.
    if (!file.setPermissions(QFile::ReadOwner | QFile::WriteOwner) || file.write(pem) != pem.size() ||
        !file.commit())
        return keyError(QStringLiteral("The token-signing key %1 could not be written: %2")
                            .arg(pemPath, file.errorString()));
    return created;
}

QByteArray SigningKey::publicKeyPem() const
{
    std::unique_ptr<BIO, BioDeleter> bio(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_PUBKEY(bio.get(), m_key->pkey) != 1)
        return QByteArray();
    return bioContents(bio.get());
}

QByteArray SigningKey::privateKeyPem() const
{
    std::unique_ptr<BIO, BioDeleter> bio(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_PrivateKey(bio.get(), m_key->pkey, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return QByteArray();
    return bioContents(bio.get());
}

QByteArray SigningKey::sign(const QByteArray& data) const
{
    std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, m_key->pkey) != 1)
        return QByteArray();
    size_t derLength = 0;
    const auto* in = reinterpret_cast<const unsigned char*>(data.constData());
    if (EVP_DigestSign(ctx.get(), nullptr, &derLength, in, size_t(data.size())) != 1)
        return QByteArray();
    QByteArray der(qsizetype(derLength), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(der.data()), &derLength, in,
                       size_t(data.size())) != 1)
        return QByteArray();
    // OpenSSL gives DER (SEQUENCE { r, s }); JOSE wants r and s as two fixed 32-byte numbers.
    const auto* p = reinterpret_cast<const unsigned char*>(der.constData());
    std::unique_ptr<ECDSA_SIG, SigDeleter> sig(d2i_ECDSA_SIG(nullptr, &p, long(derLength)));
    if (!sig)
        return QByteArray();
    const BIGNUM* r = nullptr;
    const BIGNUM* s = nullptr;
    ECDSA_SIG_get0(sig.get(), &r, &s);
    QByteArray raw(2 * CoordinateBytes, '\0');
    auto* out = reinterpret_cast<unsigned char*>(raw.data());
    if (BN_bn2binpad(r, out, CoordinateBytes) != CoordinateBytes ||
        BN_bn2binpad(s, out + CoordinateBytes, CoordinateBytes) != CoordinateBytes)
        return QByteArray();
    return raw;
}

bool SigningKey::verify(const QByteArray& data, const QByteArray& signature) const
{
    if (signature.size() != 2 * CoordinateBytes)
        return false;
    const auto* raw = reinterpret_cast<const unsigned char*>(signature.constData());
    BIGNUM* r = BN_bin2bn(raw, CoordinateBytes, nullptr);
    BIGNUM* s = BN_bin2bn(raw + CoordinateBytes, CoordinateBytes, nullptr);
    std::unique_ptr<ECDSA_SIG, SigDeleter> sig(ECDSA_SIG_new());
    if (!r || !s || !sig || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return false;
    }
    unsigned char* der = nullptr;
    const int derLength = i2d_ECDSA_SIG(sig.get(), &der);
    if (derLength <= 0)
        return false;
    std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
    bool ok =
        ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, m_key->pkey) == 1 &&
        EVP_DigestVerify(ctx.get(), der, size_t(derLength),
                         reinterpret_cast<const unsigned char*>(data.constData()), size_t(data.size())) == 1;
    OPENSSL_free(der);
    return ok;
}

} // namespace berth
