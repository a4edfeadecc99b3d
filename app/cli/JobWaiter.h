#pragma once

#include "cli/ApiClient.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QTextStream>
#include <atomic>

namespace berth {

/// Follows a job of the server (GET /api/v1/jobs/{id}) until it has finished, for commands that start
/// one (202 + Location) and for 'berthctl jobs wait'. While it waits, Ctrl-C (SIGINT) asks the server
/// to cancel the job (DELETE /api/v1/jobs/{id}) and keeps following it until it stops; a second Ctrl-C
/// ends berthctl at once. Progress goes to a stream (stderr) when that is a terminal.
class JobWaiter
{
    Q_DECLARE_TR_FUNCTIONS(JobWaiter)

public:
    explicit JobWaiter(ApiClient& api);

    /// Where progress lines go (redrawn in place with \r); null: nowhere (the default).
    void setProgressStream(QTextStream* stream) { m_progress = stream; }
    void setPollIntervalMs(int ms) { m_pollIntervalMs = ms; }

    /// Polls until the job's state is succeeded, failed or cancelled. On success the response holds the
    /// final job (status 200, the Job JSON); otherwise the answer that failed (404 for an unknown job,
    /// a transport error...).
    ApiResponse wait(quint64 id);
    /// The id of a job from a 202 answer ({"job": {...}}) or a Job object itself; 0 when none.
    static quint64 jobIdOf(const QJsonObject& answer);
    static bool isFinished(const QJsonObject& job);
    /// True when Ctrl-C was pressed during the last wait() (the job was asked to stop).
    bool cancelRequested() const { return m_cancelSent; }
    /// Asks the wait in progress to cancel the job, as Ctrl-C does (safe from a signal handler).
    static void interrupt();
    /// True when standard error is a terminal (progress is worth drawing).
    static bool stderrIsTerminal();

private:
    void drawProgress(const QJsonObject& job);
    void endProgress();

    ApiClient& m_api;
    QTextStream* m_progress = nullptr;
    int m_pollIntervalMs = 250;
    bool m_cancelSent = false;
    int m_progressWidth = 0;
    static std::atomic<int> s_interrupts;
};

} // namespace berth
