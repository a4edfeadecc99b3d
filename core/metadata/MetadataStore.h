#pragma once

#include "metadata/MetadataTypes.h"
#include "util/Result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>
#include <QVariantList>
#include <functional>
#include <memory>

namespace berth {

/// The registry's metadata in SQLite (Qt Sql, QSQLITE): repositories, manifests, tags, which repository
/// holds which blob, manifest references and upload sessions.
///
/// Threads: a QSqlDatabase may only be used by the thread that opened it, so every thread gets its own
/// connection (opened on first use, closed when the thread ends or the store closes). Reads run in
/// parallel (WAL); writes are serialized by transaction() (a mutex plus BEGIN IMMEDIATE).
///
/// Methods that change data must run inside transaction(); they fail with Internal otherwise.
/// Limits: `limit < 0` means no limit; `after` is exclusive and empty for "from the start".
class MetadataStore
{
public:
    /// One schema step. Migrations run in order, each in its own transaction, and are never edited once
    /// released: a change to the schema is a new migration at the end of the list.
    struct Migration
    {
        int version;
        QString description;
        QStringList statements;
    };

    explicit MetadataStore(QString path);
    ~MetadataStore();
    MetadataStore(const MetadataStore&) = delete;
    MetadataStore& operator=(const MetadataStore&) = delete;

    /// Opens (or creates) the database and migrates it to targetVersion (default: the latest).
    Result<void> open(int targetVersion = -1);
    /// Closes every connection. Other threads must be done with the store.
    void close();
    bool isOpen() const;
    const QString& path() const { return m_path; }

    static const QList<Migration>& migrations();
    static int latestVersion();
    /// The version the database is at (0 for an empty database).
    Result<int> schemaVersion() const;

    /// This thread's connection to the database.
    QSqlDatabase connection() const;
    /// Runs `work` as one serialized write transaction: commits when it returns ok, else rolls back.
    /// Nested calls on the same thread join the outer transaction.
    Result<void> transaction(const std::function<Result<void>()>& work);
    /// True while this thread is inside transaction().
    bool inTransaction() const;
    /// Prepares, binds (positional) and runs one statement on this thread's connection.
    Result<QSqlQuery> exec(const QString& sql, const QVariantList& values = {}) const;

    /// A number that changes after every write: the end of each outermost transaction() (commit or
    /// rollback), every exec() of a statement that is not a SELECT, open() and close(). Caches of
    /// what the database says read it before their lookups and keep what they read only while it is
    /// unchanged: a value read under generation g was read from a snapshot no older than the last
    /// change that moved the generation to g.
    quint64 generation() const;

    // ---- repositories
    Result<std::optional<qint64>> repositoryId(const QString& name) const;
    /// The repository's id, creating the row when needed (*created tells which).
    Result<qint64> ensureRepository(const QString& name, const QDateTime& now, bool* created = nullptr);
    /// Names in byte order after `after`, at most `limit`.
    Result<QStringList> repositoryNames(int limit, const QString& after) const;
    Result<void> touchRepositoryPush(qint64 repositoryId, const QDateTime& now);
    /// Deletes the repository with its manifests, tags and blob links (the bytes stay for GC); true when
    /// it existed.
    Result<bool> deleteRepository(qint64 repositoryId);

    // ---- blobs held by repositories
    /// The size recorded when the repository got the blob, or nothing when it does not hold it.
    Result<std::optional<qint64>> heldBlobSize(qint64 repositoryId, const Digest& digest) const;
    /// The same, for any repository.
    Result<std::optional<qint64>> anyHeldBlobSize(const Digest& digest) const;
    /// True when the link is new; linking again refreshes the link's time (garbage collection's grace).
    Result<bool> linkBlob(qint64 repositoryId, const Digest& digest, qint64 size, const QDateTime& now);
    /// True when the repository held the blob.
    Result<bool> unlinkBlob(qint64 repositoryId, const Digest& digest);

    // ---- manifests
    Result<std::optional<ManifestRecord>> manifestByDigest(qint64 repositoryId, const Digest& digest) const;
    Result<std::optional<ManifestRecord>> manifestByTag(qint64 repositoryId, const QString& tag) const;
    /// Inserts the manifest with its blob references (config, layers) and child manifests (indexes).
    Result<qint64> insertManifest(const ManifestRecord& manifest, const QList<Digest>& blobs,
                                  const QList<Digest>& children);
    /// Deletes the manifest, its tags and its references; true when it existed.
    Result<bool> deleteManifest(qint64 manifestId);
    Result<QList<Digest>> manifestBlobs(qint64 manifestId) const;
    Result<QList<Digest>> manifestChildren(qint64 manifestId) const;
    /// Manifests of the repository whose subject is `subject`; artifactType empty = all.
    Result<QList<ManifestRecord>> referrers(qint64 repositoryId, const Digest& subject,
                                            const QString& artifactType) const;

    // ---- tags
    /// Points the tag at the manifest; true when that changed anything (new tag or moved).
    Result<bool> setTag(qint64 repositoryId, const QString& tag, qint64 manifestId, const QDateTime& now);
    /// True when the tag existed.
    Result<bool> deleteTag(qint64 repositoryId, const QString& tag);
    Result<QStringList> tagNames(qint64 repositoryId, int limit, const QString& after) const;
    /// Tags pointing at the manifest, in byte order.
    Result<QStringList> tagsOf(qint64 manifestId) const;

    // ---- upload sessions
    Result<void> insertUpload(const UploadRecord& upload);
    Result<std::optional<UploadRecord>> upload(const QString& id) const;
    Result<bool> deleteUpload(const QString& id);
    Result<QList<UploadRecord>> uploads() const;

    // ---- statistics
    /// Sets last_pulled_at of manifests and last_pull_at of repositories (never moving them back).
    Result<void> recordPulls(const QList<PullRecord>& pulls);

    struct Shared;

private:
    Result<void> requireTransaction() const;
    Result<void> migrate(int targetVersion);
    Result<std::optional<ManifestRecord>> oneManifest(const QString& where, const QVariantList& values) const;

    QString m_path;
    std::shared_ptr<Shared> m_shared;
};

} // namespace berth
