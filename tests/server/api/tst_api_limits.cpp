// /api/v1/limits, /api/v1/limit-requests and the repositories' limits and immutability over a real
// HttpServer and RegistryService: figures for signed-in users and changes for administrators (schema-
// checked), /v2 pushes at 80% answered with Warning: 299 headers and over the limit refused with 403
// DENIED naming the limit and the figure, requests asked by users, seen only by their owner, approved
// (the push works again) or declined by administrators, immutable tags refused over /v2, and every
// change audited.

#include "ApiTestServer.h"
#include "SchemaCheck.h"
#include "audit/AuditLog.h"
#include "support/OciFixtures.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

using namespace berth;
using namespace berth::test;

namespace {

const QString Admin = QStringLiteral("admin");
const QString Alice = QStringLiteral("alice");
const QString Bob = QStringLiteral("bob");
const QString Limits = QStringLiteral("/api/v1/limits");
const QString Requests = QStringLiteral("/api/v1/limit-requests");

QJsonObject ref(const QString& name)
{
    return QJsonObject{{QStringLiteral("$ref"), QStringLiteral("#/components/schemas/") + name}};
}

} // namespace

class TestApiLimits : public QObject
{
    Q_OBJECT

private:
    ApiTestServer m_server{ApiTestServer::Options{false, true}};
    QJsonObject m_document;
    QByteArray m_config = OciFixtures::config(7);
    QByteArray m_layer = OciFixtures::randomBytes(2048, 8);

    QByteArray manifest(int n) const
    {
        OciFixtures::ManifestOptions options;
        options.annotations.insert(QStringLiteral("n"), QString::number(n));
        return OciFixtures::imageManifest(m_config, {m_layer}, options);
    }

    RegistryResponse push(const QString& repository, int n, const QString& tag)
    {
        return m_server.client().pushManifest(repository, tag, OciFixtures::kManifestType, manifest(n));
    }

    void checkSchema(const QJsonValue& value, const QString& schema)
    {
        const QString problem = berth::test::checkSchema(value, ref(schema), m_document);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        const RegistryResponse r = m_server.call("GET", QStringLiteral("/api/v1/openapi.json"), QString());
        QCOMPARE(r.status, 200);
        m_document = r.json().object();
    }

    void figuresAndRunTimeChanges()
    {
        QCOMPARE(m_server.call("GET", Limits, QString()).status, 401);
        const RegistryResponse r = m_server.call("GET", Limits, Alice);
        QCOMPARE(r.status, 200);
        checkSchema(r.json().object(), QStringLiteral("Limits"));
        const QJsonObject limits = r.json().object().value(QStringLiteral("limits")).toObject();
        QCOMPARE(limits.value(QStringLiteral("repositories")).toInt(), 500);
        QCOMPARE(limits.value(QStringLiteral("imagesPerRepository")).toInt(), 100000);

        const QJsonObject small{{QStringLiteral("repositories"), 3},
                                {QStringLiteral("imagesPerRepository"), 5}};
        QCOMPARE(m_server.call("PUT", Limits, Alice, small).status, 403);
        const RegistryResponse zero =
            m_server.call("PUT", Limits, Admin, QJsonObject{{QStringLiteral("repositories"), 0}});
        QCOMPARE(zero.status, 400);
        QVERIFY2(zero.body.contains("from 1 to"), zero.body.constData());
        const RegistryResponse set = m_server.call("PUT", Limits, Admin, small);
        QCOMPARE(set.status, 200);
        const QJsonObject now = set.json().object();
        QCOMPARE(now.value(QStringLiteral("limits")).toObject().value(QStringLiteral("repositories")).toInt(),
                 3);
        QCOMPARE(
            now.value(QStringLiteral("defaults")).toObject().value(QStringLiteral("repositories")).toInt(),
            500);
    }

