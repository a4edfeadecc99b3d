#include "metadata/MetadataStore.h"
#include "oci/MediaTypes.h"
#include "oci/Reference.h"
#include "registry/ImageCatalog.h"
#include "registry/RegistryService.h"
#include "support/core/FixtureDigests.h"
#include "support/core/OciLayoutPusher.h"
#include "support/core/VerifyOk.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace berth;
using namespace berth::fixtures;

namespace {

Digest digestOf(const QString& text)
{
    return *Digest::parse(text);
}

/// What the image size of a manifest of the layout should be, computed from the layout's JSON: the
/// manifest's bytes plus its distinct blobs, or for an index its bytes plus its children's sizes.
qint64 expectedSize(const QString& dir, const Digest& digest)
{
    const QByteArray bytes = OciLayoutPusher::layoutBlob(dir, digest);
    const QJsonObject o = QJsonDocument::fromJson(bytes).object();
    qint64 total = bytes.size();
    if (o.contains(QStringLiteral("manifests"))) {
        for (const QJsonValue& v : o.value(QStringLiteral("manifests")).toArray())
            total += expectedSize(dir, digestOf(v.toObject().value(QStringLiteral("digest")).toString()));
        return total;
    }
    QSet<QString> seen;
    QJsonArray blobs = o.value(QStringLiteral("layers")).toArray();
    blobs.prepend(o.value(QStringLiteral("config")));
    for (const QJsonValue& v : blobs) {
        if (!seen.contains(v.toObject().value(QStringLiteral("digest")).toString()))
            total += v.toObject().value(QStringLiteral("size")).toInteger();
        seen.insert(v.toObject().value(QStringLiteral("digest")).toString());
    }
    return total;
}

} // namespace

class TestImageCatalog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<RegistryService> m_registry;
    std::unique_ptr<ImageCatalog> m_catalog;
    QString m_single, m_multi, m_referrer, m_helm;

    TagRow rowOf(const QString& repository, const QString& tag)
    {
        auto page = m_catalog->tagRows(repository, 100);
        if (page) {
            for (const TagRow& row : page->rows) {
                if (row.tag == tag)
                    return row;
            }
        }
        return TagRow();
    }

