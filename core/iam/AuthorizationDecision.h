#pragma once

#include "iam/CompartmentPath.h"
#include "iam/Permission.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace berth {

/// Why the Authorizer decided as it did.
enum class DecisionReason
{
    AllowedByStatement,          ///< a statement grants it (policyName, line, statementText say which)
    AllowedAsAdministrator,      ///< the user is in the built-in Administrators group
    DeniedAnonymous,             ///< anonymous requests match no statement
    DeniedNoStatementForSubject, ///< no statement names any of the user's groups or any-user
    DeniedVerbTooWeak,           ///< the closest statement covers the compartment with a weaker verb
    DeniedOutsideLocation,       ///< the closest statement grants a strong enough verb elsewhere
    DeniedConditionFalse,        ///< a statement would allow it but its condition is false
};

/// The Authorizer's answer, structured, with explanation() for people (the "explain" feature).
/// For denials, the statement fields describe the closest statement, when there is one.
struct AuthorizationDecision
{
    bool allowed = false;
    DecisionReason reason = DecisionReason::DeniedNoStatementForSubject;

    // What was asked.
    Permission permission = Permission::RepositoryInspect;
    Verb requiredVerb = Verb::Inspect;
    CompartmentPath targetCompartment;
    QString userName;
    QStringList groups;

    // The allowing statement, or the closest one for a denial (hasStatement false when none).
    bool hasStatement = false;
    QString policyName;
    CompartmentPath policyCompartment;
    int line = 0;
    QString statementText;
    QString statementSubject; ///< how the statement matched: "group Developers" or "any-user"
    Verb statementVerb = Verb::Inspect;
    ResourceType statementResourceType = ResourceType::Repos;
    CompartmentPath statementLocation; ///< resolved against the policy's compartment
    bool verbTooWeak = false;          ///< for denials: the statement's verb is not enough
    bool outsideLocation = false;      ///< for denials: the statement's location does not cover the target
    QString conditionDetail;           ///< for DeniedConditionFalse: which part was false and why

    /// One or two sentences for the API, the CLI and logs, e.g.
    /// "no statement grants group Developers 'use' on repos in compartment Apps:Backend; the
    ///  closest, policy dev-read line 2, grants only 'read'".
    QString explanation() const;
    /// The structured form for the API: allowed, reason, permission, requiredVerb, compartment,
    /// explanation, and a "statement" object (policy, policyCompartment, line, text, subject, verb,
    /// resourceType, location) when there is one, plus conditionDetail for false conditions.
    QJsonObject toJson() const;
    static QString reasonName(DecisionReason reason);
};

} // namespace berth
