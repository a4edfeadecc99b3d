#include "models/ImageTableModel.h"

#include "data/RegistryBrowser.h"
#include "models/ModelSupport.h"
#include "models/TagRowCells.h"

#include <QMimeData>
#include <algorithm>

namespace berth {

namespace {

/// How many untagged manifests the one load after the tags shows at most.
constexpr int UntaggedLimit = 5000;

bool sameRow(const TagRow& a, const TagRow& b)
{
    // What a manifest is (kind, size, platforms, push time) never changes under its digest.
    return a.digest == b.digest && a.tag == b.tag && a.taggedAt == b.taggedAt &&
           a.lastPulledAt == b.lastPulledAt;
}

} // namespace

struct ImageTableModel::Private
{
    explicit Private(RegistryBrowser& b) : browser(b) {}

    RegistryBrowser& browser;
    QString repository;
    CompartmentPath compartment;
    QString host;
    int pageSize = 500;

    QList<TagRow> rows;    ///< tag rows (in tag order), then untagged rows
    int tagRowCount = 0;   ///< how many of `rows` are tag rows
    bool tagsDone = false; ///< the last tag page said there is no more
    bool untaggedDone = false;

    // One request at a time: a page, or the two steps of a reload.
    enum class Step
    {
        None,
        Page,
        Untagged,
        ReloadTags,
        ReloadUntagged,
        Applying, ///< a reload's rows are being merged: no fetchMore from rowsInserted meanwhile
    };
    Step step = Step::None;
    quint64 request = 0;
    quint64 compartmentRequest = 0;
    bool reloadAgain = false;
    TagRowPage reloadedTags; ///< held while the reload's untagged rows load
};

ImageTableModel::ImageTableModel(RegistryBrowser& browser, QObject* parent)
    : QAbstractTableModel(parent), d(std::make_unique<Private>(browser))
{
    connect(&browser, &RegistryBrowser::tagRowsLoaded, this,
            [this](quint64 id, const QString&, const TagRowPage& page) {
                if (id == d->request)
                    onTagRows(page);
            });
    connect(&browser, &RegistryBrowser::untaggedRowsLoaded, this,
            [this](quint64 id, const QString&, const QList<TagRow>& rows) {
                if (id == d->request)
                    onUntaggedRows(rows);
            });
    connect(&browser, &RegistryBrowser::repositoryLoaded, this,
            [this](quint64 id, const RepositorySummary& summary) {
                if (id == d->compartmentRequest)
                    d->compartment = summary.compartment;
            });
    connect(&browser, &RegistryBrowser::failed, this, [this](quint64 id, const Error&) {
        if (id != d->request)
            return;
        // The repository may be gone; stop loading, and show nothing if it was a reload.
        const bool reloading =
            d->step == Private::Step::ReloadTags || d->step == Private::Step::ReloadUntagged;
        d->request = 0;
        d->tagsDone = d->untaggedDone = true;
        if (reloading) {
            d->step = Private::Step::Applying;
            applyReload({}, {});
        }
        d->step = Private::Step::None;
        emit pageLoaded();
    });
    connect(&browser, &RegistryBrowser::repositoryChanged, this, [this](const QString& repository) {
        if (repository == d->repository)
            reload();
    });
}

ImageTableModel::~ImageTableModel() = default;

void ImageTableModel::setRepository(const QString& repository)
{
    beginResetModel();
    d->repository = repository;
    d->compartment = CompartmentPath();
    d->rows.clear();
    d->tagRowCount = 0;
    d->tagsDone = d->untaggedDone = repository.isEmpty();
    d->step = Private::Step::None;
    d->request = 0;
    d->reloadAgain = false;
    endResetModel();
    if (!repository.isEmpty()) {
        d->compartmentRequest = d->browser.loadRepository(repository);
        fetchMore(QModelIndex());
    }
}

QString ImageTableModel::repository() const
{
    return d->repository;
}

void ImageTableModel::setRegistryHost(const QString& host)
{
    d->host = host;
    if (!d->rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(d->rows.size()) - 1, ColumnCount - 1),
                         {ConsoleRoles::PullCommandRole});
}

