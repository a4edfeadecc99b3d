#include "tls/LocalCertificateAuthority.h"

#include "tls/OpenSslPointers.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostInfo>
#include <QRegularExpression>
#include <QSslCertificate>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <unistd.h>

namespace berth {

namespace {

constexpr QFileDevice::Permissions PrivateFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions PublicFile =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther;
constexpr qint64 SecondsPerDay = 24 * 60 * 60;
constexpr qint64 ClockSkewSeconds = 60 * 60; ///< certificates start an hour early: other clocks differ

int noPassphrase(char*, int, int, void*)
{
    return -1;
}

/// A certificate and its key as read from (or written to) the keys folder.
struct Pair
{
    openssl::X509Ptr certificate;
    openssl::KeyPtr key;
    QSslCertificate qt;
};

QByteArray readSmallFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() > 1024 * 1024)
        return QByteArray();
    return file.readAll();
}

/// False when either file is missing or damaged, or the key does not belong to the certificate.
bool readPair(const QString& certificatePath, const QString& keyPath, Pair* pair)
{
    const QByteArray certificatePem = readSmallFile(certificatePath);
    const QByteArray keyPem = readSmallFile(keyPath);
    if (certificatePem.isEmpty() || keyPem.isEmpty())
        return false;
    openssl::BioPtr certificateBio = openssl::memoryBio(certificatePem);
    openssl::BioPtr keyBio = openssl::memoryBio(keyPem);
    pair->certificate.reset(PEM_read_bio_X509(certificateBio.get(), nullptr, noPassphrase, nullptr));
    pair->key.reset(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, noPassphrase, nullptr));
    const bool ok =
        pair->certificate && pair->key && X509_check_private_key(pair->certificate.get(), pair->key.get());
    ERR_clear_error();
    if (!ok)
        return false;
    pair->qt = QSslCertificate(certificatePem, QSsl::Pem);
    return !pair->qt.isNull();
}

openssl::KeyPtr generateKey()
{
    openssl::KeyContextPtr context(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    EVP_PKEY* key = nullptr;
    if (!context || EVP_PKEY_keygen_init(context.get()) <= 0 ||
        EVP_PKEY_CTX_set_group_name(context.get(), "P-256") <= 0 ||
        EVP_PKEY_generate(context.get(), &key) <= 0)
        return nullptr;
    return openssl::KeyPtr(key);
}

bool setName(X509_NAME* name, const QString& commonName)
{
    const QByteArray cn = commonName.toUtf8().left(64);
    const QByteArray organization = "Berth";
    return X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char*>(organization.constData()), -1,
                                      -1, 0) == 1 &&
           X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char*>(cn.constData()), -1, -1, 0) == 1;
}

