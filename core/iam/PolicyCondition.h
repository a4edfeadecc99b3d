#pragma once

#include "iam/IpAddress.h"
#include "iam/WildcardPattern.h"

#include <QString>
#include <QVector>
#include <optional>
#include <vector>

namespace berth {

class NetworkSource;

/// The request's values a condition can read. A null pointer (or an empty client address) means
/// the variable is absent for this request; a comparison on an absent variable is false, for '='
/// and for '!=' alike.
struct ConditionInput
{
    const QString* repoName = nullptr;        ///< target.repo.name
    const QString* tag = nullptr;             ///< target.tag (only for requests that name a tag)
    const QString* userName = nullptr;        ///< request.user.name
    const QString* compartmentName = nullptr; ///< target.compartment.name (absent for the tenancy)
    std::optional<IpAddress> clientAddress;   ///< for request.networkSource.name
    const QString* clientAddressText = nullptr;
    const QVector<NetworkSource>* networkSources = nullptr;
};

/// One `where` clause: a comparison `variable = 'value'` / `variable != /value/`, or an
/// `all { ... }` / `any { ... }` group of conditions (nestable).
class PolicyCondition
{
public:
    enum class Kind
    {
        Comparison,
        All,
        Any
    };
    enum class Variable
    {
        TargetRepoName,
        TargetTag,
        NetworkSourceName,
        UserName,
        TargetCompartmentName
    };
    enum class Operator
    {
        Equal,
        NotEqual
    };

    PolicyCondition() = default;
    static PolicyCondition comparison(Variable variable, Operator op, const QString& value, int column = 0,
                                      int valueColumn = 0);
    static PolicyCondition group(Kind kind, std::vector<PolicyCondition> children, int column = 0);

    Kind kind() const { return m_kind; }
    Variable variable() const { return m_variable; }
    Operator op() const { return m_op; }
    /// The value as written, without quotes; '*' is the wildcard.
    const QString& value() const { return m_pattern.pattern(); }
    const WildcardPattern& pattern() const { return m_pattern; }
    const std::vector<PolicyCondition>& children() const { return m_children; }
    /// 1-based columns in the statement's line (0 when built by hand).
    int column() const { return m_column; }
    int valueColumn() const { return m_valueColumn; }
    /// True when any comparison in this tree reads request.networkSource.name.
    bool usesNetworkSource() const;

    bool evaluate(const ConditionInput& input) const;
    /// Why evaluate() is false for this input, in plain English (empty when it is true).
    QString explainFalse(const ConditionInput& input) const;

    /// Canonical text: target.repo.name = 'base/*', all { ..., ... }.
    QString toString() const;

    static QString variableName(Variable variable);
    /// Case-insensitive.
    static std::optional<Variable> variableFromName(QStringView name);
    static QString knownVariablesText();

private:
    /// The variable's value for this input; nullptr when absent.
    static const QString* valueOf(Variable variable, const ConditionInput& input);
    bool inNetworkSource(const ConditionInput& input, bool* known) const;

    Kind m_kind = Kind::Comparison;
    Variable m_variable = Variable::TargetRepoName;
    Operator m_op = Operator::Equal;
    WildcardPattern m_pattern;
    std::vector<PolicyCondition> m_children;
    int m_column = 0;
    int m_valueColumn = 0;
};

} // namespace berth
