#pragma once

#include "iam/CompartmentPath.h"
#include "iam/IdentityTypes.h"
#include "registry/ImageCatalog.h"
#include "registry/RegistryTypes.h"
#include "registry/RepositoryCatalog.h"
#include "util/Error.h"

#include <QObject>
#include <memory>

namespace berth {

class IdentityService;
class RegistryService;

/// The console's only door to the registry's data. Lives in the GUI thread; every query and change runs
/// on its own worker threads (the GUI thread never touches the database or the disk) and its answer
/// comes back as a signal in the GUI thread, tagged with the request id the call returned.
///
/// It also turns the registry's and identity service's events (emitted on server threads as clients
/// push and pull) into coalesced change signals in the GUI thread, at most one per repository every
/// 250 ms, so views follow what clients do without a manual refresh.
class RegistryBrowser : public QObject
{
    Q_OBJECT
public:
    RegistryBrowser(RegistryService& registry, IdentityService& identity, QObject* parent = nullptr);
    ~RegistryBrowser() override;

    RegistryService& registry() const;
    IdentityService& identity() const;

    // ---- queries (answers: the matching *Loaded signal, or failed(id, error))
    quint64 loadCompartments();
    quint64 loadRepositories(const CompartmentPath& compartment);
    quint64 loadRepository(const QString& repository); ///< one RepositorySummary (with size)
    /// Every repository of every compartment, without sizes (the navigation tree): allRepositoriesLoaded.
    quint64 loadAllRepositories();
    quint64 loadTagRows(const QString& repository, int limit, const QString& after);
    quint64 loadUntaggedRows(const QString& repository, int limit);
    quint64 loadDetail(const QString& repository, const Digest& digest);
    quint64 search(const QString& text, int limit = 200);

    // ---- changes (answer: finished(id) or failed(id, error))
    quint64 createRepository(const QString& repository, const CompartmentPath& compartment);
    quint64 deleteRepository(const QString& repository);
    quint64 moveRepository(const QString& repository, const CompartmentPath& compartment);
    quint64 setRepositoryPublic(const QString& repository, bool isPublic);
    quint64 createCompartment(const CompartmentPath& parent, const QString& name, const QString& description);
    quint64 renameCompartment(const CompartmentPath& path, const QString& newName);
    quint64 moveCompartment(const CompartmentPath& path, const CompartmentPath& newParent);
    quint64 deleteCompartment(const CompartmentPath& path);
    quint64 deleteTag(const QString& repository, const QString& tag);
    quint64 deleteImage(const QString& repository, const Digest& digest);

    /// Blocks until every request made so far has been answered (tests).
    bool waitForIdle(int timeoutMs = 10'000);

signals:
    void compartmentsLoaded(quint64 id, const QList<berth::CompartmentRecord>& compartments);
    void repositoriesLoaded(quint64 id, const berth::CompartmentPath& compartment,
                            const QList<berth::RepositorySummary>& repositories);
    void repositoryLoaded(quint64 id, const berth::RepositorySummary& repository);
    void allRepositoriesLoaded(quint64 id, const QList<berth::RepositorySummary>& repositories);
    void tagRowsLoaded(quint64 id, const QString& repository, const berth::TagRowPage& page);
    void untaggedRowsLoaded(quint64 id, const QString& repository, const QList<berth::TagRow>& rows);
    void detailLoaded(quint64 id, const berth::ImageDetail& detail);
    void searchLoaded(quint64 id, const QString& text, const QList<berth::SearchHit>& hits);
    void finished(quint64 id);
    void failed(quint64 id, const berth::Error& error);

    /// Compartments were created, renamed, moved or deleted.
    void compartmentsChanged();
    /// Repositories appeared, went, moved between compartments or changed visibility.
    void repositoriesChanged();
    /// Something inside the repository changed (tags, manifests, pulls).
    void repositoryChanged(const QString& repository);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace berth
