#include "iam/IdentityService.h"

#include "iam/IamErrors.h"
#include "iam/IdentityStore.h"
#include "iam/PolicyParser.h"
#include "iam/SecretGenerator.h"
#include "metadata/MetadataStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>
#include <functional>
#include <mutex>

namespace berth {

namespace {

QString nameProblem(const QString& kind, const QString& name)
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

QString descriptionProblem(const QString& description)
{
    if (description.size() > IdentityService::MaxDescriptionLength) {
        return QStringLiteral("The description is %1 characters long; the limit is %2")
            .arg(description.size())
            .arg(IdentityService::MaxDescriptionLength);
    }
    return QString();
}

QString pathText(const CompartmentPath& path)
{
    return path.isTenancy() ? QStringLiteral("the tenancy")
                            : QStringLiteral("compartment ") + path.toString();
}

QString listed(const QStringList& names, int max = 5)
{
    QStringList shown = names.mid(0, max);
    QString out = shown.join(QStringLiteral(", "));
    if (names.size() > max)
        out += QStringLiteral(" and %1 more").arg(names.size() - max);
    return out;
}

QString counted(int n, const QString& one, const QString& many)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

/// Network source names a condition tree compares against.
void collectSources(const PolicyCondition& c, QStringList& out)
{
    if (c.kind() == PolicyCondition::Kind::Comparison) {
        if (c.variable() == PolicyCondition::Variable::NetworkSourceName && !out.contains(c.value()))
            out << c.value();
        return;
    }
    for (const PolicyCondition& child : c.children())
        collectSources(child, out);
}

Error policyProblems(const QString& name, const QVector<PolicyError>& errors)
{
    QStringList lines;
    QJsonArray problems;
    for (const PolicyError& e : errors) {
        lines << e.toString();
        problems.append(QJsonObject{{QStringLiteral("line"), e.line},
                                    {QStringLiteral("column"), e.column},
                                    {QStringLiteral("message"), e.message}});
    }
    return IamErrors::invalid(
        QStringLiteral("Policy %1 is not valid:\n%2").arg(name, lines.join(QLatin1Char('\n'))), problems);
}

} // namespace

struct IdentityService::Private
{
    explicit Private(MetadataStore& m) : metadata(m), store(m) {}

    MetadataStore& metadata;
    IdentityStore store;

    struct PolicyCache
    {
        QVector<AttachedPolicy> policies;
        QVector<NetworkSource> sources;
        std::shared_ptr<const Authorizer> authorizer;
    };
    mutable std::mutex cacheMutex;
    mutable std::shared_ptr<const PolicyCache> cache;
    mutable quint64 generation = 0; ///< bumped by every change that affects policies

    void invalidate()
    {
        std::lock_guard lock(cacheMutex);
        cache.reset();
        ++generation;
    }

    Result<std::shared_ptr<const PolicyCache>> loadCache() const
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

    Result<CompartmentTree> tree() const { return store.compartmentTree(); }

    Result<const CompartmentRecord*> find(const CompartmentTree& tree, const CompartmentPath& path) const
    {
        const CompartmentRecord* c = tree.find(path);
        if (!c)
            return IamErrors::notFound(QStringLiteral("There is no %1").arg(pathText(path)));
        return c;
    }

    Result<UserRecord> findUser(const QString& name, QString* hash = nullptr) const
    {
        auto u = store.user(name, hash);
        if (!u)
            return u.error();
        if (!u.value())
            return IamErrors::notFound(QStringLiteral("There is no user named %1").arg(name.left(100)));
        return *u.value();
    }

    Result<GroupRecord> findGroup(const QString& name) const
    {
        auto g = store.group(name);
        if (!g)
            return g.error();
        if (!g.value())
            return IamErrors::notFound(QStringLiteral("There is no group named %1").arg(name.left(100)));
        return *g.value();
    }

    /// Unlocked members of Administrators other than `except` (row id).
    Result<int> otherActiveAdministrators(qint64 exceptUserRow) const
    {
        auto q = metadata.exec(
            QStringLiteral("SELECT COUNT(*) FROM group_members m"
                           " JOIN groups g ON g.id = m.group_id JOIN users u ON u.id = m.user_id"
                           " WHERE g.builtin = 1 AND g.name = ? AND u.locked = 0 AND u.id != ?"),
            {QString::fromLatin1(AdministratorsGroup), exceptUserRow});
        if (!q)
            return q.error();
        return q->next() ? q->value(0).toInt() : 0;
    }

