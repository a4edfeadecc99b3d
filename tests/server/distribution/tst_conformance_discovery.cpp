// Content discovery workflow: tag listing (lexical order, n/last pagination with a Link header),
// the catalog, and the referrers API (OCI index body, artifactType filter, unknown subjects).

#include "ConformanceChecks.h"
#include "support/BerthdProcess.h"
#include "support/OciFixtures.h"
#include "support/RegistryClient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>
#include <algorithm>

using namespace berth;

namespace {
const QString kAnnotationKey = QStringLiteral("org.example.berth.test");
const QString kTypeA = QStringLiteral("application/vnd.berth.test.type-a");
const QString kTypeB = QStringLiteral("application/vnd.berth.test.type-b");
} // namespace

class TestConformanceDiscovery : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void pushWithSubjectAnsweredOciSubject();
    void tagsAreListedInLexicalOrder();
    void tagsAreLimitedByN();
    void tagsPaginateThroughLinkHeader_data();
    void tagsPaginateThroughLinkHeader();
    void tagsStartAfterLast();
    void tagsWithNZeroAreEmpty();
    void tagsOfUnknownRepositoryIs404();
    void catalogListsRepositories();
    void catalogPaginates();
    void referrersListsEveryReferrer();
    void referrersFilterByArtifactType();
    void referrersOfUnknownDigestIsEmptyIndex();
    void referrersOfMissingSubject();

private:
    QStringList tagsOf(const RegistryResponse& r) const;
    struct Referrer
    {
        QString digest;
        QString artifactType;
        QString mediaType;
        qint64 size = 0;
        QString annotation;
    };
    void pushReferrer(const QByteArray& body, const QByteArray& mediaType, const QString& artifactType,
                      const QString& annotation, const QString& expectedSubject);
    void checkEntries(const QJsonArray& manifests, const QList<Referrer>& expected);

    BerthdProcess m_registry;
    std::unique_ptr<RegistryClient> m_client;
    QString m_repo;
    QStringList m_tags;
    QByteArray m_subject;
    QString m_missingSubjectDigest;
    QList<Referrer> m_referrers;
    QList<Referrer> m_orphanReferrers;
    QStringList m_catalogRepos;
    QList<QPair<QByteArray, QByteArray>> m_subjectHeaders; // expected, received
};

