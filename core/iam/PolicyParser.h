#pragma once

#include "iam/CompartmentPath.h"
#include "iam/PolicyError.h"
#include "iam/PolicyStatement.h"

#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

namespace berth {

/// What parse() found: the statements, or the errors (one per bad line; good lines are still
/// returned so an editor can show everything at once).
struct PolicyParseResult
{
    QVector<PolicyStatement> statements;
    QVector<PolicyError> errors;

    bool ok() const { return errors.isEmpty(); }
};

/// What validate() checks names against. A nullopt list is not checked.
struct PolicyValidationContext
{
    CompartmentPath attachedTo; ///< where the policy is (to be) attached
    std::optional<QStringList> groups;
    std::optional<QVector<CompartmentPath>> compartments; ///< absolute paths (the tenancy is implied)
    std::optional<QStringList> networkSources;
};

/// The policy language, one statement per line:
///   Allow <subject> to <verb> <resource-type> in <location> [where <condition>]
/// subject:   group <Name> [, [group] <Name>]... | any-user
/// verb:      inspect | read | use | manage
/// resource:  repos | repositories | all-resources
/// location:  tenancy | compartment <Name>[:<Name>]...   (relative to the attachment compartment)
/// condition: <variable> (= | !=) ('value' | /value/) | all { c, ... } | any { c, ... }
/// Keywords and variable names are case-insensitive; names and values are case-sensitive. Blank
/// lines and lines starting with '#' are ignored.
class PolicyParser
{
public:
    static PolicyParseResult parse(const QString& text);

    /// Reports names the statements use that do not exist (groups, compartments, network
    /// sources), with a suggestion when one is close, and `in tenancy` in a policy attached
    /// below the tenancy.
    static QVector<PolicyError> validate(const QVector<PolicyStatement>& statements,
                                         const PolicyValidationContext& context);

    /// parse() then validate(); errors of both kinds, in line order.
    static PolicyParseResult parseAndValidate(const QString& text, const PolicyValidationContext& context);
};

} // namespace berth