    Result<PolicyValidationContext> validationContext(const CompartmentTree& tree,
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
};

IdentityService::IdentityService(MetadataStore& metadata, QObject* parent)
    : IdentityService(metadata, Options(), parent)
{}

IdentityService::IdentityService(MetadataStore& metadata, Options options, QObject* parent)
    : QObject(parent), m_options(std::move(options)), d(std::make_unique<Private>(metadata))
{
    qRegisterMetaType<berth::IdentityEvent>();
    if (!m_options.clock)
        m_options.clock = &Clock::system();
    if (m_options.maxAuthTokensPerUser < 1)
        m_options.maxAuthTokensPerUser = 1;
}

IdentityService::~IdentityService() = default;

Result<void> IdentityService::open()
{
    if (!d->metadata.isOpen())
        return Error(ErrorCode::Internal, QStringLiteral("The metadata database is not open"));
    auto version = d->metadata.schemaVersion();
    if (!version)
        return version.error();
    if (version.value() < 3) {
        return Error(
            ErrorCode::Internal,
            QStringLiteral("The metadata database is at schema version %1; identity needs version 3 or "
                           "later")
                .arg(version.value()));
    }
    auto tree = d->tree();
    if (!tree)
        return tree.error();
    if (tree->tenancy().id.isEmpty())
        return Error(ErrorCode::Internal, QStringLiteral("The metadata database has no tenancy compartment"));
    return {};
}

QString IdentityService::userNameProblem(const QString& name)
{
    if (name.isEmpty())
        return QStringLiteral("A user name cannot be empty");
    if (name.size() > MaxUserNameLength) {
        return QStringLiteral("The user name '%1...' is %2 characters long; the limit is %3")
            .arg(name.left(20))
            .arg(name.size())
            .arg(MaxUserNameLength);
    }
    for (QChar c : name) {
        const char16_t u = c.unicode();
        const bool ok = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
                        u == '.' || u == '_' || u == '@' || u == '-';
        if (!ok) {
            return QStringLiteral(
                       "The user name '%1' contains '%2'; user names use letters, digits, '.', '_', "
                       "'@' and '-'")
                .arg(name, QString(c));
        }
    }
    return QString();
}

Result<AdministratorBootstrap> IdentityService::ensureAdministrator(const QString& passwordFile)
{
    auto count = d->store.userCount();
    if (!count)
        return count.error();
    AdministratorBootstrap result;
    if (count.value() > 0)
        return result;
    QString password;
    if (!passwordFile.isEmpty()) {
        QFile file(passwordFile);
        if (!file.open(QIODevice::ReadOnly)) {
            return IamErrors::invalid(QStringLiteral("Could not read the administrator password file %1: %2")
                                          .arg(passwordFile, file.errorString()));
        }
        QTextStream in(&file);
        password = in.readLine().trimmed();
        if (password.isEmpty()) {
            return IamErrors::invalid(
                QStringLiteral(
                    "The administrator password file %1 is empty: put the password on its first line")
                    .arg(passwordFile));
        }
        if (const QString problem = PasswordHasher::passwordProblem(password); !problem.isEmpty()) {
            return IamErrors::invalid(QStringLiteral("The administrator password in %1 cannot be used: %2")
                                          .arg(passwordFile, problem));
        }
        result.passwordFromFile = true;
    } else {
        password = SecretGenerator::password();
        result.password = password;
    }
    auto hash = PasswordHasher::hash(password, m_options.passwordParameters);
    if (!hash)
        return hash.error();
    const QDateTime now = clock().now();
    UserRecord admin;
    admin.id = SecretGenerator::ocid(QStringLiteral("user"));
    admin.name = QString::fromLatin1(InitialAdministrator);
    admin.description = QStringLiteral("The administrator created on first start");
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto again = d->store.userCount();
        if (!again)
            return again.error();
        if (again.value() > 0)
            return {}; // another start won the race
        auto row = d->store.insertUser(admin, hash.value(), now);
        if (!row)
            return row.error();
        auto group = d->findGroup(QString::fromLatin1(AdministratorsGroup));
        if (!group)
            return group.error();
        auto added = d->store.addMember(group->rowId, row.value(), now);
        if (!added)
            return added.error();
        result.created = true;
        return {};
    });
    if (!done)
        return done.error();
    if (!result.created)
        return AdministratorBootstrap();
    result.userName = admin.name;
    emit identityEvent(IdentityEvent{IdentityEventType::UserCreated, QString(), admin.name, admin.id,
                                     QStringLiteral("first start: administrator"), now});
    return result;
}

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
    if (const QString problem = descriptionProblem(description); !problem.isEmpty())
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
                    .arg(path.toString(), pathText(newParent))
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
                                     moved.id, QStringLiteral("moved from %1").arg(pathText(path)), now});
    return moved;
}