private slots:
    void initTestCase()
    {
        QString missing;
        m_single = OciLayoutPusher::fixture(QStringLiteral("oci-single"), &missing);
        m_multi = OciLayoutPusher::fixture(QStringLiteral("oci-multi"), &missing);
        m_referrer = OciLayoutPusher::fixture(QStringLiteral("oci-referrer"), &missing);
        m_helm = OciLayoutPusher::fixture(QStringLiteral("helm-chart"), &missing);
        if (!missing.isEmpty())
            QFAIL(qPrintable(missing));
        QVERIFY(m_dir.isValid());
        RegistryService::Options options;
        options.dataDirectory = m_dir.path();
        m_registry = std::make_unique<RegistryService>(options);
        VERIFY_OK(m_registry->open());
        m_catalog = std::make_unique<ImageCatalog>(*m_registry);
        VERIFY_OK(OciLayoutPusher::push(*m_registry, m_single, QStringLiteral("single")));
        VERIFY_OK(OciLayoutPusher::push(*m_registry, m_multi, QStringLiteral("multi")));
        VERIFY_OK(OciLayoutPusher::push(*m_registry, m_referrer, QStringLiteral("ref")));
        VERIFY_OK(OciLayoutPusher::push(*m_registry, m_helm, QStringLiteral("charts/feas")));
    }

    void imageRow()
    {
        const TagRow row = rowOf(QStringLiteral("single"), QStringLiteral("v1"));
        QCOMPARE(row.digest.toString(), SingleImage);
        QCOMPARE(row.kind, ImageSummary::Kind::Image);
        QCOMPARE(row.mediaType, MediaTypes::OciImageManifest);
        QCOMPARE(row.manifestSize, 629);
        QCOMPARE(row.imageSize, expectedSize(m_single, digestOf(SingleImage)));
        QCOMPARE(row.imageSize, 629 + 628 + 227 + 230); // from SUMMARY.txt and the blob files
        QCOMPARE(row.platforms, QStringList{QStringLiteral("linux/amd64")});
        QVERIFY(row.pushedAt.isValid());
        QVERIFY(row.taggedAt.isValid());
        QVERIFY(row.lastPulledAt.isNull());
    }

    void indexRow()
    {
        const TagRow row = rowOf(QStringLiteral("multi"), QStringLiteral("v1"));
        QCOMPARE(row.digest.toString(), MultiIndex);
        QCOMPARE(row.kind, ImageSummary::Kind::Index);
        QCOMPARE(row.manifestSize, 506);
        QCOMPARE(row.imageSize, expectedSize(m_multi, digestOf(MultiIndex)));
        QVERIFY(row.imageSize > 506 + 475 * 2);
        QCOMPARE(row.platforms,
                 (QStringList{QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64/v8")}));
        // Children are not tagged and not listed as untagged either: they show under their index.
        auto untagged = m_catalog->untaggedRows(QStringLiteral("multi"), 100);
        VERIFY_OK(untagged);
        QVERIFY(untagged->isEmpty());
    }

    void helmAndArtifactRows()
    {
        const TagRow chart = rowOf(QStringLiteral("charts/feas"), QStringLiteral("0.1.0"));
        QCOMPARE(chart.digest.toString(), HelmManifest);
        QCOMPARE(chart.kind, ImageSummary::Kind::Helm);
        QVERIFY(chart.platforms.isEmpty());
        QCOMPARE(chart.imageSize, 655 + 380 + 157);
        const TagRow sbom = rowOf(QStringLiteral("ref"), QStringLiteral("sbom"));
        QCOMPARE(sbom.digest.toString(), ReferrerArtifact);
        QCOMPARE(sbom.kind, ImageSummary::Kind::Artifact);
        QCOMPARE(sbom.artifactType, QStringLiteral("application/spdx+json"));
        QCOMPARE(sbom.imageSize, 645 + 2 + 61);
    }

    void unknownRepository()
    {
        auto page = m_catalog->tagRows(QStringLiteral("nope"), 10);
        QVERIFY(!page.ok());
        QCOMPARE(page.error().code, ErrorCode::NameUnknown);
        auto detail = m_catalog->detail(QStringLiteral("single"), digestOf(MultiIndex));
        QVERIFY(!detail.ok());
        QCOMPARE(detail.error().code, ErrorCode::ManifestUnknown);
    }

    void imageDetail()
    {
        auto detail = m_catalog->detail(QStringLiteral("ref"), digestOf(SingleImage));
        VERIFY_OK(detail);
        QCOMPARE(detail->kind, ImageSummary::Kind::Image);
        QCOMPARE(detail->tags, QStringList{QStringLiteral("v1")});
        QCOMPARE(detail->manifest, OciLayoutPusher::layoutBlob(m_single, digestOf(SingleImage)));
        QCOMPARE(detail->imageSize, 1714);
        QVERIFY(detail->config.has_value());
        QCOMPARE(detail->config->digest.toString(), SingleConfig);
        QCOMPARE(detail->configBytes, OciLayoutPusher::layoutBlob(m_single, digestOf(SingleConfig)));
        QCOMPARE(detail->layers.size(), 2);
        QCOMPARE(detail->layers[0].size + detail->layers[1].size, 227 + 230);
        QVERIFY(detail->imageConfig.has_value());
        const ImageConfigInfo& c = *detail->imageConfig;
        QCOMPARE(c.os, QStringLiteral("linux"));
        QCOMPARE(c.architecture, QStringLiteral("amd64"));
        QCOMPARE(c.env, QStringList{QStringLiteral(
                            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")});
        QCOMPARE(c.cmd, QStringList{QStringLiteral("/bin/sh")});
        QVERIFY(c.entrypoint.isEmpty());
        QCOMPARE(c.labels.size(), 2);
        QCOMPARE(c.labels[0], qMakePair(QStringLiteral("org.example.arch"), QStringLiteral("amd64")));
        QCOMPARE(c.labels[1],
                 qMakePair(QStringLiteral("org.opencontainers.image.title"), QStringLiteral("feas-test")));
        QCOMPARE(c.history.size(), 2);
        QCOMPARE(c.history[0].createdBy, QStringLiteral("make-test-images.sh layer single-1"));
        QCOMPARE(c.history[0].created, QDateTime::fromSecsSinceEpoch(0, Qt::UTC));
        QCOMPARE(c.created, QDateTime::fromSecsSinceEpoch(0, Qt::UTC));
        QCOMPARE(detail->referrers.size(), 1);
        QCOMPARE(detail->referrers[0].digest.toString(), ReferrerArtifact);
        QCOMPARE(detail->referrers[0].artifactType, QStringLiteral("application/spdx+json"));
        QVERIFY(!detail->helmChart);
        QVERIFY(detail->platforms.isEmpty());
    }

    void configFields()
    {
        // A config with everything a person looks at, pushed as a client would.
        const QByteArray config =
            QJsonDocument(
                QJsonObject{{QStringLiteral("os"), QStringLiteral("linux")},
                            {QStringLiteral("architecture"), QStringLiteral("arm")},
                            {QStringLiteral("variant"), QStringLiteral("v7")},
                            {QStringLiteral("config"),
                             QJsonObject{{QStringLiteral("Entrypoint"),
                                          QJsonArray{QStringLiteral("/entry"), QStringLiteral("-x")}},
                                         {QStringLiteral("WorkingDir"), QStringLiteral("/srv")},
                                         {QStringLiteral("User"), QStringLiteral("1000:1000")},
                                         {QStringLiteral("ExposedPorts"),
                                          QJsonObject{{QStringLiteral("8080/tcp"), QJsonObject()}}}}},
                            {QStringLiteral("history"),
                             QJsonArray{QJsonObject{{QStringLiteral("created_by"), QStringLiteral("ENV A=b")},
                                                    {QStringLiteral("comment"), QStringLiteral("c")},
                                                    {QStringLiteral("empty_layer"), true}}}}})
                .toJson();
        const QString repo = QStringLiteral("custom");
        auto pushed = OciLayoutPusher::pushBlob(*m_registry, repo, config);
        VERIFY_OK(pushed);
        const QByteArray manifest =
            QJsonDocument(QJsonObject{{QStringLiteral("schemaVersion"), 2},
                                      {QStringLiteral("mediaType"), MediaTypes::OciImageManifest},
                                      {QStringLiteral("config"),
                                       QJsonObject{{QStringLiteral("mediaType"), MediaTypes::OciImageConfig},
                                                   {QStringLiteral("digest"), pushed->toString()},
                                                   {QStringLiteral("size"), config.size()}}},
                                      {QStringLiteral("layers"), QJsonArray()},
                                      {QStringLiteral("annotations"),
                                       QJsonObject{{QStringLiteral("z"), QStringLiteral("last")},
                                                   {QStringLiteral("a"), QStringLiteral("first")}}}})
                .toJson();
        auto put = m_registry->putManifest(repo, Reference::fromTag(QStringLiteral("arm")), manifest,
                                           MediaTypes::OciImageManifest);
        VERIFY_OK(put);
        auto detail = m_catalog->detail(repo, put->digest);
        VERIFY_OK(detail);
        const ImageConfigInfo& c = *detail->imageConfig;
        QCOMPARE(c.entrypoint, (QStringList{QStringLiteral("/entry"), QStringLiteral("-x")}));
        QCOMPARE(c.workingDir, QStringLiteral("/srv"));
        QCOMPARE(c.user, QStringLiteral("1000:1000"));
        QCOMPARE(c.exposedPorts, QStringList{QStringLiteral("8080/tcp")});
        QCOMPARE(c.history.size(), 1);
        QVERIFY(c.history[0].emptyLayer);
        QCOMPARE(c.history[0].comment, QStringLiteral("c"));
        QCOMPARE(detail->annotations.size(), 2);
        QCOMPARE(detail->annotations[0].first, QStringLiteral("a"));
        QCOMPARE(rowOf(repo, QStringLiteral("arm")).platforms, QStringList{QStringLiteral("linux/arm/v7")});
        QCOMPARE(rowOf(repo, QStringLiteral("arm")).imageSize, manifest.size() + config.size());
    }

    void indexAndHelmDetail()
    {
        auto index = m_catalog->detail(QStringLiteral("multi"), digestOf(MultiIndex));
        VERIFY_OK(index);
        QCOMPARE(index->kind, ImageSummary::Kind::Index);
        QCOMPARE(index->platforms.size(), 2);
        QCOMPARE(index->platforms[1].platform(), QStringLiteral("linux/arm64/v8"));
        QCOMPARE(index->platforms[1].variant, QStringLiteral("v8"));
        QCOMPARE(index->imageSize, expectedSize(m_multi, digestOf(MultiIndex)));
        QVERIFY(!index->config);
        auto chart = m_catalog->detail(QStringLiteral("charts/feas"), digestOf(HelmManifest));
        VERIFY_OK(chart);
        QCOMPARE(chart->kind, ImageSummary::Kind::Helm);
        QVERIFY(chart->helmChart.has_value());
        QCOMPARE(chart->helmChart->name, QStringLiteral("feas-chart"));
        QCOMPARE(chart->helmChart->version, QStringLiteral("0.1.0"));
        QCOMPARE(chart->helmChart->appVersion, QStringLiteral("1.0.0"));
        QCOMPARE(chart->helmChart->apiVersion, QStringLiteral("v2"));
        QCOMPARE(chart->helmChart->type, QStringLiteral("application"));
        QVERIFY(!chart->imageConfig);
        auto sbom = m_catalog->detail(QStringLiteral("ref"), digestOf(ReferrerArtifact));
        VERIFY_OK(sbom);
        QCOMPARE(sbom->subject->toString(), SingleImage);
    }

    void untaggedRows()
    {
        const QString repo = QStringLiteral("untagged");
        VERIFY_OK(OciLayoutPusher::push(*m_registry, m_referrer, repo, OciLayoutPusher::Tagging::Untagged));
        VERIFY_OK(OciLayoutPusher::push(*m_registry, m_multi, repo, OciLayoutPusher::Tagging::Untagged));
        auto rows = m_catalog->untaggedRows(repo, 100);
        VERIFY_OK(rows);
        // The image and the index; not the index's children, not the referrer of the image.
        QStringList digests;
        for (const TagRow& row : rows.value()) {
            QVERIFY(row.tag.isEmpty());
            QVERIFY(row.taggedAt.isNull());
            digests << row.digest.toString();
        }
        std::sort(digests.begin(), digests.end());
        QStringList expected{SingleImage, MultiIndex};
        std::sort(expected.begin(), expected.end());
        QCOMPARE(digests, expected);
        auto one = m_catalog->untaggedRows(repo, 1);
        VERIFY_OK(one);
        QCOMPARE(one->size(), 1);
        // Tagging the image takes it off the untagged list.
        VERIFY_OK(m_registry->putManifest(repo, Reference::fromTag(QStringLiteral("now")),
                                          OciLayoutPusher::layoutBlob(m_single, digestOf(SingleImage)),
                                          MediaTypes::OciImageManifest));
        rows = m_catalog->untaggedRows(repo, 100);
        VERIFY_OK(rows);
        QCOMPARE(rows->size(), 1);
        QCOMPARE(rows->first().digest.toString(), MultiIndex);
    }

    void search()
    {
        auto hits = m_catalog->search(QStringLiteral("FEAS"), 10);
        VERIFY_OK(hits);
        QCOMPARE(hits->size(), 1);
        QCOMPARE(hits->first().repository, QStringLiteral("charts/feas"));
        QVERIFY(hits->first().tag.isEmpty());
        QVERIFY(hits->first().compartment.isTenancy());
        hits = m_catalog->search(QStringLiteral("V1"), 10);
        VERIFY_OK(hits);
        QStringList found;
        for (const SearchHit& hit : hits.value())
            found << hit.repository + QLatin1Char(':') + hit.tag;
        QCOMPARE(found, (QStringList{QStringLiteral("multi:v1"), QStringLiteral("ref:v1"),
                                     QStringLiteral("single:v1")}));
        QCOMPARE(hits->first().digest.toString(), MultiIndex);
        hits = m_catalog->search(QStringLiteral("v1"), 2);
        VERIFY_OK(hits);
        QCOMPARE(hits->size(), 2);
        // % and _ are literal characters, not wildcards.
        const QByteArray image = OciLayoutPusher::layoutBlob(m_single, digestOf(SingleImage));
        for (const QString& tag : {QStringLiteral("a_b"), QStringLiteral("axb")})
            VERIFY_OK(m_registry->putManifest(QStringLiteral("single"), Reference::fromTag(tag), image,
                                              MediaTypes::OciImageManifest));
        hits = m_catalog->search(QStringLiteral("_"), 10);
        VERIFY_OK(hits);
        QCOMPARE(hits->size(), 1);
        QCOMPARE(hits->first().tag, QStringLiteral("a_b"));
        hits = m_catalog->search(QStringLiteral("%"), 10);
        VERIFY_OK(hits);
        QVERIFY(hits->isEmpty());
        // Repositories first, then tags.
        hits = m_catalog->search(QStringLiteral("s"), 50);
        VERIFY_OK(hits);
        found.clear();
        for (const SearchHit& hit : hits.value())
            found << hit.repository + QLatin1Char(':') + hit.tag;
        QCOMPARE(found, (QStringList{QStringLiteral("charts/feas:"), QStringLiteral("custom:"),
                                     QStringLiteral("single:"), QStringLiteral("ref:sbom")}));
        QCOMPARE(hits->last().digest.toString(), ReferrerArtifact);
    }

    void repositorySizes()
    {
        auto size = m_catalog->repositorySize(QStringLiteral("single"));
        VERIFY_OK(size);
        QCOMPARE(size.value(), 1714);
        auto sizeRef = m_catalog->repositorySize(QStringLiteral("ref"));
        VERIFY_OK(sizeRef);
        QCOMPARE(sizeRef.value(), 1714 + 645 + 2 + 61);
        auto list = m_catalog->repositoriesIn(CompartmentPath::tenancy());
        VERIFY_OK(list);
        QVERIFY(list->size() >= 4);
        for (const RepositorySummary& s : list.value()) {
            auto expected = m_catalog->repositorySize(s.name);
            VERIFY_OK(expected);
            QCOMPARE(s.size, expected.value());
        }
        auto missing = m_catalog->repositoriesIn(CompartmentPath(QStringList{QStringLiteral("Nowhere")}));
        QVERIFY(!missing.ok());
    }

    void pagesOf100000Tags()
    {
        const QString repo = QStringLiteral("big");
        VERIFY_OK(OciLayoutPusher::push(*m_registry, m_single, repo));
        MetadataStore& metadata = m_registry->metadata();
        const qint64 repoId = *metadata.repositoryId(repo).value();
        const qint64 manifestId = metadata.manifestByDigest(repoId, digestOf(SingleImage)).value()->id;
        const int total = 100'000;
        QElapsedTimer insert;
        insert.start();
        VERIFY_OK(metadata.transaction([&]() -> Result<void> {
            const QDateTime now = QDateTime::currentDateTimeUtc();
            for (int i = 0; i < total; ++i) {
                auto set = metadata.setTag(repoId, QStringLiteral("t%1").arg(i, 6, 10, QLatin1Char('0')),
                                           manifestId, now);
                if (!set)
                    return set.error();
            }
            return {};
        }));
        qInfo("inserted %d tags in %lld ms", total, qint64(insert.elapsed()));

        const int pageSize = 1000;
        QString after;
        QString previous;
        int rows = 0;
        int pages = 0;
        QList<qint64> times;
        for (bool more = true; more;) {
            QElapsedTimer timer;
            timer.start();
            auto page = m_catalog->tagRows(repo, pageSize, after);
            times << timer.nsecsElapsed() / 1000;
            VERIFY_OK(page);
            QVERIFY(page->rows.size() <= pageSize);
            for (const TagRow& row : page->rows) {
                QVERIFY2(row.tag > previous, qPrintable(row.tag)); // in order, so no row twice
                previous = row.tag;
                QCOMPARE(row.imageSize, 1714);
            }
            rows += int(page->rows.size());
            ++pages;
            more = page->more;
            if (more) {
                QCOMPARE(page->rows.size(), pageSize);
                after = page->rows.last().tag;
            }
        }
        // 100,000 "t" tags plus "v1".
        QCOMPARE(rows, total + 1);
        QCOMPARE(pages, (total + 1 + pageSize - 1) / pageSize);
        QCOMPARE(previous, QStringLiteral("v1"));
        std::sort(times.begin(), times.end());
        qInfo("a page of %d rows of %d tags: median %.2f ms, slowest %.2f ms", pageSize, total,
              double(times[times.size() / 2]) / 1000.0, double(times.last()) / 1000.0);
        QVERIFY2(times[times.size() / 2] < 100'000, "a page took 100 ms or more");

        // Page boundaries are exact: after is exclusive.
        auto page = m_catalog->tagRows(repo, 3, QStringLiteral("t000002"));
        VERIFY_OK(page);
        QCOMPARE(page->rows.size(), 3);
        QCOMPARE(page->rows[0].tag, QStringLiteral("t000003"));
        QCOMPARE(page->rows[2].tag, QStringLiteral("t000005"));
        QVERIFY(page->more);
        page = m_catalog->tagRows(repo, 5, QStringLiteral("t099999"));
        VERIFY_OK(page);
        QCOMPARE(page->rows.size(), 1);
        QVERIFY(!page->more);
    }
};

QTEST_GUILESS_MAIN(TestImageCatalog)
#include "tst_imagecatalog.moc"
