#include "iam/IamErrors.h"
#include "iam/IdentityServicePrivate.h"
#include "iam/SecretGenerator.h"
#include "metadata/MetadataStore.h"

namespace berth {

// ---- groups

Result<QList<GroupRecord>> IdentityService::groups() const
{
    return d->store.groups();
}

Result<GroupRecord> IdentityService::group(const QString& name) const
{
    return d->findGroup(name);
}

Result<GroupRecord> IdentityService::createGroup(const QString& name, const QString& description,
                                                 const QString& actor)
{
    if (const QString problem = Private::nameProblem(QStringLiteral("group"), name); !problem.isEmpty())
        return IamErrors::invalid(problem);
    if (const QString problem = Private::descriptionProblem(description); !problem.isEmpty())
        return IamErrors::invalid(problem);
    const QDateTime now = clock().now();
    GroupRecord record;
    record.id = SecretGenerator::ocid(QStringLiteral("group"));
    record.name = name;
    record.description = description;
    record.createdAt = now;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto existing = d->store.group(name);
        if (!existing)
            return existing.error();
        if (existing.value())
            return IamErrors::alreadyExists(QStringLiteral("A group named %1 already exists").arg(name));
        auto row = d->store.insertGroup(record.id, name, description, now);
        if (!row)
            return row.error();
        record.rowId = row.value();
        return {};
    });
    if (!done)
        return done.error();
    emit identityEvent(
        IdentityEvent{IdentityEventType::GroupCreated, actor, name, record.id, QString(), now});
    return record;
}

Result<GroupRecord> IdentityService::updateGroup(const QString& name, const QString& description,
                                                 const QString& actor)
{
    if (const QString problem = Private::descriptionProblem(description); !problem.isEmpty())
        return IamErrors::invalid(problem);
    const QDateTime now = clock().now();
    GroupRecord record;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto g = d->findGroup(name);
        if (!g)
            return g.error();
        record = g.value();
        record.description = description;
        return d->store.updateGroup(record.rowId, description);
    });
    if (!done)
        return done.error();
    emit identityEvent(
        IdentityEvent{IdentityEventType::GroupUpdated, actor, name, record.id, QString(), now});
    return record;
}

Result<void> IdentityService::deleteGroup(const QString& name, const QString& actor)
{
    const QDateTime now = clock().now();
    GroupRecord record;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto g = d->findGroup(name);
        if (!g)
            return g.error();
        record = g.value();
        if (record.builtin)
            return IamErrors::protectedObject(
                QStringLiteral("The built-in group %1 cannot be deleted").arg(name));
        return d->store.deleteGroup(record.rowId);
    });
    if (!done)
        return done;
    emit identityEvent(
        IdentityEvent{IdentityEventType::GroupDeleted, actor, name, record.id,
                      record.members.isEmpty()
                          ? QString()
                          : QStringLiteral("members: %1").arg(record.members.join(QStringLiteral(", "))),
                      now});
    return {};
}

Result<GroupRecord> IdentityService::addUserToGroup(const QString& groupName, const QString& userName,
                                                    const QString& actor)
{
    const QDateTime now = clock().now();
    auto change = d->changeMembership(groupName, userName, [&](const GroupRecord& g, const UserRecord& u) {
        return d->store.addMember(g.rowId, u.rowId, now);
    });
    if (!change)
        return change.error();
    if (change->changed) {
        emit identityEvent(IdentityEvent{IdentityEventType::GroupMemberAdded, actor, groupName,
                                         change->group.id, QStringLiteral("member %1").arg(change->member),
                                         now});
    }
    return change->group;
}

Result<GroupRecord> IdentityService::removeUserFromGroup(const QString& groupName, const QString& userName,
                                                         const QString& actor)
{
    const QDateTime now = clock().now();
    auto change = d->changeMembership(
        groupName, userName, [&](const GroupRecord& g, const UserRecord& u) -> Result<bool> {
            if (g.builtin && g.name == QLatin1String(AdministratorsGroup) && u.administrator && !u.locked) {
                const QString refusal =
                    QStringLiteral("%1 is the last unlocked administrator and cannot leave %2")
                        .arg(u.name, groupName);
                if (auto kept = d->requireAnotherAdministrator(u.rowId, refusal); !kept)
                    return kept.error();
            }
            return d->store.removeMember(g.rowId, u.rowId);
        });
    if (!change)
        return change.error();
    if (change->changed) {
        emit identityEvent(IdentityEvent{IdentityEventType::GroupMemberRemoved, actor, groupName,
                                         change->group.id, QStringLiteral("member %1").arg(change->member),
                                         now});
    }
    return change->group;
}

} // namespace berth
