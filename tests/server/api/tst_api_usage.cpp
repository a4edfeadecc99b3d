// /api/v1/usage and /api/v1/usage/storage over a real HttpServer and RegistryService: the /v2 handlers
// meter pulls, pushes, egress (ranged and cut-short downloads too) and ingress; the API adds them up per
// repository, compartment, user and day, checks who may see which compartment, rejects bad parameters,
// and reports stored bytes unique and shared. Answers are checked against the documented schemas.

#include "ApiTestServer.h"
#include "SchemaCheck.h"
#include "iam/IdentityService.h"
#include "metering/UsageMeter.h"
#include "oci/MediaTypes.h"
#include "registry/RegistryService.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QtTest>

using namespace berth;
using namespace berth::test;

namespace {

const QString Admin = QStringLiteral("admin");
const QString Alice = QStringLiteral("alice");
const QString Usage = QStringLiteral("/api/v1/usage");
const QString Storage = QStringLiteral("/api/v1/usage/storage");

QJsonObject descriptor(const QString& mediaType, const QByteArray& bytes)
{
    return QJsonObject{{QStringLiteral("mediaType"), mediaType},
                       {QStringLiteral("digest"), RegistryClient::digestOf(bytes)},
                       {QStringLiteral("size"), bytes.size()}};
}

QByteArray manifestOf(const QByteArray& config, const QList<QByteArray>& layers)
{
    QJsonArray ls;
    for (const QByteArray& l : layers)
        ls.append(descriptor(MediaTypes::OciLayerTarGzip, l));
    return QJsonDocument(
               QJsonObject{{QStringLiteral("schemaVersion"), 2},
                           {QStringLiteral("mediaType"), MediaTypes::OciImageManifest},
                           {QStringLiteral("config"), descriptor(MediaTypes::OciImageConfig, config)},
                           {QStringLiteral("layers"), ls}})
        .toJson(QJsonDocument::Compact);
}

/// The row of `key` in a usage report (empty when there is none).
QJsonObject rowOf(const QJsonObject& report, const QString& key)
{
    for (const QJsonValue& v : report.value(QStringLiteral("items")).toArray()) {
        if (v.toObject().value(QStringLiteral("key")).toString() == key)
            return v.toObject();
    }
    return QJsonObject();
}

qint64 field(const QJsonObject& o, const char* name)
{
    return o.value(QLatin1String(name)).toInteger();
}

} // namespace

class TestApiUsage : public QObject
{
    Q_OBJECT

private:
    ApiTestServer m_server{ApiTestServer::Options{true, false}};
    QJsonObject m_document;

    QJsonObject responseSchema(const QString& path) const
    {
        return m_document.value(QStringLiteral("paths"))
            .toObject()
            .value(path)
            .toObject()
            .value(QStringLiteral("get"))
            .toObject()
            .value(QStringLiteral("responses"))
            .toObject()
            .value(QStringLiteral("200"))
            .toObject()
            .value(QStringLiteral("content"))
            .toObject()
            .value(QStringLiteral("application/json"))
            .toObject()
            .value(QStringLiteral("schema"))
            .toObject();
    }

    /// GET as `user`, checked against the documented schema.
    QJsonObject get(const QString& target, const QString& user = Admin)
    {
        const RegistryResponse r = m_server.call("GET", target, user);
        if (r.status != 200) {
            qWarning("GET %s: %d %s", qPrintable(target), r.status, r.body.constData());
            return QJsonObject();
        }
        const QJsonObject body = r.json().object();
        const QString path = target.section(QLatin1Char('?'), 0, 0);
        const QString problem = checkSchema(body, responseSchema(path), m_document);
        if (!problem.isEmpty())
            qWarning("GET %s does not match its schema: %s", qPrintable(target), qPrintable(problem));
        return problem.isEmpty() ? body : QJsonObject();
    }

