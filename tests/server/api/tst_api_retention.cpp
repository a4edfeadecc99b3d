// /api/v1/retention-policies over a real HttpServer, RegistryService and JobRunner: administrators only;
// create, list, show, update and delete policies (bad regular expressions, numbers below 0, unknown rules,
// duplicate names and missing repositories refused with a clear message); a dry run returns the plan
// (checked against the documented schema) and changes nothing; apply answers 202 with a retention job
// that deletes what the plan said through /v2-visible deletes; the run history shows it; changes are
// audited.

#include "ApiTestServer.h"
#include "SchemaCheck.h"
#include "audit/AuditLog.h"
#include "jobs/JobRunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <QtTest>

using namespace berth;
using namespace berth::test;

namespace {

const QString Admin = QStringLiteral("admin");
const QString Alice = QStringLiteral("alice");
const QString Base = QStringLiteral("/api/v1/retention-policies");
const QString Repo = QStringLiteral("team/app");

QJsonObject json(const char* text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

QJsonObject ref(const QString& name)
{
    return QJsonObject{{QStringLiteral("$ref"), QStringLiteral("#/components/schemas/") + name}};
}

} // namespace

class TestApiRetention : public QObject
{
    Q_OBJECT

private:
    ApiTestServer m_server{ApiTestServer::Options{false, true}};
    QJsonObject m_document;
    QString m_release;
    QString m_dev;

    QString schemaProblem(const QJsonObject& body, const QString& schema)
    {
        return checkSchema(body, ref(schema), m_document);
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        const RegistryResponse r = m_server.call("GET", QStringLiteral("/api/v1/openapi.json"), QString());
        QCOMPARE(r.status, 200);
        m_document = r.json().object();
        m_release = pushImage(m_server.client(), Repo, QStringLiteral("v1"), 1);
        m_dev = pushImage(m_server.client(), Repo, QStringLiteral("dev"), 2);
        QVERIFY(!m_release.isEmpty() && !m_dev.isEmpty());
    }

    void onlyAdministrators()
    {
        QCOMPARE(m_server.call("GET", Base, Alice).status, 403);
        QCOMPARE(
            m_server
                .call("POST", Base, Alice, json("{\"name\": \"x\", \"rules\": {\"notPulledForDays\": 1}}"))
                .status,
            403);
        QCOMPARE(m_server.call("GET", QStringLiteral("/api/v1/retention-runs"), Alice).status, 403);
    }

    void refusesBadPolicies_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("says");
        QTest::newRow("bad regex") << QString("{\"name\": \"p\", \"repository\": \"team/app\", \"rules\": "
                                              "{\"notPulledForDays\": 1, \"keepTags\": [\"v[0-9\"]}}")
                                   << 400 << QString("is not a valid regular expression");
        QTest::newRow("negative")
            << QString(
                   "{\"name\": \"p\", \"repository\": \"team/app\", \"rules\": {\"notTaggedForDays\": -3}}")
            << 400 << QString("must be 0 or more, not -3");
        QTest::newRow("unknown rule")
            << QString("{\"name\": \"p\", \"repository\": \"team/app\", \"rules\": {\"olderThan\": 3}}")
            << 400 << QString("olderThan");
        QTest::newRow("no delete rule")
            << QString("{\"name\": \"p\", \"repository\": \"team/app\", \"rules\": {\"keepLastPushed\": 3}}")
            << 400 << QString("at least one delete rule");
        QTest::newRow("no such repository")
            << QString(
                   "{\"name\": \"p\", \"repository\": \"team/none\", \"rules\": {\"notPulledForDays\": 1}}")
            << 404 << QString("There is no repository team/none");
        QTest::newRow("both targets")
            << QString("{\"name\": \"p\", \"repository\": \"team/app\", \"compartment\": "
                       "\"\", \"rules\": {\"notPulledForDays\": 1}}")
            << 400 << QString("either");
        QTest::newRow("bad name")
            << QString(
                   "{\"name\": \"a b\", \"repository\": \"team/app\", \"rules\": {\"notPulledForDays\": 1}}")
            << 400 << QString("not a valid policy name");
    }
    void refusesBadPolicies()
    {
        QFETCH(QString, body);
        QFETCH(int, status);
        QFETCH(QString, says);
        const RegistryResponse r = m_server.call("POST", Base, Admin, json(body.toUtf8().constData()));
        QCOMPARE(r.status, status);
        const QString message = r.json().object().value(QStringLiteral("message")).toString();
        QVERIFY2(message.contains(says), qPrintable(message));
    }