Result<CompartmentRecord> IdentityService::setCompartmentDescription(const CompartmentPath& path,
                                                                     const QString& description,
                                                                     const QString& actor)
{
    if (const QString problem = descriptionProblem(description); !problem.isEmpty())
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
            remains << counted(children.size(), QStringLiteral("compartment"),
                               QStringLiteral("compartments")) +
                           QStringLiteral(" (%1)").arg(listed(children));
        }
        if (!repositories->isEmpty()) {
            remains << counted(repositories->size(), QStringLiteral("repository"),
                               QStringLiteral("repositories")) +
                           QStringLiteral(" (%1)").arg(listed(repositories.value()));
        }
        if (!policyNames->isEmpty()) {
            remains << counted(policyNames->size(), QStringLiteral("policy"), QStringLiteral("policies")) +
                           QStringLiteral(" (%1)").arg(listed(policyNames.value()));
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

// ---- users

Result<UserRecord> IdentityService::createUser(const NewUser& user, const QString& actor)
{
    if (const QString problem = userNameProblem(user.name); !problem.isEmpty())
        return IamErrors::invalid(problem);
    if (const QString problem = descriptionProblem(user.description); !problem.isEmpty())
        return IamErrors::invalid(problem);
    if (user.email.size() > 254 || user.email.contains(QLatin1Char('\n')))
        return IamErrors::invalid(QStringLiteral("The email address is not valid"));
    QString hash;
    if (!user.password.isEmpty()) {
        if (const QString problem = PasswordHasher::passwordProblem(user.password); !problem.isEmpty())
            return IamErrors::invalid(problem);
        auto h = PasswordHasher::hash(user.password, m_options.passwordParameters);
        if (!h)
            return h.error();
        hash = h.value();
    }
    const QDateTime now = clock().now();
    UserRecord record;
    record.id = SecretGenerator::ocid(QStringLiteral("user"));
    record.name = user.name;
    record.description = user.description;
    record.email = user.email;
    record.createdAt = now;
    record.hasPassword = !hash.isEmpty();
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto existing = d->store.user(user.name);
        if (!existing)
            return existing.error();
        if (existing.value()) {
            return IamErrors::alreadyExists(
                QStringLiteral("A user named %1 already exists").arg(existing.value()->name));
        }
        auto row = d->store.insertUser(record, hash, now);
        if (!row)
            return row.error();
        record.rowId = row.value();
        return {};
    });
    if (!done)
        return done.error();
    emit identityEvent(
        IdentityEvent{IdentityEventType::UserCreated, actor, record.name, record.id, QString(), now});
    return record;
}

Result<QList<UserRecord>> IdentityService::users() const
{
    return d->store.users();
}

Result<UserRecord> IdentityService::user(const QString& name) const
{
    return d->findUser(name);
}

Result<UserRecord> IdentityService::updateUser(const QString& name, const QString& description,
                                               const QString& email, const QString& actor)
{
    if (const QString problem = descriptionProblem(description); !problem.isEmpty())
        return IamErrors::invalid(problem);
    if (email.size() > 254 || email.contains(QLatin1Char('\n')))
        return IamErrors::invalid(QStringLiteral("The email address is not valid"));
    const QDateTime now = clock().now();
    UserRecord record;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto u = d->findUser(name);
        if (!u)
            return u.error();
        record = u.value();
        record.description = description;
        record.email = email;
        return d->store.updateUser(record.rowId, description, email, record.locked);
    });
    if (!done)
        return done.error();
    emit identityEvent(
        IdentityEvent{IdentityEventType::UserUpdated, actor, record.name, record.id, QString(), now});
    return record;
}

Result<UserRecord> IdentityService::setUserLocked(const QString& name, bool locked, const QString& actor)
{
    const QDateTime now = clock().now();
    UserRecord record;
    bool changed = false;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto u = d->findUser(name);
        if (!u)
            return u.error();
        record = u.value();
        if (record.locked == locked)
            return {};
        if (locked && record.administrator) {
            auto others = d->otherActiveAdministrators(record.rowId);
            if (!others)
                return others.error();
            if (others.value() == 0) {
                return IamErrors::protectedObject(
                    QStringLiteral("%1 is the last unlocked administrator and cannot be locked")
                        .arg(record.name));
            }
        }
        record.locked = locked;
        changed = true;
        return d->store.updateUser(record.rowId, record.description, record.email, locked);
    });
    if (!done)
        return done.error();
    if (changed) {
        emit identityEvent(
            IdentityEvent{locked ? IdentityEventType::UserLocked : IdentityEventType::UserUnlocked, actor,
                          record.name, record.id, QString(), now});
    }
    return record;
}

