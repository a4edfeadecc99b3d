#pragma once

#include "retention/RetentionPolicy.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <QList>

namespace berth {

class MetadataStore;

/// The retention policies in the metadata database (table retention_policies). Validates what it stores:
/// a name of 1-100 letters, digits, '-', '_' and '.', unique; an existing compartment or repository;
/// rules that RetentionRules::fromJson accepts. Errors are IamErrors (INVALID, NOT_FOUND,
/// ALREADY_EXISTS) with a message saying what to change. Thread-safe (writes go through transactions).
class RetentionPolicyStore
{
public:
    RetentionPolicyStore(MetadataStore& metadata, Clock& clock);

    /// Every policy, by name.
    Result<QList<RetentionPolicy>> list() const;
    /// NOT_FOUND when there is none of that name.
    Result<RetentionPolicy> get(const QString& name) const;
    /// Stores a new policy (rowId, id and times are set here).
    Result<RetentionPolicy> create(const RetentionPolicy& policy);
    /// Replaces description, target, enabled and rules of the policy `name` (its name may change too).
    Result<RetentionPolicy> update(const QString& name, const RetentionPolicy& policy);
    Result<void> remove(const QString& name);

    /// The policies that apply to the repository: on it, on its compartment or any compartment above.
    /// Only enabled ones unless includeDisabled.
    Result<QList<RetentionPolicy>> policiesFor(const QString& repository, bool includeDisabled = false) const;
    /// The names of the repositories the policy applies to, in byte order.
    Result<QStringList> repositoriesCovered(const RetentionPolicy& policy) const;

    /// Why `name` is not acceptable as a policy name, or an empty string.
    static QString nameProblem(const QString& name);

private:
    Result<QList<RetentionPolicy>> select(const QString& where, const QVariantList& values) const;
    Result<void> check(const RetentionPolicy& policy, const QString& previousName) const;
    Result<std::pair<QVariant, QVariant>> targetColumns(const RetentionPolicy& policy) const;

    MetadataStore& m_metadata;
    Clock& m_clock;
};

} // namespace berth