void ImageTableModel::setPageSize(int rows)
{
    d->pageSize = qMax(1, rows);
}

void ImageTableModel::reload()
{
    if (d->repository.isEmpty())
        return;
    if (d->step != Private::Step::None) {
        d->reloadAgain = true; // after the request in flight
        return;
    }
    // The rows loaded so far, again, in one request (at least a page; every tag once all were shown).
    d->step = Private::Step::ReloadTags;
    d->request = d->browser.loadTagRows(d->repository, d->tagsDone ? -1 : qMax(d->tagRowCount, d->pageSize),
                                        QString());
}

TagRow ImageTableModel::rowAt(int row) const
{
    return row >= 0 && row < d->rows.size() ? d->rows[row] : TagRow();
}

bool ImageTableModel::isLoading() const
{
    return d->step != Private::Step::None;
}

bool ImageTableModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !d->repository.isEmpty() && d->step == Private::Step::None &&
           !(d->tagsDone && d->untaggedDone);
}

void ImageTableModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    if (!d->tagsDone) {
        d->step = Private::Step::Page;
        const QString after = d->tagRowCount > 0 ? d->rows[d->tagRowCount - 1].tag : QString();
        d->request = d->browser.loadTagRows(d->repository, d->pageSize, after);
    } else {
        d->step = Private::Step::Untagged;
        d->request = d->browser.loadUntaggedRows(d->repository, UntaggedLimit);
    }
}

void ImageTableModel::onTagRows(const TagRowPage& page)
{
    if (d->step == Private::Step::ReloadTags) {
        d->reloadedTags = page;
        if (d->untaggedDone && !page.more) {
            d->step = Private::Step::ReloadUntagged;
            d->request = d->browser.loadUntaggedRows(d->repository, UntaggedLimit);
            return;
        }
        d->step = Private::Step::Applying;
        d->request = 0;
        d->tagsDone = !page.more;
        d->untaggedDone = false;
        applyReload(page, {});
        d->step = Private::Step::None;
        finishRequest();
        return;
    }
    // No fetchMore() while rows go in (QAbstractItemModelTester calls it from rowsAboutToBeInserted).
    d->step = Private::Step::Applying;
    d->request = 0;
    d->tagsDone = !page.more;
    if (!page.rows.isEmpty()) {
        const int first = d->tagRowCount;
        beginInsertRows(QModelIndex(), first, first + int(page.rows.size()) - 1);
        if (first == d->rows.size())
            d->rows.append(page.rows);
        else
            d->rows.insert(first, page.rows.size(), TagRow()); // before the untagged rows
        std::copy(page.rows.cbegin(), page.rows.cend(), d->rows.begin() + first);
        d->tagRowCount += int(page.rows.size());
        endInsertRows();
    }
    d->step = Private::Step::None;
    finishRequest();
}

void ImageTableModel::onUntaggedRows(const QList<TagRow>& rows)
{
    const bool reloading = d->step == Private::Step::ReloadUntagged;
    d->step = Private::Step::Applying;
    d->request = 0;
    d->untaggedDone = true;
    if (reloading) {
        d->tagsDone = true;
        applyReload(std::exchange(d->reloadedTags, TagRowPage()), rows);
    } else if (!rows.isEmpty()) {
        beginInsertRows(QModelIndex(), int(d->rows.size()), int(d->rows.size() + rows.size()) - 1);
        d->rows.append(rows);
        endInsertRows();
    }
    d->step = Private::Step::None;
    finishRequest();
}

void ImageTableModel::finishRequest()
{
    emit pageLoaded();
    if (std::exchange(d->reloadAgain, false))
        reload();
}