Result<void> IdentityService::setPassword(const QString& name, const QString& password, const QString& actor)
{
    if (const QString problem = PasswordHasher::passwordProblem(password); !problem.isEmpty())
        return IamErrors::invalid(problem);
    auto hash = PasswordHasher::hash(password, m_options.passwordParameters);
    if (!hash)
        return hash.error();
    const QDateTime now = clock().now();
    UserRecord record;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto u = d->findUser(name);
        if (!u)
            return u.error();
        record = u.value();
        return d->store.setPasswordHash(record.rowId, hash.value());
    });
    if (!done)
        return done;
    emit identityEvent(
        IdentityEvent{IdentityEventType::UserPasswordChanged, actor, record.name, record.id, QString(), now});
    return {};
}

Result<void> IdentityService::deleteUser(const QString& name, const QString& actor)
{
    const QDateTime now = clock().now();
    UserRecord record;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto u = d->findUser(name);
        if (!u)
            return u.error();
        record = u.value();
        if (record.administrator && !record.locked) {
            auto others = d->otherActiveAdministrators(record.rowId);
            if (!others)
                return others.error();
            if (others.value() == 0) {
                return IamErrors::protectedObject(
                    QStringLiteral("%1 is the last unlocked administrator and cannot be deleted")
                        .arg(record.name));
            }
        }
        return d->store.deleteUser(record.rowId);
    });
    if (!done)
        return done;
    emit identityEvent(
        IdentityEvent{IdentityEventType::UserDeleted, actor, record.name, record.id, QString(), now});
    return {};
}

Result<CredentialMatch> IdentityService::verifyCredentials(const QString& userName, const QString& secret)
{
    auto wrongBecause = [](const QString& why) {
        return IamErrors::credentials(QStringLiteral("Wrong user name or password"), why);
    };
    QString hash;
    auto u = d->store.user(userName, &hash);
    if (!u)
        return u.error();
    if (!u.value()) {
        // Spend the time a real check would, so the answer does not tell which user names exist.
        static const QString dummy =
            PasswordHasher::hashWithSalt(QStringLiteral("berth-dummy-password"), QByteArray(16, 'b'),
                                         m_options.passwordParameters)
                .value();
        PasswordHasher::verify(secret, dummy);
        return wrongBecause(QStringLiteral("unknown-user"));
    }
    const UserRecord& user = *u.value();
    if (user.locked) {
        return IamErrors::credentials(QStringLiteral("The account %1 is locked").arg(user.name),
                                      QStringLiteral("locked"));
    }
    bool revokedToken = false;
    if (secret.startsWith(QLatin1String(SecretGenerator::AuthTokenPrefix))) {
        qint64 owner = 0;
        auto token = d->store.authTokenByHash(SecretGenerator::sha256Hex(secret), &owner);
        if (!token)
            return token.error();
        if (token.value() && owner == user.rowId) {
            if (!token.value()->revoked) {
                const QDateTime now = clock().now();
                const qint64 tokenRow = token.value()->rowId;
                auto touched =
                    d->metadata.transaction([&] { return d->store.touchAuthToken(tokenRow, now); });
                if (!touched)
                    qWarning("berth: could not record the use of an auth token: %s",
                             qPrintable(touched.error().message));
                return CredentialMatch{CredentialMatch::Kind::AuthToken, user.name, token.value()->id};
            }
            revokedToken = true;
        }
    }
    if (!hash.isEmpty() && PasswordHasher::verify(secret, hash)) {
        if (PasswordHasher::needsRehash(hash, m_options.passwordParameters)) {
            if (auto fresh = PasswordHasher::hash(secret, m_options.passwordParameters)) {
                auto stored = d->metadata.transaction(
                    [&] { return d->store.setPasswordHash(user.rowId, fresh.value()); });
                Q_UNUSED(stored);
            }
        }
        return CredentialMatch{CredentialMatch::Kind::Password, user.name, QString()};
    }
    return wrongBecause(revokedToken ? QStringLiteral("revoked-token") : QStringLiteral("wrong-secret"));
}

