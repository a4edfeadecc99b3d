#pragma once

#include "util/Clock.h"

#include <QCoreApplication>
#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QStringList>

namespace berth {

/// A server certificate chain and its private key, read from PEM files, checked before use: the
/// files must hold PEM data, the key must be unencrypted and belong to the first certificate.
class TlsCredentials
{
    Q_DECLARE_TR_FUNCTIONS(TlsCredentials)

public:
    /// The certificate file holds the server's certificate first, then any intermediates; the key
    /// file holds its private key (RSA or EC). False with a message saying what is wrong and how to
    /// fix it; *warnings gets what still works but deserves attention (an expired certificate).
    bool load(const QString& certificateFile, const QString& keyFile, const Clock& clock, QString* error,
              QStringList* warnings);

    const QList<QSslCertificate>& chain() const { return m_chain; }
    const QSslKey& key() const { return m_key; }
    /// A server configuration for HttpServer::setSslConfiguration (TLS 1.2 or later).
    QSslConfiguration serverConfiguration() const;

private:
    QList<QSslCertificate> m_chain;
    QSslKey m_key;
};

} // namespace berth