void TestConformanceDiscovery::initTestCase()
{
    QVERIFY2(m_registry.start(), qPrintable(m_registry.errorString()));
    m_client = std::make_unique<RegistryClient>(m_registry.baseUrl());
    m_repo = OciFixtures::uniqueRepository(QStringLiteral("conformance/discovery"));

    const QByteArray config = OciFixtures::config(3);
    const QByteArray layer = OciFixtures::randomBytes(1024, 33);
    CONFORM_STATUS(m_client->pushBlobPostPut(m_repo, config), 201);
    CONFORM_STATUS(m_client->pushBlobPostPut(m_repo, layer), 201);
    CONFORM_STATUS(m_client->pushBlobPostPut(m_repo, OciFixtures::emptyJson()), 201);
    const QByteArray manifest = OciFixtures::imageManifest(config, {layer});
    // Pushed out of order on purpose; the listing must come back sorted.
    m_tags = QStringList{QStringLiteral("v2"),     QStringLiteral("alpha"), QStringLiteral("v10"),
                         QStringLiteral("latest"), QStringLiteral("Beta"),  QStringLiteral("test0"),
                         QStringLiteral("v1"),     QStringLiteral("1.0"),   QStringLiteral("test1")};
    for (const QString& tag : m_tags)
        CONFORM_STATUS(m_client->pushManifest(m_repo, tag, OciFixtures::kManifestType, manifest), 201);
    std::sort(m_tags.begin(), m_tags.end()); // byte-wise lexical order

    // Referrers of m_subject.
    OciFixtures::ManifestOptions subjectOptions;
    subjectOptions.annotations.insert(QStringLiteral("org.example.role"), QStringLiteral("subject"));
    m_subject = OciFixtures::imageManifest(config, {layer}, subjectOptions);
    CONFORM_STATUS(
        m_client->pushManifest(m_repo, QStringLiteral("subject"), OciFixtures::kManifestType, m_subject),
        201);
    const QString subjectDigest = OciFixtures::digestOf(m_subject);
    const QJsonObject subjectDescriptor =
        OciFixtures::descriptor(QString::fromLatin1(OciFixtures::kManifestType), m_subject);

    const QByteArray refBlobA = OciFixtures::randomBytes(100, 34);
    const QByteArray refBlobB = OciFixtures::randomBytes(120, 35);
    CONFORM_STATUS(m_client->pushBlobPostPut(m_repo, refBlobA), 201);
    CONFORM_STATUS(m_client->pushBlobPostPut(m_repo, refBlobB), 201);

    // 1. artifact type given by config.mediaType (no artifactType field)
    OciFixtures::ManifestOptions a1;
    a1.configMediaType = kTypeA;
    a1.subject = subjectDescriptor;
    a1.annotations.insert(kAnnotationKey, QStringLiteral("a-config"));
    pushReferrer(OciFixtures::imageManifest(OciFixtures::emptyJson(), {refBlobA}, a1),
                 OciFixtures::kManifestType, kTypeA, QStringLiteral("a-config"), subjectDigest);
    // 2. artifactType field, empty config
    OciFixtures::ManifestOptions a2;
    a2.configMediaType = QString::fromLatin1(OciFixtures::kEmptyJsonType);
    a2.artifactType = kTypeA;
    a2.subject = subjectDescriptor;
    a2.annotations.insert(kAnnotationKey, QStringLiteral("a-field"));
    pushReferrer(OciFixtures::imageManifest(OciFixtures::emptyJson(), {refBlobA}, a2),
                 OciFixtures::kManifestType, kTypeA, QStringLiteral("a-field"), subjectDigest);
    // 3. another type
    OciFixtures::ManifestOptions b1 = a2;
    b1.artifactType = kTypeB;
    b1.annotations.insert(kAnnotationKey, QStringLiteral("b-field"));
    pushReferrer(OciFixtures::imageManifest(OciFixtures::emptyJson(), {refBlobB}, b1),
                 OciFixtures::kManifestType, kTypeB, QStringLiteral("b-field"), subjectDigest);
    // 4. an index that refers to the subject, listing referrer 2
    OciFixtures::ManifestOptions ix;
    ix.artifactType = kTypeB;
    ix.subject = subjectDescriptor;
    ix.annotations.insert(kAnnotationKey, QStringLiteral("b-index"));
    const QByteArray child = OciFixtures::imageManifest(OciFixtures::emptyJson(), {refBlobA}, a2);
    pushReferrer(OciFixtures::imageIndex(
                     {OciFixtures::descriptor(QString::fromLatin1(OciFixtures::kManifestType), child)}, ix),
                 OciFixtures::kIndexType, kTypeB, QStringLiteral("b-index"), subjectDigest);
    // 5. pushed after the subject with the config-type form again, but type B
    OciFixtures::ManifestOptions b2;
    b2.configMediaType = kTypeB;
    b2.subject = subjectDescriptor;
    b2.annotations.insert(kAnnotationKey, QStringLiteral("b-config"));
    pushReferrer(OciFixtures::imageManifest(OciFixtures::emptyJson(), {refBlobB}, b2),
                 OciFixtures::kManifestType, kTypeB, QStringLiteral("b-config"), subjectDigest);

    // A referrer whose subject was never pushed.
    const QByteArray missingSubject = OciFixtures::imageManifest(config, {});
    m_missingSubjectDigest = OciFixtures::digestOf(missingSubject);
    OciFixtures::ManifestOptions c1;
    c1.configMediaType = QString::fromLatin1(OciFixtures::kEmptyJsonType);
    c1.artifactType = kTypeA;
    c1.subject = OciFixtures::descriptor(QString::fromLatin1(OciFixtures::kManifestType), missingSubject);
    c1.annotations.insert(kAnnotationKey, QStringLiteral("c-orphan"));
    const QList<Referrer> before = m_referrers;
    pushReferrer(OciFixtures::imageManifest(OciFixtures::emptyJson(), {refBlobA}, c1),
                 OciFixtures::kManifestType, kTypeA, QStringLiteral("c-orphan"), m_missingSubjectDigest);
    m_orphanReferrers = {m_referrers.last()};
    m_referrers = before;

    // Repositories for the catalog.
    for (const QString& suffix : {QStringLiteral("c"), QStringLiteral("a"), QStringLiteral("b")}) {
        const QString repo = m_repo + QStringLiteral("/catalog-") + suffix;
        CONFORM_STATUS(m_client->pushBlobPostPut(repo, config), 201);
        CONFORM_STATUS(m_client->pushBlobPostPut(repo, layer), 201);
        CONFORM_STATUS(
            m_client->pushManifest(repo, QStringLiteral("latest"), OciFixtures::kManifestType, manifest),
            201);
        m_catalogRepos.append(repo);
    }
    std::sort(m_catalogRepos.begin(), m_catalogRepos.end());
}