Result<AuthorizationSubject> IdentityService::subject(const QString& userName) const
{
    auto u = d->findUser(userName);
    if (!u)
        return u.error();
    if (u->locked) {
        return IamErrors::credentials(QStringLiteral("The account %1 is locked").arg(u->name),
                                      QStringLiteral("locked"));
    }
    return AuthorizationSubject::user(u->name, u->groups, u->administrator);
}

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
    if (const QString problem = nameProblem(QStringLiteral("group"), name); !problem.isEmpty())
        return IamErrors::invalid(problem);
    if (const QString problem = descriptionProblem(description); !problem.isEmpty())
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
    if (const QString problem = descriptionProblem(description); !problem.isEmpty())
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
    GroupRecord record;
    QString member;
    bool added = false;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto g = d->findGroup(groupName);
        if (!g)
            return g.error();
        auto u = d->findUser(userName);
        if (!u)
            return u.error();
        member = u->name;
        auto a = d->store.addMember(g->rowId, u->rowId, now);
        if (!a)
            return a.error();
        added = a.value();
        auto fresh = d->findGroup(groupName);
        if (!fresh)
            return fresh.error();
        record = fresh.value();
        return {};
    });
    if (!done)
        return done.error();
    if (added) {
        emit identityEvent(IdentityEvent{IdentityEventType::GroupMemberAdded, actor, groupName, record.id,
                                         QStringLiteral("member %1").arg(member), now});
    }
    return record;
}

Result<GroupRecord> IdentityService::removeUserFromGroup(const QString& groupName, const QString& userName,
                                                         const QString& actor)
{
    const QDateTime now = clock().now();
    GroupRecord record;
    QString member;
    bool removed = false;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto g = d->findGroup(groupName);
        if (!g)
            return g.error();
        auto u = d->findUser(userName);
        if (!u)
            return u.error();
        member = u->name;
        if (g->builtin && g->name == QLatin1String(AdministratorsGroup) && u->administrator && !u->locked) {
            auto others = d->otherActiveAdministrators(u->rowId);
            if (!others)
                return others.error();
            if (others.value() == 0) {
                return IamErrors::protectedObject(
                    QStringLiteral("%1 is the last unlocked administrator and cannot leave %2")
                        .arg(u->name, groupName));
            }
        }
        auto r = d->store.removeMember(g->rowId, u->rowId);
        if (!r)
            return r.error();
        removed = r.value();
        auto fresh = d->findGroup(groupName);
        if (!fresh)
            return fresh.error();
        record = fresh.value();
        return {};
    });
    if (!done)
        return done.error();
    if (removed) {
        emit identityEvent(IdentityEvent{IdentityEventType::GroupMemberRemoved, actor, groupName, record.id,
                                         QStringLiteral("member %1").arg(member), now});
    }
    return record;
}

// ---- auth tokens

Result<CreatedAuthToken> IdentityService::createAuthToken(const QString& userName, const QString& description,
                                                          const QString& actor)
{
    if (const QString problem = descriptionProblem(description); !problem.isEmpty())
        return IamErrors::invalid(problem);
    const QDateTime now = clock().now();
    CreatedAuthToken created;
    created.secret = SecretGenerator::authTokenSecret();
    created.token.id = SecretGenerator::ocid(QStringLiteral("authtoken"));
    created.token.description = description;
    created.token.createdAt = now;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto u = d->findUser(userName);
        if (!u)
            return u.error();
        created.token.userName = u->name;
        auto active = d->store.activeAuthTokenCount(u->rowId);
        if (!active)
            return active.error();
        if (active.value() >= m_options.maxAuthTokensPerUser) {
            return IamErrors::limitReached(
                QStringLiteral(
                    "User %1 already has %2 active auth tokens, the most allowed; revoke one first")
                    .arg(u->name)
                    .arg(active.value()));
        }
        auto row = d->store.insertAuthToken(created.token.id, u->rowId,
                                            SecretGenerator::sha256Hex(created.secret), description, now);
        if (!row)
            return row.error();
        created.token.rowId = row.value();
        return {};
    });
    if (!done)
        return done.error();
    emit identityEvent(IdentityEvent{IdentityEventType::AuthTokenCreated, actor, created.token.userName,
                                     created.token.id, description, now});
    return created;
}

Result<QList<AuthTokenRecord>> IdentityService::authTokens(const QString& userName) const
{
    auto u = d->findUser(userName);
    if (!u)
        return u.error();
    return d->store.authTokens(u->rowId);
}