    /// The repository's totals once the handlers have metered them (a response is metered when the
    /// server is done with it, which can be just after the client has read it).
    QJsonObject totalsOf(const QString& repository, const std::function<bool(const QJsonObject&)>& done)
    {
        QJsonObject totals;
        for (int i = 0; i < 100; ++i) {
            m_server.registry().flushStatistics();
            totals = get(Usage + QStringLiteral("?repository=") + repository)
                         .value(QStringLiteral("total"))
                         .toObject();
            if (done(totals))
                break;
            QTest::qWait(50);
        }
        return totals;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        const RegistryResponse r = m_server.call("GET", QStringLiteral("/api/v1/openapi.json"), QString());
        QCOMPARE(r.status, 200);
        m_document = r.json().object();
        QVERIFY(m_document.value(QStringLiteral("paths")).toObject().contains(Usage));
        QVERIFY(m_document.value(QStringLiteral("paths")).toObject().contains(Storage));
    }

    void theHandlersMeterWhatWentOverTheWire()
    {
        RegistryClient& client = m_server.client();
        const QString repo = QStringLiteral("wire/app");
        const QByteArray config = QByteArrayLiteral("{\"architecture\":\"amd64\",\"os\":\"linux\"}");
        const QByteArray layer(200000, 'L');
        QCOMPARE(client.pushBlobMonolithic(repo, config).status, 201);
        QCOMPARE(client.pushBlobChunked(repo, layer, 65536).status, 201);
        const QByteArray manifest = manifestOf(config, {layer});
        QCOMPARE(
            client.pushManifest(repo, QStringLiteral("v1"), MediaTypes::OciImageManifest.toLatin1(), manifest)
                .status,
            201);
        QJsonObject totals = totalsOf(repo, [](const QJsonObject& t) { return field(t, "pushes") == 1; });
        QCOMPARE(field(totals, "pushes"), 1);
        QCOMPARE(field(totals, "pulls"), 0);
        QCOMPARE(field(totals, "egressBytes"), 0);
        QCOMPARE(field(totals, "ingressBytes"), config.size() + layer.size());

        // A pull: manifest and blobs; HEADs count nothing; a range counts its bytes.
        const RegistryClient::Headers accept{{"Accept", MediaTypes::OciImageManifest.toLatin1()}};
        QCOMPARE(client.head(QStringLiteral("/v2/%1/manifests/v1").arg(repo), accept).status, 200);
        QCOMPARE(client.get(QStringLiteral("/v2/%1/manifests/v1").arg(repo), accept).body, manifest);
        const QString configPath =
            QStringLiteral("/v2/%1/blobs/%2").arg(repo, RegistryClient::digestOf(config));
        const QString layerPath =
            QStringLiteral("/v2/%1/blobs/%2").arg(repo, RegistryClient::digestOf(layer));
        QCOMPARE(client.head(layerPath).status, 200);
        QCOMPARE(client.get(configPath).body, config);
        QCOMPARE(client.get(layerPath).body.size(), layer.size());
        QCOMPARE(client.get(layerPath, {{"Range", "bytes=1000-1999"}}).status, 206);
        const qint64 expectedEgress = manifest.size() + config.size() + layer.size() + 1000;
        totals =
            totalsOf(repo, [&](const QJsonObject& t) { return field(t, "egressBytes") >= expectedEgress; });
        QCOMPARE(field(totals, "pulls"), 1);
        QCOMPARE(field(totals, "egressBytes"), expectedEgress);

        // Anonymous: the /v2 routes of this test server have no guard, so the user is ''.
        const QJsonObject byUser = get(Usage + QStringLiteral("?by=user&repository=") + repo);
        QCOMPARE(byUser.value(QStringLiteral("items")).toArray().size(), 1);
        QCOMPARE(field(rowOf(byUser, QString()), "egressBytes"), expectedEgress);
    }