bool addExtension(X509* certificate, X509* issuer, int nid, const char* value)
{
    X509V3_CTX context;
    X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
    openssl::ExtensionPtr extension(X509V3_EXT_nconf_nid(nullptr, &context, nid, value));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

bool addSubjectAltNames(X509* certificate, const LocalCertificateAuthority::Names& names)
{
    openssl::GeneralNamesPtr list(sk_GENERAL_NAME_new_null());
    if (!list)
        return false;
    for (const QString& dns : names.dnsNames) {
        const QByteArray ascii = dns.toLatin1();
        GENERAL_NAME* name = GENERAL_NAME_new();
        ASN1_IA5STRING* text = ASN1_IA5STRING_new();
        if (!name || !text || ASN1_STRING_set(text, ascii.constData(), int(ascii.size())) != 1) {
            GENERAL_NAME_free(name);
            ASN1_IA5STRING_free(text);
            return false;
        }
        GENERAL_NAME_set0_value(name, GEN_DNS, text);
        sk_GENERAL_NAME_push(list.get(), name);
    }
    for (const QHostAddress& address : names.addresses) {
        QByteArray bytes;
        if (address.protocol() == QAbstractSocket::IPv4Protocol) {
            const quint32 v4 = address.toIPv4Address();
            bytes = QByteArray(4, Qt::Uninitialized);
            for (int i = 0; i < 4; ++i)
                bytes[i] = char((v4 >> (24 - 8 * i)) & 0xff);
        } else {
            const Q_IPV6ADDR v6 = address.toIPv6Address();
            bytes = QByteArray(reinterpret_cast<const char*>(v6.c), 16);
        }
        GENERAL_NAME* name = GENERAL_NAME_new();
        ASN1_OCTET_STRING* octets = ASN1_OCTET_STRING_new();
        if (!name || !octets ||
            ASN1_OCTET_STRING_set(octets, reinterpret_cast<const unsigned char*>(bytes.constData()),
                                  int(bytes.size())) != 1) {
            GENERAL_NAME_free(name);
            ASN1_OCTET_STRING_free(octets);
            return false;
        }
        GENERAL_NAME_set0_value(name, GEN_IPADD, octets);
        sk_GENERAL_NAME_push(list.get(), name);
    }
    return X509_add1_ext_i2d(certificate, NID_subject_alt_name, list.get(), 0, X509V3_ADD_DEFAULT) == 1;
}

/// A certificate for `key`, signed by `issuerKey` (self-signed when issuer is null), valid from
/// notBefore to notAfter (seconds since the epoch).
openssl::X509Ptr makeCertificate(EVP_PKEY* key, const QString& commonName, X509* issuer, EVP_PKEY* issuerKey,
                                 qint64 notBefore, qint64 notAfter, bool authority,
                                 const LocalCertificateAuthority::Names& names)
{
    openssl::X509Ptr certificate(X509_new());
    if (!certificate || X509_set_version(certificate.get(), 2) != 1)
        return nullptr;
    unsigned char serial[16];
    if (RAND_bytes(serial, sizeof serial) != 1)
        return nullptr;
    serial[0] = static_cast<unsigned char>((serial[0] & 0x7f) | 0x40); // positive, full length
    openssl::BignumPtr serialNumber(BN_bin2bn(serial, sizeof serial, nullptr));
    if (!serialNumber || !BN_to_ASN1_INTEGER(serialNumber.get(), X509_get_serialNumber(certificate.get())))
        return nullptr;
    if (!ASN1_TIME_set(X509_getm_notBefore(certificate.get()), time_t(notBefore)) ||
        !ASN1_TIME_set(X509_getm_notAfter(certificate.get()), time_t(notAfter)))
        return nullptr;
    if (!setName(X509_get_subject_name(certificate.get()), commonName) ||
        X509_set_issuer_name(certificate.get(), X509_get_subject_name(issuer ? issuer : certificate.get())) !=
            1 ||
        X509_set_pubkey(certificate.get(), key) != 1)
        return nullptr;
    X509* issuerOrSelf = issuer ? issuer : certificate.get();
    bool ok = addExtension(certificate.get(), issuerOrSelf, NID_subject_key_identifier, "hash");
    if (authority) {
        ok = ok &&
             addExtension(certificate.get(), issuerOrSelf, NID_basic_constraints,
                          "critical,CA:TRUE,pathlen:0") &&
             addExtension(certificate.get(), issuerOrSelf, NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        ok = ok &&
             addExtension(certificate.get(), issuerOrSelf, NID_authority_key_identifier, "keyid:always") &&
             addExtension(certificate.get(), issuerOrSelf, NID_basic_constraints, "critical,CA:FALSE") &&
             addExtension(certificate.get(), issuerOrSelf, NID_key_usage, "critical,digitalSignature") &&
             addExtension(certificate.get(), issuerOrSelf, NID_ext_key_usage, "serverAuth") &&
             addSubjectAltNames(certificate.get(), names);
    }
    if (!ok || X509_sign(certificate.get(), issuerKey, EVP_sha256()) <= 0)
        return nullptr;
    return certificate;
}

QByteArray certificatePem(X509* certificate)
{
    openssl::BioPtr bio(BIO_new(BIO_s_mem()));
    return PEM_write_bio_X509(bio.get(), certificate) == 1 ? openssl::bioContents(bio.get()) : QByteArray();
}

QByteArray keyPem(EVP_PKEY* key)
{
    openssl::BioPtr bio(BIO_new(BIO_s_mem()));
    return PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1
               ? openssl::bioContents(bio.get())
               : QByteArray();
}

/// Writes the whole file or nothing: a temporary file created with `permissions`, synced, renamed.
bool writeFile(const QString& path, const QByteArray& data, QFileDevice::Permissions permissions,
               QString* error)
{
    const QString temporary = path + QStringLiteral(".new");
    QFile::remove(temporary);
    QFile file(temporary);
    if (data.isEmpty() || !file.open(QIODevice::WriteOnly | QIODevice::NewOnly, permissions) ||
        file.write(data) != data.size() || !file.flush() || ::fsync(file.handle()) != 0) {
        *error = LocalCertificateAuthority::tr("Cannot write %1: %2.")
                     .arg(QDir::toNativeSeparators(path),
                          data.isEmpty() ? openssl::lastError() : file.errorString());
        file.remove();
        return false;
    }
    file.close();
    if (std::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(path).constData()) != 0) {
        *error = LocalCertificateAuthority::tr("Cannot write %1: %2.")
                     .arg(QDir::toNativeSeparators(path), QString::fromLocal8Bit(std::strerror(errno)));
        QFile::remove(temporary);
        return false;
    }
    return true;
}

bool coversAll(const QSslCertificate& certificate, const LocalCertificateAuthority::Names& wanted,
               QString* missing)
{
    const auto alternatives = certificate.subjectAlternativeNames();
    const QStringList dns = alternatives.values(QSsl::DnsEntry);
    const QStringList ips = alternatives.values(QSsl::IpAddressEntry);
    for (const QString& name : wanted.dnsNames) {
        if (!dns.contains(name, Qt::CaseInsensitive)) {
            *missing = name;
            return false;
        }
    }
    for (const QHostAddress& address : wanted.addresses) {
        const bool found = std::any_of(ips.begin(), ips.end(),
                                       [&](const QString& ip) { return QHostAddress(ip).isEqual(address); });
        if (!found) {
            *missing = address.toString();
            return false;
        }
    }
    return true;
}

QString shellQuoted(const QString& path)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_./:@%+=-]+$"));
    if (plain.match(path).hasMatch())
        return path;
    QString quoted = path;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

} // namespace

