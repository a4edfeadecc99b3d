#include "distribution/ListingHandler.h"

#include "oci/MediaTypes.h"
#include "registry/RegistryService.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace berth {

namespace {

/// Appends `text` as a JSON string: UTF-8, with quotes, backslashes and control characters escaped.
void appendJsonString(QByteArray& out, const QString& text)
{
    const qsizetype n = text.size();
    const char16_t* units = reinterpret_cast<const char16_t*>(text.utf16());
    bool plain = true;
    for (qsizetype i = 0; i < n && plain; ++i) {
        const char16_t u = units[i];
        plain = u >= 0x20 && u < 0x7f && u != u'"' && u != u'\\';
    }
    if (plain) {
        // Names are plain ASCII (the name rules allow nothing else): one copy, no per-byte append.
        const qsizetype at = out.size();
        out.resize(at + n + 2);
        char* p = out.data() + at;
        *p++ = '"';
        for (qsizetype i = 0; i < n; ++i)
            *p++ = static_cast<char>(units[i]);
        *p = '"';
        return;
    }
    static const char hex[] = "0123456789abcdef";
    out += '"';
    for (const char b : text.toUtf8()) {
        const auto u = static_cast<unsigned char>(b);
        if (u == '"' || u == '\\') {
            out += '\\';
            out += b;
        } else if (u < 0x20) {
            out += "\\u00";
            out += hex[u >> 4];
            out += hex[u & 0xf];
        } else {
            out += b;
        }
    }
    out += '"';
}

/// `{<head>"<listKey>":["a","b",...]}` written directly: QJsonArray and QJsonDocument
/// cost about 10,000 instructions per name, which a list of 100,000 tags feels.
QByteArray jsonWithList(const QByteArray& head, const char* listKey, const QStringList& names)
{
    qsizetype size = head.size() + 32;
    for (const QString& name : names)
        size += name.size() + 3;
    QByteArray out;
    out.reserve(size);
    out += '{';
    out += head;
    out += '"';
    out += listKey;
    out += "\":[";
    for (int i = 0; i < names.size(); ++i) {
        if (i > 0)
            out += ',';
        appendJsonString(out, names.at(i));
    }
    out += "]}";
    return out;
}

} // namespace

ListingHandler::ListingHandler(RegistryService& registry, RouteMatch match, Kind kind)
    : DistributionHandler(registry, std::move(match)), m_kind(kind)
{}

void ListingHandler::finish(const HttpRequest& request, HttpResponder& responder)
{
    switch (m_kind) {
    case Kind::ApiVersion:
        addCommonHeaders(responder);
        responder.send(200, "{}", "application/json");
        return;
    case Kind::Tags:
        listTags(request, responder);
        return;
    case Kind::Catalog:
        listCatalog(request, responder);
        return;
    case Kind::Referrers:
        listReferrers(request, responder);
        return;
    }
}

bool ListingHandler::readPage(const HttpRequest& request, HttpResponder& responder, int* n, QString* last)
{
    *n = -1;
    *last = request.query.queryItemValue(QStringLiteral("last"), QUrl::FullyDecoded);
    if (!request.query.hasQueryItem(QStringLiteral("n")))
        return true;
    const QString text = request.query.queryItemValue(QStringLiteral("n"));
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < 0) {
        sendError(responder,
                  Error(ErrorCode::PaginationInvalid,
                        QStringLiteral("The n parameter \"%1\" is not a non-negative whole number.")
                            .arg(text.left(50))));
        return false;
    }
    *n = value;
    return true;
}

void ListingHandler::addNextLink(HttpResponder& responder, const QByteArray& path, int n, const QString& last)
{
    const QByteArray link = '<' + path + "?n=" + QByteArray::number(n) +
                            "&last=" + QUrl::toPercentEncoding(last) + ">; rel=\"next\"";
    responder.addHeader("Link", link);
}

void ListingHandler::listTags(const HttpRequest& request, HttpResponder& responder)
{
    int n = -1;
    QString last;
    if (!readPage(request, responder, &n, &last))
        return;
    Result<NamePage> page = m_registry.listTags(m_match.name, n, last);
    if (!page) {
        sendError(responder, page.error());
        return;
    }
    addCommonHeaders(responder);
    if (page->more && !page->names.isEmpty())
        addNextLink(responder, repositoryPath(QStringLiteral("tags/list")), n, page->names.last());
    QByteArray head = "\"name\":";
    appendJsonString(head, m_match.name);
    head += ',';
    responder.send(200, jsonWithList(head, "tags", page->names), "application/json");
}

void ListingHandler::listCatalog(const HttpRequest& request, HttpResponder& responder)
{
    int n = -1;
    QString last;
    if (!readPage(request, responder, &n, &last))
        return;
    Result<NamePage> page = m_registry.catalog(n, last);
    if (!page) {
        sendError(responder, page.error());
        return;
    }
    addCommonHeaders(responder);
    // The next page starts after the last name read, whether or not this subject may see it.
    if (page->more && !page->names.isEmpty())
        addNextLink(responder, "/v2/_catalog", n, page->names.last());
    QStringList visible;
    if (!m_canInspect) {
        visible = page->names;
    } else {
        // One decision for the page, in memory (RepositoryAuthorizer::allowsEach).
        const QVector<bool> shown =
            m_canInspect(m_match.subject, page->names, request.peerAddress.toString());
        for (int i = 0; i < page->names.size(); ++i) {
            if (shown.value(i))
                visible.append(page->names.at(i));
        }
    }
    responder.send(200, jsonWithList(QByteArray(), "repositories", visible), "application/json");
}

void ListingHandler::listReferrers(const HttpRequest& request, HttpResponder& responder)
{
    const std::optional<Digest> digest = Digest::parse(m_match.param);
    if (!digest) {
        sendError(responder, Error(ErrorCode::DigestInvalid,
                                   QStringLiteral("\"%1\" is not a digest this registry supports "
                                                  "(sha256:<64 hex> or sha512:<128 hex>).")
                                       .arg(m_match.param.left(200))));
        return;
    }
    const QString artifactType =
        request.query.queryItemValue(QStringLiteral("artifactType"), QUrl::FullyDecoded);
    Result<QList<Descriptor>> referrers = m_registry.referrers(m_match.name, *digest, artifactType);
    if (!referrers) {
        sendError(responder, referrers.error());
        return;
    }
    QJsonArray manifests;
    for (const Descriptor& d : referrers.value()) {
        QJsonObject item{{QStringLiteral("mediaType"), d.mediaType},
                         {QStringLiteral("digest"), d.digest.toString()},
                         {QStringLiteral("size"), d.size}};
        if (!d.artifactType.isEmpty())
            item.insert(QStringLiteral("artifactType"), d.artifactType);
        if (!d.annotations.isEmpty())
            item.insert(QStringLiteral("annotations"), d.annotations);
        manifests.append(item);
    }
    const QJsonObject body{{QStringLiteral("schemaVersion"), 2},
                           {QStringLiteral("mediaType"), MediaTypes::OciImageIndex},
                           {QStringLiteral("manifests"), manifests}};
    addCommonHeaders(responder);
    if (!artifactType.isEmpty())
        responder.addHeader("OCI-Filters-Applied", "artifactType");
    responder.send(200, QJsonDocument(body).toJson(QJsonDocument::Compact),
                   MediaTypes::OciImageIndex.toLatin1());
}

} // namespace berth
