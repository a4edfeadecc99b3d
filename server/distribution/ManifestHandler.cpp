#include "distribution/ManifestHandler.h"

#include "metering/UsageMeter.h"
#include "oci/ManifestParser.h"
#include "oci/MediaTypes.h"
#include "registry/RegistryService.h"

namespace berth {

namespace {

Error tooLarge()
{
    return Error(ErrorCode::TooLarge,
                 QStringLiteral("The manifest is larger than the %1 bytes this registry accepts.")
                     .arg(ManifestParser::MaxManifestSize));
}

/// 299 - "text" (RFC 7234 warn-code 299 "Miscellaneous Persistent Warning", agent "-"): printable ASCII
/// only, quotes and backslashes escaped, at most 1000 characters of text.
QByteArray warningHeader(const QString& text)
{
    QByteArray quoted;
    for (const QChar c : text.left(1000)) {
        const char ch = c.unicode() >= 0x20 && c.unicode() < 0x7f ? char(c.unicode()) : '?';
        if (ch == '"' || ch == '\\')
            quoted += '\\';
        quoted += ch;
    }
    return "299 - \"" + quoted + '"';
}

} // namespace

void ManifestHandler::start(const HttpRequest& request, HttpResponder& responder)
{
    m_isPut = request.method == "PUT";
    m_reference = Reference::parse(m_match.param);
    if (!m_reference) {
        if (m_match.param.contains(QLatin1Char(':'))) {
            sendError(responder, Error(ErrorCode::DigestInvalid,
                                       QStringLiteral("\"%1\" is not a digest this registry supports "
                                                      "(sha256:<64 hex> or sha512:<128 hex>).")
                                           .arg(m_match.param.left(200))));
        } else if (m_isPut) {
            sendError(responder,
                      Error(ErrorCode::ManifestInvalid,
                            QStringLiteral("\"%1\" is not a valid tag: use up to 128 letters, digits, "
                                           "_ . and -, not starting with . or -.")
                                .arg(m_match.param.left(200))));
        } else {
            sendError(responder, Error(ErrorCode::ManifestUnknown,
                                       QStringLiteral("\"%1\" is neither a valid tag nor a digest.")
                                           .arg(m_match.param.left(200))));
        }
        return;
    }
    if (m_isPut && request.contentLength > ManifestParser::MaxManifestSize)
        sendError(responder, tooLarge());
}

bool ManifestHandler::onBody(QByteArrayView chunk, HttpResponder& responder)
{
    if (responder.hasResponded() || !m_isPut)
        return !responder.hasResponded();
    if (m_body.size() + chunk.size() > ManifestParser::MaxManifestSize) {
        m_body.clear();
        sendError(responder, tooLarge());
        return false;
    }
    m_body.append(chunk.data(), chunk.size());
    return true;
}

void ManifestHandler::finish(const HttpRequest& request, HttpResponder& responder)
{
    if (request.method == "PUT")
        put(request, responder);
    else if (request.method == "DELETE")
        remove(responder);
    else
        get(request, responder);
}

bool ManifestHandler::accepts(const QByteArray& acceptHeader, const QString& mediaType)
{
    if (acceptHeader.trimmed().isEmpty())
        return true;
    bool listsManifestTypes = false;
    for (const QByteArray& part : acceptHeader.split(',')) {
        const QString type = MediaTypes::normalize(QString::fromLatin1(part));
        if (type == mediaType || type == QLatin1String("*/*") || type == QLatin1String("application/*"))
            return true;
        if (MediaTypes::isManifestType(type))
            listsManifestTypes = true;
    }
    // Clients that name no manifest type at all (e.g. "application/json") get what is stored.
    return !listsManifestTypes;
}

void ManifestHandler::get(const HttpRequest& request, HttpResponder& responder)
{
    Result<ManifestContent> content = m_registry.getManifest(m_match.name, *m_reference, !request.isHead());
    if (!content) {
        sendError(responder, content.error());
        return;
    }
    // Every Accept value of a request counts (clients send several header lines).
    QByteArrayList acceptValues;
    for (const auto& header : request.headers) {
        if (header.first.compare("Accept", Qt::CaseInsensitive) == 0)
            acceptValues.append(header.second);
    }
    if (!accepts(acceptValues.join(','), content->mediaType)) {
        sendError(responder, Error(ErrorCode::ManifestUnknown,
                                   QStringLiteral("The manifest is of type %1, which this request's Accept "
                                                  "header does not include.")
                                       .arg(content->mediaType)));
        return;
    }
    addCommonHeaders(responder);
    const QByteArray digest = content->digest.toString().toLatin1();
    responder.addHeader("Docker-Content-Digest", digest);
    responder.addHeader("ETag", '"' + digest + '"');
    if (!request.isHead()) { // metering: a pull and its bytes
        m_registry.usageMeter().recordPull(m_match.name, meteredUser());
        meterEgress(responder);
    }
    responder.send(200, content->bytes, content->mediaType.toLatin1());
}

void ManifestHandler::put(const HttpRequest& request, HttpResponder& responder)
{
    const QString contentType = QString::fromLatin1(request.header("Content-Type"));
    Result<PutManifestResult> stored =
        m_registry.putManifest(m_match.name, *m_reference, m_body, contentType);
    if (!stored) {
        sendError(responder, stored.error());
        return;
    }
    m_registry.usageMeter().recordPush(m_match.name, meteredUser()); // metering
    addCommonHeaders(responder);
    const QByteArray digest = stored->digest.toString().toLatin1();
    responder.addHeader("Location", repositoryPath(QStringLiteral("manifests/") + stored->digest.toString()));
    responder.addHeader("Docker-Content-Digest", digest);
    if (stored->subject)
        responder.addHeader("OCI-Subject", stored->subject->toString().toLatin1());
    // Limits at 80% and above (core/governance), as OCI distribution spec 1.1 "Warnings" describes:
    // Warning: 299 - "text", one header per warning.
    for (const QString& warning : stored->warnings)
        responder.addHeader("Warning", warningHeader(warning));
    responder.send(201);
}

void ManifestHandler::remove(HttpResponder& responder)
{
    const Result<void> removed = m_reference->isDigest()
                                     ? m_registry.deleteManifest(m_match.name, m_reference->digest())
                                     : m_registry.deleteTag(m_match.name, m_reference->tag());
    if (!removed) {
        sendError(responder, removed.error());
        return;
    }
    addCommonHeaders(responder);
    responder.send(202);
}

} // namespace berth
