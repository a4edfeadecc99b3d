#include "tls/TlsCredentials.h"

#include "tls/OpenSslPointers.h"

#include <QFile>
#include <QSslSocket>
#include <openssl/pem.h>

namespace berth {

namespace {

constexpr qint64 MaxPemBytes = 1024 * 1024;
const QByteArray BeginCertificate = "-----BEGIN CERTIFICATE-----";

// Never asks for a passphrase (OpenSSL's default would prompt on the terminal).
int noPassphrase(char*, int, int, void*)
{
    return -1;
}

bool readPem(const QString& path, const QString& what, QByteArray* data, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error =
            TlsCredentials::tr("Cannot read the TLS %1 file %2: %3.").arg(what, path, file.errorString());
        return false;
    }
    if (file.size() > MaxPemBytes) {
        *error = TlsCredentials::tr("The TLS %1 file %2 is larger than 1 MiB; it is not a PEM file.")
                     .arg(what, path);
        return false;
    }
    *data = file.readAll();
    return true;
}

QString dateText(const QDateTime& when)
{
    return when.toUTC().toString(Qt::ISODate);
}

} // namespace

bool TlsCredentials::load(const QString& certificateFile, const QString& keyFile, const Clock& clock,
                          QString* error, QStringList* warnings)
{
    m_chain.clear();
    m_key = QSslKey();
    QByteArray certificatePem;
    if (!readPem(certificateFile, tr("certificate"), &certificatePem, error))
        return false;
    const int blocks = int(certificatePem.count(BeginCertificate));
    if (blocks == 0) {
        *error = tr("The TLS certificate file %1 is not a PEM certificate: it has no \"%2\" line.")
                     .arg(certificateFile, QString::fromLatin1(BeginCertificate));
        return false;
    }
    std::vector<openssl::X509Ptr> parsed;
    {
        openssl::BioPtr bio = openssl::memoryBio(certificatePem);
        while (int(parsed.size()) < blocks) {
            openssl::X509Ptr certificate(PEM_read_bio_X509(bio.get(), nullptr, noPassphrase, nullptr));
            if (!certificate)
                break;
            parsed.push_back(std::move(certificate));
        }
        ERR_clear_error();
    }
    if (int(parsed.size()) != blocks) {
        *error =
            tr("The TLS certificate file %1 has a damaged or cut-short certificate (number %2 in the file); "
               "export it again in PEM format.")
                .arg(certificateFile)
                .arg(parsed.size() + 1);
        return false;
    }

    QByteArray keyPem;
    if (!readPem(keyFile, tr("key"), &keyPem, error))
        return false;
    if (keyPem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") ||
        keyPem.contains("Proc-Type: 4,ENCRYPTED")) {
        *error = tr("The TLS key file %1 is protected by a passphrase; berthd needs it without one "
                    "(openssl pkey -in %1 -out server-key.pem writes such a copy; keep it readable by berthd "
                    "only).")
                     .arg(keyFile);
        return false;
    }
    if (!keyPem.contains("-----BEGIN") || !keyPem.contains("PRIVATE KEY-----")) {
        *error = tr("The TLS key file %1 is not a PEM private key: it has no \"-----BEGIN PRIVATE KEY-----\" "
                    "line.")
                     .arg(keyFile);
        return false;
    }
    openssl::KeyPtr key;
    {
        openssl::BioPtr bio = openssl::memoryBio(keyPem);
        key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr));
        ERR_clear_error();
    }
    if (!key) {
        *error =
            tr("The TLS key file %1 has a damaged or cut-short private key; export it again in PEM format.")
                .arg(keyFile);
        return false;
    }
    if (X509_check_private_key(parsed.front().get(), key.get()) != 1) {
        ERR_clear_error();
        *error =
            tr("The private key in %1 does not belong to the certificate in %2; give the key that was made "
               "together with that certificate.")
                .arg(keyFile, certificateFile);
        return false;
    }
    QSsl::KeyAlgorithm algorithm;
    switch (EVP_PKEY_get_base_id(key.get())) {
    case EVP_PKEY_RSA:
        algorithm = QSsl::Rsa;
        break;
    case EVP_PKEY_EC:
        algorithm = QSsl::Ec;
        break;
    default:
        *error =
            tr("The TLS key in %1 is neither an RSA nor an EC key; berthd serves HTTPS with RSA or EC keys.")
                .arg(keyFile);
        return false;
    }

    // Hand Qt the key as unencrypted PKCS#8, whatever PEM flavour the file used.
    openssl::BioPtr out(BIO_new(BIO_s_mem()));
    if (!PEM_write_bio_PrivateKey(out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr)) {
        *error = tr("Cannot use the TLS key in %1: %2.").arg(keyFile, openssl::lastError());
        return false;
    }
    m_key = QSslKey(openssl::bioContents(out.get()), algorithm, QSsl::Pem, QSsl::PrivateKey);
    m_chain = QSslCertificate::fromData(certificatePem, QSsl::Pem);
    if (m_key.isNull() || m_chain.size() != blocks) {
        *error = tr("Qt's TLS backend cannot use the certificate in %1 or the key in %2.")
                     .arg(certificateFile, keyFile);
        m_chain.clear();
        m_key = QSslKey();
        return false;
    }

    const QSslCertificate& leaf = m_chain.front();
    const QDateTime now = clock.now();
    if (leaf.expiryDate() < now) {
        warnings->append(
            tr("The TLS certificate in %1 expired on %2; clients will refuse it until you replace it.")
                .arg(certificateFile, dateText(leaf.expiryDate())));
    } else if (leaf.effectiveDate() > now) {
        warnings->append(
            tr("The TLS certificate in %1 is not valid before %2; clients will refuse it until then "
               "(is this machine's clock right?).")
                .arg(certificateFile, dateText(leaf.effectiveDate())));
    }
    return true;
}

QSslConfiguration TlsCredentials::serverConfiguration() const
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(m_chain);
    configuration.setPrivateKey(m_key);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    return configuration;
}

} // namespace berth
