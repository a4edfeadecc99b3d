#pragma once

#include "iam/AttachedPolicy.h"
#include "iam/AuthorizationDecision.h"
#include "iam/AuthorizationRequest.h"
#include "iam/NetworkSource.h"

#include <QHash>
#include <QVector>
#include <memory>

namespace berth {

struct ConditionInput;

/// Decides requests against policies, deny by default. Built once from the policies and network
/// sources (patterns compiled, statements indexed by group), then immutable: one Authorizer can
/// serve any number of threads; build a new one when policies change.
///
/// A statement allows a request when its subject names one of the user's groups (or is
/// any-user), its verb grants the permission on its resource type, its location (resolved
/// against the compartment its policy is attached to) is the target's compartment or an
/// ancestor of it, and its condition holds. Administrators are allowed everything; anonymous
/// subjects match nothing. Statements saying `in tenancy` in a policy attached below the tenancy
/// are invalid (PolicyParser::validate reports them) and never allow anything.
class Authorizer
{
public:
    Authorizer();
    Authorizer(QVector<AttachedPolicy> policies, QVector<NetworkSource> networkSources);

    AuthorizationDecision authorize(const AuthorizationRequest& request) const;
    /// The same answer as authorize(request).allowed, without building the decision: no statement
    /// details, no analysis of denials (for filtering listings and other quiet checks).
    bool allows(const AuthorizationRequest& request) const;

    int statementCount() const;
    /// Statements ignored because they are invalid where their policy is attached.
    int ignoredStatementCount() const;

private:
    struct Compiled
    {
        int policy = 0;
        int statement = 0;
        CompartmentPath location;
        quint32 mask = 0; ///< permissions granted (bit per Permission)
        bool usesNetworkSource = false;
    };
    struct Data
    {
        QVector<AttachedPolicy> policies;
        QVector<NetworkSource> networkSources;
        QVector<Compiled> compiled;
        QHash<QString, QVector<int>> byGroup; ///< group name -> compiled indices, ascending
        QVector<int> anyUser;
        int ignored = 0;
    };

    /// The earliest statement allowing the request for a signed-in non-administrator, or -1.
    ConditionInput conditionInput(const AuthorizationRequest& request, const QString& compartmentName) const;
    int firstAllowing(const AuthorizationRequest& request, ConditionInput& input, bool& addressParsed) const;
    AuthorizationDecision explainDenial(const AuthorizationRequest& request, AuthorizationDecision decision,
                                        const ConditionInput& input) const;
    void fillStatement(AuthorizationDecision& d, int compiledIndex, const QString& subject) const;

    std::shared_ptr<const Data> m_data;
};

} // namespace berth