Result<AuthTokenRecord> IdentityService::revokeAuthToken(const QString& userName, const QString& tokenId,
                                                         const QString& actor)
{
    const QDateTime now = clock().now();
    AuthTokenRecord token;
    bool revoked = false;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto q = d->metadata.exec(
            QStringLiteral(
                "SELECT u.name FROM auth_tokens t JOIN users u ON u.id = t.user_id WHERE t.ocid = ?"),
            {tokenId});
        if (!q)
            return q.error();
        const Error unknown = IamErrors::notFound(
            userName.isEmpty()
                ? QStringLiteral("There is no auth token %1").arg(tokenId.left(100))
                : QStringLiteral("User %1 has no auth token %2").arg(userName.left(100), tokenId.left(100)));
        if (!q->next())
            return unknown;
        const QString owner = q->value(0).toString();
        auto u = d->findUser(owner);
        if (!u)
            return u.error();
        if (!userName.isEmpty() && owner.compare(userName, Qt::CaseInsensitive) != 0)
            return unknown;
        auto tokens = d->store.authTokens(u->rowId);
        if (!tokens)
            return tokens.error();
        for (const AuthTokenRecord& t : tokens.value()) {
            if (t.id != tokenId)
                continue;
            token = t;
            auto r = d->store.revokeAuthToken(t.rowId, now);
            if (!r)
                return r.error();
            revoked = r.value();
            if (revoked) {
                token.revoked = true;
                token.revokedAt = now;
            }
            return {};
        }
        return unknown;
    });
    if (!done)
        return done.error();
    if (revoked) {
        emit identityEvent(IdentityEvent{IdentityEventType::AuthTokenRevoked, actor, token.userName, token.id,
                                         QString(), now});
    }
    return token;
}

// ---- network sources

Result<QList<NetworkSourceRecord>> IdentityService::networkSources() const
{
    return d->store.networkSources();
}

Result<NetworkSourceRecord> IdentityService::networkSource(const QString& name) const
{
    auto s = d->store.networkSource(name);
    if (!s)
        return s.error();
    if (!s.value())
        return IamErrors::notFound(QStringLiteral("There is no network source named %1").arg(name.left(100)));
    return *s.value();
}

namespace {

Result<QStringList> checkedRanges(const QString& name, const QStringList& ranges)
{
    QStringList cleaned;
    for (const QString& r : ranges)
        cleaned << r.trimmed();
    if (cleaned.isEmpty())
        return IamErrors::invalid(
            QStringLiteral("Network source %1 needs at least one address range").arg(name));
    QStringList errors;
    if (!NetworkSource::create(name, cleaned, &errors)) {
        QJsonArray problems;
        for (const QString& e : errors)
            problems.append(e);
        return IamErrors::invalid(errors.join(QLatin1Char('\n')), problems);
    }
    return cleaned;
}

} // namespace

Result<NetworkSourceRecord> IdentityService::createNetworkSource(const QString& name,
                                                                 const QStringList& ranges,
                                                                 const QString& description,
                                                                 const QString& actor)
{
    if (const QString problem = nameProblem(QStringLiteral("network source"), name); !problem.isEmpty())
        return IamErrors::invalid(problem);
    if (const QString problem = descriptionProblem(description); !problem.isEmpty())
        return IamErrors::invalid(problem);
    auto cleaned = checkedRanges(name, ranges);
    if (!cleaned)
        return cleaned.error();
    const QDateTime now = clock().now();
    NetworkSourceRecord record;
    record.id = SecretGenerator::ocid(QStringLiteral("networksource"));
    record.name = name;
    record.description = description;
    record.ranges = cleaned.value();
    record.createdAt = now;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto existing = d->store.networkSource(name);
        if (!existing)
            return existing.error();
        if (existing.value())
            return IamErrors::alreadyExists(
                QStringLiteral("A network source named %1 already exists").arg(name));
        auto row = d->store.insertNetworkSource(record, now);
        if (!row)
            return row.error();
        record.rowId = row.value();
        return {};
    });
    if (!done)
        return done.error();
    d->invalidate();
    emit identityEvent(IdentityEvent{IdentityEventType::NetworkSourceCreated, actor, name, record.id,
                                     record.ranges.join(QStringLiteral(", ")), now});
    return record;
}

