#include "support/BerthdProcess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QtGlobal>
#include <cstdio>

namespace berth {

namespace {
constexpr int kReadyTimeoutMs = 20000;
constexpr int kStopTimeoutMs = 20000;
} // namespace

BerthdProcess::BerthdProcess() = default;

BerthdProcess::~BerthdProcess()
{
    if (isRunning())
        stop();
}

QString BerthdProcess::binaryPath()
{
    return QStringLiteral(BERTH_BINARY_DIR "/server/daemon/berthd");
}

bool BerthdProcess::start(const QStringList& extraArgs)
{
    const QByteArray external = qgetenv("BERTH_TEST_REGISTRY_URL");
    if (!external.isEmpty()) {
        m_external = true;
        m_baseUrl = QUrl(QString::fromUtf8(external));
        if (!m_baseUrl.isValid() || m_baseUrl.host().isEmpty()) {
            fail(QStringLiteral("BERTH_TEST_REGISTRY_URL is not a valid URL: %1")
                     .arg(QString::fromUtf8(external)));
            return false;
        }
        return true;
    }

    if (isRunning()) {
        fail(QStringLiteral("berthd is already running"));
        return false;
    }
    // A restart keeps the temporary directory, so berthd finds the data of its previous run.
    if (!m_tempDir) {
        m_tempDir = std::make_unique<QTemporaryDir>();
        if (!m_tempDir->isValid()) {
            fail(QStringLiteral("cannot create a temporary directory: %1").arg(m_tempDir->errorString()));
            return false;
        }
        if (!qEnvironmentVariableIsEmpty("BERTH_TEST_KEEP_DATA"))
            m_tempDir->setAutoRemove(false);
    }
    const QString data = dataDir();
    const QString ready = m_tempDir->filePath(QStringLiteral("ready"));
    QFile::remove(ready);
    QDir().mkpath(data);

    if (!QFile::exists(binaryPath())) {
        fail(QStringLiteral("berthd is not built: %1 does not exist").arg(binaryPath()));
        return false;
    }

    m_process = std::make_unique<QProcess>();
    m_process->setProgram(binaryPath());
    // The administrator's password comes from a file, so tests know it; see adminUser()/adminPassword().
    const QString passwordFile = m_tempDir->filePath(QStringLiteral("admin-password"));
    {
        QFile file(passwordFile);
        if (!file.open(QIODevice::WriteOnly) || file.write(adminPassword().toUtf8() + '\n') < 0) {
            fail(QStringLiteral("cannot write %1").arg(passwordFile));
            return false;
        }
    }
    m_process->setArguments(QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                        QStringLiteral("--data"), data, QStringLiteral("--ready-file"), ready,
                                        QStringLiteral("--admin-password-file"), passwordFile} +
                            extraArgs);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardOutputFile(m_tempDir->filePath(QStringLiteral("berthd.log")), QIODevice::Append);
    m_process->start();
    if (!m_process->waitForStarted(kReadyTimeoutMs)) {
        fail(QStringLiteral("cannot start %1: %2").arg(binaryPath(), m_process->errorString()));
        return false;
    }
    m_pid = m_process->processId();

    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < kReadyTimeoutMs) {
        QFile file(ready);
        if (file.open(QIODevice::ReadOnly)) {
            const QByteArray content = file.readAll();
            if (content.endsWith('\n')) {
                const QByteArray hostPort = content.trimmed();
                m_baseUrl = QUrl(QStringLiteral("http://") + QString::fromUtf8(hostPort));
                m_baseUrl.setUserName(adminUser());
                m_baseUrl.setPassword(adminPassword());
                if (!m_baseUrl.isValid() || m_baseUrl.port() <= 0) {
                    fail(QStringLiteral("berthd wrote an unusable ready file: \"%1\"")
                             .arg(QString::fromUtf8(content)));
                    return false;
                }
                readVmHwm();
                return true;
            }
        }
        // Doubles as the polling sleep and notices an early exit.
        if (m_process->waitForFinished(25)) {
            fail(QStringLiteral("berthd exited with code %1 before it was ready").arg(m_process->exitCode()));
            return false;
        }
    }
    fail(QStringLiteral("berthd wrote no ready file within %1 s").arg(kReadyTimeoutMs / 1000));
    return false;
}

int BerthdProcess::stop()
{
    if (m_external)
        return 0;
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return m_process ? (m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1)
                         : -1;
    readVmHwm();
    m_process->terminate(); // SIGTERM
    if (!m_process->waitForFinished(kStopTimeoutMs)) {
        m_process->kill();
        m_process->waitForFinished(kStopTimeoutMs);
        fail(QStringLiteral("berthd did not exit within %1 s of SIGTERM and was killed")
                 .arg(kStopTimeoutMs / 1000));
        return -1;
    }
    if (m_process->exitStatus() != QProcess::NormalExit) {
        fail(QStringLiteral("berthd crashed while stopping"));
        return -1;
    }
    if (m_process->exitCode() != 0)
        fail(QStringLiteral("berthd exited with code %1").arg(m_process->exitCode()));
    return m_process->exitCode();
}

bool BerthdProcess::kill()
{
    if (m_external || !isRunning())
        return false;
    readVmHwm();
    m_process->kill(); // SIGKILL
    if (!m_process->waitForFinished(kStopTimeoutMs)) {
        fail(QStringLiteral("berthd did not die within %1 s of SIGKILL").arg(kStopTimeoutMs / 1000));
        return false;
    }
    return true;
}

void BerthdProcess::setDataDirectory(const QString& path)
{
    m_dataDirectory = path;
}

bool BerthdProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

qint64 BerthdProcess::pid() const
{
    return m_pid;
}

QString BerthdProcess::dataDir() const
{
    if (m_external)
        return QString();
    if (!m_dataDirectory.isEmpty())
        return m_dataDirectory;
    return m_tempDir ? m_tempDir->filePath(QStringLiteral("data")) : QString();
}

qint64 BerthdProcess::peakRssKiB() const
{
    if (isRunning())
        readVmHwm();
    return m_lastPeakRss;
}

qint64 BerthdProcess::readVmHwm() const
{
    if (m_pid <= 0)
        return -1;
    QFile status(QStringLiteral("/proc/%1/status").arg(m_pid));
    if (!status.open(QIODevice::ReadOnly))
        return m_lastPeakRss;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:")) {
            const QList<QByteArray> parts = line.mid(6).simplified().split(' ');
            bool ok = false;
            const qint64 kib = parts.value(0).toLongLong(&ok);
            if (ok)
                m_lastPeakRss = kib;
        }
    }
    return m_lastPeakRss;
}

QByteArray BerthdProcess::log() const
{
    if (!m_tempDir)
        return {};
    QFile file(m_tempDir->filePath(QStringLiteral("berthd.log")));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void BerthdProcess::printLog() const
{
    const QByteArray text = log();
    std::fprintf(stderr, "---- berthd output (%lld bytes) ----\n%s\n---- end of berthd output ----\n",
                 static_cast<long long>(text.size()), text.constData());
}

void BerthdProcess::fail(const QString& message)
{
    m_error = message;
    std::fprintf(stderr, "BerthdProcess: %s\n", qPrintable(message));
    if (!m_external)
        printLog();
}

} // namespace berth
