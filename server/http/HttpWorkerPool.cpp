#include "http/HttpWorkerPool.h"

#include "http/HttpWorker.h"

#include <QThread>
#include <algorithm>

namespace berth {

HttpWorkerPool::HttpWorkerPool(std::shared_ptr<HttpServerState> state, QObject* parent)
    : QObject(parent), m_state(std::move(state))
{}

HttpWorkerPool::~HttpWorkerPool()
{
    stop();
}

void HttpWorkerPool::start(int threadCount)
{
    if (isRunning())
        return;
    const int count = threadCount > 0 ? threadCount : std::max(2, QThread::idealThreadCount());
    for (int i = 0; i < count; ++i) {
        auto* thread = new QThread;
        thread->setObjectName(QStringLiteral("berth-http-%1").arg(i));
        auto* worker = new HttpWorker(m_state);
        worker->moveToThread(thread);
        connect(worker, &HttpWorker::connectionClosed, this, &HttpWorkerPool::connectionClosed,
                Qt::QueuedConnection);
        thread->start();
        m_threads.push_back(thread);
        m_workers.push_back(worker);
    }
}

void HttpWorkerPool::dispatch(qintptr descriptor)
{
    HttpWorker* worker = m_workers.at(m_next);
    m_next = (m_next + 1) % m_workers.size();
    QMetaObject::invokeMethod(
        worker, [worker, descriptor] { worker->accept(descriptor); }, Qt::QueuedConnection);
}

void HttpWorkerPool::beginShutdown()
{
    for (HttpWorker* worker : m_workers)
        QMetaObject::invokeMethod(
            worker, [worker] { worker->beginShutdown(); }, Qt::QueuedConnection);
}

void HttpWorkerPool::stop()
{
    for (size_t i = 0; i < m_threads.size(); ++i) {
        HttpWorker* worker = m_workers[i];
        QThread* thread = m_threads[i];
        if (thread->isRunning())
            QMetaObject::invokeMethod(
                worker, [worker] { worker->closeAll(); }, Qt::BlockingQueuedConnection);
        thread->quit();
        thread->wait();
        delete worker; // its thread is over: no event can reach it any more
        delete thread;
    }
    m_threads.clear();
    m_workers.clear();
    m_next = 0;
}

} // namespace berth
