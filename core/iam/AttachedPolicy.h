#pragma once

#include "iam/CompartmentPath.h"
#include "iam/PolicyStatement.h"

#include <QString>
#include <QVector>

namespace berth {

/// A named policy, the compartment it is attached to and its parsed statements: what the
/// Authorizer reads. (Storage of policies belongs to the identity store, not here.)
struct AttachedPolicy
{
    QString name;
    CompartmentPath compartment; ///< where the policy is attached; locations resolve against it
    QVector<PolicyStatement> statements;
};

} // namespace berth
