#include "tls/LocalCertificateAuthority.h"
#include "tls/TlsCredentials.h"
#include "util/Clock.h"

#include <QSslConfiguration>
#include <QSslError>
#include <QTemporaryDir>
#include <QtTest>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

using namespace berth;

namespace {

QString dataFile(const char* name)
{
    return QStringLiteral(BERTH_TEST_DATA "/tls/") + QLatin1String(name);
}

QByteArray contents(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// The mode bits of a file (e.g. 0600).
int modeOf(const QString& path)
{
    struct stat st = {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 07777) : -1;
}

/// OpenSSL's view of a certificate file: for the extension checks Qt does not expose.
struct Parsed
{
    explicit Parsed(const QString& path)
    {
        const QByteArray pem = contents(path);
        BIO* bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
        x509 = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
        BIO_free(bio);
    }
    ~Parsed() { X509_free(x509); }
    Parsed(const Parsed&) = delete;
    Parsed& operator=(const Parsed&) = delete;
    X509* x509 = nullptr;
};

LocalCertificateAuthority::Names testNames()
{
    LocalCertificateAuthority::Names names;
    names.dnsNames << QStringLiteral("localhost") << QStringLiteral("registry.test");
    names.addresses << QHostAddress(QHostAddress::LocalHost) << QHostAddress(QHostAddress::LocalHostIPv6)
                    << QHostAddress(QStringLiteral("10.1.2.3"));
    return names;
}

QDateTime realNow()
{
    return QDateTime::currentDateTimeUtc();
}

} // namespace

/// --tls auto's local CA and the PEM loading of --tls-cert / --tls-key.
class TestTlsCertificates : public QObject
{
    Q_OBJECT

private slots:
    void makesACaAndAServerCertificateThatVerify()
    {
        QTemporaryDir dir;
        LocalCertificateAuthority authority(dir.filePath(QStringLiteral("keys")));
        LocalCertificateAuthority::Outcome outcome;
        QString error;
        QVERIFY2(authority.ensure(testNames(), &outcome, &error), qPrintable(error));
        QVERIFY(outcome.createdAuthority);
        QVERIFY(outcome.issuedCertificate);

        QCOMPARE(modeOf(authority.authorityKeyPath()), 0600);
        QCOMPARE(modeOf(authority.keyPath()), 0600);
        QCOMPARE(modeOf(dir.filePath(QStringLiteral("keys"))), 0700);
        QCOMPARE(authority.authorityCertificatePath(), dir.filePath(QStringLiteral("keys/ca.crt")));

        const QSslCertificate ca(contents(authority.authorityCertificatePath()), QSsl::Pem);
        const QSslCertificate server(contents(authority.certificatePath()), QSsl::Pem);
        QVERIFY(!ca.isNull());
        QVERIFY(!server.isNull());
        QVERIFY(ca.isSelfSigned());
        QVERIFY(!server.isSelfSigned());

        // Validity: 10 years for the CA, 825 days for the server (both start an hour early).
        QVERIFY(qAbs(ca.expiryDate().secsTo(realNow().addDays(3650))) < 600);
        QVERIFY(qAbs(server.expiryDate().secsTo(realNow().addDays(825))) < 600);
        QVERIFY(ca.effectiveDate() < realNow());

        // Extensions: CA:TRUE with keyCertSign; the server is no CA and serves TLS.
        Parsed caX509(authority.authorityCertificatePath());
        Parsed serverX509(authority.certificatePath());
        QVERIFY(caX509.x509 && serverX509.x509);
        QCOMPARE(X509_check_ca(caX509.x509), 1);
        QVERIFY(X509_get_key_usage(caX509.x509) & KU_KEY_CERT_SIGN);
        QCOMPARE(X509_check_ca(serverX509.x509), 0);
        QVERIFY(X509_get_key_usage(serverX509.x509) & KU_DIGITAL_SIGNATURE);
        QVERIFY(!(X509_get_key_usage(serverX509.x509) & KU_KEY_CERT_SIGN));
        QVERIFY(X509_get_extended_key_usage(serverX509.x509) & XKU_SSL_SERVER);

        // Subject alternative names: exactly what was asked for.
        const auto alternatives = server.subjectAlternativeNames();
        QStringList dns = alternatives.values(QSsl::DnsEntry);
        dns.sort();
        QCOMPARE(dns, (QStringList{QStringLiteral("localhost"), QStringLiteral("registry.test")}));
        QStringList ips = alternatives.values(QSsl::IpAddressEntry);
        QCOMPARE(ips.size(), 3);
        for (const char* ip : {"127.0.0.1", "::1", "10.1.2.3"}) {
            const bool found = std::any_of(ips.begin(), ips.end(), [&](const QString& s) {
                return QHostAddress(s).isEqual(QHostAddress(QLatin1String(ip)));
            });
            QVERIFY2(found, ip);
        }

        // The chain verifies for each name once the CA is trusted, and for no other name.
        QSslConfiguration trusted = QSslConfiguration::defaultConfiguration();
        const QSslConfiguration original = trusted;
        trusted.addCaCertificate(ca);
        QSslConfiguration::setDefaultConfiguration(trusted);
        for (const char* name : {"localhost", "registry.test", "127.0.0.1", "10.1.2.3"}) {
            const QList<QSslError> errors = QSslCertificate::verify({server, ca}, QLatin1String(name));
            QVERIFY2(errors.isEmpty(), qPrintable(QStringLiteral("%1: %2").arg(
                                           QLatin1String(name), errors.value(0).errorString())));
        }
        const QList<QSslError> wrongName =
            QSslCertificate::verify({server, ca}, QStringLiteral("other.test"));
        QCOMPARE(wrongName.size(), 1);
        QCOMPARE(wrongName.first().error(), QSslError::HostNameMismatch);
        QSslConfiguration::setDefaultConfiguration(original);
        const QList<QSslError> untrusted = QSslCertificate::verify({server, ca}, QStringLiteral("localhost"));
        QVERIFY(!untrusted.isEmpty());

        // What the daemon loads is the same pair.
        TlsCredentials credentials;
        QStringList warnings;
        QVERIFY2(credentials.load(authority.certificatePath(), authority.keyPath(), Clock::system(), &error,
                                  &warnings),
                 qPrintable(error));
        QVERIFY(warnings.isEmpty());
        QCOMPARE(credentials.chain().first(), server);
        QCOMPARE(credentials.key().algorithm(), QSsl::Ec);
    }

