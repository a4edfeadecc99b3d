#include "integrity/FsckContentChecker.h"

#include "gc/GarbageCollector.h"
#include "gc/GcPlanner.h"
#include "gc/GcSnapshot.h"
#include "jobs/JobContext.h"
#include "metadata/MetadataStore.h"
#include "oci/ManifestParser.h"
#include "storage/BlobStore.h"

#include <QCoreApplication>
#include <QMap>
#include <algorithm>

namespace berth {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("FsckChecker", text);
}

QSet<QString> digestsOf(const QList<Descriptor>& descriptors)
{
    QSet<QString> out;
    for (const Descriptor& d : descriptors)
        out.insert(d.digest.toString());
    return out;
}

QString sortedJoin(QSet<QString> set)
{
    QStringList list(set.begin(), set.end());
    list.sort();
    return list.join(QStringLiteral(", "));
}

} // namespace

QString FsckContentChecker::Row::describe() const
{
    if (tags.isEmpty())
        return repository + u'@' + digest;
    QStringList named;
    for (const QString& tag : tags)
        named << repository + u':' + tag;
    return named.join(QStringLiteral(", "));
}

FsckContentChecker::FsckContentChecker(MetadataStore& metadata, BlobStore& store, Clock& clock,
                                       const FsckOptions& options, FsckReport& report)
    : m_metadata(metadata), m_store(store), m_clock(clock), m_options(options), m_report(report)
{}

Result<void> FsckContentChecker::checkManifests(JobContext& context)
{
    auto manifests = m_metadata.exec(
        QStringLiteral("SELECT m.id, r.name, m.digest, m.media_type FROM manifests m"
                       " JOIN repositories r ON r.id = m.repository_id ORDER BY r.name, m.digest"));
    if (!manifests)
        return manifests.error();
    QHash<qint64, Row> rows;
    QMap<QString, QList<qint64>> byDigest;
    while (manifests->next()) {
        Row row{manifests->value(0).toLongLong(),
                manifests->value(1).toString(),
                manifests->value(2).toString(),
                manifests->value(3).toString(),
                {}};
        rows.insert(row.id, row);
        byDigest[row.digest].append(row.id);
        m_manifestDigests.insert(row.digest);
    }
    auto tags = m_metadata.exec(QStringLiteral("SELECT manifest_id, name FROM tags ORDER BY name"));
    if (!tags)
        return tags.error();
    while (tags->next()) {
        auto it = rows.find(tags->value(0).toLongLong());
        if (it != rows.end())
            it->tags << tags->value(1).toString();
    }
    auto blobs = m_metadata.exec(QStringLiteral("SELECT manifest_id, digest FROM manifest_blobs"));
    if (!blobs)
        return blobs.error();
    while (blobs->next())
        m_blobRows[blobs->value(0).toLongLong()].insert(blobs->value(1).toString());
    auto children =
        m_metadata.exec(QStringLiteral("SELECT manifest_id, child_digest FROM manifest_children"));
    if (!children)
        return children.error();
    while (children->next())
        m_childRows[children->value(0).toLongLong()].insert(children->value(1).toString());

    qint64 done = 0;
    for (auto it = byDigest.cbegin(); it != byDigest.cend(); ++it) {
        if (context.isCancelled())
            return Error(ErrorCode::Cancelled, tr("fsck was cancelled."));
        QList<Row> group;
        for (qint64 id : it.value())
            group << rows.value(id);
        checkManifestGroup(it.key(), group);
        if (!m_failure)
            return m_failure;
        m_report.manifestsChecked += int(group.size());
        context.setStatus(tr("Checked %1 of %2 manifests").arg(++done).arg(byDigest.size()));
    }

    // The blobs the manifests reference, in digest order.
    QStringList referenced = m_referencedBy.keys();
    referenced.sort();
    for (const QString& digest : referenced) {
        ++m_report.blobsChecked;
        const auto parsed = Digest::parse(digest);
        if (parsed && m_store.contains(*parsed))
            continue;
        if (!confirmMissing(m_referencedBy.value(digest), digest))
            continue;
        QStringList affected = m_referencedByText.value(digest);
        affected.removeDuplicates();
        m_report.findings.append(
            FsckFinding{FsckFindingKind::MissingBlob, digest,
                        tr("Referenced by %1 but not in the blob store; those images cannot be pulled "
                           "until the blob is pushed again.")
                            .arg(affected.join(QStringLiteral(", "))),
                        false, false});
    }
    return m_failure;
}

