#include "distribution/BlobHandler.h"

#include "distribution/ByteRange.h"
#include "registry/RegistryService.h"

namespace berth {

void BlobHandler::finish(const HttpRequest& request, HttpResponder& responder)
{
    const std::optional<Digest> digest = Digest::parse(m_match.param);
    if (!digest) {
        sendError(responder, Error(ErrorCode::DigestInvalid,
                                   QStringLiteral("\"%1\" is not a digest this registry supports "
                                                  "(sha256:<64 hex> or sha512:<128 hex>).")
                                       .arg(m_match.param.left(200))));
        return;
    }
    if (request.method == "DELETE") {
        const Result<void> deleted = m_registry.deleteBlob(m_match.name, *digest);
        if (!deleted) {
            sendError(responder, deleted.error());
            return;
        }
        addCommonHeaders(responder);
        responder.send(202);
        return;
    }
    download(request, responder, *digest);
}

void BlobHandler::download(const HttpRequest& request, HttpResponder& responder, const Digest& digest)
{
    Result<BlobInfo> info = m_registry.statBlob(m_match.name, digest);
    if (!info) {
        sendError(responder, info.error());
        return;
    }
    const qint64 size = info->size;
    ByteRange range;
    const ByteRange::Outcome outcome = ByteRange::parse(request.header("Range"), size, &range);
    if (outcome == ByteRange::Outcome::Unsatisfiable) {
        responder.addHeader("Content-Range", "bytes */" + QByteArray::number(size));
        sendError(responder,
                  Error(ErrorCode::RangeNotSatisfiable,
                        QStringLiteral("The requested range lies outside the blob's %1 bytes.").arg(size)));
        return;
    }
    if (outcome == ByteRange::Outcome::Whole) {
        range.first = 0;
        range.last = size - 1;
    }

    addCommonHeaders(responder);
    responder.addHeader("Docker-Content-Digest", digest.toString().toLatin1());
    responder.addHeader("Accept-Ranges", "bytes");
    responder.addHeader("ETag", '"' + digest.toString().toLatin1() + '"');
    responder.addHeader("Cache-Control", "max-age=31536000");
    const int status = outcome == ByteRange::Outcome::Partial ? 206 : 200;
    if (status == 206) {
        responder.addHeader("Content-Range", "bytes " + QByteArray::number(range.first) + '-' +
                                                 QByteArray::number(range.last) + '/' +
                                                 QByteArray::number(size));
    }
    if (size == 0) {
        responder.send(status, QByteArray(), "application/octet-stream");
        return;
    }
    Result<std::unique_ptr<QIODevice>> device = m_registry.openBlob(m_match.name, digest);
    if (!device) {
        sendError(responder, device.error());
        return;
    }
    if (!request.isHead())
        meterEgress(responder); // metering: the body bytes that go out
    responder.sendStream(status, std::move(device.value()), range.first, range.length(),
                         "application/octet-stream", m_registry.blobLocalPath(digest));
}

} // namespace berth
