#pragma once

#include "oci/Digester.h"
#include "registry/RegistryTypes.h"
#include "registry/UploadLease.h"
#include "util/Result.h"

#include <QByteArray>
#include <memory>

namespace berth {

class RegistryService;

/// One blob on its way into a repository through RegistryService's upload path: bytes are hashed
/// as they are written, and the session is committed under a digest (verified again by the
/// registry) or abandoned. A session neither committed nor abandoned is cancelled on destruction.
class ImportBlobUpload
{
public:
    ImportBlobUpload(RegistryService& registry, QString repository);
    ~ImportBlobUpload();
    ImportBlobUpload(const ImportBlobUpload&) = delete;
    ImportBlobUpload& operator=(const ImportBlobUpload&) = delete;

    Result<void> start();
    Result<void> write(QByteArrayView data);
    /// The digest of everything written (call once, after the last write).
    Digest finishHash();
    qint64 size() const { return m_size; }
    /// Up to the first 16 bytes written (to tell compressed layers from plain tars).
    const QByteArray& head() const { return m_head; }
    /// Commits the bytes as `digest` and links the blob into the repository.
    Result<BlobInfo> commit(const Digest& digest);
    /// Ends the session and drops its bytes.
    void abandon();

private:
    RegistryService& m_registry;
    QString m_repository;
    QString m_id;
    std::unique_ptr<UploadLease> m_lease;
    Digester m_digester;
    QByteArray m_head;
    qint64 m_size = 0;
};

} // namespace berth
