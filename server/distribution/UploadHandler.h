#pragma once

#include "distribution/DistributionHandler.h"
#include "oci/Digest.h"
#include "registry/UploadLease.h"

#include <functional>
#include <memory>

namespace berth {

/// Blob uploads: POST /v2/<name>/blobs/uploads/ (new session, monolithic with ?digest=, mount with
/// ?mount=&from=), and GET (status), PATCH (chunk), PUT (close with ?digest=) and DELETE (cancel) on
/// /v2/<name>/blobs/uploads/<id>. Bodies stream into the session as they arrive.
class UploadHandler final : public DistributionHandler
{
public:
    /// See DistributionApi::MountFilter.
    using MountFilter = std::function<bool(const AuthorizationSubject& subject, const QString& from,
                                           const HttpRequest& request)>;

    using DistributionHandler::DistributionHandler;
    ~UploadHandler() override;

    /// Without one every mount is allowed (in-process use and tests without access control).
    void setMountFilter(MountFilter filter) { m_mountFilter = std::move(filter); }

    bool onBody(QByteArrayView chunk, HttpResponder& responder) override;
    void onAborted() override;

protected:
    void start(const HttpRequest& request, HttpResponder& responder) override;
    void finish(const HttpRequest& request, HttpResponder& responder) override;

private:
    enum class Mode
    {
        NewSession,
        Monolithic,
        Status,
        Chunk,
        Close,
        Cancel
    };

    void startPost(const HttpRequest& request, HttpResponder& responder);
    bool acquire(const QString& uploadId, HttpResponder& responder);
    bool checkContentRange(const HttpRequest& request, HttpResponder& responder);
    bool parseDigestParameter(const HttpRequest& request, HttpResponder& responder);
    void sendProgress(HttpResponder& responder, int status, const QString& uploadId, qint64 offset);
    void sendCreated(HttpResponder& responder, const Digest& digest);
    void failChunk(HttpResponder& responder, const Error& error);

    MountFilter m_mountFilter;
    Mode m_mode = Mode::Status;
    Digest m_digest;
    std::unique_ptr<UploadLease> m_lease;
    qint64 m_chunkStart = 0;
    qint64 m_ingressBytes = 0; ///< body bytes received (metered when the handler goes)
};

} // namespace berth
