#include "iam/IamErrors.h"
#include "iam/IdentityServicePrivate.h"
#include "iam/SecretGenerator.h"
#include "metadata/MetadataStore.h"

namespace berth {

// ---- compartments

Result<QList<CompartmentRecord>> IdentityService::compartments() const
{
    auto tree = d->tree();
    if (!tree)
        return tree.error();
    return tree->all();
}

Result<CompartmentRecord> IdentityService::compartment(const CompartmentPath& path) const
{
    auto tree = d->tree();
    if (!tree)
        return tree.error();
    auto c = d->find(tree.value(), path);
    if (!c)
        return c.error();
    return *c.value();
}

Result<CompartmentRecord> IdentityService::compartmentById(const QString& id) const
{
    auto tree = d->tree();
    if (!tree)
        return tree.error();
    const CompartmentRecord* c = tree->byId(id);
    if (!c)
        return IamErrors::notFound(QStringLiteral("There is no compartment with id %1").arg(id.left(100)));
    return *c;
}

Result<QList<CompartmentRecord>> IdentityService::childCompartments(const CompartmentPath& path) const
{
    auto tree = d->tree();
    if (!tree)
        return tree.error();
    auto c = d->find(tree.value(), path);
    if (!c)
        return c.error();
    return tree->children(c.value()->rowId);
}

Result<CompartmentRecord> IdentityService::createCompartment(const CompartmentPath& parent,
                                                             const QString& name, const QString& description,
                                                             const QString& actor)
{
    if (const QString problem = CompartmentPath::nameProblem(name); !problem.isEmpty())
        return IamErrors::invalid(problem.left(1).toUpper() + problem.mid(1));
    if (const QString problem = Private::descriptionProblem(description); !problem.isEmpty())
        return IamErrors::invalid(problem);
    const QDateTime now = clock().now();
    const QString id = SecretGenerator::ocid(QStringLiteral("compartment"));
    CompartmentRecord created;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto tree = d->tree();
        if (!tree)
            return tree.error();
        auto p = d->find(tree.value(), parent);
        if (!p)
            return p.error();
        const CompartmentPath path = parent.resolved(CompartmentPath({name}));
        if (tree->find(path))
            return IamErrors::alreadyExists(
                QStringLiteral("Compartment %1 already exists").arg(path.toString()));
        if (path.depth() > CompartmentTree::MaxDepth) {
            return IamErrors::invalid(
                QStringLiteral("Compartment %1 would be %2 levels deep; the limit is %3")
                    .arg(path.toString())
                    .arg(path.depth())
                    .arg(CompartmentTree::MaxDepth));
        }
        auto row = d->store.insertCompartment(id, p.value()->rowId, name, description, now);
        if (!row)
            return row.error();
        created.id = id;
        created.path = path;
        created.parentId = p.value()->id;
        created.description = description;
        created.createdAt = now;
        created.rowId = row.value();
        created.parentRowId = p.value()->rowId;
        return {};
    });
    if (!done)
        return done.error();
    d->invalidate();
    emit identityEvent(IdentityEvent{IdentityEventType::CompartmentCreated, actor, created.path.toString(),
                                     id, QString(), now});
    return created;
}

Result<CompartmentRecord> IdentityService::renameCompartment(const CompartmentPath& path,
                                                             const QString& newName, const QString& actor)
{
    if (const QString problem = CompartmentPath::nameProblem(newName); !problem.isEmpty())
        return IamErrors::invalid(problem.left(1).toUpper() + problem.mid(1));
    if (path.isTenancy())
        return IamErrors::protectedObject(QStringLiteral("The tenancy cannot be renamed"));
    const QDateTime now = clock().now();
    CompartmentRecord renamed;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto tree = d->tree();
        if (!tree)
            return tree.error();
        auto c = d->find(tree.value(), path);
        if (!c)
            return c.error();
        renamed = *c.value();
        const CompartmentPath target = path.parent().resolved(CompartmentPath({newName}));
        if (target == path)
            return {};
        if (tree->find(target))
            return IamErrors::alreadyExists(
                QStringLiteral("Compartment %1 already exists").arg(target.toString()));
        renamed.path = target;
        return d->store.updateCompartment(renamed.rowId, renamed.parentRowId, newName, renamed.description);
    });
    if (!done)
        return done.error();
    if (renamed.path == path)
        return renamed;
    d->invalidate();
    emit identityEvent(IdentityEvent{IdentityEventType::CompartmentRenamed, actor, renamed.path.toString(),
                                     renamed.id, QStringLiteral("renamed from %1").arg(path.toString()),
                                     now});
    return renamed;
}

