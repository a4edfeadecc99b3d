#include "actions/GcActions.h"

#include "data/GcBrowser.h"
#include "dialogs/Prompter.h"
#include "views/ConsoleSession.h"
#include "views/ServerStatusPage.h"

#include <QAction>
#include <QTimer>

namespace berth {

GcActions::GcActions(QWidget* window, ServerStatusPage& page, QObject* parent)
    : QObject(parent), m_window(window), m_page(page)
{
    collectGarbage = new QAction(tr("Collect &garbage…"), this);
    collectGarbage->setStatusTip(
        tr("Free the space of deleted images: see what would go, then run it as a job."));
    collectGarbage->setEnabled(false);
    connect(collectGarbage, &QAction::triggered, this, &GcActions::onCollect);
    connect(&m_page, &ServerStatusPage::collectGarbageRequested, this, &GcActions::onCollect);
    m_timer = new QTimer(this);
    m_timer->setInterval(60 * 1000);
    connect(m_timer, &QTimer::timeout, this, &GcActions::refresh);
}

void GcActions::setSession(ConsoleSession* session)
{
    if (m_session)
        disconnect(&m_session->gc(), nullptr, this, nullptr);
    m_session = session;
    m_statusRequest = 0;
    collectGarbage->setEnabled(session != nullptr);
    if (!session) {
        m_timer->stop();
        return;
    }
    GcBrowser& gc = session->gc();
    connect(&gc, &GcBrowser::statusChanged, this, &GcActions::refresh);
    connect(&gc, &GcBrowser::statusLoaded, this, [this](quint64 id, const GcStatus& status) {
        if (id != m_statusRequest)
            return;
        m_statusRequest = 0;
        m_page.setGcStatus(status);
        emit statusShown();
    });
    m_timer->start();
    refresh();
}

void GcActions::refresh()
{
    if (m_session)
        m_statusRequest = m_session->gc().loadStatus();
}

void GcActions::onCollect()
{
    if (!m_session || !m_prompter)
        return;
    const std::optional<GcOptions> options = m_prompter->askGarbageCollection(m_window, m_session->gc());
    if (!options)
        return;
    m_session->gc().startCollection(*options);
    emit statusMessage(tr("Garbage collection started; the jobs panel shows its progress."));
}

} // namespace berth
