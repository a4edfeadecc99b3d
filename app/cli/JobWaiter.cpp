#include "cli/JobWaiter.h"

#include <QEventLoop>
#include <QTimer>
#include <csignal>
#include <cstdio>

#ifdef Q_OS_WIN
#include <io.h>
#else
#include <unistd.h>
#endif

namespace berth {

std::atomic<int> JobWaiter::s_interrupts{0};

namespace {

void onInterrupt(int)
{
    JobWaiter::interrupt();
}

/// Installs the Ctrl-C handler for the lifetime of a wait and puts the previous one back afterwards.
class InterruptScope
{
public:
    InterruptScope() { m_previous = std::signal(SIGINT, onInterrupt); }
    ~InterruptScope() { std::signal(SIGINT, m_previous == SIG_ERR ? SIG_DFL : m_previous); }
    InterruptScope(const InterruptScope&) = delete;
    InterruptScope& operator=(const InterruptScope&) = delete;

private:
    void (*m_previous)(int) = SIG_DFL;
};

void pause(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

JobWaiter::JobWaiter(ApiClient& api) : m_api(api) {}

void JobWaiter::interrupt()
{
    if (s_interrupts.fetch_add(1) >= 1)
        std::signal(SIGINT, SIG_DFL); // the second Ctrl-C ends berthctl the usual way
}

bool JobWaiter::stderrIsTerminal()
{
#ifdef Q_OS_WIN
    return _isatty(_fileno(stderr)) != 0;
#else
    return isatty(STDERR_FILENO) != 0;
#endif
}

quint64 JobWaiter::jobIdOf(const QJsonObject& answer)
{
    const QJsonObject job =
        answer.contains(QStringLiteral("job")) ? answer.value(QStringLiteral("job")).toObject() : answer;
    const qint64 id = job.value(QStringLiteral("id")).toInteger();
    return id > 0 ? quint64(id) : 0;
}

bool JobWaiter::isFinished(const QJsonObject& job)
{
    const QString state = job.value(QStringLiteral("state")).toString();
    return state == QLatin1String("succeeded") || state == QLatin1String("failed") ||
           state == QLatin1String("cancelled");
}

ApiResponse JobWaiter::wait(quint64 id)
{
    InterruptScope scope;
    s_interrupts = 0;
    m_cancelSent = false;
    const QString path = QStringLiteral("/api/v1/jobs/%1").arg(id);
    for (;;) {
        if (s_interrupts.load() > 0 && !m_cancelSent) {
            m_cancelSent = true;
            const ApiResponse cancelled = m_api.remove(path);
            if (m_progress) {
                endProgress();
                *m_progress << (cancelled.status == 409 ? tr("The job had already finished.")
                                                        : tr("Cancelling job %1...").arg(id))
                            << Qt::endl;
            }
        }
        const ApiResponse response = m_api.get(path);
        if (!response.ok()) {
            endProgress();
            return response;
        }
        const QJsonObject job = response.object();
        if (isFinished(job)) {
            endProgress();
            return response;
        }
        drawProgress(job);
        pause(m_pollIntervalMs);
    }
}

void JobWaiter::drawProgress(const QJsonObject& job)
{
    if (!m_progress)
        return;
    const qint64 done = job.value(QStringLiteral("done")).toInteger();
    const qint64 total = job.value(QStringLiteral("total")).toInteger();
    QString line = job.value(QStringLiteral("title")).toString();
    if (job.value(QStringLiteral("state")).toString() == QLatin1String("queued"))
        line += QLatin1String(": ") + tr("queued");
    else if (total > 0)
        line += QLatin1String(": ") + tr("%1% (%2 of %3)").arg(done * 100 / total).arg(done).arg(total);
    const QString status = job.value(QStringLiteral("status")).toString();
    if (!status.isEmpty())
        line += QLatin1String(" - ") + status;
    line = line.left(100);
    const int width = int(line.size());
    if (width < m_progressWidth)
        line += QString(m_progressWidth - width, QLatin1Char(' '));
    m_progressWidth = width;
    *m_progress << '\r' << line << Qt::flush;
}

void JobWaiter::endProgress()
{
    if (!m_progress || m_progressWidth == 0)
        return;
    *m_progress << '\r' << QString(m_progressWidth, QLatin1Char(' ')) << '\r' << Qt::flush;
    m_progressWidth = 0;
}

} // namespace berth
