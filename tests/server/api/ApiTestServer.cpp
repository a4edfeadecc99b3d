#include "ApiTestServer.h"

#include "audit/AuditLog.h"
#include "distribution/DistributionApi.h"
#include "http/HttpServer.h"
#include "iam/IdentityService.h"
#include "jobs/JobRunner.h"
#include "maintenance/MaintenanceLog.h"
#include "support/OciFixtures.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QSemaphore>

namespace berth::test {

class ApiTestServer::ServerThread final : public QThread
{
public:
    explicit ServerThread(const Router& router) : m_router(router) {}

    quint16 port() const { return m_port; }
    QString error() const { return m_error; }
    void waitUntilListening() { m_ready.acquire(); }

protected:
    void run() override
    {
        HttpLimits limits;
        limits.workerThreads = 2;
        {
            HttpServer server(m_router.factory(), limits);
            if (server.listen(QHostAddress::LocalHost, 0))
                m_port = server.port();
            else
                m_error = server.errorString();
            m_ready.release();
            if (m_port != 0)
                exec();
        }
    }

private:
    const Router& m_router;
    QSemaphore m_ready;
    quint16 m_port = 0;
    QString m_error;
};

ApiTestServer::ApiTestServer() : ApiTestServer(Options{}) {}

ApiTestServer::ApiTestServer(Options options) : m_options(options) {}

ApiTestServer::~ApiTestServer()
{
    if (m_thread) {
        m_thread->quit();
        m_thread->wait();
    }
    m_jobs.reset(); // cancels and waits for what runs: the jobs use the registry
    if (m_audit)
        m_audit->shutdown();
}

bool ApiTestServer::start()
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary directory");
        return false;
    }
    RegistryService::Options registryOptions;
    registryOptions.dataDirectory = m_dir.path();
    m_registry = std::make_unique<RegistryService>(registryOptions);
    if (auto opened = m_registry->open(); !opened) {
        m_error = opened.error().message;
        return false;
    }
    ApiServices services;
    services.registry = m_registry.get();
    m_maintenance = std::make_unique<MaintenanceLog>(m_registry->metadata());
    m_jobs = std::make_unique<JobRunner>();
    services.jobs = m_jobs.get();
    services.maintenance = m_maintenance.get();
    if (m_options.identity) {
        m_identity = std::make_unique<IdentityService>(m_registry->metadata());
        if (auto opened = m_identity->open(); !opened) {
            m_error = opened.error().message;
            return false;
        }
        services.identity = m_identity.get();
    }
    if (m_options.audit) {
        m_audit = std::make_unique<AuditLog>(m_dir.path());
        if (auto opened = m_audit->open(); !opened) {
            m_error = opened.error().message;
            return false;
        }
        services.audit = m_audit.get();
    }
    m_gate = std::make_unique<FakeAccessGate>(m_registry.get());
    m_gate->setAdministrators({QStringLiteral("admin")});
    services.gate = m_gate.get();
    m_api = std::make_unique<ManagementApi>(services);
    DistributionApi::addRoutes(m_router, *m_registry);
    m_api->addRoutes(m_router);

    m_thread = std::make_unique<ServerThread>(m_router);
    m_thread->start();
    m_thread->waitUntilListening();
    if (m_thread->port() == 0) {
        m_error = m_thread->error();
        return false;
    }
    m_client =
        std::make_unique<RegistryClient>(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_thread->port())));
    m_client->setTimeoutMs(30000);
    return true;
}

RegistryResponse ApiTestServer::call(const QByteArray& method, const QString& target, const QString& user,
                                     const QJsonObject& body) const
{
    const QByteArray bytes = body.isEmpty() && method != "POST" && method != "PATCH"
                                 ? QByteArray()
                                 : QJsonDocument(body).toJson(QJsonDocument::Compact);
    return callRaw(method, target, user, bytes);
}

RegistryResponse ApiTestServer::callRaw(const QByteArray& method, const QString& target, const QString& user,
                                        const QByteArray& body, const QByteArray& contentType) const
{
    RegistryClient::Headers headers;
    if (!user.isEmpty())
        headers.append({"X-Test-User", user.toUtf8()});
    if (!body.isEmpty() && !contentType.isEmpty())
        headers.append({"Content-Type", contentType});
    return m_client->request(method, target, headers, body);
}

QString pushImage(const RegistryClient& client, const QString& repository, const QString& tag, quint32 seed,
                  const QString& configMediaType)
{
    const QByteArray config = OciFixtures::config(seed);
    const QByteArray layer = OciFixtures::randomBytes(1024, seed + 1000);
    if (client.pushBlobMonolithic(repository, config).status != 201 ||
        client.pushBlobMonolithic(repository, layer).status != 201)
        return QString();
    OciFixtures::ManifestOptions options;
    if (!configMediaType.isEmpty())
        options.configMediaType = configMediaType;
    const QByteArray manifest = OciFixtures::imageManifest(config, {layer}, options);
    if (client.pushManifest(repository, tag, OciFixtures::kManifestType, manifest).status != 201)
        return QString();
    return OciFixtures::digestOf(manifest);
}

} // namespace berth::test