void FsckContentChecker::checkManifestGroup(const QString& digestText, const QList<Row>& rows)
{
    QStringList affected;
    QList<qint64> ids;
    for (const Row& row : rows) {
        affected << row.describe();
        ids << row.id;
    }
    const QString who = affected.join(QStringLiteral(", "));
    const auto digest = Digest::parse(digestText);
    auto notParsed = [&](FsckFindingKind kind, const QString& why) {
        m_report.findings.append(FsckFinding{kind, digestText, why, false, false});
        for (const Row& row : rows) // what the rows say is all there is to go on
            noteReferences(row, m_blobRows.value(row.id));
    };
    if (!digest) {
        notParsed(FsckFindingKind::CorruptManifest,
                  tr("The manifest row of %1 holds an invalid digest.").arg(who));
        return;
    }
    const bool stored = m_store.contains(*digest);
    std::unique_ptr<QIODevice> device = stored ? m_store.openRead(*digest) : nullptr;
    if (stored && !device) {
        // Stored, but no copy could be read: a store that verifies before serving found none good.
        notParsed(FsckFindingKind::CorruptManifest,
                  tr("The manifest's bytes are stored but no good copy could be read; %1 is damaged (push "
                     "the image again, or delete it).")
                      .arg(who));
        return;
    }
    if (!device) {
        if (confirmMissing(ids, digestText)) {
            notParsed(FsckFindingKind::MissingManifest,
                      tr("The manifest's bytes are not in the blob store; %1 cannot be pulled (push the "
                         "image again, or delete it).")
                          .arg(who));
        }
        return;
    }
    const QByteArray bytes = device->read(ManifestParser::MaxManifestSize + 1);
    if (Digest::compute(bytes, digest->algorithm()) != *digest) {
        notParsed(FsckFindingKind::CorruptManifest,
                  tr("The stored bytes do not hash to the manifest's digest; %1 is damaged (push the "
                     "image again, or delete it).")
                      .arg(who));
        return;
    }
    auto manifest = ManifestParser::parse(bytes, rows.first().mediaType);
    if (!manifest) {
        notParsed(FsckFindingKind::UnparsableManifest,
                  tr("The stored manifest no longer parses (%1); affected: %2.")
                      .arg(manifest.error().message, who));
        return;
    }
    const QSet<QString> blobs = digestsOf(manifest.value().referencedBlobs());
    const QSet<QString> children = digestsOf(manifest.value().manifests);
    for (const Row& row : rows) {
        compareReferences(row, blobs, children);
        noteReferences(row, blobs + m_blobRows.value(row.id));
    }
}

void FsckContentChecker::noteReferences(const Row& row, const QSet<QString>& blobs)
{
    for (const QString& blob : blobs) {
        m_referencedBy[blob].append(row.id);
        m_referencedByText[blob].append(row.describe());
    }
}

void FsckContentChecker::compareReferences(const Row& row, const QSet<QString>& blobs,
                                           const QSet<QString>& children)
{
    if (m_blobRows.value(row.id) == blobs && m_childRows.value(row.id) == children)
        return;
    // Confirmed (and repaired) under the writer lock: the rows read earlier may belong to a manifest
    // deleted since.
    QStringList what;
    auto checked = reconcileReferences(row, blobs, children, what);
    if (!checked) {
        m_failure = checked;
        return;
    }
    if (what.isEmpty())
        return;
    m_report.findings.append(FsckFinding{FsckFindingKind::ManifestReferences,
                                         row.repository + u'@' + row.digest,
                                         what.join(QStringLiteral("; ")) + u'.', true, m_options.repair});
}

Result<void> FsckContentChecker::reconcileReferences(const Row& row, const QSet<QString>& blobs,
                                                     const QSet<QString>& children, QStringList& what)
{
    // A manifest's content never changes, so its rows follow from it whoever else is writing; the
    // transaction only has to make sure the manifest is still there.
    return m_metadata.transaction([&]() -> Result<void> {
        what.clear();
        auto still = m_metadata.exec(QStringLiteral("SELECT 1 FROM manifests WHERE id = ? AND digest = ?"),
                                     {row.id, row.digest});
        if (!still)
            return still.error();
        if (!still->next())
            return {};
        for (const auto& [table, column, wanted] :
             {std::tuple{QStringLiteral("manifest_blobs"), QStringLiteral("digest"), &blobs},
              std::tuple{QStringLiteral("manifest_children"), QStringLiteral("child_digest"), &children}}) {
            auto existing = m_metadata.exec(
                QStringLiteral("SELECT %1 FROM %2 WHERE manifest_id = ?").arg(column, table), {row.id});
            if (!existing)
                return existing.error();
            QSet<QString> have;
            while (existing->next())
                have.insert(existing->value(0).toString());
            if (!(*wanted - have).isEmpty())
                what << tr("%1 lacks %2").arg(table, sortedJoin(*wanted - have));
            if (!(have - *wanted).isEmpty())
                what << tr("%1 has %2, which the manifest does not list")
                            .arg(table, sortedJoin(have - *wanted));
            if (!m_options.repair)
                continue;
            for (const QString& extra : have - *wanted) {
                auto removed = m_metadata.exec(
                    QStringLiteral("DELETE FROM %1 WHERE manifest_id = ? AND %2 = ?").arg(table, column),
                    {row.id, extra});
                if (!removed)
                    return removed.error();
            }
            for (const QString& missing : *wanted - have) {
                auto added =
                    m_metadata.exec(QStringLiteral("INSERT OR IGNORE INTO %1 (manifest_id, %2) VALUES (?, ?)")
                                        .arg(table, column),
                                    {row.id, missing});
                if (!added)
                    return added.error();
            }
        }
        return {};
    });
}

