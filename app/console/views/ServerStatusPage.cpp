#include "views/ServerStatusPage.h"

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

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_settings);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->addWidget(m_title);
    layout->addWidget(m_message);
    layout->addLayout(buttons);
    layout->addStretch(1);
    showStopped();
}

void ServerStatusPage::showStarting()
{
    m_title->setText(tr("Starting the registry…"));
    m_message->setText(tr("Opening the registry's data and listening for clients."));
    m_start->setEnabled(false);
}

void ServerStatusPage::showStopped()
{
    m_title->setText(tr("The registry is not running"));
    m_message->setText(tr("Start the server to browse and manage the registry."));
    m_start->setEnabled(true);
}

void ServerStatusPage::showFailure(const QString& message)
{
    m_title->setText(tr("The registry could not start"));
    m_message->setText(message);
    m_start->setEnabled(true);
}

QString ServerStatusPage::message() const
{
    return m_message->text();
}

} // namespace berth
