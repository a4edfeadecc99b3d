#pragma once

#include "archive/ImageImporter.h"
#include "oci/Reference.h"
#include "registry/RegistryTypes.h"
#include "util/Result.h"

#include <QList>
#include <QSet>
#include <QString>
#include <optional>

namespace berth {

/// Everything one import changes in the registry, so that a failed or cancelled import can take it
/// all back: repositories it created, blobs it linked into repositories that existed before,
/// manifests it stored and tags it set or moved. Destroying a transaction that was not committed
/// rolls it back. Counts blobs written and reused into the report.
class ImportTransaction
{
public:
    ImportTransaction(RegistryService& registry, ImportReport& report);
    ~ImportTransaction();
    ImportTransaction(const ImportTransaction&) = delete;
    ImportTransaction& operator=(const ImportTransaction&) = delete;

    /// Creates the repository in the compartment unless it exists.
    Result<void> ensureRepository(const QString& repository, const CompartmentPath& compartment);

    /// True when the repository holds the blob now: it did already, or it was linked from another
    /// repository of the registry (counted as reused). False: its bytes must be uploaded.
    Result<bool> reuse(const QString& repository, const Digest& digest);
    /// Records a blob uploaded into the repository (counted as written).
    void uploaded(const QString& repository, const BlobInfo& blob);
    /// Links a blob `from` holds into `repository` unless it holds it already.
    Result<void> link(const QString& repository, const Digest& digest, const QString& from);
    /// Unlinks a blob this import linked and then found it does not need (no error when it fails).
    void dropIfLinkedHere(const QString& repository, const Digest& digest);

    /// Stores a manifest (tagged when `tag` is set), remembering what to undo.
    Result<PutManifestResult> putManifest(const QString& repository, const QString& tag, const Digest& digest,
                                          const QByteArray& bytes, const QString& mediaType);

    /// Keeps everything: rollback no longer happens.
    void commit() { m_committed = true; }
    /// Undoes everything recorded, newest first.
    void rollback();

private:
    struct Link
    {
        QString repository;
        Digest digest;
    };
    struct TagChange
    {
        QString repository;
        QString tag;
        std::optional<ManifestContent> previous; ///< what the tag named before, if anything
    };

    bool createdHere(const QString& repository) const { return m_created.contains(repository); }

    RegistryService& m_registry;
    ImportReport& m_report;
    QSet<QString> m_created;
    QList<Link> m_linked;
    QList<Link> m_manifests;
    QList<TagChange> m_tags;
    bool m_committed = false;
};

} // namespace berth