    void reusesTheFilesOnTheNextStart()
    {
        QTemporaryDir dir;
        const QString keys = dir.filePath(QStringLiteral("keys"));
        LocalCertificateAuthority::Outcome outcome;
        QString error;
        QVERIFY(LocalCertificateAuthority(keys).ensure(testNames(), &outcome, &error));
        const QByteArray ca = contents(keys + QStringLiteral("/ca.crt"));
        const QByteArray caKey = contents(keys + QStringLiteral("/ca.key"));
        const QByteArray server = contents(keys + QStringLiteral("/server.crt"));
        const QByteArray serverKey = contents(keys + QStringLiteral("/server.key"));

        QVERIFY2(LocalCertificateAuthority(keys).ensure(testNames(), &outcome, &error), qPrintable(error));
        QVERIFY(!outcome.createdAuthority);
        QVERIFY(!outcome.issuedCertificate);
        QCOMPARE(contents(keys + QStringLiteral("/ca.crt")), ca);
        QCOMPARE(contents(keys + QStringLiteral("/ca.key")), caKey);
        QCOMPARE(contents(keys + QStringLiteral("/server.crt")), server);
        QCOMPARE(contents(keys + QStringLiteral("/server.key")), serverKey);

        // A subset of the names is still covered: no new certificate.
        LocalCertificateAuthority::Names fewer = testNames();
        fewer.addresses.removeLast();
        QVERIFY(LocalCertificateAuthority(keys).ensure(fewer, &outcome, &error));
        QVERIFY(!outcome.issuedCertificate);
    }

