#pragma once

#include "models/ConsoleRoles.h"
#include "registry/ImageCatalog.h"

#include <QAbstractTableModel>
#include <QUrl>
#include <memory>

namespace berth {

class RegistryBrowser;

/// A repository's images and tags (the repository pane): one row per tag, then the untagged manifests.
/// Lazy: rows arrive a page at a time through canFetchMore()/fetchMore() as the view scrolls, each page
/// loaded off the GUI thread, so a repository of 100,000 tags opens at once and scrolls without a stall.
/// Follows the browser's repositoryChanged() by reloading what is shown (new pushes appear, deleted
/// tags go) without losing the scroll position's rows. Accepts file drops (import into the repository).
class ImageTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        TagColumn,
        DigestColumn,
        KindColumn,
        PlatformsColumn,
        SizeColumn,
        PushedColumn,
        LastPulledColumn,
        ColumnCount
    };

    explicit ImageTableModel(RegistryBrowser& browser, QObject* parent = nullptr);
    ~ImageTableModel() override;

    void setRepository(const QString& repository);
    QString repository() const;
    /// "localhost:5000": used for PullCommandRole.
    void setRegistryHost(const QString& host);
    void setPageSize(int rows); ///< default 500
    void reload();
    TagRow rowAt(int row) const;
    /// True while a page is being loaded.
    bool isLoading() const;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    QStringList mimeTypes() const override;
    bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                         const QModelIndex& parent) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                      const QModelIndex& parent) override;
    Qt::DropActions supportedDropActions() const override;

signals:
    /// A page arrived (tests wait for it).
    void pageLoaded();
    void importRequested(const QList<QUrl>& files, const berth::CompartmentPath& compartment,
                         const QString& repository);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace berth