void TestConformanceDiscovery::pushReferrer(const QByteArray& body, const QByteArray& mediaType,
                                            const QString& artifactType, const QString& annotation,
                                            const QString& expectedSubject)
{
    const QString digest = OciFixtures::digestOf(body);
    const RegistryResponse r = m_client->pushManifest(m_repo, digest, mediaType, body);
    CONFORM_STATUS(r, 201);
    // Checked in its own test so that a registry without OCI-Subject still runs the others.
    m_subjectHeaders.append({expectedSubject.toUtf8(), r.header("OCI-Subject")});
    m_referrers.append({digest, artifactType, QString::fromUtf8(mediaType), body.size(), annotation});
}

void TestConformanceDiscovery::cleanupTestCase()
{
    if (!m_registry.isExternal())
        qInfo("berthd peak RSS: %lld KiB", static_cast<long long>(m_registry.peakRssKiB()));
    QCOMPARE(m_registry.stop(), 0);
}

QStringList TestConformanceDiscovery::tagsOf(const RegistryResponse& r) const
{
    QStringList tags;
    for (const QJsonValue& v : r.json().object().value(QStringLiteral("tags")).toArray())
        tags.append(v.toString());
    return tags;
}

void TestConformanceDiscovery::pushWithSubjectAnsweredOciSubject()
{
    QCOMPARE(m_subjectHeaders.size(), 6);
    for (const auto& pair : m_subjectHeaders) {
        QVERIFY2(pair.first == pair.second,
                 qPrintable(QStringLiteral("OCI-Subject: expected \"%1\", got \"%2\"")
                                .arg(QString::fromUtf8(pair.first), QString::fromUtf8(pair.second))));
    }
}

void TestConformanceDiscovery::tagsAreListedInLexicalOrder()
{
    const RegistryResponse r = m_client->get(QStringLiteral("/v2/%1/tags/list").arg(m_repo));
    CONFORM_STATUS(r, 200);
    QVERIFY2(r.header("Content-Type").startsWith("application/json"), qPrintable(r.describe()));
    QCOMPARE(r.json().object().value(QStringLiteral("name")).toString(), m_repo);
    QStringList expected = m_tags;
    expected.append(QStringLiteral("subject"));
    std::sort(expected.begin(), expected.end());
    QCOMPARE(tagsOf(r), expected);
    QVERIFY2(r.nextLink().isEmpty(), "a complete listing must not carry a next Link");
}

void TestConformanceDiscovery::tagsAreLimitedByN()
{
    const RegistryResponse r = m_client->get(QStringLiteral("/v2/%1/tags/list?n=3").arg(m_repo));
    CONFORM_STATUS(r, 200);
    QStringList all = m_tags;
    all.append(QStringLiteral("subject"));
    std::sort(all.begin(), all.end());
    QCOMPARE(tagsOf(r), all.mid(0, 3));
    const QString link = r.nextLink();
    QVERIFY2(!link.isEmpty(), qPrintable(QStringLiteral("no Link rel=\"next\": %1").arg(r.describe())));
    QVERIFY2(link.startsWith(QStringLiteral("/v2/%1/tags/list?").arg(m_repo)),
             qPrintable(QStringLiteral("the Link target should be a relative URL: %1").arg(link)));
    QVERIFY2(link.contains(QStringLiteral("n=3")), qPrintable(link));
    QVERIFY2(link.contains(QStringLiteral("last=") + QString::fromUtf8(QUrl::toPercentEncoding(all.at(2)))) ||
                 link.contains(QStringLiteral("last=") + all.at(2)),
             qPrintable(link));
}

void TestConformanceDiscovery::tagsPaginateThroughLinkHeader_data()
{
    QTest::addColumn<int>("n");
    QTest::newRow("n=1") << 1;
    QTest::newRow("n=2") << 2;
    QTest::newRow("n=4") << 4;
    QTest::newRow("n=10 (exact)") << 10;
    QTest::newRow("n=100") << 100;
}