LocalCertificateAuthority::Names LocalCertificateAuthority::namesFor(const QHostAddress& listenAddress)
{
    Names names;
    names.dnsNames << QStringLiteral("localhost");
    // Only a host name that is a valid DNS name goes into the certificate.
    static const QRegularExpression dnsName(
        QStringLiteral("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$"));
    const QString host = QHostInfo::localHostName().toLower();
    if (!host.isEmpty() && host != QLatin1String("localhost") && host.size() <= 253 &&
        dnsName.match(host).hasMatch())
        names.dnsNames << host;
    names.addresses << QHostAddress(QHostAddress::LocalHost) << QHostAddress(QHostAddress::LocalHostIPv6);
    const bool wildcard = listenAddress == QHostAddress::Any || listenAddress == QHostAddress::AnyIPv4 ||
                          listenAddress == QHostAddress::AnyIPv6 || listenAddress.isNull();
    if (!wildcard) {
        const bool known = std::any_of(names.addresses.begin(), names.addresses.end(),
                                       [&](const QHostAddress& a) { return a.isEqual(listenAddress); });
        if (!known)
            names.addresses << listenAddress;
    }
    return names;
}

LocalCertificateAuthority::LocalCertificateAuthority(QString keysDirectory, const Clock& clock)
    : m_directory(std::move(keysDirectory)), m_clock(clock)
{}

QString LocalCertificateAuthority::authorityCertificatePath() const
{
    return m_directory + QStringLiteral("/ca.crt");
}

QString LocalCertificateAuthority::authorityKeyPath() const
{
    return m_directory + QStringLiteral("/ca.key");
}

QString LocalCertificateAuthority::certificatePath() const
{
    return m_directory + QStringLiteral("/server.crt");
}

QString LocalCertificateAuthority::keyPath() const
{
    return m_directory + QStringLiteral("/server.key");
}

