#pragma once

#include "iam/CompartmentTree.h"
#include "iam/IdentityTypes.h"
#include "util/Result.h"

#include <optional>

namespace berth {

class MetadataStore;

/// The identity tables in the registry's metadata database (schema version 3): compartments, the
/// repository -> compartment link and public flag, users, groups, memberships, auth tokens, network
/// sources and policies. Plain SQL, no rules: IdentityService (and RegistryService for repositories)
/// decide what is allowed. Writes must run inside MetadataStore::transaction().
class IdentityStore
{
public:
    explicit IdentityStore(MetadataStore& metadata) : m_metadata(metadata) {}

    // ---- compartments
    Result<CompartmentTree> compartmentTree() const;
    /// The row of the compartment at `path`, walking name by name (no full table read).
    Result<std::optional<qint64>> compartmentRowId(const CompartmentPath& path) const;
    Result<CompartmentPath> compartmentPathOf(qint64 rowId) const;
    Result<qint64> insertCompartment(const QString& id, qint64 parentRowId, const QString& name,
                                     const QString& description, const QDateTime& now);
    Result<void> updateCompartment(qint64 rowId, qint64 parentRowId, const QString& name,
                                   const QString& description);
    Result<void> deleteCompartment(qint64 rowId);
    /// Names of what a compartment holds directly.
    Result<QStringList> repositoriesIn(qint64 compartmentRowId) const;
    Result<QStringList> policiesIn(qint64 compartmentRowId) const;

    // ---- repositories
    struct RepositoryLink
    {
        qint64 repositoryId = 0;
        qint64 compartmentRowId = 1;
        bool isPublic = false;
    };
    Result<std::optional<RepositoryLink>> repositoryLink(const QString& repository) const;
    /// Every repository's link, by name, in one query (for filtering listings in memory).
    Result<QHash<QString, RepositoryLink>> repositoryLinks() const;
    /// The repository's compartment path in one query; nullopt when the repository does not exist.
    Result<std::optional<CompartmentPath>> repositoryCompartment(const QString& repository) const;
    Result<void> setRepositoryCompartment(qint64 repositoryId, qint64 compartmentRowId);
    Result<void> setRepositoryPublic(qint64 repositoryId, bool isPublic);

    // ---- users (groups filled in)
    Result<QList<UserRecord>> users() const;
    /// Case-insensitive lookup; `passwordHash` receives the stored hash when given.
    Result<std::optional<UserRecord>> user(const QString& name, QString* passwordHash = nullptr) const;
    Result<int> userCount() const;
    Result<qint64> insertUser(const UserRecord& user, const QString& passwordHash, const QDateTime& now);
    Result<void> updateUser(qint64 rowId, const QString& description, const QString& email, bool locked);
    Result<void> setPasswordHash(qint64 rowId, const QString& passwordHash);
    Result<void> deleteUser(qint64 rowId);

    // ---- groups (members filled in)
    Result<QList<GroupRecord>> groups() const;
    Result<std::optional<GroupRecord>> group(const QString& name) const;
    Result<qint64> insertGroup(const QString& id, const QString& name, const QString& description,
                               const QDateTime& now);
    Result<void> updateGroup(qint64 rowId, const QString& description);
    Result<void> deleteGroup(qint64 rowId);
    /// True when the membership is new.
    Result<bool> addMember(qint64 groupRowId, qint64 userRowId, const QDateTime& now);
    /// True when it existed.
    Result<bool> removeMember(qint64 groupRowId, qint64 userRowId);
    Result<QStringList> groupsOf(qint64 userRowId) const;

    // ---- auth tokens
    Result<QList<AuthTokenRecord>> authTokens(qint64 userRowId) const;
    /// The token with this secret hash, with the row id of its user.
    Result<std::optional<AuthTokenRecord>> authTokenByHash(const QString& secretSha256,
                                                           qint64* userRowId) const;
    Result<int> activeAuthTokenCount(qint64 userRowId) const;
    Result<qint64> insertAuthToken(const QString& id, qint64 userRowId, const QString& secretSha256,
                                   const QString& description, const QDateTime& now);
    /// True when the token was active.
    Result<bool> revokeAuthToken(qint64 rowId, const QDateTime& now);
    Result<void> touchAuthToken(qint64 rowId, const QDateTime& now);

    // ---- network sources
    Result<QList<NetworkSourceRecord>> networkSources() const;
    Result<std::optional<NetworkSourceRecord>> networkSource(const QString& name) const;
    Result<qint64> insertNetworkSource(const NetworkSourceRecord& source, const QDateTime& now);
    Result<void> updateNetworkSource(qint64 rowId, const QString& description, const QStringList& ranges);
    Result<void> deleteNetworkSource(qint64 rowId);

    // ---- policies (compartment paths filled in by the caller, who holds the tree)
    Result<QList<PolicyRecord>> policies() const;
    Result<std::optional<PolicyRecord>> policy(qint64 compartmentRowId, const QString& name) const;
    Result<qint64> insertPolicy(const PolicyRecord& policy, const QDateTime& now);
    Result<void> updatePolicy(qint64 rowId, const QString& description, const QString& statements,
                              const QDateTime& now);
    Result<void> deletePolicy(qint64 rowId);

private:
    Result<void> requireTransaction() const;
    Result<void> run(const QString& sql, const QVariantList& values) const;

    MetadataStore& m_metadata;
};

} // namespace berth