void TestConformanceDiscovery::tagsPaginateThroughLinkHeader()
{
    QFETCH(int, n);
    QStringList all = m_tags;
    all.append(QStringLiteral("subject"));
    std::sort(all.begin(), all.end());

    QStringList collected;
    QString next = QStringLiteral("/v2/%1/tags/list?n=%2").arg(m_repo).arg(n);
    int pages = 0;
    while (!next.isEmpty()) {
        QVERIFY2(++pages <= all.size() + 2, "pagination does not end");
        const RegistryResponse r = m_client->get(next);
        CONFORM_STATUS(r, 200);
        const QStringList page = tagsOf(r);
        QVERIFY2(page.size() <= n, qPrintable(r.describe()));
        collected += page;
        next = r.nextLink();
        if (!next.isEmpty())
            QVERIFY2(page.size() == n, "a page before the last must be full");
    }
    QCOMPARE(collected, all);
}

void TestConformanceDiscovery::tagsStartAfterLast()
{
    QStringList all = m_tags;
    all.append(QStringLiteral("subject"));
    std::sort(all.begin(), all.end());
    const QString last = all.at(3);

    const RegistryResponse r =
        m_client->get(QStringLiteral("/v2/%1/tags/list?n=2&last=%2").arg(m_repo, last));
    CONFORM_STATUS(r, 200);
    QCOMPARE(tagsOf(r), all.mid(4, 2));

    // last without n: everything after it.
    const RegistryResponse rest = m_client->get(QStringLiteral("/v2/%1/tags/list?last=%2").arg(m_repo, last));
    CONFORM_STATUS(rest, 200);
    QCOMPARE(tagsOf(rest), all.mid(4));

    // last after every tag: an empty list.
    const RegistryResponse none = m_client->get(QStringLiteral("/v2/%1/tags/list?last=zzzz").arg(m_repo));
    CONFORM_STATUS(none, 200);
    QVERIFY(tagsOf(none).isEmpty());
}

void TestConformanceDiscovery::tagsWithNZeroAreEmpty()
{
    const RegistryResponse r = m_client->get(QStringLiteral("/v2/%1/tags/list?n=0").arg(m_repo));
    CONFORM_STATUS(r, 200);
    QVERIFY2(tagsOf(r).isEmpty(), qPrintable(r.describe()));
}

void TestConformanceDiscovery::tagsOfUnknownRepositoryIs404()
{
    const RegistryResponse r =
        m_client->get(QStringLiteral("/v2/%1/tags/list")
                          .arg(OciFixtures::uniqueRepository(QStringLiteral("conformance/unknown"))));
    CONFORM_ERROR(r, 404, "NAME_UNKNOWN");
}

void TestConformanceDiscovery::catalogListsRepositories()
{
    const RegistryResponse r = m_client->get(QStringLiteral("/v2/_catalog"));
    CONFORM_STATUS(r, 200);
    QStringList repos;
    for (const QJsonValue& v : r.json().object().value(QStringLiteral("repositories")).toArray())
        repos.append(v.toString());
    for (const QString& repo : m_catalogRepos)
        QVERIFY2(repos.contains(repo), qPrintable(repo));
    QVERIFY(repos.contains(m_repo));
    QStringList sorted = repos;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(repos, sorted);
}

void TestConformanceDiscovery::catalogPaginates()
{
    // Start just before our repositories so that other content of a shared registry stays out.
    const QString start = m_repo;
    QStringList collected;
    QString next = QStringLiteral("/v2/_catalog?n=1&last=%1").arg(start);
    int pages = 0;
    while (!next.isEmpty() && collected.size() < m_catalogRepos.size()) {
        QVERIFY2(++pages <= 100, "catalog pagination does not end");
        const RegistryResponse r = m_client->get(next);
        CONFORM_STATUS(r, 200);
        const QJsonArray page = r.json().object().value(QStringLiteral("repositories")).toArray();
        QVERIFY2(page.size() <= 1, qPrintable(r.describe()));
        for (const QJsonValue& v : page)
            collected.append(v.toString());
        next = r.nextLink();
        if (!next.isEmpty())
            QVERIFY2(next.startsWith(QStringLiteral("/v2/_catalog?")), qPrintable(next));
    }
    QCOMPARE(collected, m_catalogRepos);
}

