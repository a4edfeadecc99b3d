#include "iam/IdentityStore.h"

#include "metadata/MetadataStore.h"
#include "metadata/StoredTime.h"

#include <QSqlQuery>
#include <algorithm>

namespace berth {

namespace {

QString text(const QString& s)
{
    return s.isNull() ? QString(QLatin1String("")) : s;
}

const QString UserColumns =
    QStringLiteral("id, ocid, name, description, email, locked, created_at, password_hash");

UserRecord userFrom(const QSqlQuery& q)
{
    UserRecord u;
    u.rowId = q.value(0).toLongLong();
    u.id = q.value(1).toString();
    u.name = q.value(2).toString();
    u.description = q.value(3).toString();
    u.email = q.value(4).toString();
    u.locked = q.value(5).toBool();
    u.createdAt = StoredTime::fromColumn(q.value(6));
    u.hasPassword = !q.value(7).isNull() && !q.value(7).toString().isEmpty();
    return u;
}

const QString GroupColumns = QStringLiteral("id, ocid, name, description, builtin, created_at");

GroupRecord groupFrom(const QSqlQuery& q)
{
    GroupRecord g;
    g.rowId = q.value(0).toLongLong();
    g.id = q.value(1).toString();
    g.name = q.value(2).toString();
    g.description = q.value(3).toString();
    g.builtin = q.value(4).toBool();
    g.createdAt = StoredTime::fromColumn(q.value(5));
    return g;
}

const QString TokenColumns = QStringLiteral(
    "t.id, t.ocid, u.name, t.description, t.created_at, t.last_used_at, t.revoked, t.revoked_at, t.user_id");

AuthTokenRecord tokenFrom(const QSqlQuery& q)
{
    AuthTokenRecord t;
    t.rowId = q.value(0).toLongLong();
    t.id = q.value(1).toString();
    t.userName = q.value(2).toString();
    t.description = q.value(3).toString();
    t.createdAt = StoredTime::fromColumn(q.value(4));
    t.lastUsedAt = StoredTime::fromColumn(q.value(5));
    t.revoked = q.value(6).toBool();
    t.revokedAt = StoredTime::fromColumn(q.value(7));
    return t;
}

const QString SourceColumns = QStringLiteral("id, ocid, name, description, ranges, created_at");

NetworkSourceRecord sourceFrom(const QSqlQuery& q)
{
    NetworkSourceRecord s;
    s.rowId = q.value(0).toLongLong();
    s.id = q.value(1).toString();
    s.name = q.value(2).toString();
    s.description = q.value(3).toString();
    s.ranges = q.value(4).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    s.createdAt = StoredTime::fromColumn(q.value(5));
    return s;
}

const QString PolicyColumns = QStringLiteral("p.id, p.ocid, p.name, p.description, p.statements, "
                                             "p.created_at, p.updated_at, p.compartment_id, c.ocid");

PolicyRecord policyFrom(const QSqlQuery& q)
{
    PolicyRecord p;
    p.rowId = q.value(0).toLongLong();
    p.id = q.value(1).toString();
    p.name = q.value(2).toString();
    p.description = q.value(3).toString();
    p.statements = q.value(4).toString();
    p.createdAt = StoredTime::fromColumn(q.value(5));
    p.updatedAt = StoredTime::fromColumn(q.value(6));
    p.compartmentRowId = q.value(7).toLongLong();
    p.compartmentId = q.value(8).toString();
    return p;
}

QStringList column(QSqlQuery& q)
{
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

} // namespace

Result<void> IdentityStore::requireTransaction() const
{
    if (!m_metadata.inTransaction()) {
        return Error(
            ErrorCode::Internal,
            QStringLiteral("An identity change was attempted outside a transaction (a bug in Berth)"));
    }
    return {};
}

Result<void> IdentityStore::run(const QString& sql, const QVariantList& values) const
{
    if (auto t = requireTransaction(); !t)
        return t;
    auto q = m_metadata.exec(sql, values);
    if (!q)
        return q.error();
    return {};
}

// ---- compartments

Result<CompartmentTree> IdentityStore::compartmentTree() const
{
    auto q = m_metadata.exec(QStringLiteral(
        "SELECT id, ocid, COALESCE(parent_id, 0), name, description, created_at FROM compartments"));
    if (!q)
        return q.error();
    QList<CompartmentTree::Row> rows;
    while (q->next()) {
        rows.append(CompartmentTree::Row{q->value(0).toLongLong(), q->value(1).toString(),
                                         q->value(2).toLongLong(), q->value(3).toString(),
                                         q->value(4).toString(), StoredTime::fromColumn(q->value(5))});
    }
    return CompartmentTree(rows);
}

Result<std::optional<qint64>> IdentityStore::compartmentRowId(const CompartmentPath& path) const
{
    auto root = m_metadata.exec(QStringLiteral("SELECT id FROM compartments WHERE parent_id IS NULL"));
    if (!root)
        return root.error();
    if (!root->next())
        return std::optional<qint64>();
    qint64 at = root->value(0).toLongLong();
    for (const QString& name : path.names()) {
        auto q = m_metadata.exec(
            QStringLiteral("SELECT id FROM compartments WHERE parent_id = ? AND name = ?"), {at, name});
        if (!q)
            return q.error();
        if (!q->next())
            return std::optional<qint64>();
        at = q->value(0).toLongLong();
    }
    return std::optional<qint64>(at);
}

Result<CompartmentPath> IdentityStore::compartmentPathOf(qint64 rowId) const
{
    auto q = m_metadata.exec(
        QStringLiteral("WITH RECURSIVE chain (id, parent_id, name, depth) AS ("
                       " SELECT id, parent_id, name, 0 FROM compartments WHERE id = ?"
                       " UNION ALL SELECT c.id, c.parent_id, c.name, chain.depth + 1"
                       " FROM compartments c JOIN chain ON c.id = chain.parent_id WHERE chain.depth < 64)"
                       " SELECT name FROM chain WHERE parent_id IS NOT NULL ORDER BY depth DESC"),
        {rowId});
    if (!q)
        return q.error();
    return CompartmentPath(column(q.value()));
}

Result<qint64> IdentityStore::insertCompartment(const QString& id, qint64 parentRowId, const QString& name,
                                                const QString& description, const QDateTime& now)
{
    if (auto t = requireTransaction(); !t)
        return t.error();
    auto q = m_metadata.exec(QStringLiteral("INSERT INTO compartments (ocid, parent_id, name, description,"
                                            " created_at) VALUES (?, ?, ?, ?, ?)"),
                             {id, parentRowId, name, text(description), StoredTime::toColumn(now)});
    if (!q)
        return q.error();
    return q->lastInsertId().toLongLong();
}

Result<void> IdentityStore::updateCompartment(qint64 rowId, qint64 parentRowId, const QString& name,
                                              const QString& description)
{
    return run(QStringLiteral("UPDATE compartments SET parent_id = ?, name = ?, description = ? WHERE id = ?"
                              " AND parent_id IS NOT NULL"),
               {parentRowId, name, text(description), rowId});
}

Result<void> IdentityStore::deleteCompartment(qint64 rowId)
{
    return run(QStringLiteral("DELETE FROM compartments WHERE id = ? AND parent_id IS NOT NULL"), {rowId});
}

Result<QStringList> IdentityStore::repositoriesIn(qint64 compartmentRowId) const
{
    auto q = m_metadata.exec(QStringLiteral("SELECT name FROM repositories WHERE compartment_id = ?"
                                            " ORDER BY name COLLATE BINARY"),
                             {compartmentRowId});
    if (!q)
        return q.error();
    return column(q.value());
}

Result<QStringList> IdentityStore::policiesIn(qint64 compartmentRowId) const
{
    auto q =
        m_metadata.exec(QStringLiteral("SELECT name FROM policies WHERE compartment_id = ? ORDER BY name"),
                        {compartmentRowId});
    if (!q)
        return q.error();
    return column(q.value());
}

// ---- repositories

Result<std::optional<IdentityStore::RepositoryLink>>
IdentityStore::repositoryLink(const QString& repository) const
{
    auto q = m_metadata.exec(
        QStringLiteral("SELECT id, compartment_id, is_public FROM repositories WHERE name = ?"),
        {repository});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<RepositoryLink>();
    return std::optional<RepositoryLink>(
        RepositoryLink{q->value(0).toLongLong(), q->value(1).toLongLong(), q->value(2).toBool()});
}

Result<QHash<QString, IdentityStore::RepositoryLink>> IdentityStore::repositoryLinks() const
{
    auto q = m_metadata.exec(QStringLiteral("SELECT name, id, compartment_id, is_public FROM repositories"));
    if (!q)
        return q.error();
    QHash<QString, RepositoryLink> links;
    while (q->next()) {
        links.insert(q->value(0).toString(), RepositoryLink{q->value(1).toLongLong(),
                                                            q->value(2).toLongLong(), q->value(3).toBool()});
    }
    return links;
}

Result<std::optional<CompartmentPath>> IdentityStore::repositoryCompartment(const QString& repository) const
{
    auto q = m_metadata.exec(
        QStringLiteral("WITH RECURSIVE chain (id, parent_id, name, depth) AS ("
                       " SELECT c.id, c.parent_id, c.name, 0 FROM compartments c"
                       " JOIN repositories r ON r.compartment_id = c.id WHERE r.name = ?"
                       " UNION ALL SELECT c.id, c.parent_id, c.name, chain.depth + 1"
                       " FROM compartments c JOIN chain ON c.id = chain.parent_id WHERE chain.depth < 64)"
                       " SELECT name, parent_id IS NULL FROM chain ORDER BY depth DESC"),
        {repository});
    if (!q)
        return q.error();
    QStringList names;
    bool any = false;
    while (q->next()) {
        any = true;
        if (!q->value(1).toBool())
            names << q->value(0).toString();
    }
    if (!any)
        return std::optional<CompartmentPath>();
    return std::optional<CompartmentPath>(CompartmentPath(names));
}

Result<void> IdentityStore::setRepositoryCompartment(qint64 repositoryId, qint64 compartmentRowId)
{
    return run(QStringLiteral("UPDATE repositories SET compartment_id = ? WHERE id = ?"),
               {compartmentRowId, repositoryId});
}

Result<void> IdentityStore::setRepositoryPublic(qint64 repositoryId, bool isPublic)
{
    return run(QStringLiteral("UPDATE repositories SET is_public = ? WHERE id = ?"),
               {isPublic ? 1 : 0, repositoryId});
}

// ---- users

Result<QList<UserRecord>> IdentityStore::users() const
{
    auto q = m_metadata.exec(QStringLiteral("SELECT ") + UserColumns +
                             QStringLiteral(" FROM users ORDER BY name COLLATE NOCASE"));
    if (!q)
        return q.error();
    QList<UserRecord> out;
    while (q->next())
        out << userFrom(q.value());
    for (UserRecord& u : out) {
        auto g = groupsOf(u.rowId);
        if (!g)
            return g.error();
        u.groups = g.value();
        u.administrator = u.groups.contains(QStringLiteral("Administrators"));
    }
    return out;
}

Result<std::optional<UserRecord>> IdentityStore::user(const QString& name, QString* passwordHash) const
{
    auto q = m_metadata.exec(
        QStringLiteral("SELECT ") + UserColumns + QStringLiteral(" FROM users WHERE name = ?"), {name});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<UserRecord>();
    UserRecord u = userFrom(q.value());
    if (passwordHash)
        *passwordHash = q->value(7).toString();
    auto g = groupsOf(u.rowId);
    if (!g)
        return g.error();
    u.groups = g.value();
    u.administrator = u.groups.contains(QStringLiteral("Administrators"));
    return std::optional<UserRecord>(u);
}

Result<int> IdentityStore::userCount() const
{
    auto q = m_metadata.exec(QStringLiteral("SELECT COUNT(*) FROM users"));
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toInt() : 0;
}

Result<qint64> IdentityStore::insertUser(const UserRecord& user, const QString& passwordHash,
                                         const QDateTime& now)
{
    if (auto t = requireTransaction(); !t)
        return t.error();
    auto q =
        m_metadata.exec(QStringLiteral("INSERT INTO users (ocid, name, description, email, password_hash,"
                                       " locked, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                        {user.id, user.name, text(user.description), text(user.email),
                         passwordHash.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : passwordHash,
                         user.locked ? 1 : 0, StoredTime::toColumn(now)});
    if (!q)
        return q.error();
    return q->lastInsertId().toLongLong();
}

Result<void> IdentityStore::updateUser(qint64 rowId, const QString& description, const QString& email,
                                       bool locked)
{
    return run(QStringLiteral("UPDATE users SET description = ?, email = ?, locked = ? WHERE id = ?"),
               {text(description), text(email), locked ? 1 : 0, rowId});
}

Result<void> IdentityStore::setPasswordHash(qint64 rowId, const QString& passwordHash)
{
    return run(QStringLiteral("UPDATE users SET password_hash = ? WHERE id = ?"), {passwordHash, rowId});
}

Result<void> IdentityStore::deleteUser(qint64 rowId)
{
    return run(QStringLiteral("DELETE FROM users WHERE id = ?"), {rowId});
}

// ---- groups

Result<QList<GroupRecord>> IdentityStore::groups() const
{
    auto q = m_metadata.exec(QStringLiteral("SELECT ") + GroupColumns +
                             QStringLiteral(" FROM groups ORDER BY name"));
    if (!q)
        return q.error();
    QList<GroupRecord> out;
    while (q->next())
        out << groupFrom(q.value());
    for (GroupRecord& g : out) {
        auto m = m_metadata.exec(
            QStringLiteral("SELECT u.name FROM group_members m JOIN users u ON u.id = m.user_id"
                           " WHERE m.group_id = ? ORDER BY u.name COLLATE NOCASE"),
            {g.rowId});
        if (!m)
            return m.error();
        g.members = column(m.value());
    }
    return out;
}

Result<std::optional<GroupRecord>> IdentityStore::group(const QString& name) const
{
    auto q = m_metadata.exec(
        QStringLiteral("SELECT ") + GroupColumns + QStringLiteral(" FROM groups WHERE name = ?"), {name});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<GroupRecord>();
    GroupRecord g = groupFrom(q.value());
    auto m =
        m_metadata.exec(QStringLiteral("SELECT u.name FROM group_members m JOIN users u ON u.id = m.user_id"
                                       " WHERE m.group_id = ? ORDER BY u.name COLLATE NOCASE"),
                        {g.rowId});
    if (!m)
        return m.error();
    g.members = column(m.value());
    return std::optional<GroupRecord>(g);
}

Result<qint64> IdentityStore::insertGroup(const QString& id, const QString& name, const QString& description,
                                          const QDateTime& now)
{
    if (auto t = requireTransaction(); !t)
        return t.error();
    auto q = m_metadata.exec(
        QStringLiteral(
            "INSERT INTO groups (ocid, name, description, builtin, created_at) VALUES (?, ?, ?, 0, ?)"),
        {id, name, text(description), StoredTime::toColumn(now)});
    if (!q)
        return q.error();
    return q->lastInsertId().toLongLong();
}

Result<void> IdentityStore::updateGroup(qint64 rowId, const QString& description)
{
    return run(QStringLiteral("UPDATE groups SET description = ? WHERE id = ?"), {text(description), rowId});
}

Result<void> IdentityStore::deleteGroup(qint64 rowId)
{
    return run(QStringLiteral("DELETE FROM groups WHERE id = ? AND builtin = 0"), {rowId});
}

Result<bool> IdentityStore::addMember(qint64 groupRowId, qint64 userRowId, const QDateTime& now)
{
    if (auto t = requireTransaction(); !t)
        return t.error();
    auto q = m_metadata.exec(
        QStringLiteral("INSERT OR IGNORE INTO group_members (group_id, user_id, added_at) VALUES (?, ?, ?)"),
        {groupRowId, userRowId, StoredTime::toColumn(now)});
    if (!q)
        return q.error();
    return q->numRowsAffected() > 0;
}

Result<bool> IdentityStore::removeMember(qint64 groupRowId, qint64 userRowId)
{
    if (auto t = requireTransaction(); !t)
        return t.error();
    auto q = m_metadata.exec(QStringLiteral("DELETE FROM group_members WHERE group_id = ? AND user_id = ?"),
                             {groupRowId, userRowId});
    if (!q)
        return q.error();
    return q->numRowsAffected() > 0;
}

Result<QStringList> IdentityStore::groupsOf(qint64 userRowId) const
{
    auto q =
        m_metadata.exec(QStringLiteral("SELECT g.name FROM group_members m JOIN groups g ON g.id = m.group_id"
                                       " WHERE m.user_id = ? ORDER BY g.name"),
                        {userRowId});
    if (!q)
        return q.error();
    return column(q.value());
}

// ---- auth tokens

Result<QList<AuthTokenRecord>> IdentityStore::authTokens(qint64 userRowId) const
{
    auto q = m_metadata.exec(QStringLiteral("SELECT ") + TokenColumns +
                                 QStringLiteral(" FROM auth_tokens t JOIN users u ON u.id = t.user_id"
                                                " WHERE t.user_id = ? ORDER BY t.created_at, t.id"),
                             {userRowId});
    if (!q)
        return q.error();
    QList<AuthTokenRecord> out;
    while (q->next())
        out << tokenFrom(q.value());
    return out;
}

Result<std::optional<AuthTokenRecord>> IdentityStore::authTokenByHash(const QString& secretSha256,
                                                                      qint64* userRowId) const
{
    auto q = m_metadata.exec(QStringLiteral("SELECT ") + TokenColumns +
                                 QStringLiteral(" FROM auth_tokens t JOIN users u ON u.id = t.user_id"
                                                " WHERE t.secret_sha256 = ?"),
                             {secretSha256});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<AuthTokenRecord>();
    if (userRowId)
        *userRowId = q->value(8).toLongLong();
    return std::optional<AuthTokenRecord>(tokenFrom(q.value()));
}

Result<int> IdentityStore::activeAuthTokenCount(qint64 userRowId) const
{
    auto q = m_metadata.exec(
        QStringLiteral("SELECT COUNT(*) FROM auth_tokens WHERE user_id = ? AND revoked = 0"), {userRowId});
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toInt() : 0;
}

Result<qint64> IdentityStore::insertAuthToken(const QString& id, qint64 userRowId,
                                              const QString& secretSha256, const QString& description,
                                              const QDateTime& now)
{
    if (auto t = requireTransaction(); !t)
        return t.error();
    auto q =
        m_metadata.exec(QStringLiteral("INSERT INTO auth_tokens (ocid, user_id, secret_sha256, description,"
                                       " created_at) VALUES (?, ?, ?, ?, ?)"),
                        {id, userRowId, secretSha256, text(description), StoredTime::toColumn(now)});
    if (!q)
        return q.error();
    return q->lastInsertId().toLongLong();
}

Result<bool> IdentityStore::revokeAuthToken(qint64 rowId, const QDateTime& now)
{
    if (auto t = requireTransaction(); !t)
        return t.error();
    auto q = m_metadata.exec(
        QStringLiteral("UPDATE auth_tokens SET revoked = 1, revoked_at = ? WHERE id = ? AND revoked = 0"),
        {StoredTime::toColumn(now), rowId});
    if (!q)
        return q.error();
    return q->numRowsAffected() > 0;
}

Result<void> IdentityStore::touchAuthToken(qint64 rowId, const QDateTime& now)
{
    return run(QStringLiteral(
                   "UPDATE auth_tokens SET last_used_at = MAX(COALESCE(last_used_at, 0), ?) WHERE id = ?"),
               {StoredTime::toColumn(now), rowId});
}

// ---- network sources

Result<QList<NetworkSourceRecord>> IdentityStore::networkSources() const
{
    auto q = m_metadata.exec(QStringLiteral("SELECT ") + SourceColumns +
                             QStringLiteral(" FROM network_sources ORDER BY name"));
    if (!q)
        return q.error();
    QList<NetworkSourceRecord> out;
    while (q->next())
        out << sourceFrom(q.value());
    return out;
}

Result<std::optional<NetworkSourceRecord>> IdentityStore::networkSource(const QString& name) const
{
    auto q = m_metadata.exec(QStringLiteral("SELECT ") + SourceColumns +
                                 QStringLiteral(" FROM network_sources WHERE name = ?"),
                             {name});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<NetworkSourceRecord>();
    return std::optional<NetworkSourceRecord>(sourceFrom(q.value()));
}

Result<qint64> IdentityStore::insertNetworkSource(const NetworkSourceRecord& source, const QDateTime& now)
{
    if (auto t = requireTransaction(); !t)
        return t.error();
    auto q = m_metadata.exec(QStringLiteral("INSERT INTO network_sources (ocid, name, description, ranges,"
                                            " created_at) VALUES (?, ?, ?, ?, ?)"),
                             {source.id, source.name, text(source.description),
                              source.ranges.join(QLatin1Char('\n')), StoredTime::toColumn(now)});
    if (!q)
        return q.error();
    return q->lastInsertId().toLongLong();
}

Result<void> IdentityStore::updateNetworkSource(qint64 rowId, const QString& description,
                                                const QStringList& ranges)
{
    return run(QStringLiteral("UPDATE network_sources SET description = ?, ranges = ? WHERE id = ?"),
               {text(description), ranges.join(QLatin1Char('\n')), rowId});
}

Result<void> IdentityStore::deleteNetworkSource(qint64 rowId)
{
    return run(QStringLiteral("DELETE FROM network_sources WHERE id = ?"), {rowId});
}

// ---- policies

Result<QList<PolicyRecord>> IdentityStore::policies() const
{
    auto q = m_metadata.exec(QStringLiteral("SELECT ") + PolicyColumns +
                             QStringLiteral(" FROM policies p JOIN compartments c ON c.id = p.compartment_id"
                                            " ORDER BY p.compartment_id, p.name"));
    if (!q)
        return q.error();
    QList<PolicyRecord> out;
    while (q->next())
        out << policyFrom(q.value());
    return out;
}

Result<std::optional<PolicyRecord>> IdentityStore::policy(qint64 compartmentRowId, const QString& name) const
{
    auto q =
        m_metadata.exec(QStringLiteral("SELECT ") + PolicyColumns +
                            QStringLiteral(" FROM policies p JOIN compartments c ON c.id = p.compartment_id"
                                           " WHERE p.compartment_id = ? AND p.name = ?"),
                        {compartmentRowId, name});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<PolicyRecord>();
    return std::optional<PolicyRecord>(policyFrom(q.value()));
}

Result<qint64> IdentityStore::insertPolicy(const PolicyRecord& policy, const QDateTime& now)
{
    if (auto t = requireTransaction(); !t)
        return t.error();
    auto q =
        m_metadata.exec(QStringLiteral("INSERT INTO policies (ocid, compartment_id, name, description,"
                                       " statements, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                        {policy.id, policy.compartmentRowId, policy.name, text(policy.description),
                         text(policy.statements), StoredTime::toColumn(now), StoredTime::toColumn(now)});
    if (!q)
        return q.error();
    return q->lastInsertId().toLongLong();
}

Result<void> IdentityStore::updatePolicy(qint64 rowId, const QString& description, const QString& statements,
                                         const QDateTime& now)
{
    return run(
        QStringLiteral("UPDATE policies SET description = ?, statements = ?, updated_at = ? WHERE id = ?"),
        {text(description), text(statements), StoredTime::toColumn(now), rowId});
}

Result<void> IdentityStore::deletePolicy(qint64 rowId)
{
    return run(QStringLiteral("DELETE FROM policies WHERE id = ?"), {rowId});
}

} // namespace berth
