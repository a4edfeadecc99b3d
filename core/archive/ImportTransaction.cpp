#include "archive/ImportTransaction.h"

#include "registry/RegistryService.h"

namespace berth {

ImportTransaction::ImportTransaction(RegistryService& registry, ImportReport& report)
    : m_registry(registry), m_report(report)
{}

ImportTransaction::~ImportTransaction()
{
    if (!m_committed)
        rollback();
}

Result<void> ImportTransaction::ensureRepository(const QString& repository,
                                                 const CompartmentPath& compartment)
{
    if (m_created.contains(repository) || m_registry.repositoryExists(repository))
        return {};
    auto created = m_registry.createRepository(repository, compartment);
    if (!created) {
        if (m_registry.repositoryExists(repository)) // someone else created it meanwhile
            return {};
        return created;
    }
    m_created.insert(repository);
    m_report.createdRepositories << repository;
    return {};
}

Result<bool> ImportTransaction::reuse(const QString& repository, const Digest& digest)
{
    if (m_registry.statBlob(repository, digest).ok()) {
        ++m_report.blobsReused;
        return true;
    }
    auto mounted = m_registry.mountBlob(repository, digest, QString());
    if (!mounted)
        return mounted.error();
    if (!mounted.value())
        return false;
    m_linked << Link{repository, digest};
    ++m_report.blobsReused;
    return true;
}

void ImportTransaction::uploaded(const QString& repository, const BlobInfo& blob)
{
    m_linked << Link{repository, blob.digest};
    ++m_report.blobsWritten;
    m_report.bytesWritten += blob.size;
}

Result<void> ImportTransaction::link(const QString& repository, const Digest& digest, const QString& from)
{
    if (m_registry.statBlob(repository, digest).ok())
        return {};
    auto mounted = m_registry.mountBlob(repository, digest, from);
    if (!mounted)
        return mounted.error();
    if (!mounted.value()) {
        return Error(ErrorCode::Internal, QStringLiteral("Blob %1 could not be linked from %2 into %3")
                                              .arg(digest.toString(), from, repository));
    }
    m_linked << Link{repository, digest};
    return {};
}

void ImportTransaction::dropIfLinkedHere(const QString& repository, const Digest& digest)
{
    for (int i = 0; i < m_linked.size(); ++i) {
        if (m_linked[i].repository == repository && m_linked[i].digest == digest) {
            if (m_registry.deleteBlob(repository, digest).ok())
                m_linked.removeAt(i);
            return;
        }
    }
}

Result<PutManifestResult> ImportTransaction::putManifest(const QString& repository, const QString& tag,
                                                         const Digest& digest, const QByteArray& bytes,
                                                         const QString& mediaType)
{
    TagChange change{repository, tag, std::nullopt};
    if (!tag.isEmpty() && !createdHere(repository)) {
        auto before = m_registry.getManifest(repository, Reference::fromTag(tag), false);
        if (before)
            change.previous = before.value();
        else if (before.error().code != ErrorCode::ManifestUnknown &&
                 before.error().code != ErrorCode::NameUnknown)
            return before.error();
    }
    const Reference reference = tag.isEmpty() ? Reference::fromDigest(digest) : Reference::fromTag(tag);
    auto put = m_registry.putManifest(repository, reference, bytes, mediaType);
    if (!put)
        return put;
    if (put->created)
        m_manifests << Link{repository, put->digest};
    if (!tag.isEmpty() && (!change.previous || change.previous->digest != put->digest))
        m_tags << change;
    return put;
}

void ImportTransaction::rollback()
{
    m_committed = true; // once
    // Tags first (back to what they named), then manifests, then blob links, then repositories.
    for (auto it = m_tags.crbegin(); it != m_tags.crend(); ++it) {
        if (createdHere(it->repository))
            continue;
        if (it->previous) {
            (void)m_registry.putManifest(it->repository, Reference::fromTag(it->tag), it->previous->bytes,
                                         it->previous->mediaType);
        } else {
            (void)m_registry.deleteTag(it->repository, it->tag);
        }
    }
    for (auto it = m_manifests.crbegin(); it != m_manifests.crend(); ++it) {
        if (!createdHere(it->repository))
            (void)m_registry.deleteManifest(it->repository, it->digest);
    }
    for (auto it = m_linked.crbegin(); it != m_linked.crend(); ++it) {
        if (!createdHere(it->repository))
            (void)m_registry.deleteBlob(it->repository, it->digest);
    }
    for (const QString& repository : std::as_const(m_report.createdRepositories))
        (void)m_registry.deleteRepository(repository);
    m_tags.clear();
    m_manifests.clear();
    m_linked.clear();
    m_created.clear();
    m_report.createdRepositories.clear();
}

} // namespace berth
