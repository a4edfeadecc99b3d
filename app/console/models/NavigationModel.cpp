#include "models/NavigationModel.h"

#include "data/RegistryBrowser.h"
#include "models/ModelSupport.h"
#include "models/NavigationNode.h"

#include <QMimeData>
#include <optional>

namespace berth {

struct NavigationModel::Private
{
    explicit Private(RegistryBrowser& b) : browser(b) { root.kind = NodeKind::Tenancy; }

    RegistryBrowser& browser;
    Node root; ///< invisible
    bool loaded = false;

    // A load asks for compartments and repositories; the tree changes once both arrived.
    quint64 compartmentsRequest = 0;
    quint64 repositoriesRequest = 0;
    std::optional<QList<CompartmentRecord>> compartments;
    std::optional<QList<RepositorySummary>> repositories;
    bool reloadAgain = false;

    Node* nodeOf(const QModelIndex& index) const
    {
        return index.isValid() ? static_cast<Node*>(index.internalPointer()) : const_cast<Node*>(&root);
    }
};

NavigationModel::NavigationModel(RegistryBrowser& browser, QObject* parent)
    : QAbstractItemModel(parent), d(std::make_unique<Private>(browser))
{
    connect(&browser, &RegistryBrowser::compartmentsLoaded, this,
            [this](quint64 id, const QList<CompartmentRecord>& list) {
                if (id != d->compartmentsRequest)
                    return;
                d->compartmentsRequest = 0;
                d->compartments = list;
                apply();
            });
    connect(&browser, &RegistryBrowser::allRepositoriesLoaded, this,
            [this](quint64 id, const QList<RepositorySummary>& list) {
                if (id != d->repositoriesRequest)
                    return;
                d->repositoriesRequest = 0;
                d->repositories = list;
                apply();
            });
    connect(&browser, &RegistryBrowser::failed, this, [this](quint64 id, const Error&) {
        if (id != d->compartmentsRequest && id != d->repositoriesRequest)
            return;
        // Keep showing what was there; the next change signal loads again.
        d->compartmentsRequest = d->repositoriesRequest = 0;
        d->compartments.reset();
        d->repositories.reset();
        if (std::exchange(d->reloadAgain, false))
            reload();
    });
    connect(&browser, &RegistryBrowser::compartmentsChanged, this, &NavigationModel::reload);
    connect(&browser, &RegistryBrowser::repositoriesChanged, this, &NavigationModel::reload);
    reload();
}

NavigationModel::~NavigationModel() = default;

void NavigationModel::reload()
{
    if (d->compartmentsRequest || d->repositoriesRequest) {
        d->reloadAgain = true; // after the load in flight: its answer may predate the change
        return;
    }
    d->compartments.reset();
    d->repositories.reset();
    d->compartmentsRequest = d->browser.loadCompartments();
    d->repositoriesRequest = d->browser.loadAllRepositories();
}

void NavigationModel::apply()
{
    if (!d->compartments || !d->repositories)
        return;
    std::unique_ptr<Node> fresh = Node::build(*d->compartments, *d->repositories, tr("Tenancy"));
    d->compartments.reset();
    d->repositories.reset();
    sync(&d->root, fresh.get());
    d->loaded = true;
    emit loaded();
    if (std::exchange(d->reloadAgain, false))
        reload();
}

void NavigationModel::sync(Node* current, Node* fresh)
{
    const QModelIndex parentIndex =
        current == &d->root ? QModelIndex() : createIndex(current->row(), 0, current);
    size_t i = 0;
    size_t j = 0;
    auto adopt = [](Node& node, Node* parent) { node.parent = parent; };
    while (j < fresh->children.size()) {
        Node& wanted = *fresh->children[j];
        if (i < current->children.size() && current->children[i]->sameKey(wanted)) {
            Node& have = *current->children[i];
            if (!have.sameData(wanted)) {
                have.kind = wanted.kind;
                have.path = wanted.path;
                have.description = wanted.description;
                have.isPublic = wanted.isPublic;
                const QModelIndex at = createIndex(int(i), 0, &have);
                emit dataChanged(at, at);
            }
            sync(&have, &wanted);
            ++i;
            ++j;
        } else if (i < current->children.size() && Node::before(*current->children[i], wanted)) {
            beginRemoveRows(parentIndex, int(i), int(i));
            current->children.erase(current->children.begin() + qsizetype(i));
            endRemoveRows();
        } else {
            beginInsertRows(parentIndex, int(i), int(i));
            std::unique_ptr<Node> node = std::move(fresh->children[j]);
            adopt(*node, current);
            current->children.insert(current->children.begin() + qsizetype(i), std::move(node));
            endInsertRows();
            ++i;
            ++j;
        }
    }
    if (i < current->children.size()) {
        beginRemoveRows(parentIndex, int(i), int(current->children.size()) - 1);
        current->children.erase(current->children.begin() + qsizetype(i), current->children.end());
        endRemoveRows();
    }
}

QModelIndex NavigationModel::indexOfCompartment(const CompartmentPath& path) const
{
    if (d->root.children.empty())
        return QModelIndex();
    Node* node = d->root.children.front().get();
    for (const QString& name : path.names()) {
        Node* next = nullptr;
        for (const auto& child : node->children) {
            if (child->kind == NodeKind::Compartment && child->name == name) {
                next = child.get();
                break;
            }
        }
        if (!next)
            return QModelIndex();
        node = next;
    }
    return createIndex(node->row(), 0, node);
}

QModelIndex NavigationModel::indexOfRepository(const QString& repository) const
{
    std::vector<Node*> stack{&d->root};
    while (!stack.empty()) {
        Node* node = stack.back();
        stack.pop_back();
        for (const auto& child : node->children) {
            if (child->kind == NodeKind::Repository && child->name == repository)
                return createIndex(child->row(), 0, child.get());
            if (child->kind != NodeKind::Repository)
                stack.push_back(child.get());
        }
    }
    return QModelIndex();
}

bool NavigationModel::isLoaded() const
{
    return d->loaded;
}

QModelIndex NavigationModel::index(int row, int column, const QModelIndex& parent) const
{
    if (column != 0 || row < 0 || (parent.isValid() && parent.column() != 0))
        return QModelIndex();
    Node* node = d->nodeOf(parent);
    if (row >= int(node->children.size()))
        return QModelIndex();
    return createIndex(row, 0, node->children[size_t(row)].get());
}

QModelIndex NavigationModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return QModelIndex();
    Node* node = d->nodeOf(child);
    Node* parent = node->parent;
    if (!parent || parent == &d->root)
        return QModelIndex();
    return createIndex(parent->row(), 0, parent);
}

int NavigationModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(d->nodeOf(parent)->children.size());
}

int NavigationModel::columnCount(const QModelIndex&) const
{
    return 1;
}

QVariant NavigationModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return QVariant();
    const Node* node = d->nodeOf(index);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return node->name;
    case Qt::ToolTipRole:
        if (node->kind == NodeKind::Repository)
            return node->isPublic ? tr("Repository %1 (public)").arg(node->name)
                                  : tr("Repository %1").arg(node->name);
        return node->description.isEmpty() ? node->name : node->description;
    case Qt::DecorationRole:
        switch (node->kind) {
        case NodeKind::Tenancy:
            return ModelSupport::themeIcon(QStringLiteral("network-server"));
        case NodeKind::Compartment:
            return ModelSupport::themeIcon(QStringLiteral("folder"));
        case NodeKind::Repository:
            return ModelSupport::themeIcon(QStringLiteral("package-x-generic"));
        }
        return QVariant();
    case ConsoleRoles::KindRole:
        return int(node->kind);
    case ConsoleRoles::CompartmentPathRole:
        return node->path.toString();
    case ConsoleRoles::RepositoryRole:
        return node->kind == NodeKind::Repository ? node->name : QString();
    case ConsoleRoles::SortRole:
        return node->name;
    default:
        return QVariant();
    }
}

Qt::ItemFlags NavigationModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDropEnabled;
    if (d->nodeOf(index)->kind != NodeKind::Tenancy)
        f |= Qt::ItemIsDragEnabled;
    return f;
}

QStringList NavigationModel::mimeTypes() const
{
    return {QString::fromLatin1(RepositoryMimeType), QString::fromLatin1(CompartmentMimeType),
            QStringLiteral("text/uri-list")};
}

QMimeData* NavigationModel::mimeData(const QModelIndexList& indexes) const
{
    for (const QModelIndex& index : indexes) {
        if (!index.isValid())
            continue;
        const Node* node = d->nodeOf(index);
        auto* mime = new QMimeData;
        if (node->kind == NodeKind::Repository) {
            mime->setData(QString::fromLatin1(RepositoryMimeType), node->name.toUtf8());
            mime->setText(node->name);
        } else if (node->kind == NodeKind::Compartment) {
            mime->setData(QString::fromLatin1(CompartmentMimeType), node->path.toString().toUtf8());
            mime->setText(node->path.toString());
        } else {
            delete mime;
            continue;
        }
        return mime;
    }
    return nullptr;
}

bool NavigationModel::canDropMimeData(const QMimeData* data, Qt::DropAction action, int, int,
                                      const QModelIndex& parent) const
{
    if (!data || !parent.isValid() || !(action & (Qt::CopyAction | Qt::MoveAction)))
        return false;
    const Node* target = d->nodeOf(parent);
    const bool isCompartment = target->kind != NodeKind::Repository;
    if (!ModelSupport::localFiles(data).isEmpty())
        return true;
    if (data->hasFormat(QString::fromLatin1(RepositoryMimeType))) {
        const QString repository = QString::fromUtf8(data->data(QString::fromLatin1(RepositoryMimeType)));
        const QModelIndex source = indexOfRepository(repository);
        return isCompartment && source.isValid() && d->nodeOf(source)->path != target->path;
    }
    if (data->hasFormat(QString::fromLatin1(CompartmentMimeType))) {
        const auto moved =
            CompartmentPath::parse(QString::fromUtf8(data->data(QString::fromLatin1(CompartmentMimeType))));
        // Not into itself or below itself, and not where it already is.
        return isCompartment && moved && !moved->isTenancy() && !moved->contains(target->path) &&
               moved->parent() != target->path;
    }
    return false;
}

bool NavigationModel::dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                                   const QModelIndex& parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const Node* target = d->nodeOf(parent);
    const QList<QUrl> files = ModelSupport::localFiles(data);
    if (!files.isEmpty()) {
        emit importRequested(files, target->path,
                             target->kind == NodeKind::Repository ? target->name : QString());
        return true;
    }
    if (data->hasFormat(QString::fromLatin1(RepositoryMimeType))) {
        emit repositoryMoveRequested(QString::fromUtf8(data->data(QString::fromLatin1(RepositoryMimeType))),
                                     target->path);
        return true;
    }
    const auto moved =
        CompartmentPath::parse(QString::fromUtf8(data->data(QString::fromLatin1(CompartmentMimeType))));
    emit compartmentMoveRequested(*moved, target->path);
    return true;
}

Qt::DropActions NavigationModel::supportedDropActions() const
{
    return Qt::CopyAction | Qt::MoveAction;
}

Qt::DropActions NavigationModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

} // namespace berth
