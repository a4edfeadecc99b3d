#pragma once

#include "util/Result.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <functional>

namespace berth {

class JobContext;

/// The work of a job: runs on a worker thread, reports through the context, returns a summary for a
/// person ("Imported 3 images into team/app") or an Error (ErrorCode::Cancelled when cancelled).
using JobTask = std::function<Result<QString>(JobContext& context)>;

/// What kind of long task a job is (for icons, filters and history).
enum class JobKind
{
    Import,
    Export,
    Retention,
    GarbageCollection,
    Scrub,
    Check, ///< fsck: metadata against the blob store
    Backup,
    Scan,
    Other,
};

enum class JobState
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
};

/// A job as the console and logs see it at one moment (a value: safe to pass between threads).
struct JobSnapshot
{
    quint64 id = 0;
    JobKind kind = JobKind::Other;
    QString title; ///< "Import ubuntu.tar into team/app"
    JobState state = JobState::Queued;
    qint64 done = 0;
    qint64 total = 0; ///< 0 = unknown
    QString status;   ///< the latest status line while running
    QString result;   ///< the summary when it succeeded, the error message when it failed
    QDateTime queuedAt;
    QDateTime startedAt;  ///< null while queued
    QDateTime finishedAt; ///< null until it ends
    bool cancelRequested = false;

    bool isFinished() const
    {
        return state == JobState::Succeeded || state == JobState::Failed || state == JobState::Cancelled;
    }
    /// Progress in [0, 1], or -1 when the total is unknown.
    double fraction() const { return total > 0 ? double(done) / double(total) : -1.0; }

    static QString kindName(JobKind kind);    ///< translated, for people
    static QString stateName(JobState state); ///< translated, for people
};

} // namespace berth

Q_DECLARE_METATYPE(berth::JobSnapshot)
