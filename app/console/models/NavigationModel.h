#pragma once

#include "iam/CompartmentPath.h"
#include "models/ConsoleRoles.h"

#include <QAbstractItemModel>
#include <QUrl>
#include <memory>

namespace berth {

class RegistryBrowser;

/// The navigation tree: the tenancy at the top, compartments under it, each compartment's repositories
/// under the compartment (after its child compartments). Loads through RegistryBrowser and follows
/// its change signals, keeping expansion-stable rows (it updates rows in place rather than resetting).
///
/// Drag and drop: repositories and compartments drag (RepositoryMimeType / CompartmentMimeType);
/// dropping a repository on a compartment asks to move it (repositoryMoveRequested), a compartment on
/// a compartment likewise; dropping files (text/uri-list) on a compartment or repository asks to
/// import them there (importRequested). The model only asks: the window confirms and acts.
class NavigationModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    explicit NavigationModel(RegistryBrowser& browser, QObject* parent = nullptr);
    ~NavigationModel() override;

    /// Loads everything again (also done on the browser's change signals).
    void reload();
    QModelIndex indexOfCompartment(const CompartmentPath& path) const;
    QModelIndex indexOfRepository(const QString& repository) const;
    /// True once the first load has arrived.
    bool isLoaded() const;

    QModelIndex index(int row, int column, const QModelIndex& parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                         const QModelIndex& parent) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                      const QModelIndex& parent) override;
    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;

signals:
    void loaded();
    void repositoryMoveRequested(const QString& repository, const berth::CompartmentPath& compartment);
    void compartmentMoveRequested(const berth::CompartmentPath& compartment,
                                  const berth::CompartmentPath& newParent);
    /// Files dropped: import into `repository` when set, else into `compartment`.
    void importRequested(const QList<QUrl>& files, const berth::CompartmentPath& compartment,
                         const QString& repository);

private:
    struct Node;
    struct Private;
    /// Applies a load once both its answers arrived.
    void apply();
    /// Makes `current`'s children match `fresh`'s with row inserts, removals and dataChanged (never a
    /// reset), so expanded rows and selections survive; takes subtrees from `fresh` as it inserts them.
    void sync(Node* current, Node* fresh);

    std::unique_ptr<Private> d;
};

} // namespace berth
