#include "views/ServerStatusPage.h"

#include "data/GcBrowser.h"
#include "maintenance/MaintenanceLog.h"
#include "models/ModelSupport.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace berth {

ServerStatusPage::ServerStatusPage(QWidget* parent) : QWidget(parent)
{
    m_title = new QLabel(this);
    QFont font = m_title->font();
    font.setPointSizeF(font.pointSizeF() * 1.3);
    font.setBold(true);
    m_title->setFont(font);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_start = new QPushButton(tr("Start server"), this);
    m_settings = new QPushButton(tr("Open Settings…"), this);
    connect(m_start, &QPushButton::clicked, this, &ServerStatusPage::startRequested);
    connect(m_settings, &QPushButton::clicked, this, &ServerStatusPage::settingsRequested);

    m_gc = new QGroupBox(tr("Garbage collection"), this);
    m_reclaimable = new QLabel(m_gc);
    m_lastRun = new QLabel(m_gc);
    m_lastRun->setWordWrap(true);
    m_nextRun = new QLabel(m_gc);
    m_collect = new QPushButton(tr("Collect garbage…"), m_gc);
    connect(m_collect, &QPushButton::clicked, this, &ServerStatusPage::collectGarbageRequested);
    auto* gcLayout = new QFormLayout(m_gc);
    gcLayout->addRow(tr("Reclaimable now:"), m_reclaimable);
    gcLayout->addRow(tr("Last run:"), m_lastRun);
    gcLayout->addRow(tr("Next run:"), m_nextRun);
    gcLayout->addRow(QString(), m_collect);
    m_gc->setVisible(false);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_settings);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->addWidget(m_title);
    layout->addWidget(m_message);
    layout->addLayout(buttons);
    layout->addWidget(m_gc);
    layout->addStretch(1);
    showStopped();
}

void ServerStatusPage::showStarting()
{
    m_title->setText(tr("Starting the registry…"));
    m_message->setText(tr("Opening the registry's data and listening for clients."));
    m_start->setEnabled(false);
    m_start->setVisible(true);
    m_gc->setVisible(false);
}

void ServerStatusPage::showStopped()
{
    m_title->setText(tr("The registry is not running"));
    m_message->setText(tr("Start the server to browse and manage the registry."));
    m_start->setEnabled(true);
    m_start->setVisible(true);
    m_gc->setVisible(false);
}

void ServerStatusPage::showFailure(const QString& message)
{
    m_title->setText(tr("The registry could not start"));
    m_message->setText(message);
    m_start->setEnabled(true);
    m_start->setVisible(true);
    m_gc->setVisible(false);
}

void ServerStatusPage::showRunning(const QString& url)
{
    m_title->setText(tr("The registry is running"));
    m_message->setText(tr("Clients reach it at %1.").arg(url));
    m_start->setVisible(false);
    m_gc->setVisible(true);
}

void ServerStatusPage::setGcStatus(const GcStatus& status)
{
    m_reclaimable->setText(tr("%1 (%2)").arg(ModelSupport::size(status.reclaimable.bytes),
                                             tr("%n blob(s)", nullptr, status.reclaimable.blobs)));
    if (!status.lastRun) {
        m_lastRun->setText(tr("Never"));
    } else {
        const GcRunSummary& last = *status.lastRun;
        const QString how =
            last.trigger == MaintenanceLog::Scheduled ? tr("scheduled") : tr("started by a person");
        QString what;
        if (last.outcome == MaintenanceLog::Failed)
            what = tr("failed: %1").arg(last.error);
        else
            what = tr("removed %1, freed %2")
                       .arg(tr("%n blob(s)", nullptr, last.blobCount), ModelSupport::size(last.bytes));
        if (last.outcome == MaintenanceLog::Cancelled)
            what = tr("cancelled after it %1").arg(what);
        m_lastRun->setText(tr("%1, %2; %3").arg(ModelSupport::time(last.finishedAt), how, what));
    }
    if (status.activeJob != 0)
        m_nextRun->setText(tr("Running now (see the jobs panel)"));
    else if (status.intervalSeconds <= 0 || !status.nextRunAt.isValid())
        m_nextRun->setText(tr("Not scheduled"));
    else
        m_nextRun->setText(ModelSupport::time(status.nextRunAt));
}

QString ServerStatusPage::reclaimableText() const
{
    return m_reclaimable->text();
}

QString ServerStatusPage::lastRunText() const
{
    return m_lastRun->text();
}

QString ServerStatusPage::nextRunText() const
{
    return m_nextRun->text();
}

QString ServerStatusPage::message() const
{
    return m_message->text();
}

} // namespace berth
