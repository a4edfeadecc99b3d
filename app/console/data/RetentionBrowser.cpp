#include "data/RetentionBrowser.h"

#include "host/RegistryHost.h"
#include "jobs/JobRunner.h"
#include "maintenance/MaintenanceLog.h"
#include "retention/RetentionJob.h"
#include "retention/RetentionRunner.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

namespace berth {

QString RetentionTarget::describe() const
{
    if (isRepository())
        return QCoreApplication::translate("RetentionBrowser", "repository %1").arg(repository);
    return compartment.describe();
}

RetentionBrowser::RetentionBrowser(RegistryHost& host, QObject* parent) : QObject(parent), m_host(host)
{
    m_pool.setMaxThreadCount(1); // one at a time: a save is seen by the list that follows it
}

RetentionBrowser::~RetentionBrowser()
{
    m_pool.waitForDone(); // tasks post to this object: it must outlive them
}

quint64 RetentionBrowser::request(std::function<std::function<void(quint64)>()> work)
{
    const quint64 id = m_nextId++;
    ++m_pending;
    m_pool.start([this, id, work] {
        std::function<void(quint64)> deliver = work();
        QMetaObject::invokeMethod(
            this,
            [this, id, deliver] {
                deliver(id);
                --m_pending;
            },
            Qt::QueuedConnection);
    });
    return id;
}

quint64 RetentionBrowser::loadPolicies(const RetentionTarget& target)
{
    std::shared_ptr<RetentionRunner> runner = m_host.retention();
    return request([this, runner, target]() -> std::function<void(quint64)> {
        Result<QList<RetentionPolicy>> policies =
            target.isRepository() ? runner->policies().policiesFor(target.repository, true)
                                  : runner->policies().list();
        if (!policies)
            return [this, e = policies.error()](quint64 id) { emit failed(id, e); };
        QList<RetentionPolicy> out;
        for (const RetentionPolicy& p : policies.value())
            if (target.isRepository() || (!p.onRepository() && p.compartment.contains(target.compartment)))
                out << p;
        return [this, out](quint64 id) { emit policiesLoaded(id, out); };
    });
}

quint64 RetentionBrowser::save(const QString& previousName, const RetentionPolicy& policy)
{
    std::shared_ptr<RetentionRunner> runner = m_host.retention();
    return request([this, runner, previousName, policy]() -> std::function<void(quint64)> {
        Result<RetentionPolicy> stored = previousName.isEmpty()
                                             ? runner->policies().create(policy)
                                             : runner->policies().update(previousName, policy);
        if (!stored)
            return [this, e = stored.error()](quint64 id) { emit failed(id, e); };
        return [this, p = stored.value()](quint64 id) { emit saved(id, p); };
    });
}

quint64 RetentionBrowser::remove(const QString& name)
{
    std::shared_ptr<RetentionRunner> runner = m_host.retention();
    return request([this, runner, name]() -> std::function<void(quint64)> {
        Result<void> done = runner->policies().remove(name);
        if (!done)
            return [this, e = done.error()](quint64 id) { emit failed(id, e); };
        return [this](quint64 id) { emit removed(id); };
    });
}

quint64 RetentionBrowser::plan(const QString& name)
{
    std::shared_ptr<RetentionRunner> runner = m_host.retention();
    return request([this, runner, name]() -> std::function<void(quint64)> {
        Result<RetentionPlan> planned = runner->planPolicy(name);
        if (!planned)
            return [this, e = planned.error()](quint64 id) { emit failed(id, e); };
        return [this, p = planned.value()](quint64 id) { emit planLoaded(id, p); };
    });
}

quint64 RetentionBrowser::apply(const QString& name)
{
    return m_host.jobs().submit(JobKind::Retention, RetentionJob::title(name, MaintenanceLog::Manual),
                                RetentionJob::make(m_host.retention(), name, MaintenanceLog::Manual));
}

bool RetentionBrowser::waitForIdle(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (m_pending > 0) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(2);
    }
    return true;
}

} // namespace berth
