#pragma once

#include "iam/CompartmentPath.h"
#include "models/ConsoleRoles.h"
#include "registry/RepositoryCatalog.h"

#include <QAbstractTableModel>
#include <QUrl>
#include <memory>

namespace berth {

class RegistryBrowser;

/// The repositories of one compartment (the compartment pane): name, images, tags, size, public, last
/// push, last pull. Follows the browser's change signals. Accepts file drops on a row (import into that
/// repository) or below the rows (import into the compartment), and drags repositories out.
/// Filter and sort with a QSortFilterProxyModel (SortRole gives sortable values).
class RepositoryTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        ImagesColumn,
        TagsColumn,
        SizeColumn,
        PublicColumn,
        LastPushColumn,
        LastPullColumn,
        ColumnCount
    };

    explicit RepositoryTableModel(RegistryBrowser& browser, QObject* parent = nullptr);
    ~RepositoryTableModel() override;

    void setCompartment(const CompartmentPath& compartment);
    CompartmentPath compartment() const;
    void reload();
    QString repositoryAt(int row) const;
    bool isLoaded() const;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                         const QModelIndex& parent) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                      const QModelIndex& parent) override;
    Qt::DropActions supportedDropActions() const override;

signals:
    void loaded();
    void importRequested(const QList<QUrl>& files, const berth::CompartmentPath& compartment,
                         const QString& repository);

private:
    struct Private;
    /// Merges a fresh listing (name order) into the rows: inserts, removals and dataChanged, no reset.
    void apply(const QList<RepositorySummary>& list);
    std::unique_ptr<Private> d;
};

} // namespace berth
