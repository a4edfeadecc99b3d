#pragma once

#include "governance/LimitRequest.h"
#include "governance/RegistryLimits.h"
#include "util/Result.h"

#include <QList>
#include <optional>

namespace berth {

class Clock;
class MetadataStore;

/// Limit increase requests (table limit_requests): users ask, administrators approve or decline.
/// Approving raises the limit in the same transaction: the registry's repository limit
/// (registry_settings) or the repository's own image limit (repositories.image_limit). Errors are
/// IamErrors: INVALID for a bad request, NOT_FOUND for an unknown request or repository, PROTECTED
/// for deciding a request that was already decided. Thread-safe like MetadataStore.
class LimitRequestStore
{
public:
    LimitRequestStore(MetadataStore& metadata, RegistryLimits defaults, Clock& clock);

    /// `limitName` is "repositories" or "imagesPerRepository" (then `repository` must exist);
    /// `requested` must be above the limit in force; `reason` must say why.
    Result<LimitRequest> create(const QString& limitName, const QString& repository, qint64 requested,
                                const QString& reason, const QString& requestedBy);
    /// Newest first; `requestedBy` empty: everybody's; pendingOnly: only those waiting for a decision.
    Result<QList<LimitRequest>> list(const QString& requestedBy, bool pendingOnly) const;
    Result<std::optional<LimitRequest>> find(qint64 id) const;
    Result<LimitRequest> approve(qint64 id, const QString& decidedBy, const QString& note);
    Result<LimitRequest> decline(qint64 id, const QString& decidedBy, const QString& note);

    static constexpr int MaxReasonLength = 2000;

private:
    Result<LimitRequest> decide(qint64 id, const QString& status, const QString& decidedBy,
                                const QString& note);
    Result<LimitRequest> pendingRequest(qint64 id) const;

    MetadataStore& m_metadata;
    RegistryLimits m_defaults;
    Clock& m_clock;
};

} // namespace berth
