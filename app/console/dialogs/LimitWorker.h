#pragma once

#include "util/Result.h"

#include <QObject>
#include <QThreadPool>
#include <functional>
#include <memory>

namespace berth {

/// Runs the limit and immutability dialogs' database work on a thread of its own (never the GUI
/// thread) and hands each result back in the GUI thread. Destroying it waits for work in progress;
/// answers not yet delivered are dropped with it.
class LimitWorker : public QObject
{
    Q_OBJECT
public:
    explicit LimitWorker(QObject* parent = nullptr);
    ~LimitWorker() override;

    template <typename T>
    void run(std::function<Result<T>()> work, std::function<void(const Result<T>&)> done)
    {
        ++m_pending;
        m_pool.start([this, work = std::move(work), done = std::move(done)] {
            auto result = std::make_shared<Result<T>>(work());
            QMetaObject::invokeMethod(
                this,
                [this, result, done] {
                    --m_pending;
                    done(*result);
                    if (m_pending == 0)
                        emit idle();
                },
                Qt::QueuedConnection);
        });
    }

    bool isIdle() const { return m_pending == 0; }

signals:
    /// Every answer asked for so far has been delivered (tests wait for it).
    void idle();

private:
    QThreadPool m_pool;
    int m_pending = 0; ///< GUI thread only
};

} // namespace berth