    void aDownloadCutShortCountsWhatWentOut()
    {
        RegistryClient& client = m_server.client();
        const QString repo = QStringLiteral("wire/big");
        QByteArray big(48 * 1024 * 1024, Qt::Uninitialized);
        for (qsizetype i = 0; i < big.size(); ++i)
            big[i] = char((i * 7919) >> 8);
        QCOMPARE(client.pushBlobMonolithic(repo, big).status, 201);
        const QByteArray digest = RegistryClient::digestOf(big).toLatin1();
        big.clear();

        QTcpSocket socket;
        socket.setReadBufferSize(64 * 1024);
        socket.connectToHost(client.baseUrl().host(), quint16(client.baseUrl().port()));
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET /v2/" + repo.toLatin1() + "/blobs/" + digest + " HTTP/1.1\r\nHost: test\r\n\r\n");
        QVERIFY(socket.waitForBytesWritten(5000));
        qint64 received = 0;
        while (received < 256 * 1024 && socket.waitForReadyRead(5000))
            received += socket.read(64 * 1024).size();
        QVERIFY(received > 0);
        socket.abort();

        const QJsonObject totals =
            totalsOf(repo, [](const QJsonObject& t) { return field(t, "egressBytes") > 0; });
        const qint64 egress = field(totals, "egressBytes");
        qInfo("the client read %lld bytes and left; the server counted %lld of the 48 MiB as sent", received,
              egress);
        QVERIFY(egress >= received - 1000); // the response head is not body
        QVERIFY2(egress < 48 * 1024 * 1024, "a download cut short must not count the whole blob");
    }

    void groupsAndCompartments()
    {
        auto apps = m_server.identity()->createCompartment(CompartmentPath(), QStringLiteral("Apps"));
        QVERIFY2(apps.ok(), qPrintable(apps.error().message));
        QVERIFY(m_server.registry().createRepository(QStringLiteral("apps/web"), apps->path).ok());
        QVERIFY(m_server.registry().createRepository(QStringLiteral("root/tool"), CompartmentPath()).ok());
        UsageMeter& meter = m_server.registry().usageMeter();
        meter.recordPull(QStringLiteral("apps/web"), QStringLiteral("bob"));
        meter.recordEgress(QStringLiteral("apps/web"), QStringLiteral("bob"), 1234);
        meter.recordPull(QStringLiteral("apps/web"), QStringLiteral("carol"));
        meter.recordPull(QStringLiteral("root/tool"), QStringLiteral("bob"));
        meter.recordIngress(QStringLiteral("root/tool"), QStringLiteral("bob"), 99);
        m_server.registry().flushStatistics();

        const QJsonObject byCompartment = get(Usage + QStringLiteral("?by=compartment&repository=apps/web"));
        QCOMPARE(byCompartment.value(QStringLiteral("items")).toArray().size(), 1);
        QCOMPARE(field(rowOf(byCompartment, QStringLiteral("Apps")), "pulls"), 2);

        const QJsonObject byUser = get(Usage + QStringLiteral("?by=user"));
        QCOMPARE(field(rowOf(byUser, QStringLiteral("bob")), "pulls"), 2);
        QCOMPARE(field(rowOf(byUser, QStringLiteral("bob")), "egressBytes"), 1234);
        QCOMPARE(field(rowOf(byUser, QStringLiteral("bob")), "ingressBytes"), 99);
        QCOMPARE(field(rowOf(byUser, QStringLiteral("carol")), "pulls"), 1);

        const QString today = UsageMeter::dayOf(m_server.registry().clock().now());
        const QJsonObject byDay = get(Usage + QStringLiteral("?by=day&from=%1&to=%1").arg(today));
        QCOMPARE(byDay.value(QStringLiteral("items")).toArray().size(), 1);
        QCOMPARE(field(rowOf(byDay, today), "pulls"),
                 field(byDay.value(QStringLiteral("total")).toObject(), "pulls"));
        // A range before anything was recorded is empty.
        const QJsonObject before = get(Usage + QStringLiteral("?from=2001-01-01&to=2001-01-31"));
        QCOMPARE(before.value(QStringLiteral("items")).toArray().size(), 0);
        QCOMPARE(field(before.value(QStringLiteral("total")).toObject(), "pulls"), 0);

        // Alice may inspect Apps only: she sees Apps (and below), not the tenancy.
        m_server.gate().allowCompartment(Alice, Permission::RepositoryInspect, apps->path);
        QCOMPARE(m_server.call("GET", Usage, Alice).status, 403);
        QCOMPARE(m_server.call("GET", Storage, Alice).status, 403);
        const QJsonObject hers = get(Usage + QStringLiteral("?compartment=Apps"), Alice);
        QCOMPARE(hers.value(QStringLiteral("items")).toArray().size(), 1);
        QCOMPARE(field(rowOf(hers, QStringLiteral("apps/web")), "pulls"), 2);
        QCOMPARE(m_server.call("GET", Usage, QString()).status, 401);
        m_server.gate().clearGrants();
    }

