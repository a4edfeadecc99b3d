#include "models/NavigationNode.h"

#include <QHash>

namespace berth {

std::unique_ptr<NavigationModel::Node>
NavigationModel::Node::build(const QList<CompartmentRecord>& compartments,
                             const QList<RepositorySummary>& repositories, const QString& tenancyName)
{
    auto top = std::make_unique<Node>();
    auto tenancy = std::make_unique<Node>();
    tenancy->kind = NodeKind::Tenancy;
    tenancy->name = tenancyName;
    tenancy->parent = top.get();
    QHash<CompartmentPath, Node*> byPath;
    byPath.insert(CompartmentPath(), tenancy.get());
    QList<CompartmentRecord> list = compartments;
    // Parents before children: a shorter path first.
    std::sort(list.begin(), list.end(), [](const CompartmentRecord& a, const CompartmentRecord& b) {
        return a.path.depth() < b.path.depth();
    });
    for (const CompartmentRecord& c : list) {
        if (c.path.isTenancy()) {
            tenancy->description = c.description;
            continue;
        }
        Node* parent = byPath.value(c.path.parent(), tenancy.get());
        auto node = std::make_unique<Node>();
        node->kind = NodeKind::Compartment;
        node->name = c.path.name();
        node->path = c.path;
        node->description = c.description;
        node->parent = parent;
        byPath.insert(c.path, node.get());
        parent->children.push_back(std::move(node));
    }
    for (const RepositorySummary& r : repositories) {
        Node* parent = byPath.value(r.compartment, tenancy.get());
        auto node = std::make_unique<Node>();
        node->kind = NodeKind::Repository;
        node->name = r.name;
        node->path = parent->kind == NodeKind::Tenancy ? CompartmentPath() : parent->path;
        node->isPublic = r.isPublic;
        node->parent = parent;
        parent->children.push_back(std::move(node));
    }
    Node::sortTree(*tenancy);
    top->children.push_back(std::move(tenancy));
    return top;
}

} // namespace berth
