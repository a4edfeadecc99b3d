#include "views/MainArea.h"

#include "data/RegistryBrowser.h"
#include "models/ImageTableModel.h"
#include "models/RepositoryTableModel.h"
#include "views/BreadcrumbBar.h"
#include "views/CompartmentPage.h"
#include "views/ConsoleSession.h"
#include "views/ImagePage.h"
#include "views/RepositoryPage.h"
#include "views/ServerStatusPage.h"

#include <QStackedWidget>
#include <QVBoxLayout>

namespace berth {

MainArea::MainArea(QWidget* parent) : QWidget(parent)
{
    m_breadcrumbs = new BreadcrumbBar(this);
    m_stack = new QStackedWidget(this);
    m_statusPage = new ServerStatusPage(this);
    m_compartmentPage = new CompartmentPage(this);
    m_repositoryPage = new RepositoryPage(this);
    m_imagePage = new ImagePage(this);
    for (QWidget* page : {static_cast<QWidget*>(m_statusPage), static_cast<QWidget*>(m_compartmentPage),
                          static_cast<QWidget*>(m_repositoryPage), static_cast<QWidget*>(m_imagePage)})
        m_stack->addWidget(page);

    connect(m_breadcrumbs, &BreadcrumbBar::activated, this, &MainArea::navigateTo);
    connect(m_compartmentPage, &CompartmentPage::repositoryActivated, this,
            [this](const QString& repository) {
                navigateTo(Location::ofRepository(m_location.compartment, repository));
            });
    connect(m_compartmentPage, &CompartmentPage::selectionChanged, this, &MainArea::selectionChanged);
    connect(m_repositoryPage, &RepositoryPage::selectionChanged, this, &MainArea::selectionChanged);
    connect(m_repositoryPage, &RepositoryPage::rowActivated, this, [this](const TagRow& row) {
        navigateTo(Location::ofManifest(m_location.compartment, m_location.repository, row.tag, row.digest));
    });
    connect(m_imagePage, &ImagePage::manifestActivated, this,
            [this](const QString& repository, const Digest& digest) {
                navigateTo(Location::ofManifest(m_location.compartment, repository, QString(), digest));
            });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_breadcrumbs);
    layout->addWidget(m_stack, 1);
    setSession(nullptr);
}

QWidget* MainArea::currentPage() const
{
    return m_stack->currentWidget();
}

void MainArea::setSession(ConsoleSession* session)
{
    if (m_session)
        disconnect(&m_session->browser(), nullptr, this, nullptr);
    m_session = session;
    m_detailRequest = 0;
    m_compartmentPage->setModel(session ? &session->repositories() : nullptr);
    m_repositoryPage->setModel(session ? &session->images() : nullptr);
    if (!session) {
        m_breadcrumbs->setVisible(false);
        m_stack->setCurrentWidget(m_statusPage);
        return;
    }
    connect(&session->browser(), &RegistryBrowser::detailLoaded, this, &MainArea::onDetailLoaded);
    connect(&session->browser(), &RegistryBrowser::failed, this,
            [this](quint64 id, const Error& error) { onFailed(id, error.message); });
    m_breadcrumbs->setVisible(true);
    navigateTo(Location::ofCompartment(CompartmentPath::tenancy()));
}

void MainArea::navigateTo(const Location& location)
{
    if (!m_session)
        return;
    m_location = location;
    m_breadcrumbs->setVisible(true);
    m_breadcrumbs->setLocation(location);
    m_detailRequest = 0;
    switch (location.kind) {
    case Location::Kind::Compartment:
        if (m_session->repositories().compartment() != location.compartment ||
            !m_session->repositories().isLoaded())
            m_session->repositories().setCompartment(location.compartment);
        m_stack->setCurrentWidget(m_compartmentPage);
        break;
    case Location::Kind::Repository:
        if (m_session->images().repository() != location.repository)
            m_session->images().setRepository(location.repository);
        m_repositoryPage->setRepository(location.repository);
        m_stack->setCurrentWidget(m_repositoryPage);
        break;
    case Location::Kind::Manifest:
        m_imagePage->setMessage(tr("Loading %1…").arg(location.digest.toString()));
        m_detailRequest = m_session->browser().loadDetail(location.repository, location.digest);
        m_stack->setCurrentWidget(m_imagePage);
        break;
    }
    emit locationChanged(location);
    emit selectionChanged();
}

void MainArea::showServerStatus()
{
    m_breadcrumbs->setVisible(false);
    m_stack->setCurrentWidget(m_statusPage);
}

void MainArea::refresh()
{
    if (m_session && m_location.kind == Location::Kind::Manifest)
        m_detailRequest = m_session->browser().loadDetail(m_location.repository, m_location.digest);
}

void MainArea::onDetailLoaded(quint64 id, const ImageDetail& detail)
{
    if (id != m_detailRequest)
        return;
    m_detailRequest = 0;
    m_imagePage->setDetail(detail);
    emit detailShown();
}

void MainArea::onFailed(quint64 id, const QString& message)
{
    if (id != m_detailRequest)
        return;
    m_detailRequest = 0;
    m_imagePage->setMessage(tr("Cannot show this manifest: %1").arg(message));
}

} // namespace berth
