#include "iam/IdentityServicePrivate.h"

#include "iam/IamErrors.h"
#include "iam/PolicyParser.h"
#include "metadata/MetadataStore.h"

namespace berth {

IdentityService::Private::Private(MetadataStore& m) : metadata(m), store(m) {}

// ---- the cached authorizer

void IdentityService::Private::invalidate()
{
    {
        std::lock_guard lock(cacheMutex);
        cache.reset();
        ++generation;
    }
    invalidateSubjects();
}

void IdentityService::Private::invalidateSubjects()
{
    std::lock_guard lock(subjectMutex);
    subjects.clear();
    ++subjectGeneration;
}

Result<std::shared_ptr<const IdentityService::Private::PolicyCache>>
IdentityService::Private::loadCache() const
{
    quint64 startedAt = 0;
    {
        std::lock_guard lock(cacheMutex);
        if (cache)
            return cache;
        startedAt = generation;
    }
    auto tree = store.compartmentTree();
    if (!tree)
        return tree.error();
    auto rows = store.policies();
    if (!rows)
        return rows.error();
    auto sourceRows = store.networkSources();
    if (!sourceRows)
        return sourceRows.error();
    auto built = std::make_shared<PolicyCache>();
    built->tree = std::make_shared<const CompartmentTree>(tree.value());
    for (const PolicyRecord& p : rows.value()) {
        const CompartmentRecord* c = tree->byRowId(p.compartmentRowId);
        if (!c)
            continue;
        AttachedPolicy attached;
        attached.name = p.name;
        attached.compartment = c->path;
        attached.statements = PolicyParser::parse(p.statements).statements;
        built->policies.append(attached);
    }
    for (const NetworkSourceRecord& s : sourceRows.value()) {
        if (auto source = NetworkSource::create(s.name, s.ranges))
            built->sources.append(*source);
    }
    built->authorizer = std::make_shared<const Authorizer>(built->policies, built->sources);
    std::lock_guard lock(cacheMutex);
    if (generation == startedAt)
        cache = built;
    return std::shared_ptr<const PolicyCache>(built);
}

// ---- lookups

Result<CompartmentTree> IdentityService::Private::tree() const
{
    return store.compartmentTree();
}

Result<const CompartmentRecord*> IdentityService::Private::find(const CompartmentTree& tree,
                                                                const CompartmentPath& path) const
{
    const CompartmentRecord* c = tree.find(path);
    if (!c)
        return IamErrors::notFound(QStringLiteral("There is no %1").arg(path.describe()));
    return c;
}

Result<UserRecord> IdentityService::Private::findUser(const QString& name, QString* hash) const
{
    auto u = store.user(name, hash);
    if (!u)
        return u.error();
    if (!u.value())
        return IamErrors::notFound(QStringLiteral("There is no user named %1").arg(name.left(100)));
    return *u.value();
}

Result<GroupRecord> IdentityService::Private::findGroup(const QString& name) const
{
    auto g = store.group(name);
    if (!g)
        return g.error();
    if (!g.value())
        return IamErrors::notFound(QStringLiteral("There is no group named %1").arg(name.left(100)));
    return *g.value();
}

Result<IdentityService::Private::MembershipChange> IdentityService::Private::changeMembership(
    const QString& groupName, const QString& userName,
    const std::function<Result<bool>(const GroupRecord& group, const UserRecord& user)>& change)
{
    MembershipChange result;
    auto done = metadata.transaction([&]() -> Result<void> {
        auto g = findGroup(groupName);
        if (!g)
            return g.error();
        auto u = findUser(userName);
        if (!u)
            return u.error();
        result.member = u->name;
        auto changed = change(g.value(), u.value());
        if (!changed)
            return changed.error();
        result.changed = changed.value();
        auto fresh = findGroup(groupName);
        if (!fresh)
            return fresh.error();
        result.group = fresh.value();
        return {};
    });
    if (!done)
        return done.error();
    return result;
}

Result<void> IdentityService::Private::requireAnotherAdministrator(qint64 userRow,
                                                                   const QString& refusal) const
{
    auto q =
        metadata.exec(QStringLiteral("SELECT COUNT(*) FROM group_members m"
                                     " JOIN groups g ON g.id = m.group_id JOIN users u ON u.id = m.user_id"
                                     " WHERE g.builtin = 1 AND g.name = ? AND u.locked = 0 AND u.id != ?"),
                      {QString::fromLatin1(AdministratorsGroup), userRow});
    if (!q)
        return q.error();
    const int others = q->next() ? q->value(0).toInt() : 0;
    if (others == 0)
        return IamErrors::protectedObject(refusal);
    return {};
}

Result<PolicyValidationContext>
IdentityService::Private::validationContext(const CompartmentTree& tree,
                                            const CompartmentPath& attachedTo) const
{
    PolicyValidationContext context;
    context.attachedTo = attachedTo;
    auto groupRows = store.groups();
    if (!groupRows)
        return groupRows.error();
    QStringList groupNames;
    for (const GroupRecord& g : groupRows.value())
        groupNames << g.name;
    context.groups = groupNames;
    context.compartments = tree.paths();
    auto sourceRows = store.networkSources();
    if (!sourceRows)
        return sourceRows.error();
    QStringList sourceNames;
    for (const NetworkSourceRecord& s : sourceRows.value())
        sourceNames << s.name;
    context.networkSources = sourceNames;
    return context;
}

// ---- checks and phrasing

QString IdentityService::Private::nameProblem(const QString& kind, const QString& name)
{
    if (name.isEmpty())
        return QStringLiteral("A %1 name cannot be empty").arg(kind);
    if (name.size() > CompartmentPath::MaxNameLength) {
        return QStringLiteral("The %1 name '%2...' is %3 characters long; the limit is %4")
            .arg(kind, name.left(20))
            .arg(name.size())
            .arg(CompartmentPath::MaxNameLength);
    }
    // The characters the policy language accepts in names.
    if (!CompartmentPath::isValidName(name)) {
        for (QChar c : name) {
            if (!CompartmentPath::isValidName(QString(c))) {
                return QStringLiteral(
                           "The %1 name '%2' contains '%3'; names use letters, digits, '-', '_' and '.'")
                    .arg(kind, name, QString(c));
            }
        }
    }
    return QString();
}

QString IdentityService::Private::descriptionProblem(const QString& description)
{
    if (description.size() > IdentityService::MaxDescriptionLength) {
        return QStringLiteral("The description is %1 characters long; the limit is %2")
            .arg(description.size())
            .arg(IdentityService::MaxDescriptionLength);
    }
    return QString();
}

QString IdentityService::Private::emailProblem(const QString& email)
{
    if (email.size() > 254 || email.contains(QLatin1Char('\n')))
        return QStringLiteral("The email address is not valid");
    return QString();
}

QString IdentityService::Private::listed(const QStringList& names, int max)
{
    QStringList shown = names.mid(0, max);
    QString out = shown.join(QStringLiteral(", "));
    if (names.size() > max)
        out += QStringLiteral(" and %1 more").arg(names.size() - max);
    return out;
}

QString IdentityService::Private::counted(int n, const QString& one, const QString& many)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

} // namespace berth
