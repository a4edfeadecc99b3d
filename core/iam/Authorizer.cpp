#include "iam/Authorizer.h"

#include "iam/PolicyCondition.h"

namespace berth {

Authorizer::Authorizer() : m_data(std::make_shared<Data>()) {}

Authorizer::Authorizer(QVector<AttachedPolicy> policies, QVector<NetworkSource> networkSources)
{
    auto data = std::make_shared<Data>();
    data->policies = std::move(policies);
    data->networkSources = std::move(networkSources);
    for (int p = 0; p < data->policies.size(); ++p) {
        const AttachedPolicy& policy = data->policies.at(p);
        for (int s = 0; s < policy.statements.size(); ++s) {
            const PolicyStatement& st = policy.statements.at(s);
            if (st.inTenancy && !policy.compartment.isTenancy()) {
                ++data->ignored;
                continue;
            }
            Compiled c;
            c.policy = p;
            c.statement = s;
            c.location = st.resolvedLocation(policy.compartment);
            c.mask = IamVocabulary::grantedMask(st.verb, st.resourceType);
            c.usesNetworkSource = st.condition && st.condition->usesNetworkSource();
            const int index = data->compiled.size();
            data->compiled.append(std::move(c));
            if (st.anyUser) {
                data->anyUser.append(index);
                continue;
            }
            for (const QString& group : st.groups) {
                QVector<int>& list = data->byGroup[group];
                if (list.isEmpty() || list.last() != index)
                    list.append(index);
            }
        }
    }
    m_data = std::move(data);
}

int Authorizer::statementCount() const
{
    return m_data->compiled.size();
}

int Authorizer::ignoredStatementCount() const
{
    return m_data->ignored;
}

AuthorizationDecision Authorizer::authorize(const AuthorizationRequest& request) const
{
    const Data& data = *m_data;
    const AuthorizationSubject& subject = request.subject;
    AuthorizationDecision decision;
    decision.permission = request.permission;
    decision.requiredVerb = IamVocabulary::minimumVerb(request.permission);
    decision.targetCompartment = request.target.compartment;
    decision.userName = subject.userName;
    decision.groups = subject.groups;

    if (subject.anonymous) {
        decision.reason = DecisionReason::DeniedAnonymous;
        return decision;
    }
    if (subject.administrator) {
        decision.allowed = true;
        decision.reason = DecisionReason::AllowedAsAdministrator;
        return decision;
    }

    const QString compartmentName = request.target.compartment.name();
    ConditionInput input = conditionInput(request, compartmentName);
    bool addressParsed = false;
    const int best = firstAllowing(request, input, addressParsed);

    if (best >= 0) {
        decision.allowed = true;
        decision.reason = DecisionReason::AllowedByStatement;
        const PolicyStatement& st =
            data.policies.at(data.compiled.at(best).policy).statements.at(data.compiled.at(best).statement);
        QString matchedBy = QStringLiteral("any-user");
        if (!st.anyUser) {
            for (const QString& g : subject.groups) {
                if (st.groups.contains(g)) {
                    matchedBy = QStringLiteral("group ") + g;
                    break;
                }
            }
        }
        fillStatement(decision, best, matchedBy);
        return decision;
    }
    if (!addressParsed)
        input.clientAddress = IpAddress::parse(request.context.clientAddress);
    return explainDenial(request, std::move(decision), input);
}

bool Authorizer::allows(const AuthorizationRequest& request) const
{
    const AuthorizationSubject& subject = request.subject;
    if (subject.anonymous)
        return false;
    if (subject.administrator)
        return true;
    const QString compartmentName = request.target.compartment.name();
    ConditionInput input = conditionInput(request, compartmentName);
    bool addressParsed = false;
    return firstAllowing(request, input, addressParsed) >= 0;
}

ConditionInput Authorizer::conditionInput(const AuthorizationRequest& request,
                                          const QString& compartmentName) const
{
    // Pointers into the request and compartmentName: the input lives no longer than both.
    ConditionInput input;
    input.repoName = &request.target.repository;
    input.tag = request.target.tag ? &*request.target.tag : nullptr;
    input.userName =
        request.context.userName.isEmpty() ? &request.subject.userName : &request.context.userName;
    input.compartmentName = &compartmentName;
    input.clientAddressText = &request.context.clientAddress;
    input.networkSources = &m_data->networkSources;
    return input;
}

int Authorizer::firstAllowing(const AuthorizationRequest& request, ConditionInput& input,
                              bool& addressParsed) const
{
    const Data& data = *m_data;
    const quint32 bit = 1u << static_cast<int>(request.permission);
    // The earliest allowing statement wins, so the answer does not depend on group order.
    int best = -1;
    const auto scan = [&](const QVector<int>& list) {
        for (int index : list) {
            if (best >= 0 && index >= best)
                return;
            const Compiled& c = data.compiled.at(index);
            if (!(c.mask & bit) || !c.location.contains(request.target.compartment))
                continue;
            const PolicyStatement& st = data.policies.at(c.policy).statements.at(c.statement);
            if (st.condition) {
                if (c.usesNetworkSource && !addressParsed) {
                    input.clientAddress = IpAddress::parse(request.context.clientAddress);
                    addressParsed = true;
                }
                if (!st.condition->evaluate(input))
                    continue;
            }
            best = index;
            return;
        }
    };
    scan(data.anyUser);
    for (const QString& group : request.subject.groups) {
        const auto it = data.byGroup.constFind(group);
        if (it != data.byGroup.constEnd())
            scan(*it);
    }
    return best;
}

void Authorizer::fillStatement(AuthorizationDecision& d, int compiledIndex, const QString& subject) const
{
    const Compiled& c = m_data->compiled.at(compiledIndex);
    const AttachedPolicy& policy = m_data->policies.at(c.policy);
    const PolicyStatement& st = policy.statements.at(c.statement);
    d.hasStatement = true;
    d.policyName = policy.name;
    d.policyCompartment = policy.compartment;
    d.line = st.line;
    d.statementText = st.text;
    d.statementSubject = subject;
    d.statementVerb = st.verb;
    d.statementResourceType = st.resourceType;
    d.statementLocation = c.location;
}

AuthorizationDecision Authorizer::explainDenial(const AuthorizationRequest& request,
                                                AuthorizationDecision decision,
                                                const ConditionInput& input) const
{
    const Data& data = *m_data;
    const quint32 bit = 1u << static_cast<int>(request.permission);
    const ResourceType neededType = IamVocabulary::resourceTypeOf(request.permission);

    // Every statement for this subject, with how it matched, in statement order.
    QVector<QPair<int, QString>> candidates;
    for (int index : data.anyUser)
        candidates.append({index, QStringLiteral("any-user")});
    for (const QString& group : request.subject.groups) {
        const auto it = data.byGroup.constFind(group);
        if (it == data.byGroup.constEnd())
            continue;
        for (int index : *it)
            candidates.append({index, QStringLiteral("group ") + group});
    }
    std::stable_sort(
        candidates.begin(), candidates.end(),
        [](const QPair<int, QString>& a, const QPair<int, QString>& b) { return a.first < b.first; });

    // Rank: condition false (3) > covers the compartment, weaker verb (2, stronger verb first) >
    // strong enough verb elsewhere (1) > weaker verb elsewhere (0).
    int bestRank = -1;
    int bestVerb = -1;
    int bestIndex = -1;
    QString bestSubject;
    for (const auto& [index, subject] : candidates) {
        const Compiled& c = data.compiled.at(index);
        const PolicyStatement& st = data.policies.at(c.policy).statements.at(c.statement);
        if (st.resourceType != ResourceType::AllResources && st.resourceType != neededType)
            continue;
        const bool verbOk = c.mask & bit;
        const bool placeOk = c.location.contains(request.target.compartment);
        const int rank = verbOk && placeOk ? 3 : placeOk ? 2 : verbOk ? 1 : 0;
        const int verb = static_cast<int>(st.verb);
        if (rank > bestRank || (rank == bestRank && rank != 3 && verb > bestVerb)) {
            bestRank = rank;
            bestVerb = verb;
            bestIndex = index;
            bestSubject = subject;
        }
    }
    if (bestIndex < 0) {
        decision.reason = DecisionReason::DeniedNoStatementForSubject;
        return decision;
    }
    fillStatement(decision, bestIndex, bestSubject);
    const Compiled& c = data.compiled.at(bestIndex);
    decision.verbTooWeak = !(c.mask & bit);
    decision.outsideLocation = !c.location.contains(request.target.compartment);
    if (bestRank == 3) {
        decision.reason = DecisionReason::DeniedConditionFalse;
        const PolicyStatement& st = data.policies.at(c.policy).statements.at(c.statement);
        decision.conditionDetail = st.condition ? st.condition->explainFalse(input) : QString();
    } else if (decision.verbTooWeak) {
        decision.reason = DecisionReason::DeniedVerbTooWeak;
    } else {
        decision.reason = DecisionReason::DeniedOutsideLocation;
    }
    return decision;
}

} // namespace berth
