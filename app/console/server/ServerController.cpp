#include "server/ServerController.h"

#include "server/ServerWorker.h"

#include <QHostAddress>

namespace berth {

ServerController::ServerController(QObject* parent) : QObject(parent), m_worker(new ServerWorker)
{
    qRegisterMetaType<berth::ServerSettings>("berth::ServerSettings");
    qRegisterMetaType<berth::AdministratorBootstrap>("berth::AdministratorBootstrap");
    m_thread.setObjectName(QStringLiteral("berth-server"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &ServerWorker::started, this, &ServerController::onStarted);
    connect(m_worker, &ServerWorker::failed, this, &ServerController::onFailed);
    connect(m_worker, &ServerWorker::stopped, this, &ServerController::onStopped);
    m_pollTimer.setInterval(1000);
    connect(&m_pollTimer, &QTimer::timeout, this, &ServerController::pollConnections);
    m_thread.start();
}

ServerController::~ServerController()
{
    m_pollTimer.stop();
    QMetaObject::invokeMethod(m_worker, &ServerWorker::shutdownNow, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

RegistryHost* ServerController::host() const
{
    return m_state == State::Running ? m_worker->host() : nullptr;
}

QString ServerController::clientHost(const QString& address, quint16 port)
{
    QHostAddress parsed(address);
    QString host = address;
    if (address.isEmpty() || parsed == QHostAddress(QHostAddress::LocalHost) || parsed == QHostAddress::Any ||
        parsed == QHostAddress::AnyIPv4 || parsed == QHostAddress::AnyIPv6 ||
        parsed == QHostAddress(QHostAddress::LocalHostIPv6))
        host = QStringLiteral("localhost");
    else if (parsed.protocol() == QAbstractSocket::IPv6Protocol)
        host = QLatin1Char('[') + address + QLatin1Char(']');
    return QStringLiteral("%1:%2").arg(host).arg(port);
}

void ServerController::setJobRunner(JobRunner* runner)
{
    m_worker->setJobRunner(runner);
}

void ServerController::start(const ServerSettings& settings)
{
    if (m_state != State::Stopped)
        return;
    m_state = State::Starting;
    m_settings = settings;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, settings] { worker->start(settings); }, Qt::QueuedConnection);
}

void ServerController::stop(int drainTimeoutMs)
{
    if (m_state != State::Running)
        return;
    m_state = State::Stopping;
    m_pollTimer.stop();
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, drainTimeoutMs] { worker->stop(drainTimeoutMs); },
        Qt::QueuedConnection);
}

void ServerController::onStarted(const QString& address, quint16 port, bool tls, const QString& caCertificate,
                                 const AdministratorBootstrap& bootstrap)
{
    m_state = State::Running;
    m_address = address;
    m_port = port;
    m_tls = tls;
    m_localCaCertificate = caCertificate;
    m_bootstrap = bootstrap;
    m_connections = 0;
    m_pollTimer.start();
    emit started(address, port, tls);
}

void ServerController::onFailed(const QString& message)
{
    m_state = State::Stopped;
    emit failed(message);
}

void ServerController::onStopped()
{
    m_state = State::Stopped;
    if (m_connections != 0) {
        m_connections = 0;
        emit connectionCountChanged(0);
    }
    emit stopped();
}

void ServerController::pollConnections()
{
    const int count = m_worker->connectionCount();
    if (count == m_connections)
        return;
    m_connections = count;
    emit connectionCountChanged(count);
}

} // namespace berth
