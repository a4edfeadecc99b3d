#include "distribution/UploadHandler.h"

#include "distribution/ByteRange.h"
#include "metering/UsageMeter.h"
#include "oci/Names.h"
#include "registry/RegistryService.h"

namespace berth {

UploadHandler::~UploadHandler()
{
    if (m_ingressBytes > 0) // metering: once per request, not per chunk
        m_registry.usageMeter().recordIngress(m_match.name, meteredUser(), m_ingressBytes);
}

void UploadHandler::start(const HttpRequest& request, HttpResponder& responder)
{
    if (request.method == "POST") {
        startPost(request, responder);
        return;
    }
    const QString& uploadId = m_match.param;
    if (request.method == "GET") {
        m_mode = Mode::Status;
    } else if (request.method == "DELETE") {
        m_mode = Mode::Cancel;
    } else if (request.method == "PATCH") {
        m_mode = Mode::Chunk;
        if (acquire(uploadId, responder))
            checkContentRange(request, responder);
    } else if (request.method == "PUT") {
        m_mode = Mode::Close;
        if (parseDigestParameter(request, responder) && acquire(uploadId, responder) && request.hasBody())
            checkContentRange(request, responder);
    }
}

void UploadHandler::startPost(const HttpRequest& request, HttpResponder& responder)
{
    const QUrlQuery& query = request.query;
    if (query.hasQueryItem(QStringLiteral("mount"))) {
        const QString mount = query.queryItemValue(QStringLiteral("mount"), QUrl::FullyDecoded);
        const QString from = query.queryItemValue(QStringLiteral("from"), QUrl::FullyDecoded);
        const std::optional<Digest> digest = Digest::parse(mount);
        if (!digest) {
            sendError(responder, Error(ErrorCode::DigestInvalid,
                                       QStringLiteral("The mount parameter \"%1\" is not a supported digest.")
                                           .arg(mount.left(200))));
            return;
        }
        if (!from.isEmpty() && !Names::isValidRepositoryName(from)) {
            sendError(responder,
                      Error(ErrorCode::NameInvalid,
                            QStringLiteral("The from parameter \"%1\" is not a valid repository name.")
                                .arg(from.left(300))));
            return;
        }
        // A mount the caller may not make (no `from` to check, or no right to pull from it) is not an
        // error: like any blob the registry cannot mount, it becomes an ordinary upload session.
        if (m_mountFilter && (from.isEmpty() || !m_mountFilter(m_match.subject, from, request))) {
            m_mode = Mode::NewSession;
            return;
        }
        const Result<bool> mounted = m_registry.mountBlob(m_match.name, *digest, from);
        if (!mounted) {
            sendError(responder, mounted.error());
            return;
        }
        if (mounted.value()) {
            sendCreated(responder, *digest);
            return;
        }
        // Not mountable: the spec says to fall back to an ordinary upload session.
        m_mode = Mode::NewSession;
        return;
    }
    if (query.hasQueryItem(QStringLiteral("digest"))) {
        if (!parseDigestParameter(request, responder))
            return;
        m_mode = Mode::Monolithic;
        // The client never learns this session's id, so a crash ends it for good.
        Result<UploadStatus> session = m_registry.startUpload(m_match.name, false);
        if (!session) {
            sendError(responder, session.error());
            return;
        }
        acquire(session->id, responder);
        return;
    }
    m_mode = Mode::NewSession;
}

bool UploadHandler::parseDigestParameter(const HttpRequest& request, HttpResponder& responder)
{
    const QString text = request.query.queryItemValue(QStringLiteral("digest"), QUrl::FullyDecoded);
    const std::optional<Digest> digest = Digest::parse(text);
    if (!digest) {
        sendError(responder,
                  Error(ErrorCode::DigestInvalid,
                        text.isEmpty()
                            ? QStringLiteral("The digest query parameter is required to finish an upload.")
                            : QStringLiteral("\"%1\" is not a digest this registry supports "
                                             "(sha256:<64 hex> or sha512:<128 hex>).")
                                  .arg(text.left(200))));
        return false;
    }
    m_digest = *digest;
    return true;
}

bool UploadHandler::acquire(const QString& uploadId, HttpResponder& responder)
{
    Result<std::unique_ptr<UploadLease>> lease = m_registry.acquireUpload(m_match.name, uploadId);
    if (!lease) {
        sendError(responder, lease.error());
        return false;
    }
    m_lease = std::move(lease.value());
    m_chunkStart = m_lease->offset();
    return true;
}

bool UploadHandler::checkContentRange(const HttpRequest& request, HttpResponder& responder)
{
    const QByteArray header = request.header("Content-Range");
    if (header.isEmpty())
        return true; // a streamed chunk: appended at the current offset
    const std::optional<ByteRange> range = parseUploadContentRange(header);
    if (!range || range->first != m_chunkStart) {
        const QString message =
            range
                ? QStringLiteral("This chunk starts at byte %1, but the upload has %2 bytes so far; send the "
                                 "chunk that starts at byte %2.")
                      .arg(range->first)
                      .arg(m_chunkStart)
                : QStringLiteral("The Content-Range header \"%1\" is not of the form <start>-<end>.")
                      .arg(QString::fromLatin1(header.left(100)));
        const QString uploadId = m_lease->id();
        const qint64 offset = m_chunkStart;
        m_lease.reset();
        responder.addHeader("Location", repositoryPath(QStringLiteral("blobs/uploads/") + uploadId));
        responder.addHeader("Range", "0-" + QByteArray::number(offset > 0 ? offset - 1 : 0));
        responder.addHeader("Docker-Upload-UUID", uploadId.toLatin1());
        sendError(responder, Error(ErrorCode::UploadRangeInvalid, message));
        return false;
    }
    if (request.contentLength >= 0 && request.contentLength != range->length()) {
        m_lease.reset();
        sendError(responder,
                  Error(ErrorCode::SizeInvalid,
                        QStringLiteral("Content-Range announces %1 bytes but Content-Length is %2.")
                            .arg(range->length())
                            .arg(request.contentLength)));
        return false;
    }
    return true;
}

bool UploadHandler::onBody(QByteArrayView chunk, HttpResponder& responder)
{
    if (responder.hasResponded())
        return false;
    if (!m_lease) {
        if (m_mode == Mode::NewSession || m_mode == Mode::Status || m_mode == Mode::Cancel)
            return true; // a stray body on a request that takes none: ignored
        return false;
    }
    m_ingressBytes += chunk.size(); // metering: received, whether or not it is kept
    const Result<void> written = m_lease->write(chunk);
    if (!written) {
        failChunk(responder, written.error());
        return false;
    }
    return true;
}

void UploadHandler::failChunk(HttpResponder& responder, const Error& error)
{
    if (m_lease) {
        (void)m_lease->truncate(m_chunkStart);
        if (m_mode == Mode::Monolithic) {
            const QString id = m_lease->id();
            m_lease.reset();
            (void)m_registry.cancelUpload(m_match.name, id);
        }
        m_lease.reset();
    }
    sendError(responder, error);
}

void UploadHandler::onAborted()
{
    if (!m_lease)
        return;
    // The chunk did not arrive whole: forget it, so the session stays at its last good offset.
    (void)m_lease->truncate(m_chunkStart);
    const QString id = m_lease->id();
    m_lease.reset();
    if (m_mode == Mode::Monolithic)
        (void)m_registry.cancelUpload(m_match.name, id);
}

void UploadHandler::finish(const HttpRequest& request, HttpResponder& responder)
{
    switch (m_mode) {
    case Mode::NewSession: {
        Result<UploadStatus> session = m_registry.startUpload(m_match.name);
        if (!session) {
            sendError(responder, session.error());
            return;
        }
        sendProgress(responder, 202, session->id, 0);
        return;
    }
    case Mode::Status: {
        Result<UploadStatus> status = m_registry.uploadStatus(m_match.name, m_match.param);
        if (!status) {
            sendError(responder, status.error());
            return;
        }
        sendProgress(responder, 204, status->id, status->offset);
        return;
    }
    case Mode::Cancel: {
        const Result<void> cancelled = m_registry.cancelUpload(m_match.name, m_match.param);
        if (!cancelled) {
            sendError(responder, cancelled.error());
            return;
        }
        addCommonHeaders(responder);
        responder.send(204);
        return;
    }
    case Mode::Chunk: {
        const QString id = m_lease->id();
        const qint64 offset = m_lease->offset();
        m_lease.reset();
        sendProgress(responder, 202, id, offset);
        return;
    }
    case Mode::Monolithic:
    case Mode::Close: {
        Result<BlobInfo> blob = m_registry.completeUpload(std::move(m_lease), m_digest);
        if (!blob) {
            sendError(responder, blob.error());
            return;
        }
        sendCreated(responder, blob->digest);
        return;
    }
    }
    Q_UNUSED(request);
}

void UploadHandler::sendProgress(HttpResponder& responder, int status, const QString& uploadId, qint64 offset)
{
    addCommonHeaders(responder);
    responder.addHeader("Location", repositoryPath(QStringLiteral("blobs/uploads/") + uploadId));
    responder.addHeader("Range", "0-" + QByteArray::number(offset > 0 ? offset - 1 : 0));
    responder.addHeader("Docker-Upload-UUID", uploadId.toLatin1());
    responder.send(status);
}

void UploadHandler::sendCreated(HttpResponder& responder, const Digest& digest)
{
    addCommonHeaders(responder);
    responder.addHeader("Location", repositoryPath(QStringLiteral("blobs/") + digest.toString()));
    responder.addHeader("Docker-Content-Digest", digest.toString().toLatin1());
    responder.send(201);
}

} // namespace berth
