#include "models/RepositoryTableModel.h"

#include "data/LicenceBrowser.h"
#include "data/RegistryBrowser.h"
#include "models/ModelSupport.h"
#include "registry/RegistryService.h"

#include <QMimeData>

namespace berth {

struct RepositoryTableModel::Private
{
    explicit Private(RegistryBrowser& b) : browser(b), licences(b.registry(), nullptr) {}

    RegistryBrowser& browser;
    /// Every licence (read with the rows) for the "licence required" mark on gated repositories.
    LicenceBrowser licences;
    QList<Licence> licenceList;
    bool licencesLoading = false;
    bool licencesAgain = false;

    /// Reads every licence again (off the GUI thread) for the licence mark.
    void reloadLicences(RepositoryTableModel* model)
    {
        if (licencesLoading) {
            licencesAgain = true;
            return;
        }
        licencesLoading = true;
        licences.list([this, model](const Result<QList<Licence>>& all) {
            licencesLoading = false;
            if (all)
                licenceList = all.value();
            if (!rows.isEmpty())
                emit model->dataChanged(model->index(0, NameColumn),
                                        model->index(int(rows.size()) - 1, NameColumn),
                                        {Qt::DecorationRole, Qt::ToolTipRole});
            if (std::exchange(licencesAgain, false))
                reloadLicences(model);
        });
    }
    CompartmentPath compartment;
    QList<RepositorySummary> rows;
    bool loaded = false;
    quint64 request = 0;
    bool reloadAgain = false;
};

RepositoryTableModel::RepositoryTableModel(RegistryBrowser& browser, QObject* parent)
    : QAbstractTableModel(parent), d(std::make_unique<Private>(browser))
{
    connect(&browser, &RegistryBrowser::repositoriesLoaded, this,
            [this](quint64 id, const CompartmentPath&, const QList<RepositorySummary>& list) {
                if (id != d->request)
                    return;
                d->request = 0;
                apply(list);
            });
    connect(&browser, &RegistryBrowser::failed, this, [this](quint64 id, const Error&) {
        if (id != d->request)
            return;
        d->request = 0;
        // The compartment may be gone: show nothing rather than what it held.
        apply({});
    });
    connect(&browser, &RegistryBrowser::repositoriesChanged, this, &RepositoryTableModel::reload);
    connect(&browser, &RegistryBrowser::compartmentsChanged, this, &RepositoryTableModel::reload);
    connect(&browser, &RegistryBrowser::repositoryChanged, this, [this](const QString& repository) {
        for (const RepositorySummary& s : std::as_const(d->rows)) {
            if (s.name == repository) {
                reload();
                return;
            }
        }
    });
}

RepositoryTableModel::~RepositoryTableModel() = default;

void RepositoryTableModel::setCompartment(const CompartmentPath& compartment)
{
    if (compartment != d->compartment || !d->loaded) {
        beginResetModel();
        d->compartment = compartment;
        d->rows.clear();
        d->loaded = false;
        d->request = 0; // an answer for the previous compartment is ignored
        d->reloadAgain = false;
        endResetModel();
    }
    reload();
}

CompartmentPath RepositoryTableModel::compartment() const
{
    return d->compartment;
}

void RepositoryTableModel::reload()
{
    d->reloadLicences(this);
    if (d->request) {
        d->reloadAgain = true;
        return;
    }
    d->request = d->browser.loadRepositories(d->compartment);
}

void RepositoryTableModel::apply(const QList<RepositorySummary>& list)
{
    // Rows are in name order on both sides: a merge keeps unchanged rows (and the selection) in place.
    int i = 0;
    int j = 0;
    while (j < list.size()) {
        if (i < d->rows.size() && d->rows[i].name == list[j].name) {
            d->rows[i] = list[j];
            emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
            ++i;
            ++j;
        } else if (i < d->rows.size() && d->rows[i].name < list[j].name) {
            beginRemoveRows(QModelIndex(), i, i);
            d->rows.removeAt(i);
            endRemoveRows();
        } else {
            beginInsertRows(QModelIndex(), i, i);
            d->rows.insert(i, list[j]);
            endInsertRows();
            ++i;
            ++j;
        }
    }
    if (i < d->rows.size()) {
        beginRemoveRows(QModelIndex(), i, int(d->rows.size()) - 1);
        d->rows.remove(i, d->rows.size() - i);
        endRemoveRows();
    }
    d->loaded = true;
    emit loaded();
    if (std::exchange(d->reloadAgain, false))
        reload();
}

QString RepositoryTableModel::repositoryAt(int row) const
{
    return row >= 0 && row < d->rows.size() ? d->rows[row].name : QString();
}

bool RepositoryTableModel::isLoaded() const
{
    return d->loaded;
}

int RepositoryTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(d->rows.size());
}

int RepositoryTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RepositoryTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= d->rows.size())
        return QVariant();
    const RepositorySummary& r = d->rows[index.row()];
    switch (role) {
    case ConsoleRoles::RepositoryRole:
        return r.name;
    case ConsoleRoles::CompartmentPathRole:
        return r.compartment.toString();
    case ConsoleRoles::KindRole:
        return int(NodeKind::Repository);
    default:
        break;
    }
    switch (index.column()) {
    case NameColumn:
        if (role == Qt::DisplayRole || role == ConsoleRoles::SortRole)
            return r.name;
        if (role == Qt::DecorationRole || role == Qt::ToolTipRole) {
            // Licence-gated repositories (issue 7): a lock and what must be accepted.
            const auto licence = LicenceBrowser::gatingLicence(d->licenceList, r.name, r.compartment);
            if (role == Qt::DecorationRole)
                return ModelSupport::themeIcon(licence ? QStringLiteral("emblem-locked")
                                                       : QStringLiteral("package-x-generic"));
            if (!licence)
                return QVariant();
            const QString needs = tr("Pulls need the licence \"%1\" (version %2) accepted")
                                      .arg(licence->current.title, licence->current.version);
            if (licence->scope.kind == LicenceScope::Kind::Compartment)
                return tr("%1; it is set on %2.").arg(needs, licence->scope.describe());
            return needs + QLatin1Char('.');
        }
        break;
    case ImagesColumn:
        if (role == Qt::DisplayRole || role == ConsoleRoles::SortRole)
            return r.manifestCount;
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case TagsColumn:
        if (role == Qt::DisplayRole || role == ConsoleRoles::SortRole)
            return r.tagCount;
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case SizeColumn:
        if (role == Qt::DisplayRole)
            return ModelSupport::size(r.size);
        if (role == ConsoleRoles::SortRole)
            return r.size;
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case PublicColumn:
        if (role == Qt::DisplayRole)
            return r.isPublic ? tr("Public") : tr("Private");
        if (role == ConsoleRoles::SortRole)
            return r.isPublic;
        break;
    case LastPushColumn:
        if (role == Qt::DisplayRole)
            return r.lastPushAt.isValid() ? ModelSupport::time(r.lastPushAt) : tr("Never");
        if (role == ConsoleRoles::SortRole)
            return ModelSupport::sortTime(r.lastPushAt);
        break;
    case LastPullColumn:
        if (role == Qt::DisplayRole)
            return r.lastPullAt.isValid() ? ModelSupport::time(r.lastPullAt) : tr("Never");
        if (role == ConsoleRoles::SortRole)
            return ModelSupport::sortTime(r.lastPullAt);
        break;
    default:
        break;
    }
    return QVariant();
}

QVariant RepositoryTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Repository");
    case ImagesColumn:
        return tr("Images");
    case TagsColumn:
        return tr("Tags");
    case SizeColumn:
        return tr("Size");
    case PublicColumn:
        return tr("Access");
    case LastPushColumn:
        return tr("Last push");
    case LastPullColumn:
        return tr("Last pull");
    default:
        return QVariant();
    }
}

Qt::ItemFlags RepositoryTableModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled; // below the rows: import into the compartment
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled | Qt::ItemIsDropEnabled;
}

QStringList RepositoryTableModel::mimeTypes() const
{
    return {QString::fromLatin1(RepositoryMimeType), QStringLiteral("text/uri-list")};
}

QMimeData* RepositoryTableModel::mimeData(const QModelIndexList& indexes) const
{
    for (const QModelIndex& index : indexes) {
        if (!index.isValid() || index.row() >= d->rows.size())
            continue;
        auto* mime = new QMimeData;
        mime->setData(QString::fromLatin1(RepositoryMimeType), d->rows[index.row()].name.toUtf8());
        mime->setText(d->rows[index.row()].name);
        return mime;
    }
    return nullptr;
}

bool RepositoryTableModel::canDropMimeData(const QMimeData* data, Qt::DropAction action, int, int,
                                           const QModelIndex&) const
{
    return (action & (Qt::CopyAction | Qt::MoveAction)) && !ModelSupport::localFiles(data).isEmpty();
}

bool RepositoryTableModel::dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                                        const QModelIndex& parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    // On a row: into that repository; between or below rows: into the compartment.
    const QString repository = parent.isValid() ? repositoryAt(parent.row()) : QString();
    emit importRequested(ModelSupport::localFiles(data), d->compartment, repository);
    return true;
}

Qt::DropActions RepositoryTableModel::supportedDropActions() const
{
    return Qt::CopyAction | Qt::MoveAction;
}

} // namespace berth
