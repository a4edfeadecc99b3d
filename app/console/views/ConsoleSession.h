#pragma once

#include "iam/CompartmentPath.h"

#include <QObject>

namespace berth {

class GcBrowser;
class ImageTableModel;
class NavigationModel;
class RegistryBrowser;
class RegistryHost;
class RepositoryTableModel;

/// What the window has while the registry runs: the browser over the host's registry and the models
/// built on it. Made when the server has started, destroyed before it stops (everything here holds
/// references into the RegistryHost).
class ConsoleSession : public QObject
{
    Q_OBJECT
public:
    /// `clientHost` is how clients reach the registry ("localhost:5000"), for pull commands.
    ConsoleSession(RegistryHost& host, const QString& clientHost, QObject* parent = nullptr);
    ~ConsoleSession() override;

    RegistryHost& host() const { return m_host; }
    RegistryBrowser& browser() const { return *m_browser; }
    /// Garbage collection: reclaimable space, last and next run, dry runs, runs as jobs.
    GcBrowser& gc() const { return *m_gc; }
    NavigationModel& navigation() const { return *m_navigation; }
    RepositoryTableModel& repositories() const { return *m_repositories; }
    ImageTableModel& images() const { return *m_images; }
    QString clientHost() const { return m_clientHost; }

    /// Every compartment the navigation tree holds, the tenancy first, parents before children.
    QList<CompartmentPath> compartments() const;
    /// The compartment a repository is in, as the navigation tree knows it (tenancy when unknown).
    CompartmentPath compartmentOf(const QString& repository) const;

private:
    RegistryHost& m_host;
    QString m_clientHost;
    RegistryBrowser* m_browser = nullptr;
    GcBrowser* m_gc = nullptr;
    NavigationModel* m_navigation = nullptr;
    RepositoryTableModel* m_repositories = nullptr;
    ImageTableModel* m_images = nullptr;
};

} // namespace berth
