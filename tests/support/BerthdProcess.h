#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>
#include <memory>

namespace berth {

// A berthd under test: started on 127.0.0.1 with an ephemeral port and a fresh data directory, ready
// once it has written its ready file ("127.0.0.1:PORT\n"). When the environment variable
// BERTH_TEST_REGISTRY_URL is set (e.g. http://127.0.0.1:5055), no process is started and that
// registry is used instead (for developing the tests against another registry).
// berthd's stdout and stderr go to a log file in the temporary directory; it is printed whenever
// start or stop fails (and on demand).
class BerthdProcess
{
public:
    BerthdProcess();
    ~BerthdProcess();
    BerthdProcess(const BerthdProcess&) = delete;
    BerthdProcess& operator=(const BerthdProcess&) = delete;

    // Starts berthd (or adopts the external registry) and waits up to 20 s for its ready file.
    // extraArgs are appended to berthd's command line. False on failure; see errorString().
    // Calling start() again after stop() or kill() restarts berthd on the same data directory.
    bool start(const QStringList& extraArgs = {});
    // Sends SIGTERM, waits up to 20 s, and returns the exit code; -1 if it crashed or had to be
    // killed (then berthd's log is printed). 0 for an external registry.
    int stop();
    // Sends SIGKILL (a crash: no clean-up runs) and waits for the process to end. False when it was
    // not running (or is external).
    bool kill();
    // Uses path as the --data directory instead of one in the temporary directory (e.g. a small
    // filesystem). Call before start(); the directory is not removed afterwards.
    void setDataDirectory(const QString& path);

    bool isExternal() const { return m_external; }
    bool isRunning() const;
    /// http://admin:<password>@127.0.0.1:PORT: RegistryClient signs in with the URL's user info.
    /// Use anonymousUrl() for requests without credentials.
    QUrl baseUrl() const { return m_baseUrl; }
    QUrl anonymousUrl() const { return m_baseUrl.adjusted(QUrl::RemoveUserInfo); }
    /// The administrator berthd creates on first start, with the password the test gives it.
    static QString adminUser() { return QStringLiteral("admin"); }
    static QString adminPassword() { return QStringLiteral("berth-test-administrator"); }
    qint64 pid() const;
    // The --data directory; empty for an external registry.
    QString dataDir() const;
    // Peak resident set size (VmHWM) in KiB, read from /proc/<pid>/status; the last value seen
    // before stop() once stopped; -1 when unknown (external registry, not started).
    qint64 peakRssKiB() const;
    QString errorString() const { return m_error; }
    // Everything berthd wrote to stdout and stderr so far.
    QByteArray log() const;
    void printLog() const;

    static QString binaryPath();

private:
    qint64 readVmHwm() const;
    void fail(const QString& message);

    bool m_external = false;
    QUrl m_baseUrl;
    std::unique_ptr<QTemporaryDir> m_tempDir;
    std::unique_ptr<QProcess> m_process;
    QString m_dataDirectory;
    qint64 m_pid = 0;
    mutable qint64 m_lastPeakRss = -1;
    QString m_error;
};

} // namespace berth