    void pushesWarnFromEightyPercentAndStopAtTheLimit()
    {
        const QString repo = QStringLiteral("team/app");
        QCOMPARE(m_server.client().pushBlobMonolithic(repo, m_config).status, 201);
        QCOMPARE(m_server.client().pushBlobMonolithic(repo, m_layer).status, 201);
        for (int n = 1; n <= 3; ++n) {
            const RegistryResponse r = push(repo, n, QStringLiteral("v%1").arg(n));
            QCOMPARE(r.status, 201);
            QVERIFY(r.headerValues("Warning").isEmpty());
        }
        const RegistryResponse fourth = push(repo, 4, QStringLiteral("v4"));
        QCOMPARE(fourth.status, 201);
        const QList<QByteArray> warnings = fourth.headerValues("Warning");
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(
            warnings.first().startsWith("299 - \"Repository team/app holds 4 of its limit of 5 images (80%)"),
            warnings.first().constData());
        QVERIFY(warnings.first().endsWith('"'));
        QCOMPARE(push(repo, 5, QStringLiteral("v5")).status, 201);
        const RegistryResponse sixth = push(repo, 6, QStringLiteral("v6"));
        QCOMPARE(sixth.status, 403);
        QCOMPARE(sixth.errorCodes(), QStringList{QStringLiteral("DENIED")});
        QVERIFY2(sixth.body.contains("team/app has reached its limit of 5 images (it holds 5"),
                 sixth.body.constData());

        const RegistryResponse figures =
            m_server.call("GET", QStringLiteral("/api/v1/repositories/team/app/limits"), Admin);
        QCOMPARE(figures.status, 200);
        const QJsonObject f = figures.json().object();
        QCOMPARE(f.value(QStringLiteral("images")).toInt(), 5);
        QCOMPARE(f.value(QStringLiteral("limit")).toInt(), 5);
        QVERIFY(f.value(QStringLiteral("ownLimit")).isNull());
        QCOMPARE(f.value(QStringLiteral("percent")).toInt(), 100);
        QCOMPARE(m_server.call("GET", QStringLiteral("/api/v1/repositories/nope/limits"), Admin).status, 404);

        // Repositories: team/app is one of 3; two more fit, a fourth is refused at its first upload.
        QCOMPARE(m_server.client().pushBlobMonolithic(QStringLiteral("second"), m_config).status, 201);
        QCOMPARE(m_server.client().pushBlobMonolithic(QStringLiteral("third"), m_config).status, 201);
        const RegistryResponse fourthRepo = m_server.client().startUpload(QStringLiteral("fourth"));
        QCOMPARE(fourthRepo.status, 403);
        QVERIFY2(fourthRepo.body.contains("limit of 3 repositories (it holds 3)"),
                 fourthRepo.body.constData());
        QVERIFY(fourthRepo.body.contains("berthctl limits request repositories"));
    }