Result<CompartmentRecord> IdentityService::moveCompartment(const CompartmentPath& path,
                                                           const CompartmentPath& newParent,
                                                           const QString& actor)
{
    if (path.isTenancy())
        return IamErrors::protectedObject(QStringLiteral("The tenancy cannot be moved"));
    const QDateTime now = clock().now();
    CompartmentRecord moved;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto tree = d->tree();
        if (!tree)
            return tree.error();
        auto c = d->find(tree.value(), path);
        if (!c)
            return c.error();
        auto p = d->find(tree.value(), newParent);
        if (!p)
            return p.error();
        moved = *c.value();
        if (tree->isWithin(p.value()->rowId, moved.rowId)) {
            return IamErrors::invalid(
                QStringLiteral(
                    "Compartment %1 cannot be moved into %2: that is itself or one of its descendants")
                    .arg(path.toString(),
                         newParent.isTenancy() ? QStringLiteral("the tenancy") : newParent.toString()));
        }
        const CompartmentPath target = newParent.resolved(CompartmentPath({path.name()}));
        if (target == path)
            return {};
        if (tree->find(target))
            return IamErrors::alreadyExists(
                QStringLiteral("Compartment %1 already exists").arg(target.toString()));
        const int deepest = target.depth() + tree->height(moved.rowId);
        if (deepest > CompartmentTree::MaxDepth) {
            return IamErrors::invalid(
                QStringLiteral(
                    "Moving compartment %1 into %2 would make the tree %3 levels deep; the limit is %4")
                    .arg(path.toString(), newParent.describe())
                    .arg(deepest)
                    .arg(CompartmentTree::MaxDepth));
        }
        moved.path = target;
        moved.parentRowId = p.value()->rowId;
        moved.parentId = p.value()->id;
        return d->store.updateCompartment(moved.rowId, moved.parentRowId, path.name(), moved.description);
    });
    if (!done)
        return done.error();
    if (moved.path == path)
        return moved;
    d->invalidate();
    emit identityEvent(IdentityEvent{IdentityEventType::CompartmentMoved, actor, moved.path.toString(),
                                     moved.id, QStringLiteral("moved from %1").arg(path.describe()), now});
    return moved;
}

Result<CompartmentRecord> IdentityService::setCompartmentDescription(const CompartmentPath& path,
                                                                     const QString& description,
                                                                     const QString& actor)
{
    if (const QString problem = Private::descriptionProblem(description); !problem.isEmpty())
        return IamErrors::invalid(problem);
    const QDateTime now = clock().now();
    CompartmentRecord changed;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto tree = d->tree();
        if (!tree)
            return tree.error();
        auto c = d->find(tree.value(), path);
        if (!c)
            return c.error();
        changed = *c.value();
        changed.description = description;
        if (changed.isTenancy()) {
            auto q = d->metadata.exec(
                QStringLiteral("UPDATE compartments SET description = ? WHERE id = ?"),
                {description.isNull() ? QString(QLatin1String("")) : description, changed.rowId});
            if (!q)
                return q.error();
            return {};
        }
        return d->store.updateCompartment(changed.rowId, changed.parentRowId, path.name(), description);
    });
    if (!done)
        return done.error();
    emit identityEvent(IdentityEvent{IdentityEventType::CompartmentUpdated, actor, path.toString(),
                                     changed.id, QStringLiteral("description"), now});
    return changed;
}

Result<void> IdentityService::deleteCompartment(const CompartmentPath& path, const QString& actor)
{
    if (path.isTenancy())
        return IamErrors::protectedObject(QStringLiteral("The tenancy cannot be deleted"));
    const QDateTime now = clock().now();
    QString id;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto tree = d->tree();
        if (!tree)
            return tree.error();
        auto c = d->find(tree.value(), path);
        if (!c)
            return c.error();
        id = c.value()->id;
        QStringList children;
        for (const CompartmentRecord& child : tree->children(c.value()->rowId))
            children << child.path.name();
        auto repositories = d->store.repositoriesIn(c.value()->rowId);
        if (!repositories)
            return repositories.error();
        auto policyNames = d->store.policiesIn(c.value()->rowId);
        if (!policyNames)
            return policyNames.error();
        QStringList remains;
        if (!children.isEmpty()) {
            remains << Private::counted(children.size(), QStringLiteral("compartment"),
                                        QStringLiteral("compartments")) +
                           QStringLiteral(" (%1)").arg(Private::listed(children));
        }
        if (!repositories->isEmpty()) {
            remains << Private::counted(repositories->size(), QStringLiteral("repository"),
                                        QStringLiteral("repositories")) +
                           QStringLiteral(" (%1)").arg(Private::listed(repositories.value()));
        }
        if (!policyNames->isEmpty()) {
            remains << Private::counted(policyNames->size(), QStringLiteral("policy"),
                                        QStringLiteral("policies")) +
                           QStringLiteral(" (%1)").arg(Private::listed(policyNames.value()));
        }
        if (!remains.isEmpty()) {
            return IamErrors::notEmpty(
                QStringLiteral(
                    "Compartment %1 cannot be deleted: it still holds %2. Move or delete them first.")
                    .arg(path.toString(), remains.join(QStringLiteral(", "))));
        }
        return d->store.deleteCompartment(c.value()->rowId);
    });
    if (!done)
        return done;
    d->invalidate();
    emit identityEvent(
        IdentityEvent{IdentityEventType::CompartmentDeleted, actor, path.toString(), id, QString(), now});
    return {};
}

} // namespace berth
