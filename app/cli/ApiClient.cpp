#include "cli/ApiClient.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QTimer>

namespace berth {

ApiClient::ApiClient(const Settings& settings) : m_settings(settings)
{
    m_network.setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
}

bool ApiClient::prepare(QString* error)
{
    if (m_settings.caCertificateFile.isEmpty())
        return true;
    QFile file(m_settings.caCertificateFile);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read the CA certificate file %1: %2.")
                     .arg(m_settings.caCertificateFile, file.errorString());
        return false;
    }
    const QByteArray data = file.readAll();
    m_extraCertificates = QSslCertificate::fromData(data, QSsl::Pem);
    if (m_extraCertificates.isEmpty())
        m_extraCertificates = QSslCertificate::fromData(data, QSsl::Der);
    if (m_extraCertificates.isEmpty()) {
        *error = tr("The file %1 holds no PEM or DER certificate.").arg(m_settings.caCertificateFile);
        return false;
    }
    return true;
}

QString ApiClient::segment(const QString& value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

QString ApiClient::repositoryPath(const QString& name)
{
    QStringList parts = name.split(QLatin1Char('/'));
    for (QString& part : parts)
        part = segment(part);
    return parts.join(QLatin1Char('/'));
}

QUrl ApiClient::urlFor(const QString& path, const QueryItems& query) const
{
    QByteArray encoded = m_settings.server.toEncoded(QUrl::RemoveQuery | QUrl::RemoveFragment |
                                                     QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
    encoded += path.toLatin1();
    QByteArray queryText;
    for (const auto& item : query) {
        if (!queryText.isEmpty())
            queryText += '&';
        queryText += QUrl::toPercentEncoding(item.first) + '=' + QUrl::toPercentEncoding(item.second);
    }
    if (!queryText.isEmpty())
        encoded += '?' + queryText;
    return QUrl::fromEncoded(encoded, QUrl::StrictMode);
}

ApiResponse ApiClient::request(const QByteArray& method, const QString& path, const QueryItems& query,
                               const QByteArray& body, bool hasBody)
{
    ApiResponse response;
    const QUrl url = urlFor(path, query);
    if (!url.isValid()) {
        response.transportError = tr("The address %1 is not a valid URL.").arg(url.toString());
        return response;
    }
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("User-Agent", "berthctl/" BERTH_VERSION);
    request.setRawHeader("X-Berth-Client", "berthctl"); // licence acceptances record the channel they came by
    if (!m_settings.user.isEmpty())
        request.setRawHeader(
            "Authorization",
            "Basic " + (m_settings.user + QLatin1Char(':') + m_settings.password).toUtf8().toBase64());
    if (hasBody)
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (url.scheme() == QLatin1String("https")) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        if (!m_extraCertificates.isEmpty())
            tls.setCaCertificates(tls.caCertificates() + m_extraCertificates);
        request.setSslConfiguration(tls);
    }

    QNetworkReply* reply = hasBody ? m_network.sendCustomRequest(request, method, body)
                                   : m_network.sendCustomRequest(request, method);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    bool timedOut = false;
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        reply->abort();
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    timer.start(m_settings.timeoutMs);
    if (!reply->isFinished())
        loop.exec();
    timer.stop();

    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.body = reply->readAll();
    if (timedOut) {
        response.status = 0;
        response.transportError =
            tr("No answer from %1 within %2 seconds.").arg(url.host()).arg(m_settings.timeoutMs / 1000);
    } else if (response.status == 0) {
        response.transportError = tr("Cannot reach %1: %2").arg(url.toString(), reply->errorString());
        if (reply->error() == QNetworkReply::SslHandshakeFailedError)
            response.transportError +=
                QLatin1Char(' ') +
                tr("If the server's certificate comes from a private CA (berthd --tls auto: "
                   "<data>/keys/ca.crt), pass it with --cacert FILE.");
    }
    reply->deleteLater();
    if (!response.body.isEmpty()) {
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(response.body, &error);
        if (error.error == QJsonParseError::NoError)
            response.json = document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    }
    return response;
}

ApiResponse ApiClient::get(const QString& path, const QueryItems& query)
{
    return request("GET", path, query, {}, false);
}

ApiResponse ApiClient::send(const QByteArray& method, const QString& path, const QJsonObject& body,
                            const QueryItems& query)
{
    return request(method, path, query, QJsonDocument(body).toJson(QJsonDocument::Compact), true);
}

ApiResponse ApiClient::remove(const QString& path, const QueryItems& query)
{
    return request("DELETE", path, query, {}, false);
}

ApiResponse ApiClient::put(const QString& path)
{
    return request("PUT", path, {}, {}, false);
}

ApiResponse ApiClient::list(const QString& path, const QueryItems& query, QJsonArray* items, int maxItems)
{
    QString page;
    for (;;) {
        QueryItems pageQuery = query;
        int limit = m_settings.pageSize;
        if (maxItems > 0)
            limit = std::min(limit, maxItems - static_cast<int>(items->size()));
        pageQuery.append({QStringLiteral("limit"), QString::number(limit)});
        if (!page.isEmpty())
            pageQuery.append({QStringLiteral("page"), page});
        ApiResponse response = get(path, pageQuery);
        if (!response.ok())
            return response;
        const QJsonObject object = response.object();
        for (const QJsonValue& item : object.value(QStringLiteral("items")).toArray()) {
            items->append(item);
            if (maxItems > 0 && items->size() >= maxItems)
                return response;
        }
        page = object.value(QStringLiteral("nextPage")).toString();
        if (page.isEmpty())
            return response;
    }
}

} // namespace berth
