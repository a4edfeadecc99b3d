#pragma once

#include "support/RegistryResponse.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace berth {

// A small synchronous HTTP/1.1 client for the distribution API tests, over a raw QTcpSocket so that
// tests control every byte: the request target is sent exactly as given (no path normalisation, no
// percent-decoding), any Content-Length or Content-Range may be declared, redirects are never
// followed, and each request uses its own connection ("Connection: close").
// A RegistryClient is not shared between threads; make one per thread.
class RegistryClient
{
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    explicit RegistryClient(const QUrl& baseUrl);

    QUrl baseUrl() const { return m_baseUrl; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    // target: a request target such as "/v2/" or "/v2/a/b/tags/list?n=2", or an absolute URL (as a
    // Location header may give), of which only the path and query are used.
    // A Content-Length header is added for POST, PUT and PATCH and for any non-empty body, unless the
    // caller gave one in headers.
    RegistryResponse request(const QByteArray& method, const QString& target, const Headers& headers = {},
                             const QByteArray& body = {}) const;
    RegistryResponse get(const QString& target, const Headers& headers = {}) const;
    RegistryResponse head(const QString& target, const Headers& headers = {}) const;
    RegistryResponse del(const QString& target, const Headers& headers = {}) const;

    // Sends the request line, the headers and only the first bytes of a body that declares
    // declaredLength bytes, then drops the connection without reading an answer.
    // Returns false if the connection could not even be made.
    bool sendPartialAndDisconnect(const QByteArray& method, const QString& target, const Headers& headers,
                                  qint64 declaredLength, const QByteArray& partialBody) const;

    // --- distribution API helpers -----------------------------------------------------------
    // POST /v2/<repo>/blobs/uploads/ with an empty body: 202 and a Location on success.
    RegistryResponse startUpload(const QString& repo) const;
    // POST /v2/<repo>/blobs/uploads/?digest=<d> with the whole blob: 201 on success.
    RegistryResponse pushBlobMonolithic(const QString& repo, const QByteArray& data) const;
    // POST to open a session, then PUT <location>?digest=<d> with the whole blob: 201 on success.
    RegistryResponse pushBlobPostPut(const QString& repo, const QByteArray& data) const;
    // POST, then PATCH chunks of chunkSize bytes with Content-Range, then PUT ?digest= with no body.
    // Returns the first response that is not the expected one, or the final PUT's response.
    RegistryResponse pushBlobChunked(const QString& repo, const QByteArray& data, int chunkSize) const;
    // PUT /v2/<repo>/manifests/<reference> with the given Content-Type: 201 on success.
    RegistryResponse pushManifest(const QString& repo, const QString& reference, const QByteArray& mediaType,
                                  const QByteArray& manifest) const;

    static QStringList errorCodes(const QByteArray& body);
    // "sha256:<hex>" of data.
    static QString digestOf(const QByteArray& data);
    // Appends key=value to a target that may already carry a query. The value is percent-encoded.
    static QString withQuery(const QString& target, const QString& key, const QString& value);
    // The path and query of an absolute URL; a target that is already a path is returned unchanged.
    static QString pathOf(const QString& location);

private:
    QUrl m_baseUrl;
    int m_timeoutMs = 60000;
};

} // namespace berth
