#include "governance/PushGuard.h"
#include "oci/ManifestParser.h"
#include "oci/Names.h"
#include "registry/RegistryServicePrivate.h"

#include <QJsonObject>
#include <QSet>

namespace berth {

// ---- manifests and tags

Result<PutManifestResult> RegistryService::putManifest(const QString& repository, const Reference& reference,
                                                       const QByteArray& bytes, const QString& contentType)
{
    if (auto valid = Private::checkRepositoryName(repository); !valid)
        return valid.error();
    if (reference.isTag() && !Names::isValidTag(reference.tag())) {
        return Error(
            ErrorCode::ManifestInvalid,
            QStringLiteral("\"%1\" is not a valid tag: use letters, digits, '_', '.' and '-', starting "
                           "with a letter, digit or '_', at most %2 characters")
                .arg(reference.tag().left(Names::MaxTagLength + 1))
                .arg(Names::MaxTagLength));
    }
    auto parsed = ManifestParser::parse(bytes, contentType);
    if (!parsed)
        return parsed.error();
    const Manifest& manifest = parsed.value();

    const DigestAlgorithm algorithm =
        reference.isDigest() ? reference.digest().algorithm() : DigestAlgorithm::Sha256;
    const Digest digest = Digest::compute(bytes, algorithm);
    if (reference.isDigest() && digest != reference.digest()) {
        return Error(ErrorCode::DigestInvalid,
                     QStringLiteral("The manifest's content has digest %1, not %2 as the reference says")
                         .arg(digest.toString(), reference.digest().toString()),
                     QJsonObject{{QStringLiteral("digest"), reference.digest().toString()}});
    }
    auto stored = d->store.putAs(bytes, algorithm);
    if (!stored)
        return stored.error();

    const QDateTime now = clock().now();
    PutManifestResult result;
    result.digest = digest;
    if (manifest.subject)
        result.subject = manifest.subject->digest;
    bool repositoryCreated = false;
    bool tagChanged = false;
    PushGuard guard(d->metadata, m_options.limits);
    auto done = d->metadata.transaction([&]() -> Result<void> {
        result.warnings.clear(); // a retried transaction starts over
        // Garbage collection may have removed the bytes since they were stored above (it deletes under
        // this writer lock): store them again before the manifest points at them.
        if (!d->store.contains(digest)) {
            auto again = d->store.putAs(bytes, algorithm);
            if (!again)
                return again.error();
        }
        auto repositoryRow = d->metadata.repositoryId(repository);
        if (!repositoryRow)
            return repositoryRow.error();
        if (!repositoryRow.value()) {
            if (auto admitted = guard.admitRepository(repository, &result.warnings); !admitted)
                return admitted;
        }
        auto repoId = d->metadata.ensureRepository(repository, now, &repositoryCreated);
        if (!repoId)
            return repoId.error();
        QList<Digest> blobs;
        for (const Descriptor& blob : manifest.referencedBlobs()) {
            auto held = d->metadata.heldBlobSize(repoId.value(), blob.digest);
            if (!held)
                return held.error();
            if (!held.value() || !d->store.contains(blob.digest)) {
                return Error(
                    ErrorCode::ManifestBlobUnknown,
                    QStringLiteral("The manifest references blob %1, which repository %2 does not have; "
                                   "push the blob first")
                        .arg(blob.digest.toString(), repository),
                    QJsonObject{{QStringLiteral("digest"), blob.digest.toString()}});
            }
            blobs << blob.digest;
        }
        QList<Digest> children;
        for (const Descriptor& child : manifest.manifests) {
            auto known = d->metadata.manifestByDigest(repoId.value(), child.digest);
            if (!known)
                return known.error();
            if (!known.value()) {
                return Error(
                    ErrorCode::ManifestUnknown,
                    QStringLiteral("The index references manifest %1, which is not in repository %2; "
                                   "push it first")
                        .arg(child.digest.toString(), repository),
                    QJsonObject{{QStringLiteral("digest"), child.digest.toString()}});
            }
            children << child.digest;
        }
        auto existing = d->metadata.manifestByDigest(repoId.value(), digest);
        if (!existing)
            return existing.error();
        qint64 manifestId = 0;
        if (existing.value()) {
            manifestId = existing.value()->id;
            result.created = false;
        } else {
            if (auto admitted = guard.admitManifest(repoId.value(), repository, &result.warnings); !admitted)
                return admitted;
            ManifestRecord record;
            record.repositoryId = repoId.value();
            record.digest = digest;
            record.mediaType = manifest.mediaType;
            record.artifactType = manifest.effectiveArtifactType();
            record.size = bytes.size();
            if (manifest.subject)
                record.subject = manifest.subject->digest;
            record.annotations = manifest.annotations;
            record.pushedAt = now;
            auto inserted = d->metadata.insertManifest(record, blobs, children);
            if (!inserted)
                return inserted.error();
            manifestId = inserted.value();
        }
        auto linked = d->metadata.linkBlob(repoId.value(), digest, bytes.size(), now);
        if (!linked)
            return linked.error();
        if (reference.isTag()) {
            auto current = d->metadata.manifestByTag(repoId.value(), reference.tag());
            if (!current)
                return current.error();
            const std::optional<Digest> currentDigest =
                current.value() ? std::optional<Digest>(current.value()->digest) : std::nullopt;
            if (auto admitted =
                    guard.admitTagMove(repoId.value(), repository, reference.tag(), currentDigest, digest);
                !admitted)
                return admitted;
            auto tagged = d->metadata.setTag(repoId.value(), reference.tag(), manifestId, now);
            if (!tagged)
                return tagged.error();
            tagChanged = tagged.value();
        }
        return d->metadata.touchRepositoryPush(repoId.value(), now);
    });
    if (!done)
        return done.error();

    const QString tag = reference.isTag() ? reference.tag() : QString();
    if (repositoryCreated)
        emit registryEvent(
            Private::makeEvent(RegistryEventType::RepositoryCreated, repository, Digest(), now));
    emit registryEvent(
        Private::makeEvent(RegistryEventType::ManifestPushed, repository, digest, now, bytes.size(), tag));
    if (tagChanged)
        emit registryEvent(
            Private::makeEvent(RegistryEventType::TagUpdated, repository, digest, now, bytes.size(), tag));
    return result;
}

Result<ManifestContent> RegistryService::getManifest(const QString& repository, const Reference& reference,
                                                     bool countPull)
{
    if (auto valid = Private::checkRepositoryName(repository); !valid)
        return valid.error();
    // Read before the lookups below (see ManifestCache): a hit needs no query and no file read.
    const quint64 generation = d->metadata.generation();
    const QString referenceText = reference.toString();
    std::optional<ManifestCache::Entry> cached = d->manifests.find(generation, repository, referenceText);
    if (!cached) {
        auto loaded = d->loadManifest(repository, reference);
        if (!loaded)
            return loaded.error();
        cached = loaded.value();
        d->manifests.insert(generation, repository, referenceText, *cached);
    }
    ManifestContent content;
    content.digest = cached->digest;
    content.mediaType = cached->mediaType;
    content.bytes = cached->bytes;
    if (countPull) {
        // In memory only (PullStatistics, UsageMeter): written in batches, never on the request's path.
        const QDateTime now = clock().now();
        if (d->pulls.record(PullRecord{repository, content.digest, now}))
            d->queueStatisticsFlush(*this);
        if (reference.isTag())
            d->usage->recordTagPull(repository, reference.tag()); // metering: last pull per tag
        emit registryEvent(Private::makeEvent(RegistryEventType::ManifestPulled, repository, content.digest,
                                              now, content.bytes.size(),
                                              reference.isTag() ? reference.tag() : QString()));
    }
    return content;
}

Result<ManifestCache::Entry> RegistryService::Private::loadManifest(const QString& repository,
                                                                    const Reference& reference) const
{
    auto repoId = existingRepository(repository);
    if (!repoId)
        return repoId.error();
    auto record = reference.isDigest() ? metadata.manifestByDigest(repoId.value(), reference.digest())
                                       : metadata.manifestByTag(repoId.value(), reference.tag());
    if (!record)
        return record.error();
    if (!record.value()) {
        return Error(ErrorCode::ManifestUnknown,
                     QStringLiteral("Repository %1 has no manifest %2").arg(repository, reference.toString()),
                     QJsonObject{{reference.isDigest() ? QStringLiteral("digest") : QStringLiteral("tag"),
                                  reference.toString()}});
    }
    const ManifestRecord& m = *record.value();
    auto device = store.openRead(m.digest);
    if (!device) {
        return Error(ErrorCode::Internal,
                     QStringLiteral("The bytes of manifest %1 in repository %2 are missing "
                                    "from the blob store")
                         .arg(m.digest.toString(), repository));
    }
    ManifestCache::Entry entry;
    entry.digest = m.digest;
    entry.mediaType = m.mediaType;
    entry.bytes = device->readAll();
    if (entry.bytes.size() != m.size) {
        return Error(ErrorCode::Internal,
                     QStringLiteral("Manifest %1 in repository %2 could not be read whole")
                         .arg(m.digest.toString(), repository));
    }
    return entry;
}

Result<void> RegistryService::deleteManifest(const QString& repository, const Digest& digest,
                                             bool withReferrers)
{
    if (auto valid = Private::checkRepositoryName(repository); !valid)
        return valid;
    const QDateTime now = clock().now();
    struct Deleted
    {
        Digest digest;
        qint64 size = 0;
        QStringList tags;
    };
    QList<Deleted> deleted;
    PushGuard guard(d->metadata, m_options.limits);
    auto done = d->metadata.transaction([&]() -> Result<void> {
        deleted.clear();
        auto repoId = d->existingRepository(repository);
        if (!repoId)
            return repoId.error();
        auto record = d->metadata.manifestByDigest(repoId.value(), digest);
        if (!record)
            return record.error();
        if (!record.value()) {
            return Error(
                ErrorCode::ManifestUnknown,
                QStringLiteral("Repository %1 has no manifest %2").arg(repository, digest.toString()),
                QJsonObject{{QStringLiteral("digest"), digest.toString()}});
        }
        QList<ManifestRecord> pending{*record.value()};
        QSet<QString> seen{digest.toString()};
        while (!pending.isEmpty()) {
            const ManifestRecord m = pending.takeFirst();
            if (withReferrers) {
                auto refs = d->metadata.referrers(repoId.value(), m.digest, QString());
                if (!refs)
                    return refs.error();
                for (const ManifestRecord& r : refs.value()) {
                    if (!seen.contains(r.digest.toString())) {
                        seen.insert(r.digest.toString());
                        pending << r;
                    }
                }
            }
            auto tagged = d->metadata.tagsOf(m.id);
            if (!tagged)
                return tagged.error();
            if (auto admitted = guard.admitTagDelete(repoId.value(), repository, tagged.value(), m.digest);
                !admitted)
                return admitted;
            auto removed = d->metadata.deleteManifest(m.id);
            if (!removed)
                return removed.error();
            auto unlinked = d->metadata.unlinkBlob(repoId.value(), m.digest);
            if (!unlinked)
                return unlinked.error();
            deleted << Deleted{m.digest, m.size, tagged.value()};
        }
        return {};
    });
    if (!done)
        return done;
    for (const Deleted& m : deleted) {
        for (const QString& tag : m.tags)
            emit registryEvent(
                Private::makeEvent(RegistryEventType::TagDeleted, repository, m.digest, now, 0, tag));
        emit registryEvent(
            Private::makeEvent(RegistryEventType::ManifestDeleted, repository, m.digest, now, m.size));
    }
    return {};
}

Result<void> RegistryService::deleteTag(const QString& repository, const QString& tag)
{
    if (auto valid = Private::checkRepositoryName(repository); !valid)
        return valid;
    const QDateTime now = clock().now();
    Digest digest;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto repoId = d->existingRepository(repository);
        if (!repoId)
            return repoId.error();
        auto record = d->metadata.manifestByTag(repoId.value(), tag);
        if (!record)
            return record.error();
        if (!record.value()) {
            return Error(ErrorCode::ManifestUnknown,
                         QStringLiteral("Repository %1 has no tag %2").arg(repository, tag.left(200)),
                         QJsonObject{{QStringLiteral("tag"), tag.left(200)}});
        }
        digest = record.value()->digest;
        if (auto admitted = PushGuard(d->metadata, m_options.limits)
                                .admitTagDelete(repoId.value(), repository, {tag}, digest);
            !admitted)
            return admitted;
        auto deleted = d->metadata.deleteTag(repoId.value(), tag);
        if (!deleted)
            return deleted.error();
        return {};
    });
    if (!done)
        return done;
    emit registryEvent(Private::makeEvent(RegistryEventType::TagDeleted, repository, digest, now, 0, tag));
    return {};
}

Result<NamePage> RegistryService::listTags(const QString& repository, int n, const QString& last) const
{
    if (auto valid = Private::checkRepositoryName(repository); !valid)
        return valid.error();
    auto repoId = d->existingRepository(repository);
    if (!repoId)
        return repoId.error();
    return Private::namePage(n, [&](int limit) { return d->metadata.tagNames(repoId.value(), limit, last); });
}

Result<QList<Descriptor>> RegistryService::referrers(const QString& repository, const Digest& digest,
                                                     const QString& artifactType) const
{
    if (auto valid = Private::checkRepositoryName(repository); !valid)
        return valid.error();
    QList<Descriptor> out;
    auto repoId = d->metadata.repositoryId(repository);
    if (!repoId)
        return repoId.error();
    if (!repoId.value() || !digest.isValid())
        return out;
    auto records = d->metadata.referrers(*repoId.value(), digest, artifactType);
    if (!records)
        return records.error();
    for (const ManifestRecord& m : records.value()) {
        Descriptor desc;
        desc.mediaType = m.mediaType;
        desc.digest = m.digest;
        desc.size = m.size;
        desc.artifactType = m.artifactType;
        desc.annotations = m.annotations;
        out << desc;
    }
    return out;
}

} // namespace berth
