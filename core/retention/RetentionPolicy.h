#pragma once

#include "iam/CompartmentPath.h"
#include "retention/RetentionRules.h"

#include <QDateTime>
#include <QString>

namespace berth {

/// One retention policy: its rules and where it applies. A policy on a compartment applies to every
/// repository in that compartment and in the compartments below it; a policy on a repository to that
/// repository only. Exactly one of `compartment` / `repository` is used (repository empty: compartment).
struct RetentionPolicy
{
    qint64 rowId = 0; ///< internal database key; 0 until stored
    QString id;       ///< ocid1.retentionpolicy.berth..<hex>
    QString name;     ///< unique in the registry
    QString description;
    CompartmentPath compartment; ///< where it applies when `repository` is empty
    QString repository;          ///< the one repository it applies to, or empty
    bool enabled = true;         ///< disabled policies are not run by the schedule (a plan still works)
    RetentionRules rules;
    QDateTime createdAt;
    QDateTime updatedAt;

    bool onRepository() const { return !repository.isEmpty(); }
    /// "repository team/app" or "compartment Apps" / "the tenancy", for messages.
    QString describeTarget() const;
};

} // namespace berth
