#pragma once

#include "distribution/DistributionHandler.h"
#include "oci/Reference.h"

#include <QByteArray>
#include <optional>

namespace berth {

/// GET, HEAD, PUT and DELETE /v2/<name>/manifests/<reference>, by tag or by digest.
/// A PUT body is collected in memory up to ManifestParser::MaxManifestSize, never more.
class ManifestHandler final : public DistributionHandler
{
public:
    using DistributionHandler::DistributionHandler;

    bool onBody(QByteArrayView chunk, HttpResponder& responder) override;

protected:
    void start(const HttpRequest& request, HttpResponder& responder) override;
    void finish(const HttpRequest& request, HttpResponder& responder) override;

private:
    void get(const HttpRequest& request, HttpResponder& responder);
    void put(const HttpRequest& request, HttpResponder& responder);
    void remove(HttpResponder& responder);
    static bool accepts(const QByteArray& acceptHeader, const QString& mediaType);

    std::optional<Reference> m_reference;
    QByteArray m_body;
    bool m_isPut = false;
};

} // namespace berth