bool FsckContentChecker::confirmMissing(const QList<qint64>& manifestIds, const QString& digestText)
{
    bool missing = false;
    auto checked = m_metadata.transaction([&]() -> Result<void> {
        const auto digest = Digest::parse(digestText);
        if (digest && m_store.contains(*digest))
            return {};
        for (qint64 id : manifestIds) {
            auto still = m_metadata.exec(QStringLiteral("SELECT 1 FROM manifests WHERE id = ?"), {id});
            if (!still)
                return still.error();
            if (still->next()) {
                missing = true;
                return {};
            }
        }
        return {};
    });
    if (!checked)
        m_failure = checked;
    return missing;
}

Result<void> FsckContentChecker::checkLinks()
{
    auto links = m_metadata.exec(QStringLiteral("SELECT rb.digest, r.name FROM repository_blobs rb"
                                                " JOIN repositories r ON r.id = rb.repository_id"
                                                " ORDER BY rb.digest, r.name"));
    if (!links)
        return links.error();
    QMap<QString, QStringList> linkedInto;
    while (links->next())
        linkedInto[links->value(0).toString()] << links->value(1).toString();
    for (auto it = linkedInto.cbegin(); it != linkedInto.cend(); ++it) {
        const QString& digestText = it.key();
        if (m_manifestDigests.contains(digestText) || m_referencedBy.contains(digestText))
            continue; // checked (and reported) with the manifests
        ++m_report.blobsChecked;
        const auto digest = Digest::parse(digestText);
        if (digest && m_store.contains(*digest))
            continue;
        // Confirmed (and, when asked, repaired) under the writer lock: still linked, still not stored,
        // and no manifest has come to need it meanwhile.
        bool confirmed = false;
        bool repaired = false;
        auto done = m_metadata.transaction([&]() -> Result<void> {
            if (digest && m_store.contains(*digest))
                return {};
            auto needed = m_metadata.exec(
                QStringLiteral("SELECT EXISTS (SELECT 1 FROM repository_blobs WHERE digest = ?),"
                               " EXISTS (SELECT 1 FROM manifest_blobs WHERE digest = ?)"
                               " OR EXISTS (SELECT 1 FROM manifests WHERE digest = ?)"),
                {digestText, digestText, digestText});
            if (!needed)
                return needed.error();
            if (!needed->next() || !needed->value(0).toBool() || needed->value(1).toBool())
                return {};
            confirmed = true;
            if (!m_options.repair)
                return {};
            auto removed = m_metadata.exec(QStringLiteral("DELETE FROM repository_blobs WHERE digest = ?"),
                                           {digestText});
            if (!removed)
                return removed.error();
            repaired = true;
            return {};
        });
        if (!done)
            return done;
        if (!confirmed)
            continue;
        m_report.findings.append(FsckFinding{
            FsckFindingKind::MissingBlob, digestText,
            tr("Linked into %1 but not in the blob store, and no manifest needs it; repair removes the "
               "link so that clients push the blob again.")
                .arg(it.value().join(QStringLiteral(", "))),
            true, repaired});
    }
    return {};
}

Result<void> FsckContentChecker::checkReclaimable()
{
    const QDateTime cutoff = m_clock.now().addSecs(-std::max<qint64>(0, m_options.gracePeriodSeconds));
    // Listed before the metadata is read, as garbage collection does: a blob stored later is no candidate.
    const QList<StoredBlob> stored = m_store.storedBlobs();
    auto snapshot = GcSnapshot::load(m_metadata);
    if (!snapshot)
        return snapshot.error();
    m_report.blobsChecked += int(stored.size());
    const QList<GcBlob> garbage = GcPlanner::garbageBlobs(snapshot.value(), {}, stored, cutoff);
    QSet<QString> removed;
    const bool remove = m_options.repair && m_options.removeUnreferenced && !garbage.isEmpty();
    if (remove) {
        GcOptions gc;
        gc.gracePeriodSeconds = m_options.gracePeriodSeconds;
        GarbageCollector collector(m_metadata, m_store, m_clock);
        auto run = collector.run(gc);
        if (!run)
            return run.error();
        for (const GcBlob& blob : run.value().blobs)
            removed.insert(blob.digest.toString());
    }
    for (const GcBlob& blob : garbage) {
        // A blob a manifest's content references is kept even when its manifest_blobs row is missing.
        if (m_referencedBy.contains(blob.digest.toString()))
            continue;
        m_report.reclaimableBytes += blob.size;
        const QString digest = blob.digest.toString();
        m_report.findings.append(
            FsckFinding{FsckFindingKind::ReclaimableBlob, digest,
                        tr("%1 bytes nothing references (older than the grace period); garbage collection "
                           "removes it.")
                            .arg(blob.size),
                        m_options.repair && m_options.removeUnreferenced, removed.contains(digest)});
    }
    return {};
}

} // namespace berth