    void renewsTheServerCertificateNearItsExpiry()
    {
        QTemporaryDir dir;
        const QString keys = dir.filePath(QStringLiteral("keys"));
        ManualClock clock(realNow());
        LocalCertificateAuthority authority(keys, clock);
        LocalCertificateAuthority::Outcome outcome;
        QString error;
        QVERIFY(authority.ensure(testNames(), &outcome, &error));
        const QByteArray ca = contents(authority.authorityCertificatePath());
        const QByteArray first = contents(authority.certificatePath());
        const QDateTime firstExpiry = QSslCertificate(first, QSsl::Pem).expiryDate();

        // 31 days left: kept.
        clock.advance((825 - 31) * 86400LL);
        QVERIFY(authority.ensure(testNames(), &outcome, &error));
        QVERIFY(!outcome.issuedCertificate);
        QCOMPARE(contents(authority.certificatePath()), first);

        // 29 days left: issued again by the same CA, valid 825 days from now.
        clock.advance(2 * 86400LL);
        QVERIFY2(authority.ensure(testNames(), &outcome, &error), qPrintable(error));
        QVERIFY(outcome.issuedCertificate);
        QVERIFY(!outcome.createdAuthority);
        QCOMPARE(
            outcome.reason,
            QStringLiteral("the server certificate expires on %1").arg(firstExpiry.toString(Qt::ISODate)));
        QCOMPARE(contents(authority.authorityCertificatePath()), ca);
        const QSslCertificate renewed(contents(authority.certificatePath()), QSsl::Pem);
        QVERIFY(qAbs(renewed.expiryDate().secsTo(clock.now().addDays(825))) < 600);
        Parsed caX509(authority.authorityCertificatePath());
        Parsed serverX509(authority.certificatePath());
        QCOMPARE(X509_verify(serverX509.x509, X509_get0_pubkey(caX509.x509)), 1);
    }

    void renewsWhenTheListenAddressIsNotNamed()
    {
        QTemporaryDir dir;
        const QString keys = dir.filePath(QStringLiteral("keys"));
        LocalCertificateAuthority::Outcome outcome;
        QString error;
        QVERIFY(LocalCertificateAuthority(keys).ensure(LocalCertificateAuthority::namesFor(QHostAddress::Any),
                                                       &outcome, &error));
        const QByteArray ca = contents(keys + QStringLiteral("/ca.crt"));
        const QHostAddress listen(QStringLiteral("192.0.2.10"));
        QVERIFY(LocalCertificateAuthority(keys).ensure(LocalCertificateAuthority::namesFor(listen), &outcome,
                                                       &error));
        QVERIFY(outcome.issuedCertificate);
        QVERIFY(!outcome.createdAuthority);
        QCOMPARE(outcome.reason, QStringLiteral("the server certificate does not name 192.0.2.10"));
        QCOMPARE(contents(keys + QStringLiteral("/ca.crt")), ca);
        const QSslCertificate server(contents(keys + QStringLiteral("/server.crt")), QSsl::Pem);
        QVERIFY(server.subjectAlternativeNames()
                    .values(QSsl::IpAddressEntry)
                    .contains(QStringLiteral("192.0.2.10")));
    }

    void namesForTheListenAddress()
    {
        const auto wildcard = LocalCertificateAuthority::namesFor(QHostAddress::Any);
        QCOMPARE(wildcard.dnsNames.first(), QStringLiteral("localhost"));
        QCOMPARE(wildcard.addresses.size(), 2);
        QVERIFY(wildcard.addresses.contains(QHostAddress(QHostAddress::LocalHost)));
        QVERIFY(wildcard.addresses.contains(QHostAddress(QHostAddress::LocalHostIPv6)));
        QCOMPARE(LocalCertificateAuthority::namesFor(QHostAddress::AnyIPv6).addresses.size(), 2);
        QCOMPARE(LocalCertificateAuthority::namesFor(QHostAddress::LocalHost).addresses.size(), 2);
        const auto specific = LocalCertificateAuthority::namesFor(QHostAddress(QStringLiteral("10.0.0.7")));
        QCOMPARE(specific.addresses.size(), 3);
        QCOMPARE(specific.addresses.last(), QHostAddress(QStringLiteral("10.0.0.7")));
    }

    void makesANewCaWhenTheOldOneIsAboutToExpire()
    {
        QTemporaryDir dir;
        ManualClock clock(realNow());
        LocalCertificateAuthority authority(dir.filePath(QStringLiteral("keys")), clock);
        LocalCertificateAuthority::Outcome outcome;
        QString error;
        QVERIFY(authority.ensure(testNames(), &outcome, &error));
        const QByteArray ca = contents(authority.authorityCertificatePath());
        clock.advance((3650 - 10) * 86400LL);
        QVERIFY2(authority.ensure(testNames(), &outcome, &error), qPrintable(error));
        QVERIFY(outcome.createdAuthority);
        QVERIFY(outcome.issuedCertificate);
        QVERIFY(contents(authority.authorityCertificatePath()) != ca);
    }