    void crud()
    {
        RegistryResponse r =
            m_server.call("POST", Base, Admin,
                          json("{\"name\": \"stale\", \"repository\": \"team/app\", \"description\": \"old "
                               "builds\", \"rules\": {\"notPulledForDays\": 30, \"keepTags\": [\"v.*\"]}}"));
        QCOMPARE(r.status, 201);
        QJsonObject policy = r.json().object();
        QVERIFY2(schemaProblem(policy, QStringLiteral("RetentionPolicy")).isEmpty(),
                 qPrintable(schemaProblem(policy, QStringLiteral("RetentionPolicy"))));
        QCOMPARE(policy.value(QStringLiteral("repository")).toString(), Repo);
        QVERIFY(policy.value(QStringLiteral("compartment")).isNull());
        QCOMPARE(policy.value(QStringLiteral("enabled")).toBool(), true);
        QCOMPARE(m_server
                     .call("POST", Base, Admin,
                           json("{\"name\": \"stale\", \"rules\": {\"notPulledForDays\": 1}}"))
                     .status,
                 409);
        // A tenancy-wide one too.
        QCOMPARE(m_server
                     .call("POST", Base, Admin,
                           json("{\"name\": \"tenancy\", \"compartment\": \"\", \"enabled\": false, "
                                "\"rules\": {\"untaggedOlderThanDays\": 90}}"))
                     .status,
                 201);

        r = m_server.call("GET", Base, Admin);
        QCOMPARE(r.status, 200);
        QJsonArray items = r.json().object().value(QStringLiteral("items")).toArray();
        QCOMPARE(items.size(), 2);
        QCOMPARE(items.first().toObject().value(QStringLiteral("name")).toString(), QStringLiteral("stale"));
        r = m_server.call("GET", Base + QStringLiteral("?repository=team/app"), Admin);
        QCOMPARE(r.json().object().value(QStringLiteral("items")).toArray().size(), 2);
        r = m_server.call("GET", Base + QStringLiteral("?compartment="), Admin);
        QCOMPARE(r.json().object().value(QStringLiteral("items")).toArray().size(), 1);

        r = m_server.call(
            "PATCH", Base + QStringLiteral("/stale"), Admin,
            json("{\"rules\": {\"notTaggedForDays\": 0, \"keepTags\": [\"v.*\"]}, \"description\": \"x\"}"));
        QCOMPARE(r.status, 200);
        policy = r.json().object();
        QCOMPARE(policy.value(QStringLiteral("rules"))
                     .toObject()
                     .value(QStringLiteral("notTaggedForDays"))
                     .toInt(),
                 0);
        QVERIFY(
            !policy.value(QStringLiteral("rules")).toObject().contains(QStringLiteral("notPulledForDays")));
        QCOMPARE(policy.value(QStringLiteral("description")).toString(), QStringLiteral("x"));
        QCOMPARE(m_server
                     .call("PATCH", Base + QStringLiteral("/stale"), Admin,
                           json("{\"rules\": {\"notTaggedForDays\": 1.5}}"))
                     .status,
                 400);

        QCOMPARE(m_server.call("DELETE", Base + QStringLiteral("/tenancy"), Admin).status, 204);
        QCOMPARE(m_server.call("GET", Base + QStringLiteral("/tenancy"), Admin).status, 404);
        QCOMPARE(m_server.call("GET", Base + QStringLiteral("/stale"), Admin).status, 200);
    }

    void planIsADryRun()
    {
        QThread::msleep(5); // the tags must be older than "0 days" by at least a millisecond
        const RegistryResponse r =
            m_server.call("POST", Base + QStringLiteral("/stale/plan"), Admin, QJsonObject{});
        QCOMPARE(r.status, 200);
        const QJsonObject plan = r.json().object();
        QVERIFY2(schemaProblem(plan, QStringLiteral("RetentionPlan")).isEmpty(),
                 qPrintable(schemaProblem(plan, QStringLiteral("RetentionPlan"))));
        QCOMPARE(plan.value(QStringLiteral("deletedImages")).toInt(), 1);
        QCOMPARE(plan.value(QStringLiteral("keptImages")).toInt(), 1);
        QVERIFY(plan.value(QStringLiteral("reclaimableBytes")).toInteger() > 0);
        const QJsonObject repository =
            plan.value(QStringLiteral("repositories")).toArray().first().toObject();
        const QJsonObject deleted = repository.value(QStringLiteral("deleted")).toArray().first().toObject();
        QCOMPARE(deleted.value(QStringLiteral("digest")).toString(), m_dev);
        QCOMPARE(deleted.value(QStringLiteral("rule")).toString(), QStringLiteral("notTaggedForDays"));
        QCOMPARE(deleted.value(QStringLiteral("tags")).toArray(), QJsonArray{QStringLiteral("dev")});
        const QJsonObject kept = repository.value(QStringLiteral("kept")).toArray().first().toObject();
        QCOMPARE(kept.value(QStringLiteral("rule")).toString(), QStringLiteral("keepTags"));
        QVERIFY(kept.value(QStringLiteral("reason")).toString().contains(QStringLiteral("v.*")));
        // Nothing changed.
        QCOMPARE(m_server.call("GET", QStringLiteral("/v2/team/app/manifests/dev"), Admin).status, 200);
        QCOMPARE(m_server.call("POST", Base + QStringLiteral("/none/plan"), Admin, QJsonObject{}).status,
                 404);
    }