Result<NetworkSourceRecord> IdentityService::updateNetworkSource(const QString& name,
                                                                 const QStringList& ranges,
                                                                 const QString& description,
                                                                 const QString& actor)
{
    if (const QString problem = descriptionProblem(description); !problem.isEmpty())
        return IamErrors::invalid(problem);
    auto cleaned = checkedRanges(name, ranges);
    if (!cleaned)
        return cleaned.error();
    const QDateTime now = clock().now();
    NetworkSourceRecord record;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto existing = d->store.networkSource(name);
        if (!existing)
            return existing.error();
        if (!existing.value())
            return IamErrors::notFound(
                QStringLiteral("There is no network source named %1").arg(name.left(100)));
        record = *existing.value();
        record.description = description;
        record.ranges = cleaned.value();
        return d->store.updateNetworkSource(record.rowId, description, record.ranges);
    });
    if (!done)
        return done.error();
    d->invalidate();
    emit identityEvent(IdentityEvent{IdentityEventType::NetworkSourceUpdated, actor, name, record.id,
                                     record.ranges.join(QStringLiteral(", ")), now});
    return record;
}

Result<void> IdentityService::deleteNetworkSource(const QString& name, const QString& actor)
{
    const QDateTime now = clock().now();
    QString id;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto existing = d->store.networkSource(name);
        if (!existing)
            return existing.error();
        if (!existing.value())
            return IamErrors::notFound(
                QStringLiteral("There is no network source named %1").arg(name.left(100)));
        id = existing.value()->id;
        auto tree = d->tree();
        if (!tree)
            return tree.error();
        auto rows = d->store.policies();
        if (!rows)
            return rows.error();
        QStringList users;
        for (const PolicyRecord& p : rows.value()) {
            QStringList sources;
            for (const PolicyStatement& s : PolicyParser::parse(p.statements).statements) {
                if (s.condition)
                    collectSources(*s.condition, sources);
            }
            if (sources.contains(name)) {
                const CompartmentRecord* c = tree->byRowId(p.compartmentRowId);
                users << (c && !c->path.isTenancy() ? c->path.toString() + QLatin1Char('/') + p.name
                                                    : p.name);
            }
        }
        if (!users.isEmpty()) {
            return IamErrors::notEmpty(
                QStringLiteral("Network source %1 cannot be deleted: %2 %3 it (%4). Change them first.")
                    .arg(name, counted(users.size(), QStringLiteral("policy"), QStringLiteral("policies")),
                         users.size() == 1 ? QStringLiteral("uses") : QStringLiteral("use"), listed(users)));
        }
        return d->store.deleteNetworkSource(existing.value()->rowId);
    });
    if (!done)
        return done;
    d->invalidate();
    emit identityEvent(
        IdentityEvent{IdentityEventType::NetworkSourceDeleted, actor, name, id, QString(), now});
    return {};
}

// ---- policies

Result<QList<PolicyRecord>> IdentityService::policies() const
{
    auto tree = d->tree();
    if (!tree)
        return tree.error();
    auto rows = d->store.policies();
    if (!rows)
        return rows.error();
    QList<PolicyRecord> out;
    for (PolicyRecord p : rows.value()) {
        if (const CompartmentRecord* c = tree->byRowId(p.compartmentRowId))
            p.compartment = c->path;
        out << p;
    }
    std::sort(out.begin(), out.end(), [](const PolicyRecord& a, const PolicyRecord& b) {
        return a.compartment.names() != b.compartment.names() ? a.compartment.names() < b.compartment.names()
                                                              : a.name < b.name;
    });
    return out;
}

Result<PolicyRecord> IdentityService::policy(const CompartmentPath& compartment, const QString& name) const
{
    auto row = d->store.compartmentRowId(compartment);
    if (!row)
        return row.error();
    if (!row.value())
        return IamErrors::notFound(QStringLiteral("There is no %1").arg(pathText(compartment)));
    auto p = d->store.policy(*row.value(), name);
    if (!p)
        return p.error();
    if (!p.value()) {
        return IamErrors::notFound(
            QStringLiteral("There is no policy named %1 in %2").arg(name.left(100), pathText(compartment)));
    }
    PolicyRecord out = *p.value();
    out.compartment = compartment;
    return out;
}

