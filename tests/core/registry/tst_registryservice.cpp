#include "metadata/MetadataStore.h"
#include "oci/MediaTypes.h"
#include "registry/RegistryService.h"
#include "storage/BlobWriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <thread>
#include <vector>

using namespace berth;

#define VERIFY_OK(expr)                                                                                      \
    do {                                                                                                     \
        const auto& r_ = (expr);                                                                             \
        QVERIFY2(r_.ok(), qPrintable(r_.error().message));                                                   \
    } while (false)

#define VERIFY_ERROR(expr, expectedCode)                                                                     \
    do {                                                                                                     \
        const auto& r_ = (expr);                                                                             \
        QVERIFY2(!r_.ok(), "expected an error");                                                             \
        QCOMPARE(r_.error().code, expectedCode);                                                             \
    } while (false)

namespace {

QJsonObject descriptor(const QString& mediaType, const Digest& digest, qint64 size)
{
    return QJsonObject{{QStringLiteral("mediaType"), mediaType},
                       {QStringLiteral("digest"), digest.toString()},
                       {QStringLiteral("size"), size}};
}

struct Blob
{
    QByteArray bytes;
    Digest digest;
};

Blob blob(const QByteArray& bytes)
{
    return Blob{bytes, Digest::compute(bytes)};
}

QByteArray imageManifest(const Blob& config, const QList<Blob>& layers,
                         const std::optional<Blob>& subject = {}, const QString& artifactType = QString(),
                         const QJsonObject& annotations = {})
{
    QJsonObject o{{QStringLiteral("schemaVersion"), 2},
                  {QStringLiteral("mediaType"), MediaTypes::OciImageManifest}};
    o.insert(QStringLiteral("config"),
             descriptor(MediaTypes::OciImageConfig, config.digest, config.bytes.size()));
    QJsonArray ls;
    for (const Blob& l : layers)
        ls.append(descriptor(MediaTypes::OciLayerTarGzip, l.digest, l.bytes.size()));
    o.insert(QStringLiteral("layers"), ls);
    if (subject)
        o.insert(QStringLiteral("subject"),
                 descriptor(MediaTypes::OciImageManifest, subject->digest, subject->bytes.size()));
    if (!artifactType.isEmpty())
        o.insert(QStringLiteral("artifactType"), artifactType);
    if (!annotations.isEmpty())
        o.insert(QStringLiteral("annotations"), annotations);
    return QJsonDocument(o).toJson(QJsonDocument::Indented); // not compact: bytes must be kept as sent
}

QByteArray indexManifest(const QList<Blob>& children)
{
    QJsonArray ms;
    for (const Blob& c : children) {
        QJsonObject d = descriptor(MediaTypes::OciImageManifest, c.digest, c.bytes.size());
        d.insert(QStringLiteral("platform"),
                 QJsonObject{{QStringLiteral("architecture"), QStringLiteral("amd64")},
                             {QStringLiteral("os"), QStringLiteral("linux")}});
        ms.append(d);
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("schemaVersion"), 2},
                                     {QStringLiteral("mediaType"), MediaTypes::OciImageIndex},
                                     {QStringLiteral("manifests"), ms}})
        .toJson(QJsonDocument::Compact);
}

Reference tag(const QString& t)
{
    return Reference::fromTag(t);
}

} // namespace

