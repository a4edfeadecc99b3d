#pragma once

#include "distribution/DistributionApi.h"
#include "distribution/DistributionHandler.h"

namespace berth {

/// The read-only listings: GET /v2/ (API version check), /v2/<name>/tags/list, /v2/_catalog and
/// /v2/<name>/referrers/<digest>. Lists are sorted and paginated with n, last and a Link header.
class ListingHandler final : public DistributionHandler
{
public:
    enum class Kind
    {
        ApiVersion,
        Tags,
        Catalog,
        Referrers
    };

    ListingHandler(RegistryService& registry, RouteMatch match, Kind kind);
    /// The catalog lists only what the filter lets the request's subject see.
    void setInspectFilter(DistributionApi::InspectFilter filter) { m_canInspect = std::move(filter); }

protected:
    void finish(const HttpRequest& request, HttpResponder& responder) override;

private:
    void listTags(const HttpRequest& request, HttpResponder& responder);
    void listCatalog(const HttpRequest& request, HttpResponder& responder);
    void listReferrers(const HttpRequest& request, HttpResponder& responder);
    /// Reads ?n= and ?last=; false (after responding) when n is not a non-negative integer.
    bool readPage(const HttpRequest& request, HttpResponder& responder, int* n, QString* last);
    static void addNextLink(HttpResponder& responder, const QByteArray& path, int n, const QString& last);

    Kind m_kind;
    DistributionApi::InspectFilter m_canInspect;
};

} // namespace berth