    void refusesADamagedCa()
    {
        QTemporaryDir dir;
        LocalCertificateAuthority authority(dir.filePath(QStringLiteral("keys")));
        LocalCertificateAuthority::Outcome outcome;
        QString error;
        QVERIFY(authority.ensure(testNames(), &outcome, &error));
        QFile ca(authority.authorityCertificatePath());
        QVERIFY(ca.open(QIODevice::WriteOnly | QIODevice::Truncate));
        ca.write("-----BEGIN CERTIFICATE-----\nnot base64\n");
        ca.close();
        QVERIFY(!authority.ensure(testNames(), &outcome, &error));
        QCOMPARE(error, QStringLiteral(
                            "The local CA in %1 cannot be used: ca.crt or ca.key is missing or damaged, or "
                            "they do not belong together. Move ca.crt, ca.key, server.crt and server.key "
                            "out of that folder; berthd then makes a new CA, which clients must be told "
                            "to trust again.")
                            .arg(dir.filePath(QStringLiteral("keys"))));
    }

    void replacesADamagedServerCertificate()
    {
        QTemporaryDir dir;
        LocalCertificateAuthority authority(dir.filePath(QStringLiteral("keys")));
        LocalCertificateAuthority::Outcome outcome;
        QString error;
        QVERIFY(authority.ensure(testNames(), &outcome, &error));
        QVERIFY(QFile::remove(authority.keyPath()));
        QVERIFY(QFile::copy(dataFile("other.key"), authority.keyPath()));
        QVERIFY(authority.ensure(testNames(), &outcome, &error));
        QVERIFY(outcome.issuedCertificate);
        QCOMPARE(outcome.reason,
                 QStringLiteral("server.crt or server.key was damaged or they did not belong together"));
    }

    void trustInstructionsNameEveryClient()
    {
        LocalCertificateAuthority authority(QStringLiteral("/var/lib/berth/keys"));
        const QString text =
            authority.trustInstructions(QStringLiteral("127.0.0.1:5443")).join(QLatin1Char('\n'));
        QVERIFY(text.contains(QStringLiteral("The CA certificate: /var/lib/berth/keys/ca.crt")));
        QVERIFY(text.contains(
            QStringLiteral("mkdir -p /etc/docker/certs.d/127.0.0.1:5443 && cp "
                           "/var/lib/berth/keys/ca.crt /etc/docker/certs.d/127.0.0.1:5443/ca.crt")));
        QVERIFY(text.contains(QStringLiteral("/etc/containers/certs.d/127.0.0.1:5443/ca.crt")));
        QVERIFY(text.contains(QStringLiteral("--cert-dir DIR")));
        QVERIFY(text.contains(QStringLiteral("cp /var/lib/berth/keys/ca.crt "
                                             "/usr/local/share/ca-certificates/berth-local-ca.crt && "
                                             "update-ca-certificates")));
        QVERIFY(text.contains(
            QStringLiteral("curl --cacert /var/lib/berth/keys/ca.crt https://127.0.0.1:5443/v2/")));
        const QString spaced = LocalCertificateAuthority(QStringLiteral("/home/a b/keys"))
                                   .trustInstructions(QStringLiteral("h:1"))
                                   .join(QLatin1Char('\n'));
        QVERIFY(spaced.contains(QStringLiteral("cp '/home/a b/keys/ca.crt' ")));
    }

    // ---- PEM files given with --tls-cert / --tls-key ------------------------------------------

    void loadsValidPairs_data()
    {
        QTest::addColumn<QString>("certificate");
        QTest::addColumn<QString>("key");
        QTest::addColumn<int>("algorithm");
        QTest::newRow("EC, PKCS#8") << "server.crt"
                                    << "server.key" << int(QSsl::Ec);
        QTest::newRow("RSA, traditional") << "rsa.crt"
                                          << "rsa.key" << int(QSsl::Rsa);
    }

    void loadsValidPairs()
    {
        QFETCH(QString, certificate);
        QFETCH(QString, key);
        QFETCH(int, algorithm);
        TlsCredentials credentials;
        QString error;
        QStringList warnings;
        QVERIFY2(credentials.load(dataFile(certificate.toLatin1().constData()),
                                  dataFile(key.toLatin1().constData()), Clock::system(), &error, &warnings),
                 qPrintable(error));
        QVERIFY(warnings.isEmpty());
        QCOMPARE(credentials.chain().size(), 1);
        QCOMPARE(int(credentials.key().algorithm()), algorithm);
        const QSslConfiguration configuration = credentials.serverConfiguration();
        QCOMPARE(configuration.localCertificate(), credentials.chain().first());
        QCOMPARE(configuration.protocol(), QSsl::TlsV1_2OrLater);
    }

