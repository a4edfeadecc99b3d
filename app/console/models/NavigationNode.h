#pragma once

// Internal to NavigationModel: its tree's nodes, and the tree built from what RegistryBrowser loads.

#include "data/RegistryBrowser.h"
#include "models/NavigationModel.h"

#include <QList>
#include <QString>
#include <algorithm>
#include <memory>
#include <vector>

namespace berth {

/// One node of the tree. The model's root is invisible; its one child is the tenancy.
struct NavigationModel::Node
{
    NodeKind kind = NodeKind::Tenancy;
    QString name;          ///< compartment name, or repository name
    CompartmentPath path;  ///< a compartment's own path; a repository's compartment
    QString description;   ///< compartments
    bool isPublic = false; ///< repositories
    Node* parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;

    int row() const
    {
        if (!parent)
            return 0;
        for (size_t i = 0; i < parent->children.size(); ++i) {
            if (parent->children[i].get() == this)
                return int(i);
        }
        return 0;
    }
    /// Compartments before repositories, each by name.
    static bool before(const Node& a, const Node& b)
    {
        const bool aRepo = a.kind == NodeKind::Repository;
        const bool bRepo = b.kind == NodeKind::Repository;
        if (aRepo != bRepo)
            return !aRepo;
        return a.name < b.name;
    }
    bool sameKey(const Node& o) const
    {
        return (kind == NodeKind::Repository) == (o.kind == NodeKind::Repository) && name == o.name;
    }
    bool sameData(const Node& o) const
    {
        return kind == o.kind && path == o.path && description == o.description && isPublic == o.isPublic;
    }

    /// The tree of a tenancy (named `tenancyName`) holding the compartments and repositories, under an
    /// invisible top node.
    static std::unique_ptr<Node> build(const QList<CompartmentRecord>& compartments,
                                       const QList<RepositorySummary>& repositories,
                                       const QString& tenancyName);

    static void sortTree(Node& node)
    {
        std::sort(
            node.children.begin(), node.children.end(),
            [](const std::unique_ptr<Node>& a, const std::unique_ptr<Node>& b) { return before(*a, *b); });
        for (auto& child : node.children)
            sortTree(*child);
    }
};

} // namespace berth
