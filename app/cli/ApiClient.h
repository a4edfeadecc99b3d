#pragma once

#include "cli/ApiResponse.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

namespace berth {

using QueryItems = QList<QPair<QString, QString>>;

/// A small synchronous client of /api/v1: each call runs a local event loop until the answer
/// arrives or the timeout passes. Signs in with HTTP Basic (user and password or auth token).
class ApiClient
{
    Q_DECLARE_TR_FUNCTIONS(ApiClient)

public:
    struct Settings
    {
        QUrl server;      ///< e.g. https://registry.example.com
        QString user;     ///< empty: anonymous
        QString password; ///< a password or an auth token
        QString caCertificateFile;
        int timeoutMs = 30000;
        int pageSize = 1000; ///< items asked for per page of a list (the API allows 1-1000)
    };

    explicit ApiClient(const Settings& settings);

    /// Loads the --cacert file; false with a message when it holds no certificate.
    bool prepare(QString* error);

    ApiResponse get(const QString& path, const QueryItems& query = {});
    ApiResponse send(const QByteArray& method, const QString& path, const QJsonObject& body,
                     const QueryItems& query = {});
    ApiResponse remove(const QString& path, const QueryItems& query = {});
    ApiResponse put(const QString& path);
    /// GETs a list and follows nextPage until the last page (or until maxItems, when > 0).
    /// On success the items of every page are in *items; on failure the failing answer is returned.
    ApiResponse list(const QString& path, const QueryItems& query, QJsonArray* items, int maxItems = 0);

    /// A path segment, percent-encoded (user names, compartments, tags...).
    static QString segment(const QString& value);
    /// A repository name: each component encoded, the slashes kept, as the API routes them.
    static QString repositoryPath(const QString& name);

    const Settings& settings() const { return m_settings; }

private:
    ApiResponse request(const QByteArray& method, const QString& path, const QueryItems& query,
                        const QByteArray& body, bool hasBody);
    QUrl urlFor(const QString& path, const QueryItems& query) const;

    Settings m_settings;
    QList<QSslCertificate> m_extraCertificates;
    QNetworkAccessManager m_network;
};

} // namespace berth