void ImageTableModel::applyReload(const TagRowPage& page, const QList<TagRow>& untagged)
{
    // Tag rows: both lists are in tag order, so a merge turns the change into row inserts, removals and
    // dataChanged; the rows around the view's position stay where they are.
    const QList<TagRow>& fresh = page.rows;
    int i = 0;
    int j = 0;
    while (j < fresh.size()) {
        if (i < d->tagRowCount && d->rows[i].tag == fresh[j].tag) {
            if (!sameRow(d->rows[i], fresh[j])) {
                d->rows[i] = fresh[j];
                emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
            }
            ++i;
            ++j;
        } else if (i < d->tagRowCount && d->rows[i].tag < fresh[j].tag) {
            beginRemoveRows(QModelIndex(), i, i);
            d->rows.removeAt(i);
            --d->tagRowCount;
            endRemoveRows();
        } else {
            beginInsertRows(QModelIndex(), i, i);
            d->rows.insert(i, fresh[j]);
            ++d->tagRowCount;
            endInsertRows();
            ++i;
            ++j;
        }
    }
    if (i < d->tagRowCount) {
        beginRemoveRows(QModelIndex(), i, d->tagRowCount - 1);
        d->rows.remove(i, d->tagRowCount - i);
        d->tagRowCount = i;
        endRemoveRows();
    }
    // Untagged rows (few, newest first): kept when the same manifests, else replaced as a block.
    const int oldUntagged = int(d->rows.size()) - d->tagRowCount;
    bool same = oldUntagged == untagged.size();
    for (int k = 0; same && k < oldUntagged; ++k)
        same = d->rows[d->tagRowCount + k].digest == untagged[k].digest;
    if (same) {
        for (int k = 0; k < oldUntagged; ++k) {
            if (!sameRow(d->rows[d->tagRowCount + k], untagged[k])) {
                d->rows[d->tagRowCount + k] = untagged[k];
                emit dataChanged(index(d->tagRowCount + k, 0), index(d->tagRowCount + k, ColumnCount - 1));
            }
        }
        return;
    }
    if (oldUntagged > 0) {
        beginRemoveRows(QModelIndex(), d->tagRowCount, int(d->rows.size()) - 1);
        d->rows.remove(d->tagRowCount, oldUntagged);
        endRemoveRows();
    }
    if (!untagged.isEmpty()) {
        beginInsertRows(QModelIndex(), d->tagRowCount, d->tagRowCount + int(untagged.size()) - 1);
        d->rows.append(untagged);
        endInsertRows();
    }
}

int ImageTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(d->rows.size());
}

int ImageTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImageTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= d->rows.size())
        return QVariant();
    const TagRow& r = d->rows[index.row()];
    switch (role) {
    case ConsoleRoles::KindRole:
        return int(r.kind);
    case ConsoleRoles::RepositoryRole:
        return d->repository;
    case ConsoleRoles::CompartmentPathRole:
        return d->compartment.toString();
    case ConsoleRoles::TagRole:
        return r.tag;
    case ConsoleRoles::DigestRole:
        return r.digest.toString();
    case ConsoleRoles::PullCommandRole: {
        return ModelSupport::pullCommand(d->host, d->repository, r.tag, r.digest);
    }
    default:
        break;
    }
    return TagRowCells::value(r, index.column(), role);
}

QVariant ImageTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TagColumn:
        return tr("Tag");
    case DigestColumn:
        return tr("Digest");
    case KindColumn:
        return tr("Kind");
    case PlatformsColumn:
        return tr("Platforms");
    case SizeColumn:
        return tr("Size");
    case PushedColumn:
        return tr("Pushed");
    case LastPulledColumn:
        return tr("Last pulled");
    default:
        return QVariant();
    }
}

Qt::ItemFlags ImageTableModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDropEnabled;
}

QStringList ImageTableModel::mimeTypes() const
{
    return {QStringLiteral("text/uri-list")};
}

bool ImageTableModel::canDropMimeData(const QMimeData* data, Qt::DropAction action, int, int,
                                      const QModelIndex&) const
{
    return !d->repository.isEmpty() && (action & (Qt::CopyAction | Qt::MoveAction)) &&
           !ModelSupport::localFiles(data).isEmpty();
}

bool ImageTableModel::dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                                   const QModelIndex& parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    emit importRequested(ModelSupport::localFiles(data), d->compartment, d->repository);
    return true;
}

Qt::DropActions ImageTableModel::supportedDropActions() const
{
    return Qt::CopyAction | Qt::MoveAction;
}

} // namespace berth
