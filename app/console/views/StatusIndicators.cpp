#include "views/StatusIndicators.h"

#include <QDir>
#include <QLabel>
#include <QStatusBar>

namespace berth {

StatusIndicators::StatusIndicators(QStatusBar* bar) : QObject(bar)
{
    m_serving = new QLabel(bar);
    m_tls = new QLabel(bar);
    m_clients = new QLabel(bar);
    m_jobs = new QLabel(bar);
    bar->addPermanentWidget(m_serving);
    bar->addPermanentWidget(m_tls);
    bar->addPermanentWidget(m_clients);
    bar->addPermanentWidget(m_jobs);
    setNotServing(tr("Not serving"));
    setClients(0);
    setJobs(0);
}

void StatusIndicators::setServing(const QString& url, bool tls, const QString& caCertificate)
{
    m_serving->setText(tr("Serving on %1").arg(url));
    m_tls->setText(tls ? tr("TLS on") : tr("TLS off"));
    m_tls->setToolTip(
        caCertificate.isEmpty()
            ? QString()
            : tr("Clients must trust the local CA %1").arg(QDir::toNativeSeparators(caCertificate)));
    m_tls->setVisible(true);
    m_clients->setVisible(true);
}

void StatusIndicators::setNotServing(const QString& text)
{
    m_serving->setText(text);
    m_tls->setVisible(false);
    m_clients->setVisible(false);
}

void StatusIndicators::setClients(int clients)
{
    m_clients->setText(tr("%n client(s) connected", nullptr, clients));
}

void StatusIndicators::setJobs(int running)
{
    m_jobs->setText(tr("%n job(s) running", nullptr, running));
}

QString StatusIndicators::servingText() const
{
    return m_serving->text();
}

QString StatusIndicators::clientsText() const
{
    return m_clients->text();
}

QString StatusIndicators::jobsText() const
{
    return m_jobs->text();
}

} // namespace berth
