#pragma once

#include "iam/CompartmentPath.h"
#include "iam/Permission.h"
#include "iam/PolicyCondition.h"

#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

namespace berth {

/// One parsed policy statement:
///   Allow <subject> to <verb> <resource-type> in <location> [where <condition>]
/// Columns are 1-based positions in the statement's line, kept for validation messages.
struct PolicyStatement
{
    QString text; ///< the statement as written, trimmed
    int line = 0; ///< 1-based line in the policy text

    bool anyUser = false; ///< `any-user` (matches every signed-in user, never anonymous requests)
    QStringList groups;   ///< `group A, group B` (case-sensitive names)
    QVector<int> groupColumns;

    Verb verb = Verb::Inspect;
    ResourceType resourceType = ResourceType::Repos;

    bool inTenancy = false;   ///< `in tenancy`
    CompartmentPath location; ///< `in compartment A:B`, relative to where the policy is attached
    int locationColumn = 0;   ///< column of `tenancy` or of the compartment path

    std::optional<PolicyCondition> condition;

    /// "group Developers", "group A, group B" or "any-user".
    QString subjectText() const
    {
        if (anyUser)
            return QStringLiteral("any-user");
        QStringList parts;
        for (const QString& g : groups)
            parts.append(QStringLiteral("group ") + g);
        return parts.join(QStringLiteral(", "));
    }
    /// The compartment the statement covers, for a policy attached to `attachedTo`.
    CompartmentPath resolvedLocation(const CompartmentPath& attachedTo) const
    {
        return inTenancy ? CompartmentPath::tenancy() : attachedTo.resolved(location);
    }
};

} // namespace berth
