#pragma once

#include "integrity/FsckTypes.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <QHash>
#include <QSet>
#include <QStringList>

namespace berth {

class BlobStore;
class JobContext;
class MetadataStore;

/// The part of fsck that compares manifests and blob links with the blob store (see FsckChecker): each
/// manifest's bytes (present, hashing to the digest, parsing), its manifest_blobs / manifest_children
/// rows against its content, the blobs it references, repository links to missing blobs, and the
/// stored blobs nothing references. Anything found missing is confirmed inside a metadata transaction
/// (the row still there, the blob still gone) before it is reported, so a delete and garbage collection
/// racing the check are not mistaken for damage.
class FsckContentChecker
{
public:
    FsckContentChecker(MetadataStore& metadata, BlobStore& store, Clock& clock, const FsckOptions& options,
                       FsckReport& report);

    Result<void> checkManifests(JobContext& context);
    Result<void> checkLinks();
    Result<void> checkReclaimable();

private:
    struct Row
    {
        qint64 id = 0;
        QString repository;
        QString digest;
        QString mediaType;
        QStringList tags;
        QString describe() const;
    };

    void checkManifestGroup(const QString& digest, const QList<Row>& rows);
    void compareReferences(const Row& row, const QSet<QString>& blobs, const QSet<QString>& children);
    /// Under the writer lock: what the manifest's rows lack or have extra (empty when it is gone or they
    /// agree), and with repair the rows re-derived from the content.
    Result<void> reconcileReferences(const Row& row, const QSet<QString>& blobs,
                                     const QSet<QString>& children, QStringList& what);
    /// True when one of the manifests is still there and the digest still not stored.
    bool confirmMissing(const QList<qint64>& manifestIds, const QString& digest);
    void noteReferences(const Row& row, const QSet<QString>& blobs);

    MetadataStore& m_metadata;
    BlobStore& m_store;
    Clock& m_clock;
    const FsckOptions& m_options;
    FsckReport& m_report;

    QHash<qint64, QSet<QString>> m_blobRows;
    QHash<qint64, QSet<QString>> m_childRows;
    QSet<QString> m_manifestDigests;
    /// Referenced blob digest -> the manifests referencing it (ids, descriptions).
    QHash<QString, QList<qint64>> m_referencedBy;
    QHash<QString, QStringList> m_referencedByText;
    Result<void> m_failure;
};

} // namespace berth
