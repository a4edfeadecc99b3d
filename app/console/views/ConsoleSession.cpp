#include "views/ConsoleSession.h"

#include "data/GcBrowser.h"
#include "data/RegistryBrowser.h"
#include "host/RegistryHost.h"
#include "models/ImageTableModel.h"
#include "models/NavigationModel.h"
#include "models/RepositoryTableModel.h"

namespace berth {

ConsoleSession::ConsoleSession(RegistryHost& host, const QString& clientHost, QObject* parent)
    : QObject(parent), m_host(host), m_clientHost(clientHost)
{
    m_browser = new RegistryBrowser(host.registry(), host.identity(), this);
    m_gc = new GcBrowser(host, this);
    m_navigation = new NavigationModel(*m_browser, this);
    m_repositories = new RepositoryTableModel(*m_browser, this);
    m_images = new ImageTableModel(*m_browser, this);
    m_images->setRegistryHost(clientHost);
}

ConsoleSession::~ConsoleSession()
{
    // Models first: they hold references into the browser.
    delete m_images;
    delete m_repositories;
    delete m_navigation;
    m_browser->waitForIdle();
    delete m_browser;
    m_gc->waitForIdle();
    delete m_gc;
}

QList<CompartmentPath> ConsoleSession::compartments() const
{
    QList<CompartmentPath> paths;
    QList<QModelIndex> pending;
    for (int row = 0; row < m_navigation->rowCount(); ++row)
        pending.append(m_navigation->index(row, 0));
    while (!pending.isEmpty()) {
        const QModelIndex index = pending.takeFirst();
        const auto kind = NodeKind(index.data(ConsoleRoles::KindRole).toInt());
        if (kind == NodeKind::Repository)
            continue;
        const auto path = CompartmentPath::parse(index.data(ConsoleRoles::CompartmentPathRole).toString());
        if (path)
            paths.append(*path);
        for (int row = 0; row < m_navigation->rowCount(index); ++row)
            pending.append(m_navigation->index(row, 0, index));
    }
    if (paths.isEmpty())
        paths.append(CompartmentPath::tenancy());
    return paths;
}

CompartmentPath ConsoleSession::compartmentOf(const QString& repository) const
{
    const QModelIndex index = m_navigation->indexOfRepository(repository);
    if (!index.isValid())
        return CompartmentPath();
    return CompartmentPath::parse(index.data(ConsoleRoles::CompartmentPathRole).toString())
        .value_or(CompartmentPath());
}

} // namespace berth