    void applyRunsAJob()
    {
        RegistryResponse r =
            m_server.call("POST", Base + QStringLiteral("/stale/apply"), Admin, QJsonObject{});
        QCOMPARE(r.status, 202);
        const QJsonObject job = r.json().object().value(QStringLiteral("job")).toObject();
        const qint64 id = job.value(QStringLiteral("id")).toInteger();
        QCOMPARE(job.value(QStringLiteral("kind")).toString(), QStringLiteral("retention"));
        QCOMPARE(r.header("Location"), QStringLiteral("/api/v1/jobs/%1").arg(id).toUtf8());
        QVERIFY(m_server.jobs().waitForIdle(20000));
        r = m_server.call("GET", QStringLiteral("/api/v1/jobs/%1").arg(id), Admin);
        const QJsonObject done = r.json().object();
        QCOMPARE(done.value(QStringLiteral("state")).toString(), QStringLiteral("succeeded"));
        QVERIFY2(
            done.value(QStringLiteral("result")).toString().contains(QStringLiteral("garbage collection")),
            qPrintable(done.value(QStringLiteral("result")).toString()));
        QCOMPARE(m_server.call("GET", QStringLiteral("/v2/team/app/manifests/dev"), Admin).status, 404);
        QCOMPARE(m_server.call("GET", QStringLiteral("/v2/team/app/manifests/v1"), Admin).status, 200);
        QCOMPARE(m_server.call("POST", Base + QStringLiteral("/none/apply"), Admin, QJsonObject{}).status,
                 404);
    }

    void runHistory()
    {
        const RegistryResponse r =
            m_server.call("GET", QStringLiteral("/api/v1/retention-runs?policy=stale"), Admin);
        QCOMPARE(r.status, 200);
        const QJsonArray items = r.json().object().value(QStringLiteral("items")).toArray();
        QCOMPARE(items.size(), 1);
        const QJsonObject run = items.first().toObject();
        QCOMPARE(run.value(QStringLiteral("policy")).toString(), QStringLiteral("stale"));
        QCOMPARE(run.value(QStringLiteral("trigger")).toString(), QStringLiteral("manual"));
        QCOMPARE(run.value(QStringLiteral("outcome")).toString(), QStringLiteral("succeeded"));
        QCOMPARE(run.value(QStringLiteral("deletedImages")).toInt(), 1);
        QCOMPARE(m_server.call("GET", QStringLiteral("/api/v1/retention-runs?policy=other"), Admin)
                     .json()
                     .object()
                     .value(QStringLiteral("items"))
                     .toArray()
                     .size(),
                 0);
        QCOMPARE(m_server.call("GET", QStringLiteral("/api/v1/retention-runs?limit=0"), Admin).status, 400);
    }

    void changesAreAudited()
    {
        QVERIFY(m_server.audit());
        AuditFilter filter;
        filter.actor = Admin;
        QVERIFY(m_server.audit()->flush().ok()); // written by a background thread
        auto records = m_server.audit()->query(filter);
        QVERIFY(records.ok());
        QStringList actions;
        for (const AuditRecord& record : records.value().records)
            actions << record.action;
        for (const char* action : {"api.createRetentionPolicy", "api.updateRetentionPolicy",
                                   "api.deleteRetentionPolicy", "api.applyRetentionPolicy"})
            QVERIFY2(actions.contains(QLatin1String(action)), action);
    }
};

QTEST_GUILESS_MAIN(TestApiRetention)
#include "tst_api_retention.moc"
