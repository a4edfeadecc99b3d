#include "archive/ImportManifestGraph.h"

#include "oci/ManifestParser.h"
#include "oci/MediaTypes.h"

#include <QCoreApplication>

namespace berth {

namespace {

constexpr int MaxDepth = 8;

} // namespace

ImportManifestGraph::ImportManifestGraph(ImportSession& session, Fetch fetch)
    : m_session(session), m_fetch(std::move(fetch))
{}

bool ImportManifestGraph::isManifest(const QString& repository, const Digest& digest) const
{
    return m_done.contains(repository + QLatin1Char('@') + digest.toString());
}

Result<void> ImportManifestGraph::addRoot(const QString& repository, const QString& tag,
                                          const Descriptor& descriptor)
{
    return visit(repository, descriptor, tag, true, 0);
}

Result<void> ImportManifestGraph::visit(const QString& repository, const Descriptor& descriptor,
                                        const QString& tag, bool isRoot, int depth)
{
    const QString key = repository + QLatin1Char('@') + descriptor.digest.toString();
    if (m_done.contains(key)) {
        if (!tag.isEmpty() || isRoot) {
            for (const ImportManifestPut& earlier : std::as_const(m_puts)) {
                if (earlier.repository == repository && earlier.digest == descriptor.digest) {
                    ImportManifestPut again = earlier;
                    again.tag = tag;
                    again.isRoot = isRoot;
                    m_puts << again;
                    break;
                }
            }
        }
        return {};
    }
    if (m_visiting.contains(key) || depth > MaxDepth)
        return m_session.invalid(QCoreApplication::translate(
            "ImageImporter", "its manifests nest too deeply or refer to each other in a circle"));
    if (m_session.isCancelled())
        return m_session.cancelled();

    auto fetched = m_fetch(descriptor.digest);
    if (!fetched)
        return fetched.error();
    if (!fetched.value()) {
        return m_session.invalid(
            QCoreApplication::translate("ImageImporter",
                                        "it names manifest %1, which the archive does not contain")
                .arg(descriptor.digest.toString()));
    }
    const QByteArray bytes = *fetched.value();
    if (Digest::compute(bytes, descriptor.digest.algorithm()) != descriptor.digest) {
        return m_session.invalid(
            QCoreApplication::translate("ImageImporter",
                                        "manifest %1 is corrupt: its bytes do not match its digest")
                .arg(descriptor.digest.toString()));
    }
    if (descriptor.size != bytes.size()) {
        return m_session.invalid(
            QCoreApplication::translate("ImageImporter",
                                        "manifest %1 is %2 bytes, not %3 as its descriptor says")
                .arg(descriptor.digest.toString())
                .arg(bytes.size())
                .arg(descriptor.size));
    }
    m_totalBytes += bytes.size();
    if (m_totalBytes > MaxTotalManifestBytes)
        return m_session.invalid(
            QCoreApplication::translate("ImageImporter", "its manifests add up to more than 64 MiB"));
    const QString contentType =
        MediaTypes::isManifestType(descriptor.mediaType) ? descriptor.mediaType : QString();
    auto parsed = ManifestParser::parse(bytes, contentType);
    if (!parsed) {
        return m_session.invalid(QCoreApplication::translate("ImageImporter", "manifest %1 is not valid: %2")
                                     .arg(descriptor.digest.toString(), parsed.error().message));
    }
    const Manifest& manifest = parsed.value();

    m_visiting.insert(key);
    for (const Descriptor& child : manifest.manifests) {
        if (auto r = visit(repository, child, QString(), false, depth + 1); !r)
            return r;
    }
    if (manifest.subject) {
        // The subject goes first when the archive holds it; a referrer may also arrive without it.
        auto subject = m_fetch(manifest.subject->digest);
        if (!subject)
            return subject.error();
        if (subject.value()) {
            if (auto r = visit(repository, *manifest.subject, QString(), false, depth + 1); !r)
                return r;
        }
    }
    m_visiting.remove(key);

    QHash<Digest, qint64>& needed = m_blobs[repository];
    for (const Descriptor& blob : manifest.referencedBlobs())
        needed.insert(blob.digest, blob.size);
    m_done.insert(key);
    m_puts << ImportManifestPut{repository, tag, descriptor.digest, bytes, manifest.mediaType, isRoot};
    return {};
}

} // namespace berth