    void refusesBadFiles_data()
    {
        QTest::addColumn<QString>("certificate");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("message"); // %1: the certificate's path, %2: the key's
        QTest::newRow("certificate missing")
            << "does-not-exist.crt"
            << "server.key"
            << "Cannot read the TLS certificate file %1: No such file or directory.";
        QTest::newRow("key missing") << "server.crt"
                                     << "does-not-exist.key"
                                     << "Cannot read the TLS key file %2: No such file or directory.";
        QTest::newRow("not a certificate") << "not-a-certificate.pem"
                                           << "server.key"
                                           << "The TLS certificate file %1 is not a PEM certificate: it has "
                                              "no \"-----BEGIN CERTIFICATE-----\" line.";
        QTest::newRow("truncated certificate") << "truncated.crt"
                                               << "server.key"
                                               << "The TLS certificate file %1 has a damaged or cut-short "
                                                  "certificate (number 1 in the file); export it "
                                                  "again in PEM format.";
        QTest::newRow("certificate given as key") << "server.crt"
                                                  << "server.crt"
                                                  << "The TLS key file %2 is not a PEM private key: it has "
                                                     "no \"-----BEGIN PRIVATE KEY-----\" line.";
        QTest::newRow("encrypted key")
            << "server.crt"
            << "encrypted.key"
            << "The TLS key file %2 is protected by a passphrase; berthd needs it without one (openssl pkey "
               "-in %2 "
               "-out server-key.pem writes such a copy; keep it readable by berthd only).";
        QTest::newRow("key of another certificate")
            << "server.crt"
            << "other.key"
            << "The private key in %2 does not belong to the certificate in %1; give the key that was made "
               "together "
               "with that certificate.";
        QTest::newRow("RSA key for the EC certificate")
            << "server.crt"
            << "rsa.key"
            << "The private key in %2 does not belong to the certificate in %1; give the key that was made "
               "together "
               "with that certificate.";
    }

    void refusesBadFiles()
    {
        QFETCH(QString, certificate);
        QFETCH(QString, key);
        QFETCH(QString, message);
        const QString certificatePath = dataFile(certificate.toLatin1().constData());
        const QString keyPath = dataFile(key.toLatin1().constData());
        TlsCredentials credentials;
        QString error;
        QStringList warnings;
        QVERIFY(!credentials.load(certificatePath, keyPath, Clock::system(), &error, &warnings));
        QCOMPARE(error, QString(message)
                            .replace(QLatin1String("%1"), certificatePath)
                            .replace(QLatin1String("%2"), keyPath));
        QVERIFY(credentials.chain().isEmpty());
    }

    void warnsAboutAnExpiredCertificate()
    {
        // A CA made "in 2001": its server certificate expired long ago.
        QTemporaryDir dir;
        ManualClock past(QDateTime(QDate(2001, 1, 1), QTime(0, 0), Qt::UTC));
        LocalCertificateAuthority authority(dir.filePath(QStringLiteral("keys")), past);
        LocalCertificateAuthority::Outcome outcome;
        QString error;
        QVERIFY(authority.ensure(testNames(), &outcome, &error));
        const QDateTime expiry =
            QSslCertificate(contents(authority.certificatePath()), QSsl::Pem).expiryDate();

        TlsCredentials credentials;
        QStringList warnings;
        QVERIFY(credentials.load(authority.certificatePath(), authority.keyPath(), past, &error, &warnings));
        QVERIFY(warnings.isEmpty());
        QVERIFY(credentials.load(authority.certificatePath(), authority.keyPath(), Clock::system(), &error,
                                 &warnings));
        QCOMPARE(warnings,
                 QStringList{QStringLiteral("The TLS certificate in %1 expired on %2; clients will refuse it "
                                            "until you replace it.")
                                 .arg(authority.certificatePath(), expiry.toString(Qt::ISODate))});

        ManualClock earlier(QDateTime(QDate(2000, 1, 1), QTime(0, 0), Qt::UTC));
        warnings.clear();
        QVERIFY(
            credentials.load(authority.certificatePath(), authority.keyPath(), earlier, &error, &warnings));
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings.first().contains(QStringLiteral("is not valid before")),
                 qPrintable(warnings.first()));
    }
};

QTEST_GUILESS_MAIN(TestTlsCertificates)
#include "tst_TlsCertificates.moc"
