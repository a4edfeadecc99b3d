#pragma once

#include "distribution/DistributionHandler.h"
#include "oci/Digest.h"

namespace berth {

/// GET, HEAD and DELETE /v2/<name>/blobs/<digest>; GET and HEAD honour a single Range.
class BlobHandler final : public DistributionHandler
{
public:
    using DistributionHandler::DistributionHandler;

protected:
    void finish(const HttpRequest& request, HttpResponder& responder) override;

private:
    void download(const HttpRequest& request, HttpResponder& responder, const Digest& digest);
};

} // namespace berth
