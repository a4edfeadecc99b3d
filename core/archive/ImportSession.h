#pragma once

#include "archive/ImageImporter.h"
#include "archive/ImportTransaction.h"
#include "registry/RegistryTypes.h"

#include <QByteArray>
#include <QString>
#include <functional>

class QFile;

namespace berth {

struct ArchiveEntry;

/// A blob stored by ImportSession and what the import learnt of it on the way.
struct ImportStoredBlob
{
    Digest digest;
    qint64 size = 0;
    QByteArray head; ///< first bytes (empty when the registry had the blob and nothing was read)
};

/// One manifest the manifest stage stores.
struct ImportManifestPut
{
    QString repository;
    QString tag; ///< empty: by digest
    Digest digest;
    QByteArray bytes;
    QString mediaType;
    bool isRoot = false; ///< an image the archive names (listed in the report)
};

/// What every import shares: the registry and the undo log, the target, the job to report to, and
/// the streaming of one blob's bytes into the registry in bounded chunks, checking for cancellation
/// between them.
class ImportSession
{
public:
    /// Reads up to `capacity` bytes into `buffer`; 0 at the end.
    using ReadFunction = std::function<Result<qint64>(char* buffer, qint64 capacity)>;
    /// Called after every chunk (progress).
    using ChunkFunction = std::function<void()>;

    /// Handles one entry of an archive: `read` gives its content, `progress` reports how far the
    /// archive is read. An error stops the walk.
    using EntryFunction = std::function<Result<void>(const ArchiveEntry& entry, const ReadFunction& read,
                                                     const ChunkFunction& progress)>;

    static constexpr qint64 ChunkSize = 1024 * 1024;

    ImportSession(RegistryService& registry, const ImportTarget& target, JobContext& context, QString path);

    RegistryService& registry() { return m_registry; }
    ImportTransaction& transaction() { return m_transaction; }
    ImportReport& report() { return m_report; }
    const ImportTarget& target() const { return m_target; }
    JobContext& context() { return m_context; }
    const QString& path() const { return m_path; }
    QString fileName() const;

    /// ArchiveInvalid: "<file> is not a valid image archive: <reason>".
    Error invalid(const QString& reason) const;
    Error cancelled() const;
    bool isCancelled() const;
    void setStatus(const QString& text);

    /// The repository for a name the archive gives (target.repository wins; empty falls back to the
    /// file's name), checked against the naming rules.
    Result<QString> repositoryFor(const QString& named) const;
    /// The tag for a tag the archive gives (empty: target.defaultTag), checked; may be empty.
    Result<QString> tagFor(const QString& named) const;

    /// Stores a blob whose digest the archive states: linked without reading when the registry
    /// has it (`reused` set), else streamed from `read` and refused when the bytes do not match.
    Result<ImportStoredBlob> storeNamedBlob(const QString& repository, const Digest& digest, qint64 size,
                                            const ReadFunction& read, const ChunkFunction& onChunk,
                                            bool* reused = nullptr);
    /// Stores a blob whose digest comes from its bytes (classic Docker layers, Helm charts).
    Result<ImportStoredBlob> storeHashedBlob(const QString& repository, const ReadFunction& read,
                                             const ChunkFunction& onChunk);

    /// Walks the archive at path() entry by entry, checking for cancellation before each; progress is
    /// the archive's bytes read of its size, the whole size once the end is reached.
    Result<void> forEachArchiveEntry(const EntryFunction& visit);

    /// Internal: "Could not read <file>: <reason>".
    static Error readFailure(const QFile& file);
    /// Reads from an open file, adding what it read to `done`.
    static ReadFunction fileReader(QFile& file, qint64& done);

    /// Stores the manifests in order (children and subjects before what names them), then commits.
    Result<void> storeManifests(const QList<ImportManifestPut>& puts);

private:
    RegistryService& m_registry;
    ImportReport m_report;
    ImportTransaction m_transaction;
    ImportTarget m_target;
    JobContext& m_context;
    QString m_path;
    QByteArray m_buffer;
};

} // namespace berth
