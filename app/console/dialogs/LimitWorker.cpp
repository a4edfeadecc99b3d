#include "dialogs/LimitWorker.h"

namespace berth {

LimitWorker::LimitWorker(QObject* parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
    m_pool.setObjectName(QStringLiteral("LimitWorker"));
}

LimitWorker::~LimitWorker()
{
    m_pool.waitForDone();
}

} // namespace berth