class TestRegistryService : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<RegistryService> m_service;

    std::unique_ptr<RegistryService> makeService()
    {
        RegistryService::Options options;
        options.dataDirectory = m_dir->path();
        options.clock = m_clock.get();
        auto service = std::make_unique<RegistryService>(options);
        auto opened = service->open();
        if (!opened.ok())
            qFatal("open failed: %s", qPrintable(opened.error().message));
        return service;
    }

    /// Uploads bytes as a blob of the repository in two chunks.
    bool pushBlob(RegistryService& service, const QString& repository, const Blob& b)
    {
        auto started = service.startUpload(repository);
        if (!started.ok())
            return false;
        auto lease = service.acquireUpload(repository, started->id);
        if (!lease.ok())
            return false;
        const qsizetype half = b.bytes.size() / 2;
        if (!lease.value()->write(QByteArrayView(b.bytes).first(half)).ok())
            return false;
        if (!lease.value()->write(QByteArrayView(b.bytes).sliced(half)).ok())
            return false;
        auto done = service.completeUpload(std::move(lease).value(), b.digest);
        return done.ok() && done->digest == b.digest && done->size == b.bytes.size();
    }

    /// An image (config + one layer) pushed to the repository; returns the manifest as a Blob.
    Blob pushImage(const QString& repository, const QString& name, const QString& tagName = QString())
    {
        const Blob config = blob("{\"config\":\"" + name.toUtf8() + "\"}");
        const Blob layer = blob("layer of " + name.toUtf8());
        if (!pushBlob(*m_service, repository, config) || !pushBlob(*m_service, repository, layer))
            qFatal("could not push blobs");
        const Blob manifest = blob(imageManifest(config, {layer}));
        const Reference ref = tagName.isEmpty() ? Reference::fromDigest(manifest.digest) : tag(tagName);
        auto put = m_service->putManifest(repository, ref, manifest.bytes, MediaTypes::OciImageManifest);
        if (!put.ok())
            qFatal("could not push manifest: %s", qPrintable(put.error().message));
        return manifest;
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_clock = std::make_unique<ManualClock>();
        m_service = makeService();
    }

    void cleanup()
    {
        m_service.reset();
        m_clock.reset();
        m_dir.reset();
    }

    void pushAndPull()
    {
        QSignalSpy events(m_service.get(), &RegistryService::registryEvent);
        const QString repo = QStringLiteral("library/hello");
        QVERIFY(!m_service->repositoryExists(repo));
        const Blob config = blob("{\"architecture\":\"amd64\",\"os\":\"linux\"}");
        const Blob layer = blob(QByteArray(100000, 'x'));
        QVERIFY(pushBlob(*m_service, repo, config));
        QVERIFY(m_service->repositoryExists(repo)); // created by the first blob
        QVERIFY(pushBlob(*m_service, repo, layer));

        auto stat = m_service->statBlob(repo, layer.digest);
        VERIFY_OK(stat);
        QCOMPARE(stat->size, layer.bytes.size());
        auto device = m_service->openBlob(repo, layer.digest);
        VERIFY_OK(device);
        QCOMPARE(device.value()->readAll(), layer.bytes);
        QVERIFY(!m_service->blobLocalPath(layer.digest).isEmpty());
        VERIFY_ERROR(m_service->statBlob(QStringLiteral("other"), layer.digest), ErrorCode::BlobUnknown);

        const Blob manifest =
            blob(imageManifest(config, {layer}, {}, QString(),
                               QJsonObject{{QStringLiteral("org.example"), QStringLiteral("x")}}));
        auto put = m_service->putManifest(repo, tag(QStringLiteral("v1")), manifest.bytes,
                                          MediaTypes::OciImageManifest);
        VERIFY_OK(put);
        QCOMPARE(put->digest, manifest.digest);
        QVERIFY(put->created);
        QVERIFY(!put->subject);

        auto byTag = m_service->getManifest(repo, tag(QStringLiteral("v1")));
        VERIFY_OK(byTag);
        QCOMPARE(byTag->bytes, manifest.bytes);
        QCOMPARE(byTag->digest, manifest.digest);
        QCOMPARE(byTag->mediaType, MediaTypes::OciImageManifest);
        auto byDigest = m_service->getManifest(repo, Reference::fromDigest(manifest.digest), false);
        VERIFY_OK(byDigest);
        QCOMPARE(byDigest->bytes, manifest.bytes);
        // The manifest is a blob the repository holds, too.
        VERIFY_OK(m_service->statBlob(repo, manifest.digest));

        // Same bytes again: not new; the tag does not move.
        auto again = m_service->putManifest(repo, tag(QStringLiteral("v1")), manifest.bytes,
                                            MediaTypes::OciImageManifest);
        VERIFY_OK(again);
        QVERIFY(!again->created);

        VERIFY_ERROR(m_service->getManifest(repo, tag(QStringLiteral("nope"))), ErrorCode::ManifestUnknown);
        VERIFY_ERROR(m_service->getManifest(QStringLiteral("nothing/here"), tag(QStringLiteral("v1"))),
                     ErrorCode::NameUnknown);

        QList<RegistryEventType> types;
        for (const auto& args : events)
            types << args.at(0).value<RegistryEvent>().type;
        QCOMPARE(types, (QList<RegistryEventType>{
                            RegistryEventType::RepositoryCreated, RegistryEventType::BlobPushed,
                            RegistryEventType::BlobPushed, RegistryEventType::ManifestPushed,
                            RegistryEventType::TagUpdated, RegistryEventType::ManifestPulled,
                            RegistryEventType::ManifestPushed}));
        const RegistryEvent tagged = events.at(4).at(0).value<RegistryEvent>();
        QCOMPARE(tagged.tag, QStringLiteral("v1"));
        QCOMPARE(tagged.digest, manifest.digest);
        QCOMPARE(tagged.repository, repo);
        QCOMPARE(tagged.at, m_clock->now());
    }

    void missingBlob()
    {
        const QString repo = QStringLiteral("app");
        const Blob config = blob("{}");
        const Blob layer = blob("never uploaded");
        QVERIFY(pushBlob(*m_service, QStringLiteral("elsewhere"), layer)); // another repository's blob
        const Blob manifest = blob(imageManifest(config, {layer}));
        auto put = m_service->putManifest(repo, tag(QStringLiteral("v1")), manifest.bytes,
                                          MediaTypes::OciImageManifest);
        VERIFY_ERROR(put, ErrorCode::ManifestBlobUnknown);
        QVERIFY(put.error().message.contains(config.digest.toString()));
        QCOMPARE(put.error().detail.toObject().value(QStringLiteral("digest")).toString(),
                 config.digest.toString());
        QVERIFY(!m_service->repositoryExists(repo)); // the failed push created nothing
        QVERIFY(pushBlob(*m_service, repo, config));
        put = m_service->putManifest(repo, tag(QStringLiteral("v1")), manifest.bytes,
                                     MediaTypes::OciImageManifest);
        VERIFY_ERROR(put, ErrorCode::ManifestBlobUnknown);
        QCOMPARE(put.error().detail.toObject().value(QStringLiteral("digest")).toString(),
                 layer.digest.toString());
    }

    void indexAndMissingChild()
    {
        const QString repo = QStringLiteral("multi");
        const Blob amd64 = pushImage(repo, QStringLiteral("amd64"));
        const Blob missing = blob(imageManifest(blob("c"), {blob("l")}));
        const Blob bad = blob(indexManifest({amd64, missing}));
        auto put =
            m_service->putManifest(repo, tag(QStringLiteral("latest")), bad.bytes, MediaTypes::OciImageIndex);
        VERIFY_ERROR(put, ErrorCode::ManifestUnknown);
        QCOMPARE(put.error().detail.toObject().value(QStringLiteral("digest")).toString(),
                 missing.digest.toString());

        const Blob good = blob(indexManifest({amd64}));
        VERIFY_OK(m_service->putManifest(repo, tag(QStringLiteral("latest")), good.bytes,
                                         MediaTypes::OciImageIndex));
        auto got = m_service->getManifest(repo, tag(QStringLiteral("latest")));
        VERIFY_OK(got);
        QCOMPARE(got->mediaType, MediaTypes::OciImageIndex);
        QCOMPARE(got->bytes, good.bytes);
        // Deleting a child an index still references is allowed.
        VERIFY_OK(m_service->deleteManifest(repo, amd64.digest));
        VERIFY_OK(m_service->getManifest(repo, tag(QStringLiteral("latest"))));
    }

    void digestMismatch()
    {
        const QString repo = QStringLiteral("app");
        const Blob image = pushImage(repo, QStringLiteral("one"));
        const Blob other = blob(imageManifest(blob("{\"config\":\"one\"}"), {blob("layer of one")}, {},
                                              QStringLiteral("application/x-other")));
        auto put = m_service->putManifest(repo, Reference::fromDigest(image.digest), other.bytes,
                                          MediaTypes::OciImageManifest);
        VERIFY_ERROR(put, ErrorCode::DigestInvalid);
        // By the right digest it is fine, and sha512 works too.
        VERIFY_OK(m_service->putManifest(repo, Reference::fromDigest(other.digest), other.bytes,
                                         MediaTypes::OciImageManifest));
        const Digest sha512 = Digest::compute(other.bytes, DigestAlgorithm::Sha512);
        VERIFY_OK(m_service->putManifest(repo, Reference::fromDigest(sha512), other.bytes,
                                         MediaTypes::OciImageManifest));
        auto got = m_service->getManifest(repo, Reference::fromDigest(sha512));
        VERIFY_OK(got);
        QCOMPARE(got->digest, sha512);
        QCOMPARE(got->bytes, other.bytes);
        VERIFY_ERROR(
            m_service->putManifest(repo, tag(QStringLiteral("x")), "not json", MediaTypes::OciImageManifest),
            ErrorCode::ManifestInvalid);
    }

    void tagsPagination()
    {
        const QString repo = QStringLiteral("tags");
        const Blob image = pushImage(repo, QStringLiteral("img"), QStringLiteral("latest"));
        for (const char* t : {"v2", "v10", "V1", "a", "_x", "1.0"})
            VERIFY_OK(m_service->putManifest(repo, tag(QString::fromLatin1(t)), image.bytes,
                                             MediaTypes::OciImageManifest));
        const QStringList all{QStringLiteral("1.0"), QStringLiteral("V1"),     QStringLiteral("_x"),
                              QStringLiteral("a"),   QStringLiteral("latest"), QStringLiteral("v10"),
                              QStringLiteral("v2")};
        auto page = m_service->listTags(repo, -1, QString());
        VERIFY_OK(page);
        QCOMPARE(page->names, all);
        QVERIFY(!page->more);

        QStringList collected;
        QString last;
        int pages = 0;
        for (;;) {
            auto p = m_service->listTags(repo, 3, last);
            VERIFY_OK(p);
            collected += p->names;
            ++pages;
            if (!p->more)
                break;
            last = p->names.last();
        }
        QCOMPARE(collected, all);
        QCOMPARE(pages, 3);
        auto exact = m_service->listTags(repo, 7, QString());
        QVERIFY(!exact->more);
        QCOMPARE(exact->names.size(), 7);
        auto empty = m_service->listTags(repo, 0, QString());
        VERIFY_OK(empty);
        QVERIFY(empty->names.isEmpty());
        auto after = m_service->listTags(repo, -1, QStringLiteral("latest"));
        QCOMPARE(after->names, (QStringList{QStringLiteral("v10"), QStringLiteral("v2")}));
        VERIFY_ERROR(m_service->listTags(QStringLiteral("unknown"), -1, QString()), ErrorCode::NameUnknown);
        VERIFY_ERROR(m_service->listTags(QStringLiteral("Bad"), -1, QString()), ErrorCode::NameInvalid);
    }

    void catalogPagination()
    {
        for (const char* r : {"b", "a/z", "a", "c-d", "a/b"})
            QVERIFY(pushBlob(*m_service, QString::fromLatin1(r), blob(QByteArray(r))));
        const QStringList all{QStringLiteral("a"), QStringLiteral("a/b"), QStringLiteral("a/z"),
                              QStringLiteral("b"), QStringLiteral("c-d")};
        QCOMPARE(m_service->catalog(-1, QString())->names, all);
        auto first = m_service->catalog(2, QString());
        QCOMPARE(first->names, (QStringList{QStringLiteral("a"), QStringLiteral("a/b")}));
        QVERIFY(first->more);
        auto second = m_service->catalog(2, QStringLiteral("a/b"));
        QCOMPARE(second->names, (QStringList{QStringLiteral("a/z"), QStringLiteral("b")}));
        QVERIFY(second->more);
        auto third = m_service->catalog(2, QStringLiteral("b"));
        QCOMPARE(third->names, QStringList{QStringLiteral("c-d")});
        QVERIFY(!third->more);
        QVERIFY(m_service->catalog(0, QString())->names.isEmpty());
    }

    void referrersWithFilter()
    {
        const QString repo = QStringLiteral("signed");
        const Blob image = pushImage(repo, QStringLiteral("base"), QStringLiteral("v1"));
        const Blob empty = blob("{}");
        QVERIFY(pushBlob(*m_service, repo, empty));
        const Blob sigLayer = blob("signature");
        const Blob sbomLayer = blob("sbom");
        QVERIFY(pushBlob(*m_service, repo, sigLayer));
        QVERIFY(pushBlob(*m_service, repo, sbomLayer));
        const QJsonObject annotations{
            {QStringLiteral("org.opencontainers.image.created"), QStringLiteral("2024-01-01T00:00:00Z")}};
        const Blob sig = blob(imageManifest(empty, {sigLayer}, image,
                                            QStringLiteral("application/vnd.example.sig"), annotations));
        const Blob sbom =
            blob(imageManifest(empty, {sbomLayer}, image, QStringLiteral("application/vnd.example.sbom")));
        auto put = m_service->putManifest(repo, Reference::fromDigest(sig.digest), sig.bytes,
                                          MediaTypes::OciImageManifest);
        VERIFY_OK(put);
        QVERIFY(put->subject);
        QCOMPARE(*put->subject, image.digest);
        VERIFY_OK(m_service->putManifest(repo, Reference::fromDigest(sbom.digest), sbom.bytes,
                                         MediaTypes::OciImageManifest));

        auto all = m_service->referrers(repo, image.digest, QString());
        VERIFY_OK(all);
        QCOMPARE(all->size(), 2);
        auto sigs = m_service->referrers(repo, image.digest, QStringLiteral("application/vnd.example.sig"));
        VERIFY_OK(sigs);
        QCOMPARE(sigs->size(), 1);
        const Descriptor& d = sigs->first();
        QCOMPARE(d.digest, sig.digest);
        QCOMPARE(d.size, sig.bytes.size());
        QCOMPARE(d.mediaType, MediaTypes::OciImageManifest);
        QCOMPARE(d.artifactType, QStringLiteral("application/vnd.example.sig"));
        QCOMPARE(d.annotations, annotations);
        QVERIFY(m_service->referrers(repo, image.digest, QStringLiteral("application/none"))->isEmpty());
        QVERIFY(m_service->referrers(repo, Digest::compute("unknown"), QString())->isEmpty());
        QVERIFY(m_service->referrers(QStringLiteral("no/repo"), image.digest, QString())->isEmpty());
    }

    void deleteManifestRemovesTags()
    {
        QSignalSpy events(m_service.get(), &RegistryService::registryEvent);
        const QString repo = QStringLiteral("del");
        const Blob image = pushImage(repo, QStringLiteral("x"), QStringLiteral("v1"));
        VERIFY_OK(m_service->putManifest(repo, tag(QStringLiteral("v2")), image.bytes,
                                         MediaTypes::OciImageManifest));
        const Blob other = pushImage(repo, QStringLiteral("y"), QStringLiteral("keep"));
        events.clear();
        VERIFY_OK(m_service->deleteManifest(repo, image.digest));
        QCOMPARE(m_service->listTags(repo, -1, QString())->names, QStringList{QStringLiteral("keep")});
        VERIFY_ERROR(m_service->getManifest(repo, Reference::fromDigest(image.digest)),
                     ErrorCode::ManifestUnknown);
        VERIFY_ERROR(m_service->getManifest(repo, tag(QStringLiteral("v1"))), ErrorCode::ManifestUnknown);
        VERIFY_ERROR(m_service->deleteManifest(repo, image.digest), ErrorCode::ManifestUnknown);
        VERIFY_ERROR(m_service->statBlob(repo, image.digest), ErrorCode::BlobUnknown);
        QCOMPARE(events.size(), 3); // TagDeleted v1, TagDeleted v2, ManifestDeleted
        QCOMPARE(events.last().at(0).value<RegistryEvent>().type, RegistryEventType::ManifestDeleted);

        VERIFY_OK(m_service->deleteTag(repo, QStringLiteral("keep")));
        VERIFY_ERROR(m_service->deleteTag(repo, QStringLiteral("keep")), ErrorCode::ManifestUnknown);
        VERIFY_OK(m_service->getManifest(repo, Reference::fromDigest(other.digest)));
        QVERIFY(m_service->listTags(repo, -1, QString())->names.isEmpty());
        // A pushed blob can be removed from the repository.
        const Blob b = blob("to delete");
        QVERIFY(pushBlob(*m_service, repo, b));
        VERIFY_OK(m_service->deleteBlob(repo, b.digest));
        VERIFY_ERROR(m_service->statBlob(repo, b.digest), ErrorCode::BlobUnknown);
        VERIFY_ERROR(m_service->deleteBlob(repo, b.digest), ErrorCode::BlobUnknown);
    }

    void mount()
    {
        const Blob b = blob("shared layer");
        QVERIFY(pushBlob(*m_service, QStringLiteral("source"), b));
        QVERIFY(pushBlob(*m_service, QStringLiteral("third"), blob("other")));
        auto withFrom = m_service->mountBlob(QStringLiteral("target"), b.digest, QStringLiteral("source"));
        VERIFY_OK(withFrom);
        QVERIFY(withFrom.value());
        QVERIFY(m_service->repositoryExists(QStringLiteral("target")));
        VERIFY_OK(m_service->statBlob(QStringLiteral("target"), b.digest));

        auto wrongFrom = m_service->mountBlob(QStringLiteral("target2"), b.digest, QStringLiteral("third"));
        VERIFY_OK(wrongFrom);
        QVERIFY(!wrongFrom.value());
        QVERIFY(!m_service->repositoryExists(QStringLiteral("target2")));
        auto unknownFrom =
            m_service->mountBlob(QStringLiteral("target2"), b.digest, QStringLiteral("nobody"));
        VERIFY_OK(unknownFrom);
        QVERIFY(!unknownFrom.value());

        auto anywhere = m_service->mountBlob(QStringLiteral("target3"), b.digest, QString());
        VERIFY_OK(anywhere);
        QVERIFY(anywhere.value());
        VERIFY_OK(m_service->statBlob(QStringLiteral("target3"), b.digest));

        auto unknownBlob =
            m_service->mountBlob(QStringLiteral("target4"), Digest::compute("nope"), QString());
        VERIFY_OK(unknownBlob);
        QVERIFY(!unknownBlob.value());
        VERIFY_ERROR(m_service->mountBlob(QStringLiteral("target"), b.digest, QStringLiteral("../up")),
                     ErrorCode::NameInvalid);
    }

    void uploadInUse()
    {
        const QString repo = QStringLiteral("up");
        auto started = m_service->startUpload(repo);
        VERIFY_OK(started);
        QVERIFY(!m_service->repositoryExists(repo)); // only a committed blob creates the repository
        auto first = m_service->acquireUpload(repo, started->id);
        VERIFY_OK(first);
        VERIFY_OK(first.value()->write("abc"));
        auto second = m_service->acquireUpload(repo, started->id);
        VERIFY_ERROR(second, ErrorCode::BlobUploadInvalid);
        QVERIFY(second.error().message.contains(QStringLiteral("in use by another request")));
        VERIFY_ERROR(m_service->cancelUpload(repo, started->id), ErrorCode::BlobUploadInvalid);
        first.value().reset();
        auto status = m_service->uploadStatus(repo, started->id);
        VERIFY_OK(status);
        QCOMPARE(status->offset, qint64(3));
        auto third = m_service->acquireUpload(repo, started->id);
        VERIFY_OK(third);
        QCOMPARE(third.value()->offset(), qint64(3));
        third.value().reset();
        // Another repository cannot use the session.
        VERIFY_ERROR(m_service->acquireUpload(QStringLiteral("other"), started->id),
                     ErrorCode::BlobUploadUnknown);
        VERIFY_OK(m_service->cancelUpload(repo, started->id));
        VERIFY_ERROR(m_service->acquireUpload(repo, started->id), ErrorCode::BlobUploadUnknown);
        VERIFY_ERROR(m_service->uploadStatus(repo, started->id), ErrorCode::BlobUploadUnknown);
        QVERIFY(QDir(m_dir->path() + QStringLiteral("/uploads")).isEmpty());
    }

    void wrongDigestEndsSession()
    {
        const QString repo = QStringLiteral("up");
        auto started = m_service->startUpload(repo);
        VERIFY_OK(started);
        auto lease = m_service->acquireUpload(repo, started->id);
        VERIFY_OK(lease);
        VERIFY_OK(lease.value()->write("content"));
        const Digest wrong = Digest::compute("other");
        VERIFY_ERROR(m_service->completeUpload(std::move(lease).value(), wrong), ErrorCode::DigestInvalid);
        VERIFY_ERROR(m_service->acquireUpload(repo, started->id), ErrorCode::BlobUploadUnknown);
        VERIFY_ERROR(m_service->statBlob(repo, wrong), ErrorCode::BlobUnknown);
        VERIFY_ERROR(m_service->statBlob(repo, Digest::compute("content")), ErrorCode::BlobUnknown);
        QVERIFY(!m_service->repositoryExists(repo));
    }

    void uploadSurvivesRestart()
    {
        const QString repo = QStringLiteral("restart");
        const Blob b = blob(QByteArray(300000, 'r'));
        QString id;
        {
            auto started = m_service->startUpload(repo);
            VERIFY_OK(started);
            id = started->id;
            auto lease = m_service->acquireUpload(repo, id);
            VERIFY_OK(lease);
            VERIFY_OK(lease.value()->write(QByteArrayView(b.bytes).first(100000)));
        }
        // Litter a crash could leave: data without a session and a session without data.
        QVERIFY(
            QDir().mkpath(m_dir->path() + QStringLiteral("/uploads/0c8e6d0a-0000-4000-8000-000000000000")));
        auto ghost = m_service->startUpload(repo);
        VERIFY_OK(ghost);
        QVERIFY(QDir(m_dir->path() + QStringLiteral("/uploads/") + ghost->id).removeRecursively());

        m_service.reset();
        m_service = makeService();

        QVERIFY(
            !QFile::exists(m_dir->path() + QStringLiteral("/uploads/0c8e6d0a-0000-4000-8000-000000000000")));
        VERIFY_ERROR(m_service->uploadStatus(repo, ghost->id), ErrorCode::BlobUploadUnknown);
        auto status = m_service->uploadStatus(repo, id);
        VERIFY_OK(status);
        QCOMPARE(status->offset, qint64(100000));
        auto lease = m_service->acquireUpload(repo, id);
        VERIFY_OK(lease);
        QCOMPARE(lease.value()->offset(), qint64(100000));
        VERIFY_OK(lease.value()->write(QByteArrayView(b.bytes).sliced(100000)));
        auto done = m_service->completeUpload(std::move(lease).value(), b.digest);
        VERIFY_OK(done);
        QCOMPARE(done->size, b.bytes.size());
        auto device = m_service->openBlob(repo, b.digest);
        VERIFY_OK(device);
        QCOMPARE(device.value()->readAll(), b.bytes);
        QVERIFY(QDir(m_dir->path() + QStringLiteral("/uploads")).isEmpty());
    }

    void hostileUploadIds()
    {
        const QString repo = QStringLiteral("hostile");
        auto real = m_service->startUpload(repo);
        VERIFY_OK(real);
        for (const QString& id :
             {QStringLiteral("../x"), QString(), QStringLiteral(".."), QStringLiteral("../../etc/passwd"),
              real->id.toUpper(), QStringLiteral("{") + real->id + QStringLiteral("}"),
              real->id + QStringLiteral("/..")}) {
            VERIFY_ERROR(m_service->acquireUpload(repo, id), ErrorCode::BlobUploadUnknown);
            VERIFY_ERROR(m_service->uploadStatus(repo, id), ErrorCode::BlobUploadUnknown);
            VERIFY_ERROR(m_service->cancelUpload(repo, id), ErrorCode::BlobUploadUnknown);
        }
        VERIFY_OK(m_service->uploadStatus(repo, real->id));
        VERIFY_ERROR(m_service->startUpload(QStringLiteral("../etc")), ErrorCode::NameInvalid);
        VERIFY_ERROR(m_service->startUpload(QString()), ErrorCode::NameInvalid);
        VERIFY_ERROR(
            m_service->putManifest(QStringLiteral("UPPER"), tag(QStringLiteral("v1")), "{}", QString()),
            ErrorCode::NameInvalid);
    }

    void concurrentPutManifest()
    {
        const QString repo = QStringLiteral("busy");
        const Blob config = blob("{\"busy\":true}");
        QVERIFY(pushBlob(*m_service, repo, config));
        constexpr int Threads = 8;
        QList<Blob> layers;
        for (int i = 0; i < Threads; ++i) {
            layers << blob("layer " + QByteArray::number(i));
            QVERIFY(pushBlob(*m_service, repo, layers.last()));
        }
        std::atomic<int> ok{0};
        std::atomic<int> ready{0};
        std::vector<std::thread> threads;
        for (int i = 0; i < Threads; ++i) {
            threads.emplace_back([&, i] {
                const Blob manifest = blob(imageManifest(config, {layers[i]}));
                ready.fetch_add(1);
                while (ready.load() < Threads) {
                }
                for (int round = 0; round < 5; ++round) {
                    auto put = m_service->putManifest(repo, tag(QStringLiteral("t%1").arg(i)), manifest.bytes,
                                                      MediaTypes::OciImageManifest);
                    auto shared = m_service->putManifest(repo, tag(QStringLiteral("shared")), manifest.bytes,
                                                         MediaTypes::OciImageManifest);
                    auto got = m_service->getManifest(repo, tag(QStringLiteral("t%1").arg(i)));
                    if (put.ok() && shared.ok() && got.ok() && got->bytes == manifest.bytes)
                        ok.fetch_add(1);
                }
            });
        }
        for (auto& t : threads)
            t.join();
        QCOMPARE(ok.load(), Threads * 5);
        auto tags = m_service->listTags(repo, -1, QString());
        VERIFY_OK(tags);
        QCOMPARE(tags->names.size(), Threads + 1);
    }

    void concurrentUploads()
    {
        const QString repo = QStringLiteral("racing");
        // One session, many requests: the lease lets exactly one write at a time.
        auto started = m_service->startUpload(repo);
        VERIFY_OK(started);
        const QString id = started->id;
        constexpr int Threads = 8;
        std::atomic<int> written{0};
        std::atomic<int> refused{0};
        std::atomic<int> failed{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < Threads; ++t) {
            threads.emplace_back([&] {
                for (int i = 0; i < 50; ++i) {
                    auto lease = m_service->acquireUpload(repo, id);
                    if (!lease.ok()) {
                        if (lease.error().code == ErrorCode::BlobUploadInvalid)
                            refused.fetch_add(1);
                        else
                            failed.fetch_add(1);
                        continue;
                    }
                    const qint64 before = lease.value()->offset();
                    if (!lease.value()->write("z").ok() || lease.value()->offset() != before + 1)
                        failed.fetch_add(1);
                    else
                        written.fetch_add(1);
                }
            });
        }
        for (auto& t : threads)
            t.join();
        QCOMPARE(failed.load(), 0);
        QCOMPARE(written.load() + refused.load(), Threads * 50);
        auto status = m_service->uploadStatus(repo, id);
        VERIFY_OK(status);
        QCOMPARE(status->offset, qint64(written.load()));

        // Many sessions of the same content completing at once all succeed (one stored copy).
        const Blob b = blob(QByteArray(200000, 'q'));
        std::atomic<int> completed{0};
        threads.clear();
        for (int t = 0; t < Threads; ++t) {
            threads.emplace_back([&] {
                if (pushBlob(*m_service, repo, b))
                    completed.fetch_add(1);
            });
        }
        for (auto& t : threads)
            t.join();
        QCOMPARE(completed.load(), Threads);
        auto stat = m_service->statBlob(repo, b.digest);
        VERIFY_OK(stat);
        QCOMPARE(stat->size, b.bytes.size());
    }

    void pullStatisticsAreBatched()
    {
        const QString repo = QStringLiteral("stats");
        const Blob image = pushImage(repo, QStringLiteral("s"), QStringLiteral("v1"));
        const QString dbPath = m_dir->path() + QStringLiteral("/berth.db");
        auto lastPulled = [&]() -> QVariant {
            MetadataStore reader(dbPath);
            if (!reader.open().ok())
                return QStringLiteral("error");
            auto q = reader.exec(QStringLiteral("SELECT last_pulled_at FROM manifests WHERE digest = ?"),
                                 {image.digest.toString()});
            if (!q.ok() || !q->next())
                return QStringLiteral("error");
            return q->value(0);
        };
        m_clock->advance(10);
        VERIFY_OK(m_service->getManifest(repo, tag(QStringLiteral("v1"))));
        // Over 5 s since the service opened: this pull asked for a flush, which runs on the service's
        // thread (queued), not within the request.
        QCOMPARE(lastPulled().toLongLong(), 0);
        QCoreApplication::processEvents();
        QCOMPARE(lastPulled().toLongLong(), m_clock->now().toMSecsSinceEpoch());
        m_clock->advance(1);
        VERIFY_OK(m_service->getManifest(repo, tag(QStringLiteral("v1"))));
        VERIFY_OK(m_service->getManifest(repo, tag(QStringLiteral("v1")), false)); // HEAD: not counted
        QCOMPARE(lastPulled().toLongLong(),
                 m_clock->now().addSecs(-1).toMSecsSinceEpoch()); // not yet written
        m_service->flushStatistics();
        QCOMPARE(lastPulled().toLongLong(), m_clock->now().toMSecsSinceEpoch());
        m_clock->advance(1);
        VERIFY_OK(m_service->getManifest(repo, Reference::fromDigest(image.digest)));
        m_service.reset(); // destruction flushes
        QCOMPARE(lastPulled().toLongLong(), m_clock->now().toMSecsSinceEpoch());
    }
};

QTEST_GUILESS_MAIN(TestRegistryService)
#include "tst_registryservice.moc"