    void badParameters()
    {
        for (const QString& query :
             {QStringLiteral("by=colour"), QStringLiteral("from=2026-13-01"), QStringLiteral("to=yesterday"),
              QStringLiteral("from=2026-05-02&to=2026-05-01"), QStringLiteral("compartment=::")}) {
            const RegistryResponse r = m_server.call("GET", Usage + QLatin1Char('?') + query, Admin);
            QVERIFY2(r.status == 400, qPrintable(query + QStringLiteral(": ") + QString::number(r.status)));
        }
        QCOMPARE(m_server.call("GET", Usage + QStringLiteral("?compartment=Nowhere"), Admin).status, 404);
    }

    void storedBytesUniqueAndShared()
    {
        RegistryClient& client = m_server.client();
        const QByteArray shared(30000, 'S');
        const QByteArray own(4000, 'O');
        const QByteArray configA = QByteArrayLiteral("{\"os\":\"linux\",\"x\":\"a\"}");
        const QByteArray configB = QByteArrayLiteral("{\"os\":\"linux\",\"x\":\"b\"}");
        for (const QByteArray& b : {configA, shared, own})
            QCOMPARE(client.pushBlobMonolithic(QStringLiteral("share/a"), b).status, 201);
        for (const QByteArray& b : {configB, shared})
            QCOMPARE(client.pushBlobMonolithic(QStringLiteral("share/b"), b).status, 201);
        const QByteArray manifestA = manifestOf(configA, {shared, own});
        const QByteArray manifestB = manifestOf(configB, {shared});
        const QByteArray type = MediaTypes::OciImageManifest.toLatin1();
        QCOMPARE(client.pushManifest(QStringLiteral("share/a"), QStringLiteral("v1"), type, manifestA).status,
                 201);
        QCOMPARE(client.pushManifest(QStringLiteral("share/b"), QStringLiteral("v1"), type, manifestB).status,
                 201);

        const QJsonObject report = get(Storage);
        QJsonObject a, b;
        for (const QJsonValue& v : report.value(QStringLiteral("repositories")).toArray()) {
            if (v.toObject().value(QStringLiteral("repository")).toString() == QLatin1String("share/a"))
                a = v.toObject();
            if (v.toObject().value(QStringLiteral("repository")).toString() == QLatin1String("share/b"))
                b = v.toObject();
        }
        QCOMPARE(field(a, "storedBytes"), configA.size() + shared.size() + own.size() + manifestA.size());
        QCOMPARE(field(a, "sharedBytes"), shared.size());
        QCOMPARE(field(a, "uniqueBytes"), configA.size() + own.size() + manifestA.size());
        QCOMPARE(field(b, "sharedBytes"), shared.size());
        QCOMPARE(field(b, "uniqueBytes"), configB.size() + manifestB.size());
        QVERIFY(report.contains(QStringLiteral("totalBytes")));
        QVERIFY(report.value(QStringLiteral("compartments")).toArray().size() >= 1);

        // Alice, who may inspect Apps, sees only Apps' repositories and no registry-wide total.
        m_server.gate().allowCompartment(Alice, Permission::RepositoryInspect,
                                         *CompartmentPath::parse(QStringLiteral("Apps")));
        const QJsonObject hers = get(Storage + QStringLiteral("?compartment=Apps"), Alice);
        QCOMPARE(hers.value(QStringLiteral("repositories")).toArray().size(), 1);
        QCOMPARE(hers.value(QStringLiteral("repositories"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("repository"))
                     .toString(),
                 QStringLiteral("apps/web"));
        QVERIFY(!hers.contains(QStringLiteral("totalBytes")));
        m_server.gate().clearGrants();
    }
};

QTEST_GUILESS_MAIN(TestApiUsage)
#include "tst_api_usage.moc"