    void requestsAreAskedSeenAndDecided()
    {
        const QJsonObject ask{{QStringLiteral("limit"), QStringLiteral("imagesPerRepository")},
                              {QStringLiteral("repository"), QStringLiteral("team/app")},
                              {QStringLiteral("value"), 8},
                              {QStringLiteral("reason"), QStringLiteral("one image per nightly build")}};
        QCOMPARE(m_server.call("POST", Requests, QString(), ask).status, 401);
        QCOMPARE(m_server
                     .call("POST", Requests, Alice,
                           QJsonObject{{QStringLiteral("limit"), QStringLiteral("repositories")},
                                       {QStringLiteral("value"), 8}})
                     .status,
                 400); // no reason
        const RegistryResponse created = m_server.call("POST", Requests, Alice, ask);
        QCOMPARE(created.status, 201);
        checkSchema(created.json().object(), QStringLiteral("LimitRequest"));
        const QJsonObject request = created.json().object();
        QCOMPARE(request.value(QStringLiteral("currentValue")).toInt(), 5);
        QCOMPARE(request.value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
        QCOMPARE(request.value(QStringLiteral("requestedBy")).toString(), Alice);
        const QString one =
            Requests + QLatin1Char('/') + QString::number(request.value(QStringLiteral("id")).toInt());

        const RegistryResponse bobs =
            m_server.call("POST", Requests, Bob,
                          QJsonObject{{QStringLiteral("limit"), QStringLiteral("repositories")},
                                      {QStringLiteral("value"), 10},
                                      {QStringLiteral("reason"), QStringLiteral("new team")}});
        QCOMPARE(bobs.status, 201);
        const QString bobsOne = Requests + QLatin1Char('/') +
                                QString::number(bobs.json().object().value(QStringLiteral("id")).toInt());

        // Users see their own; administrators everybody's.
        const RegistryResponse alicesList = m_server.call("GET", Requests, Alice);
        QCOMPARE(alicesList.status, 200);
        QCOMPARE(alicesList.json().object().value(QStringLiteral("items")).toArray().size(), 1);
        QCOMPARE(m_server.call("GET", one, Bob).status, 404);
        QCOMPARE(m_server.call("GET", one, Alice).status, 200);
        const RegistryResponse pending =
            m_server.call("GET", Requests + QStringLiteral("?pending=true"), Admin);
        QCOMPARE(pending.json().object().value(QStringLiteral("items")).toArray().size(), 2);

        QCOMPARE(m_server.call("POST", one + QStringLiteral("/approve"), Alice).status, 403);
        const RegistryResponse approved =
            m_server.call("POST", one + QStringLiteral("/approve"), Admin,
                          QJsonObject{{QStringLiteral("note"), QStringLiteral("fine")}});
        QCOMPARE(approved.status, 200);
        QCOMPARE(approved.json().object().value(QStringLiteral("status")).toString(),
                 QStringLiteral("approved"));
        QCOMPARE(approved.json().object().value(QStringLiteral("decidedBy")).toString(), Admin);
        QCOMPARE(push(QStringLiteral("team/app"), 6, QStringLiteral("v6")).status, 201);
        QCOMPARE(m_server.call("POST", one + QStringLiteral("/decline"), Admin).status, 409);

        const RegistryResponse declined =
            m_server.call("POST", bobsOne + QStringLiteral("/decline"), Admin,
                          QJsonObject{{QStringLiteral("note"), QStringLiteral("ask for 4")}});
        QCOMPARE(declined.status, 200);
        QCOMPARE(declined.json().object().value(QStringLiteral("note")).toString(),
                 QStringLiteral("ask for 4"));
        QCOMPARE(m_server.client().startUpload(QStringLiteral("fourth")).status, 403);
        QCOMPARE(m_server.call("GET", Requests + QStringLiteral("/999"), Admin).status, 404);
    }

    void immutableTagsOverV2()
    {
        const QString path = QStringLiteral("/api/v1/repositories/team/app/immutability");
        const RegistryResponse off = m_server.call("GET", path, Admin);
        QCOMPARE(off.status, 200);
        checkSchema(off.json().object(), QStringLiteral("TagImmutability"));
        QCOMPARE(off.json().object().value(QStringLiteral("enabled")).toBool(), false);
        const RegistryResponse bad =
            m_server.call("PUT", path, Admin,
                          QJsonObject{{QStringLiteral("enabled"), true},
                                      {QStringLiteral("exclusions"), QJsonArray{QStringLiteral("dev-(")}}});
        QCOMPARE(bad.status, 400);
        QVERIFY2(bad.body.contains("is not a valid regular expression"), bad.body.constData());
        QCOMPARE(m_server.call("PUT", path, Alice, QJsonObject{{QStringLiteral("enabled"), true}}).status,
                 403);
        const RegistryResponse on =
            m_server.call("PUT", path, Admin,
                          QJsonObject{{QStringLiteral("enabled"), true},
                                      {QStringLiteral("exclusions"), QJsonArray{QStringLiteral("latest")}}});
        QCOMPARE(on.status, 200);
        QCOMPARE(on.json().object().value(QStringLiteral("exclusions")).toArray(),
                 QJsonArray{QStringLiteral("latest")});

        const RegistryResponse moved = push(QStringLiteral("team/app"), 2, QStringLiteral("v1"));
        QCOMPARE(moved.status, 403);
        QCOMPARE(moved.errorCodes(), QStringList{QStringLiteral("DENIED")});
        QVERIFY2(moved.body.contains("Tag v1 of repository team/app is immutable"), moved.body.constData());
        QCOMPARE(push(QStringLiteral("team/app"), 1, QStringLiteral("v1")).status, 201); // same digest
        QCOMPARE(push(QStringLiteral("team/app"), 1, QStringLiteral("latest")).status, 201);
        QCOMPARE(push(QStringLiteral("team/app"), 2, QStringLiteral("latest")).status, 201);
        const RegistryResponse untag =
            m_server.call("DELETE", QStringLiteral("/api/v1/repositories/team/app/tags/v2"), Admin);
        QCOMPARE(untag.status, 409);
        QVERIFY(untag.body.contains("immutable"));
    }

    void changesAreAudited()
    {
        QVERIFY(m_server.audit());
        QVERIFY(m_server.audit()->flush().ok()); // written by a background thread
        auto records = m_server.audit()->query(AuditFilter());
        QVERIFY(records.ok());
        QStringList actions;
        for (const AuditRecord& record : records.value().records)
            actions << record.actor + QLatin1Char(' ') + record.action;
        for (const char* expected :
             {"admin api.setLimits", "alice api.createLimitRequest", "admin api.approveLimitRequest",
              "admin api.declineLimitRequest", "admin api.setTagImmutability"})
            QVERIFY2(actions.contains(QString::fromLatin1(expected)), expected);
    }
};

QTEST_GUILESS_MAIN(TestApiLimits)
#include "tst_api_limits.moc"
