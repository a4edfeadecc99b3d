#pragma once

#include "util/Clock.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>

namespace berth {

/// `berthd --tls auto`: a certificate authority of this machine's own, kept in <data>/keys/, and a
/// server certificate it signs. Created on first start, reused afterwards; the server certificate is
/// issued again when it is about to expire or no longer names the address berthd listens on.
///
///   ca.crt, ca.key          the CA (EC P-256, 10 years, CA:TRUE, keyCertSign): what clients trust
///   server.crt, server.key  the server certificate (825 days, serverAuth, the names below)
///
/// Private keys are written with mode 0600, the folder with 0700.
class LocalCertificateAuthority
{
    Q_DECLARE_TR_FUNCTIONS(LocalCertificateAuthority)

public:
    static constexpr int AuthorityValidityDays = 3650;
    static constexpr int CertificateValidityDays = 825;
    static constexpr int RenewWithinDays = 30;

    /// What the server certificate must name.
    struct Names
    {
        QStringList dnsNames;
        QList<QHostAddress> addresses;
    };
    /// localhost, this machine's host name, 127.0.0.1, ::1, and the listen address unless it is a
    /// wildcard (0.0.0.0 or ::).
    static Names namesFor(const QHostAddress& listenAddress);

    /// What ensure() did.
    struct Outcome
    {
        bool createdAuthority = false;  ///< a new CA: clients must be told to trust it
        bool issuedCertificate = false; ///< a new server certificate
        QString reason;                 ///< why the certificate was issued, for the log
    };

    explicit LocalCertificateAuthority(QString keysDirectory, const Clock& clock = Clock::system());

    /// Creates or reuses the CA and the server certificate so that the certificate is valid for at least
    /// RenewWithinDays more days and names everything in `names`. False with a message on failure.
    bool ensure(const Names& names, Outcome* outcome, QString* error);

    QString authorityCertificatePath() const;
    QString authorityKeyPath() const;
    QString certificatePath() const;
    QString keyPath() const;

    /// How to make docker, podman, skopeo, curl and the system trust the CA, for clients that reach the
    /// registry as `hostPort` (e.g. 127.0.0.1:5000). One line per entry, ready to print.
    QStringList trustInstructions(const QString& hostPort) const;

private:
    QString m_directory;
    const Clock& m_clock;
};

} // namespace berth