void TestConformanceDiscovery::checkEntries(const QJsonArray& manifests, const QList<Referrer>& expected)
{
    QCOMPARE(manifests.size(), expected.size());
    QSet<QString> seen;
    for (const QJsonValue& v : manifests) {
        const QJsonObject o = v.toObject();
        const QString digest = o.value(QStringLiteral("digest")).toString();
        QVERIFY2(!seen.contains(digest), qPrintable(QStringLiteral("listed twice: %1").arg(digest)));
        seen.insert(digest);
        auto it = std::find_if(expected.cbegin(), expected.cend(),
                               [&](const Referrer& e) { return e.digest == digest; });
        QVERIFY2(it != expected.cend(), qPrintable(QStringLiteral("unexpected referrer %1").arg(digest)));
        QCOMPARE(o.value(QStringLiteral("mediaType")).toString(), it->mediaType);
        QCOMPARE(o.value(QStringLiteral("size")).toInteger(), it->size);
        QCOMPARE(o.value(QStringLiteral("artifactType")).toString(), it->artifactType);
        const QJsonObject annotations = o.value(QStringLiteral("annotations")).toObject();
        QCOMPARE(annotations.size(), 1);
        QCOMPARE(annotations.value(kAnnotationKey).toString(), it->annotation);
    }
}

void TestConformanceDiscovery::referrersListsEveryReferrer()
{
    const RegistryResponse r =
        m_client->get(QStringLiteral("/v2/%1/referrers/%2").arg(m_repo, OciFixtures::digestOf(m_subject)));
    CONFORM_STATUS(r, 200);
    CONFORM_HEADER(r, "Content-Type", OciFixtures::kIndexType);
    const QJsonObject index = r.json().object();
    QCOMPARE(index.value(QStringLiteral("schemaVersion")).toInt(), 2);
    QCOMPARE(index.value(QStringLiteral("mediaType")).toString(),
             QString::fromLatin1(OciFixtures::kIndexType));
    QVERIFY(!r.hasHeader("OCI-Filters-Applied"));
    checkEntries(index.value(QStringLiteral("manifests")).toArray(), m_referrers);
}

void TestConformanceDiscovery::referrersFilterByArtifactType()
{
    const RegistryResponse r = m_client->get(QStringLiteral("/v2/%1/referrers/%2?artifactType=%3")
                                                 .arg(m_repo, OciFixtures::digestOf(m_subject),
                                                      QString::fromUtf8(QUrl::toPercentEncoding(kTypeA))));
    CONFORM_STATUS(r, 200);
    CONFORM_HEADER(r, "Content-Type", OciFixtures::kIndexType);
    CONFORM_HEADER(r, "OCI-Filters-Applied", "artifactType");
    QList<Referrer> expected;
    for (const Referrer& e : m_referrers) {
        if (e.artifactType == kTypeA)
            expected.append(e);
    }
    QCOMPARE(expected.size(), 2);
    checkEntries(r.json().object().value(QStringLiteral("manifests")).toArray(), expected);
}

void TestConformanceDiscovery::referrersOfUnknownDigestIsEmptyIndex()
{
    const RegistryResponse r = m_client->get(
        QStringLiteral("/v2/%1/referrers/%2").arg(m_repo, OciFixtures::digestOf("nothing refers here")));
    CONFORM_STATUS(r, 200);
    CONFORM_HEADER(r, "Content-Type", OciFixtures::kIndexType);
    const QJsonObject index = r.json().object();
    QCOMPARE(index.value(QStringLiteral("schemaVersion")).toInt(), 2);
    QVERIFY(index.value(QStringLiteral("manifests")).isArray());
    QCOMPARE(index.value(QStringLiteral("manifests")).toArray().size(), 0);
}

void TestConformanceDiscovery::referrersOfMissingSubject()
{
    const RegistryResponse r =
        m_client->get(QStringLiteral("/v2/%1/referrers/%2").arg(m_repo, m_missingSubjectDigest));
    CONFORM_STATUS(r, 200);
    CONFORM_HEADER(r, "Content-Type", OciFixtures::kIndexType);
    checkEntries(r.json().object().value(QStringLiteral("manifests")).toArray(), m_orphanReferrers);
}

QTEST_GUILESS_MAIN(TestConformanceDiscovery)
#include "tst_conformance_discovery.moc"
