#include "iam/AuthorizationDecision.h"

namespace berth {

namespace {

QString quotedVerb(Verb v)
{
    return QLatin1Char('\'') + IamVocabulary::verbName(v) + QLatin1Char('\'');
}

QString subjectPhrase(const AuthorizationDecision& d)
{
    if (d.groups.size() == 1)
        return QStringLiteral("group ") + d.groups.first();
    if (d.groups.isEmpty())
        return QStringLiteral("user %1 (in no group)").arg(d.userName);
    return QStringLiteral("user %1 (groups %2)").arg(d.userName, d.groups.join(QStringLiteral(", ")));
}

QString locationProblem(const AuthorizationDecision& d)
{
    const QString where = d.statementLocation.describe();
    if (d.targetCompartment.contains(d.statementLocation))
        return QStringLiteral("%1, which is inside %2 (a statement covers its compartment and the ones below "
                              "it, never the ones above)")
            .arg(where, d.targetCompartment.describe());
    return QStringLiteral("%1, which does not contain %2").arg(where, d.targetCompartment.describe());
}

} // namespace

QString AuthorizationDecision::explanation() const
{
    const QString statementRef = QStringLiteral("policy %1 line %2").arg(policyName).arg(line);
    switch (reason) {
    case DecisionReason::AllowedByStatement:
        return QStringLiteral("allowed by %1: %2").arg(statementRef, statementText);
    case DecisionReason::AllowedAsAdministrator:
        return QStringLiteral("allowed: %1 is in the Administrators group, which may do everything")
            .arg(userName);
    case DecisionReason::DeniedAnonymous:
        return QStringLiteral("anonymous requests match no policy statement, not even any-user ones; sign in "
                              "(public repositories can be pulled anonymously without any policy)");
    default:
        break;
    }
    const QString base = QStringLiteral("no statement grants %1 %2 on %3 in %4")
                             .arg(subjectPhrase(*this), quotedVerb(requiredVerb),
                                  IamVocabulary::resourceTypeName(IamVocabulary::resourceTypeOf(permission)),
                                  targetCompartment.describe());
    switch (reason) {
    case DecisionReason::DeniedNoStatementForSubject:
        if (groups.isEmpty())
            return base +
                   QStringLiteral("; %1 is in no group and no statement is for any-user").arg(userName);
        return base + QStringLiteral("; no statement in any policy names %1 or any-user")
                          .arg(groups.size() == 1
                                   ? QStringLiteral("group ") + groups.first()
                                   : QStringLiteral("the groups ") + groups.join(QStringLiteral(", ")));
    case DecisionReason::DeniedVerbTooWeak:
        if (outsideLocation)
            return base + QStringLiteral("; the closest, %1, grants %2 only %3, and in %4")
                              .arg(statementRef, statementSubject, quotedVerb(statementVerb),
                                   locationProblem(*this));
        return base + QStringLiteral("; the closest, %1, grants %2 only %3")
                          .arg(statementRef, statementSubject, quotedVerb(statementVerb));
    case DecisionReason::DeniedOutsideLocation:
        return base +
               QStringLiteral("; the closest, %1, grants %2 %3 but in %4")
                   .arg(statementRef, statementSubject, quotedVerb(statementVerb), locationProblem(*this));
    case DecisionReason::DeniedConditionFalse:
        return base + QStringLiteral("; %1 would allow it, but %2").arg(statementRef, conditionDetail);
    default:
        break;
    }
    return base;
}

QJsonObject AuthorizationDecision::toJson() const
{
    QJsonObject o{{QStringLiteral("allowed"), allowed},
                  {QStringLiteral("reason"), reasonName(reason)},
                  {QStringLiteral("permission"), IamVocabulary::permissionName(permission)},
                  {QStringLiteral("requiredVerb"), IamVocabulary::verbName(requiredVerb)},
                  {QStringLiteral("compartment"), targetCompartment.toString()},
                  {QStringLiteral("explanation"), explanation()}};
    if (hasStatement) {
        o.insert(QStringLiteral("statement"),
                 QJsonObject{
                     {QStringLiteral("policy"), policyName},
                     {QStringLiteral("policyCompartment"), policyCompartment.toString()},
                     {QStringLiteral("line"), line},
                     {QStringLiteral("text"), statementText},
                     {QStringLiteral("subject"), statementSubject},
                     {QStringLiteral("verb"), IamVocabulary::verbName(statementVerb)},
                     {QStringLiteral("resourceType"), IamVocabulary::resourceTypeName(statementResourceType)},
                     {QStringLiteral("location"), statementLocation.toString()}});
    }
    if (!conditionDetail.isEmpty())
        o.insert(QStringLiteral("conditionDetail"), conditionDetail);
    return o;
}

QString AuthorizationDecision::reasonName(DecisionReason r)
{
    switch (r) {
    case DecisionReason::AllowedByStatement:
        return QStringLiteral("allowed-by-statement");
    case DecisionReason::AllowedAsAdministrator:
        return QStringLiteral("allowed-as-administrator");
    case DecisionReason::DeniedAnonymous:
        return QStringLiteral("denied-anonymous");
    case DecisionReason::DeniedNoStatementForSubject:
        return QStringLiteral("denied-no-statement-for-subject");
    case DecisionReason::DeniedVerbTooWeak:
        return QStringLiteral("denied-verb-too-weak");
    case DecisionReason::DeniedOutsideLocation:
        return QStringLiteral("denied-outside-location");
    case DecisionReason::DeniedConditionFalse:
        return QStringLiteral("denied-condition-false");
    }
    return QString();
}

} // namespace berth
