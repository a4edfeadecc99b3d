#pragma once

#include "iam/IdentityService.h"
#include "iam/IdentityStore.h"
#include "iam/PolicyParser.h"

#include <functional>
#include <mutex>

namespace berth {

/// IdentityService's state and the helpers its sections share (IdentityService.cpp,
/// IdentityServiceCompartments.cpp, IdentityServiceUsers.cpp, IdentityServiceGroups.cpp,
/// IdentityServiceAuthTokens.cpp, IdentityServiceNetworkSources.cpp, IdentityServicePolicies.cpp).
/// Internal to core/iam: nothing outside IdentityService includes it.
struct IdentityService::Private
{
    explicit Private(MetadataStore& m);

    MetadataStore& metadata;
    IdentityStore store;

    // ---- the cached authorizer: every policy parsed, the network sources, an Authorizer over both
    struct PolicyCache
    {
        QVector<AttachedPolicy> policies;
        QVector<NetworkSource> sources;
        std::shared_ptr<const Authorizer> authorizer;
        std::shared_ptr<const CompartmentTree> tree; ///< the compartments as the policies were read
    };
    mutable std::mutex cacheMutex;
    mutable std::shared_ptr<const PolicyCache> cache;
    mutable quint64 generation = 0; ///< bumped by every change that affects policies

    /// Drops the cache; called after every change to compartments, network sources or policies.
    void invalidate();
    /// The cache, built from the database when there is none (kept unless a change came meanwhile).
    Result<std::shared_ptr<const PolicyCache>> loadCache() const;

    // ---- the cached subjects: user name as asked -> name as stored, groups, administrator.
    // Dropped by every identity change (identityEvent, emitted after each commit) and by invalidate();
    // an entry read while a change was committing is not kept (subjectGeneration moved meanwhile).
    mutable std::mutex subjectMutex;
    mutable QHash<QString, AuthorizationSubject> subjects;
    mutable quint64 subjectGeneration = 0;
    void invalidateSubjects();

    // ---- lookups that refuse with NOT_FOUND
    Result<CompartmentTree> tree() const;
    Result<const CompartmentRecord*> find(const CompartmentTree& tree, const CompartmentPath& path) const;
    Result<UserRecord> findUser(const QString& name, QString* hash = nullptr) const;
    Result<GroupRecord> findGroup(const QString& name) const;

    struct MembershipChange
    {
        GroupRecord group; ///< as it is afterwards
        QString member;    ///< the user's name as stored
        bool changed = false;
    };
    /// In one transaction: finds the group and the user (NOT_FOUND otherwise), lets `change` add or
    /// remove the membership (it says whether anything changed) and reads the group again.
    Result<MembershipChange> changeMembership(
        const QString& groupName, const QString& userName,
        const std::function<Result<bool>(const GroupRecord& group, const UserRecord& user)>& change);

    /// PROTECTED with `refusal` when Administrators has no unlocked member besides the user `userRow`
    /// (the last administrator cannot be locked, deleted or removed from the group).
    Result<void> requireAnotherAdministrator(qint64 userRow, const QString& refusal) const;

    /// The groups, compartments and network sources a policy attached at `attachedTo` may name.
    Result<PolicyValidationContext> validationContext(const CompartmentTree& tree,
                                                      const CompartmentPath& attachedTo) const;

    // ---- checks and phrasing shared by the sections
    /// Why `name` is not a valid group, network source or policy name (`kind` says which), or "".
    static QString nameProblem(const QString& kind, const QString& name);
    /// Why `description` is too long, or "".
    static QString descriptionProblem(const QString& description);
    /// Why `email` cannot be a user's email address, or "".
    static QString emailProblem(const QString& email);
    /// The first `max` names, joined with commas, and how many more there are.
    static QString listed(const QStringList& names, int max = 5);
    /// "1 policy", "3 policies".
    static QString counted(int n, const QString& one, const QString& many);
};

} // namespace berth
