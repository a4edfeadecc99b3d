#include "archive/ImportSession.h"

#include "archive/ArchiveReader.h"
#include "archive/ImportBlobUpload.h"
#include "archive/ImportImageName.h"
#include "jobs/JobContext.h"
#include "oci/Names.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace berth {

ImportSession::ImportSession(RegistryService& registry, const ImportTarget& target, JobContext& context,
                             QString path)
    : m_registry(registry), m_transaction(registry, m_report), m_target(target), m_context(context),
      m_path(std::move(path))
{}

QString ImportSession::fileName() const
{
    return QFileInfo(m_path).fileName();
}

Error ImportSession::invalid(const QString& reason) const
{
    return Error(ErrorCode::ArchiveInvalid,
                 QCoreApplication::translate("ImageImporter", "%1 is not a valid image archive: %2")
                     .arg(fileName(), reason));
}

Error ImportSession::cancelled() const
{
    return Error(
        ErrorCode::Cancelled,
        QCoreApplication::translate("ImageImporter", "The import was cancelled; nothing was imported"));
}

bool ImportSession::isCancelled() const
{
    return m_context.isCancelled();
}

void ImportSession::setStatus(const QString& text)
{
    m_context.setStatus(text);
}

Result<void> ImportSession::forEachArchiveEntry(const EntryFunction& visit)
{
    ArchiveReader reader;
    if (auto opened = reader.open(m_path); !opened)
        return opened.error();
    const qint64 fileSize = QFileInfo(m_path).size();
    const ChunkFunction progress = [&] { m_context.setProgress(reader.bytesConsumed(), fileSize); };
    const ReadFunction read = [&](char* buffer, qint64 capacity) { return reader.read(buffer, capacity); };
    for (;;) {
        if (isCancelled())
            return cancelled();
        auto next = reader.next();
        if (!next)
            return next.error();
        if (!next.value()) {
            m_context.setProgress(fileSize, fileSize);
            return {};
        }
        if (auto visited = visit(*next.value(), read, progress); !visited)
            return visited;
    }
}

Error ImportSession::readFailure(const QFile& file)
{
    return Error(ErrorCode::Internal, QCoreApplication::translate("ImageImporter", "Could not read %1: %2")
                                          .arg(file.fileName(), file.errorString()));
}

ImportSession::ReadFunction ImportSession::fileReader(QFile& file, qint64& done)
{
    return [&file, &done](char* buffer, qint64 capacity) -> Result<qint64> {
        const qint64 n = file.read(buffer, capacity);
        if (n < 0)
            return readFailure(file);
        done += n;
        return n;
    };
}

Result<QString> ImportSession::repositoryFor(const QString& named) const
{
    if (!m_target.repository.isEmpty()) {
        if (!Names::isValidRepositoryName(m_target.repository)) {
            return Error(ErrorCode::NameInvalid,
                         QCoreApplication::translate(
                             "ImageImporter",
                             "\"%1\" is not a valid repository name: use lowercase letters, digits and "
                             "separators (., _, -, /)")
                             .arg(m_target.repository.left(300)));
        }
        return m_target.repository;
    }
    QString repository = named;
    if (repository.isEmpty())
        repository = ImportImageName::repositoryFromFileName(m_path);
    if (repository.isEmpty())
        return invalid(QCoreApplication::translate(
            "ImageImporter", "it does not name a repository; choose one to import into"));
    if (!Names::isValidRepositoryName(repository)) {
        return invalid(QCoreApplication::translate(
                           "ImageImporter",
                           "it names the repository \"%1\", which is not a valid repository name; choose "
                           "a repository to import into")
                           .arg(repository.left(300)));
    }
    return repository;
}

Result<QString> ImportSession::tagFor(const QString& named) const
{
    const QString tag = named.isEmpty() ? m_target.defaultTag : named;
    if (!tag.isEmpty() && !Names::isValidTag(tag))
        return invalid(
            QCoreApplication::translate("ImageImporter", "it names the tag \"%1\", which is not a valid tag")
                .arg(tag.left(200)));
    return tag;
}

Result<ImportStoredBlob> ImportSession::storeNamedBlob(const QString& repository, const Digest& digest,
                                                       qint64 size, const ReadFunction& read,
                                                       const ChunkFunction& onChunk, bool* reused)
{
    auto have = m_transaction.reuse(repository, digest);
    if (!have)
        return have.error();
    if (reused)
        *reused = have.value();
    if (have.value())
        return ImportStoredBlob{digest, size, QByteArray()};
    auto stored = storeHashedBlob(repository, read, onChunk);
    if (!stored && stored.error().code == ErrorCode::DigestInvalid)
        return invalid(QCoreApplication::translate("ImageImporter",
                                                   "blob %1 is corrupt: its bytes do not match its digest")
                           .arg(digest.toString()));
    if (stored && stored->digest != digest) {
        m_transaction.dropIfLinkedHere(repository, stored->digest);
        return invalid(
            QCoreApplication::translate("ImageImporter", "blob %1 is corrupt: its bytes have digest %2")
                .arg(digest.toString(), stored->digest.toString()));
    }
    return stored;
}

Result<ImportStoredBlob> ImportSession::storeHashedBlob(const QString& repository, const ReadFunction& read,
                                                        const ChunkFunction& onChunk)
{
    if (m_buffer.isEmpty())
        m_buffer.resize(static_cast<int>(ChunkSize));
    ImportBlobUpload upload(m_registry, repository);
    if (auto started = upload.start(); !started)
        return started.error();
    for (;;) {
        if (isCancelled())
            return cancelled();
        auto n = read(m_buffer.data(), ChunkSize);
        if (!n)
            return n.error();
        if (n.value() == 0)
            break;
        if (auto written = upload.write(QByteArrayView(m_buffer.constData(), n.value())); !written)
            return written.error();
        if (onChunk)
            onChunk();
    }
    ImportStoredBlob blob{upload.finishHash(), upload.size(), upload.head()};
    auto have = m_transaction.reuse(repository, blob.digest);
    if (!have)
        return have.error();
    if (have.value()) {
        upload.abandon();
        return blob;
    }
    auto committed = upload.commit(blob.digest);
    if (!committed)
        return committed.error();
    m_transaction.uploaded(repository, committed.value());
    return blob;
}

Result<void> ImportSession::storeManifests(const QList<ImportManifestPut>& puts)
{
    int done = 0;
    for (const ImportManifestPut& put : puts) {
        setStatus(QCoreApplication::translate("ImageImporter", "Storing manifest %1 of %2")
                      .arg(++done)
                      .arg(puts.size()));
        if (isCancelled())
            return cancelled();
        auto stored =
            m_transaction.putManifest(put.repository, put.tag, put.digest, put.bytes, put.mediaType);
        if (!stored) {
            if (stored.error().code == ErrorCode::ManifestInvalid ||
                stored.error().code == ErrorCode::ManifestBlobUnknown ||
                stored.error().code == ErrorCode::ManifestUnknown)
                return invalid(stored.error().message);
            return stored.error();
        }
        if (put.isRoot)
            m_report.images << ImportedImage{put.repository, put.tag, stored->digest, put.mediaType};
    }
    m_transaction.commit();
    return {};
}

} // namespace berth
