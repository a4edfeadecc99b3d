#pragma once

#include "registry/ImageCatalog.h"
#include "views/Location.h"

#include <QWidget>

class QStackedWidget;

namespace berth {

class BreadcrumbBar;
class CompartmentPage;
class ConsoleSession;
class ImagePage;
class RepositoryPage;
class ServerStatusPage;

/// The right side of the window: the breadcrumbs over a stack of pages. Shows the server status page
/// while no registry is open, else the page for the current location (a compartment's repositories,
/// a repository's images, or one manifest, whose detail it loads through the browser).
class MainArea : public QWidget
{
    Q_OBJECT
public:
    explicit MainArea(QWidget* parent = nullptr);

    /// Attaches the pages to the session's models (null: shows the server status page).
    void setSession(ConsoleSession* session);
    void navigateTo(const Location& location);
    /// Shows the server status page (while running: where it serves, garbage collection).
    void showServerStatus();
    const Location& location() const { return m_location; }
    /// Shows the location again with fresh data (a manifest's detail is loaded again).
    void refresh();

    BreadcrumbBar* breadcrumbs() const { return m_breadcrumbs; }
    ServerStatusPage* statusPage() const { return m_statusPage; }
    CompartmentPage* compartmentPage() const { return m_compartmentPage; }
    RepositoryPage* repositoryPage() const { return m_repositoryPage; }
    ImagePage* imagePage() const { return m_imagePage; }
    QWidget* currentPage() const;

signals:
    void locationChanged(const berth::Location& location);
    /// What is selected changed (for enabling actions).
    void selectionChanged();
    /// The manifest page has its detail (tests).
    void detailShown();

private:
    void onDetailLoaded(quint64 id, const berth::ImageDetail& detail);
    void onFailed(quint64 id, const QString& message);

    ConsoleSession* m_session = nullptr;
    Location m_location;
    quint64 m_detailRequest = 0;
    BreadcrumbBar* m_breadcrumbs = nullptr;
    QStackedWidget* m_stack = nullptr;
    ServerStatusPage* m_statusPage = nullptr;
    CompartmentPage* m_compartmentPage = nullptr;
    RepositoryPage* m_repositoryPage = nullptr;
    ImagePage* m_imagePage = nullptr;
};

} // namespace berth
