#pragma once

#include "api/ApiReply.h"
#include "jobs/Job.h"

#include <QJsonObject>
#include <QString>
#include <optional>

namespace berth {

struct ApiTable;

/// Jobs (long tasks) as the management API shows them, and the convention every endpoint that starts
/// one follows: 202 Accepted, "Location: /api/v1/jobs/{id}", body {"job": <Job>}. Clients then poll
/// GET /api/v1/jobs/{id} until "state" is succeeded, failed or cancelled, and may DELETE it to cancel.
class JobJson
{
public:
    /// {"id", "kind", "title", "state", "done", "total", "status", "result", "queuedAt", "startedAt",
    ///  "finishedAt", "cancelRequested"}; times are ISO 8601 UTC or null.
    static QJsonObject toJson(const JobSnapshot& job);
    /// The 202 answer for a job just submitted.
    static ApiReply accepted(const JobSnapshot& job);
    /// "/api/v1/jobs/<id>"
    static QString location(quint64 id);

    /// Stable machine names: import, export, retention, gc, scrub, scan, other.
    static QString kindName(JobKind kind);
    static std::optional<JobKind> kindFromName(const QString& name);
    /// queued, running, succeeded, failed, cancelled.
    static QString stateName(JobState state);
    static std::optional<JobState> stateFromName(const QString& name);

    /// Adds the "Job" schema (and "JobAccepted", the body of a 202) to the table; safe to call again.
    static void addSchemas(ApiTable& table);
};

} // namespace berth