bool LocalCertificateAuthority::ensure(const Names& names, Outcome* outcome, QString* error)
{
    *outcome = Outcome();
    if (!QDir().mkpath(m_directory)) {
        *error =
            tr("Cannot create the folder %1 for the local CA.").arg(QDir::toNativeSeparators(m_directory));
        return false;
    }
    QFile::setPermissions(m_directory,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    const QDateTime renewBefore = m_clock.now().addDays(RenewWithinDays);

    Pair authority;
    const bool haveAuthorityFiles =
        QFile::exists(authorityCertificatePath()) || QFile::exists(authorityKeyPath());
    if (haveAuthorityFiles && !readPair(authorityCertificatePath(), authorityKeyPath(), &authority)) {
        *error =
            tr("The local CA in %1 cannot be used: ca.crt or ca.key is missing or damaged, or they do not "
               "belong together. Move ca.crt, ca.key, server.crt and server.key out of that folder; berthd "
               "then makes a new CA, which clients must be told to trust again.")
                .arg(QDir::toNativeSeparators(m_directory));
        return false;
    }
    if (!haveAuthorityFiles || authority.qt.expiryDate() < renewBefore) {
        authority.key = generateKey();
        if (!authority.key) {
            *error = tr("Cannot make a key for the local CA: %1.").arg(openssl::lastError());
            return false;
        }
        const QString host = QHostInfo::localHostName();
        authority.certificate = makeCertificate(
            authority.key.get(), host.isEmpty() ? tr("Berth local CA") : tr("Berth local CA on %1").arg(host),
            nullptr, authority.key.get(), now - ClockSkewSeconds, now + AuthorityValidityDays * SecondsPerDay,
            true, {});
        if (!authority.certificate) {
            *error = tr("Cannot make the local CA's certificate: %1.").arg(openssl::lastError());
            return false;
        }
        if (!writeFile(authorityKeyPath(), keyPem(authority.key.get()), PrivateFile, error) ||
            !writeFile(authorityCertificatePath(), certificatePem(authority.certificate.get()), PublicFile,
                       error))
            return false;
        outcome->createdAuthority = true;
        outcome->reason = haveAuthorityFiles ? tr("the local CA expires soon; a new one was made")
                                             : tr("a new local CA was made");
    }

    Pair server;
    QString missing;
    if (outcome->createdAuthority) {
        // reason already given
    } else if (!readPair(certificatePath(), keyPath(), &server)) {
        outcome->reason = QFile::exists(certificatePath())
                              ? tr("server.crt or server.key was damaged or they did not belong together")
                              : tr("there was no server certificate yet");
    } else if (X509_verify(server.certificate.get(), X509_get0_pubkey(authority.certificate.get())) != 1) {
        ERR_clear_error();
        outcome->reason = tr("the server certificate was not signed by the local CA");
    } else if (server.qt.expiryDate() < renewBefore) {
        outcome->reason = tr("the server certificate expires on %1")
                              .arg(server.qt.expiryDate().toUTC().toString(Qt::ISODate));
    } else if (!coversAll(server.qt, names, &missing)) {
        outcome->reason = tr("the server certificate does not name %1").arg(missing);
    } else {
        return true; // reuse
    }

    server.key = generateKey();
    if (!server.key) {
        *error = tr("Cannot make a key for the server certificate: %1.").arg(openssl::lastError());
        return false;
    }
    const qint64 notAfter = std::min(now + CertificateValidityDays * SecondsPerDay,
                                     authority.qt.isNull() ? now + CertificateValidityDays * SecondsPerDay
                                                           : authority.qt.expiryDate().toSecsSinceEpoch());
    server.certificate = makeCertificate(
        server.key.get(), names.dnsNames.isEmpty() ? QStringLiteral("localhost") : names.dnsNames.last(),
        authority.certificate.get(), authority.key.get(), now - ClockSkewSeconds, notAfter, false, names);
    if (!server.certificate) {
        *error = tr("Cannot make the server certificate: %1.").arg(openssl::lastError());
        return false;
    }
    if (!writeFile(keyPath(), keyPem(server.key.get()), PrivateFile, error) ||
        !writeFile(certificatePath(), certificatePem(server.certificate.get()), PublicFile, error))
        return false;
    outcome->issuedCertificate = true;
    return true;
}

QStringList LocalCertificateAuthority::trustInstructions(const QString& hostPort) const
{
    const QString ca =
        shellQuoted(QDir::toNativeSeparators(QFileInfo(authorityCertificatePath()).absoluteFilePath()));
    return {
        tr("berthd made a local certificate authority (CA) for HTTPS; clients trust berthd once they trust "
           "it."),
        tr("  The CA certificate: %1").arg(ca),
        tr("  docker:          mkdir -p /etc/docker/certs.d/%1 && cp %2 /etc/docker/certs.d/%1/ca.crt")
            .arg(hostPort, ca),
        tr("  podman, skopeo:  mkdir -p /etc/containers/certs.d/%1 && cp %2 "
           "/etc/containers/certs.d/%1/ca.crt")
            .arg(hostPort, ca),
        tr("                   or per command: a folder holding ca.crt, given as podman --cert-dir DIR, "
           "skopeo "
           "--src-cert-dir DIR / --dest-cert-dir DIR"),
        tr("  system store:    cp %1 /usr/local/share/ca-certificates/berth-local-ca.crt && "
           "update-ca-certificates")
            .arg(ca),
        tr("  curl:            curl --cacert %1 https://%2/v2/").arg(ca, hostPort),
    };
}

} // namespace berth