Result<QVector<PolicyError>> IdentityService::checkPolicy(const CompartmentPath& compartment,
                                                          const QString& statements) const
{
    auto tree = d->tree();
    if (!tree)
        return tree.error();
    if (!d->find(tree.value(), compartment))
        return IamErrors::notFound(QStringLiteral("There is no %1").arg(pathText(compartment)));
    auto context = d->validationContext(tree.value(), compartment);
    if (!context)
        return context.error();
    PolicyParseResult parsed = PolicyParser::parseAndValidate(statements, context.value());
    if (parsed.ok() && parsed.statements.isEmpty())
        parsed.errors.append(PolicyError{1, 1, QStringLiteral("a policy needs at least one statement")});
    return parsed.errors;
}

Result<PolicyRecord> IdentityService::createPolicy(const CompartmentPath& compartment, const QString& name,
                                                   const QString& description, const QString& statements,
                                                   const QString& actor)
{
    if (const QString problem = nameProblem(QStringLiteral("policy"), name); !problem.isEmpty())
        return IamErrors::invalid(problem);
    if (const QString problem = descriptionProblem(description); !problem.isEmpty())
        return IamErrors::invalid(problem);
    const QDateTime now = clock().now();
    PolicyRecord record;
    record.id = SecretGenerator::ocid(QStringLiteral("policy"));
    record.name = name;
    record.description = description;
    record.statements = statements;
    record.compartment = compartment;
    record.createdAt = now;
    record.updatedAt = now;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto tree = d->tree();
        if (!tree)
            return tree.error();
        auto c = d->find(tree.value(), compartment);
        if (!c)
            return c.error();
        record.compartmentRowId = c.value()->rowId;
        record.compartmentId = c.value()->id;
        auto existing = d->store.policy(record.compartmentRowId, name);
        if (!existing)
            return existing.error();
        if (existing.value()) {
            return IamErrors::alreadyExists(
                QStringLiteral("A policy named %1 already exists in %2").arg(name, pathText(compartment)));
        }
        auto errors = checkPolicy(compartment, statements);
        if (!errors)
            return errors.error();
        if (!errors->isEmpty())
            return policyProblems(name, errors.value());
        auto row = d->store.insertPolicy(record, now);
        if (!row)
            return row.error();
        record.rowId = row.value();
        return {};
    });
    if (!done)
        return done.error();
    d->invalidate();
    emit identityEvent(IdentityEvent{IdentityEventType::PolicyCreated, actor, name, record.id,
                                     QStringLiteral("in %1").arg(pathText(compartment)), now});
    return record;
}

Result<PolicyRecord> IdentityService::updatePolicy(const CompartmentPath& compartment, const QString& name,
                                                   const QString& description, const QString& statements,
                                                   const QString& actor)
{
    if (const QString problem = descriptionProblem(description); !problem.isEmpty())
        return IamErrors::invalid(problem);
    const QDateTime now = clock().now();
    PolicyRecord record;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto existing = policy(compartment, name);
        if (!existing)
            return existing.error();
        record = existing.value();
        auto errors = checkPolicy(compartment, statements);
        if (!errors)
            return errors.error();
        if (!errors->isEmpty())
            return policyProblems(name, errors.value());
        record.description = description;
        record.statements = statements;
        record.updatedAt = now;
        return d->store.updatePolicy(record.rowId, description, statements, now);
    });
    if (!done)
        return done.error();
    d->invalidate();
    emit identityEvent(IdentityEvent{IdentityEventType::PolicyUpdated, actor, name, record.id,
                                     QStringLiteral("in %1").arg(pathText(compartment)), now});
    return record;
}

Result<void> IdentityService::deletePolicy(const CompartmentPath& compartment, const QString& name,
                                           const QString& actor)
{
    const QDateTime now = clock().now();
    QString id;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto existing = policy(compartment, name);
        if (!existing)
            return existing.error();
        id = existing->id;
        return d->store.deletePolicy(existing->rowId);
    });
    if (!done)
        return done;
    d->invalidate();
    emit identityEvent(IdentityEvent{IdentityEventType::PolicyDeleted, actor, name, id,
                                     QStringLiteral("in %1").arg(pathText(compartment)), now});
    return {};
}

Result<QVector<AttachedPolicy>> IdentityService::attachedPolicies() const
{
    auto cache = d->loadCache();
    if (!cache)
        return cache.error();
    return cache.value()->policies;
}

Result<QVector<NetworkSource>> IdentityService::networkSourceSet() const
{
    auto cache = d->loadCache();
    if (!cache)
        return cache.error();
    return cache.value()->sources;
}

Result<std::shared_ptr<const Authorizer>> IdentityService::authorizer() const
{
    auto cache = d->loadCache();
    if (!cache)
        return cache.error();
    return cache.value()->authorizer;
}

} // namespace berth
