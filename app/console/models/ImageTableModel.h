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
///
/// A reload reads the tag rows loaded so far again in one request (at least a page; all tags when all
/// were loaded), then the untagged rows when they were shown, and applies the difference as row
/// inserts, removals and dataChanged (never a reset).
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
    void onTagRows(const TagRowPage& page);
    void onUntaggedRows(const QList<TagRow>& rows);
    /// After each answer: tells listeners, then runs a reload that was asked for meanwhile.
    void finishRequest();
    /// Brings the rows to a fresh read of the loaded range (tag rows, then untagged rows) by row
    /// inserts, removals and dataChanged — never a reset — so the rows in view stay put and the number
    /// of rows loaded stays what it was (give or take the tags that came or went).
    void applyReload(const TagRowPage& page, const QList<TagRow>& untagged);
    std::unique_ptr<Private> d;
};

} // namespace berth
