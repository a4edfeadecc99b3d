#include "iam/PolicyCondition.h"

#include "iam/NetworkSource.h"

#include <QStringList>

namespace berth {

namespace {

QString quoted(const QString& value)
{
    QString out = value;
    out.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    out.replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + out + QLatin1Char('\'');
}

} // namespace

PolicyCondition PolicyCondition::comparison(Variable variable, Operator op, const QString& value, int column,
                                            int valueColumn)
{
    PolicyCondition c;
    c.m_kind = Kind::Comparison;
    c.m_variable = variable;
    c.m_op = op;
    c.m_pattern = WildcardPattern(value);
    c.m_column = column;
    c.m_valueColumn = valueColumn;
    return c;
}

PolicyCondition PolicyCondition::group(Kind kind, std::vector<PolicyCondition> children, int column)
{
    PolicyCondition c;
    c.m_kind = kind;
    c.m_children = std::move(children);
    c.m_column = column;
    return c;
}

bool PolicyCondition::usesNetworkSource() const
{
    if (m_kind == Kind::Comparison)
        return m_variable == Variable::NetworkSourceName;
    for (const PolicyCondition& child : m_children) {
        if (child.usesNetworkSource())
            return true;
    }
    return false;
}

const QString* PolicyCondition::valueOf(Variable variable, const ConditionInput& input)
{
    switch (variable) {
    case Variable::TargetRepoName:
        return input.repoName && !input.repoName->isEmpty() ? input.repoName : nullptr;
    case Variable::TargetTag:
        return input.tag;
    case Variable::UserName:
        return input.userName && !input.userName->isEmpty() ? input.userName : nullptr;
    case Variable::TargetCompartmentName:
        return input.compartmentName && !input.compartmentName->isEmpty() ? input.compartmentName : nullptr;
    case Variable::NetworkSourceName:
        return nullptr;
    }
    return nullptr;
}

bool PolicyCondition::inNetworkSource(const ConditionInput& input, bool* known) const
{
    *known = false;
    if (!input.clientAddress || !input.networkSources)
        return false;
    bool inside = false;
    for (const NetworkSource& source : *input.networkSources) {
        if (!m_pattern.matches(source.name()))
            continue;
        *known = true;
        if (source.contains(*input.clientAddress)) {
            inside = true;
            break;
        }
    }
    return inside;
}

bool PolicyCondition::evaluate(const ConditionInput& input) const
{
    switch (m_kind) {
    case Kind::All:
        for (const PolicyCondition& child : m_children) {
            if (!child.evaluate(input))
                return false;
        }
        return true;
    case Kind::Any:
        for (const PolicyCondition& child : m_children) {
            if (child.evaluate(input))
                return true;
        }
        return false;
    case Kind::Comparison:
        break;
    }
    bool matched = false;
    if (m_variable == Variable::NetworkSourceName) {
        bool known = false;
        matched = inNetworkSource(input, &known);
        if (!known)
            return false; // no address, or no such network source: absent, so false either way
    } else {
        const QString* value = valueOf(m_variable, input);
        if (!value)
            return false;
        matched = m_pattern.matches(*value);
    }
    return m_op == Operator::Equal ? matched : !matched;
}

QString PolicyCondition::explainFalse(const ConditionInput& input) const
{
    if (evaluate(input))
        return QString();
    if (m_kind == Kind::All) {
        for (const PolicyCondition& child : m_children) {
            if (!child.evaluate(input))
                return child.explainFalse(input);
        }
        return QString();
    }
    if (m_kind == Kind::Any) {
        QStringList reasons;
        for (const PolicyCondition& child : m_children)
            reasons.append(child.explainFalse(input));
        return QStringLiteral("none of the conditions in %1 holds: %2")
            .arg(toString(), reasons.join(QStringLiteral("; ")));
    }
    const QString head = toString() + QStringLiteral(" is false");
    const QString name = variableName(m_variable);
    if (m_variable == Variable::NetworkSourceName) {
        if (!input.clientAddress) {
            if (input.clientAddressText && !input.clientAddressText->isEmpty())
                return head + QStringLiteral(": the client address '%1' is not an IP address")
                                  .arg(*input.clientAddressText);
            return head + QStringLiteral(": the client address is unknown");
        }
        bool known = false;
        const bool inside = inNetworkSource(input, &known);
        const QString address = input.clientAddress->toString();
        if (!known)
            return head + (m_pattern.hasWildcard()
                               ? QStringLiteral(": no network source name matches '%1'").arg(value())
                               : QStringLiteral(": there is no network source named '%1'").arg(value()));
        return head +
               (inside ? QStringLiteral(": client address %1 is in network source %2").arg(address, value())
                       : QStringLiteral(": client address %1 is not in network source %2")
                             .arg(address, value()));
    }
    const QString* current = valueOf(m_variable, input);
    if (!current) {
        if (m_variable == Variable::TargetTag)
            return head + QStringLiteral(": this request names no tag, so target.tag is not set");
        if (m_variable == Variable::TargetCompartmentName)
            return head + QStringLiteral(
                              ": the target is the tenancy itself, so target.compartment.name is not set");
        return head + QStringLiteral(": %1 is not set for this request").arg(name);
    }
    return head + QStringLiteral(": %1 is %2").arg(name, quoted(*current));
}

QString PolicyCondition::toString() const
{
    if (m_kind == Kind::Comparison) {
        return variableName(m_variable) +
               (m_op == Operator::Equal ? QStringLiteral(" = ") : QStringLiteral(" != ")) + quoted(value());
    }
    QStringList parts;
    for (const PolicyCondition& child : m_children)
        parts.append(child.toString());
    return (m_kind == Kind::All ? QStringLiteral("all { ") : QStringLiteral("any { ")) +
           parts.join(QStringLiteral(", ")) + QStringLiteral(" }");
}

QString PolicyCondition::variableName(Variable variable)
{
    switch (variable) {
    case Variable::TargetRepoName:
        return QStringLiteral("target.repo.name");
    case Variable::TargetTag:
        return QStringLiteral("target.tag");
    case Variable::NetworkSourceName:
        return QStringLiteral("request.networkSource.name");
    case Variable::UserName:
        return QStringLiteral("request.user.name");
    case Variable::TargetCompartmentName:
        return QStringLiteral("target.compartment.name");
    }
    return QString();
}

std::optional<PolicyCondition::Variable> PolicyCondition::variableFromName(QStringView name)
{
    for (Variable v : {Variable::TargetRepoName, Variable::TargetTag, Variable::NetworkSourceName,
                       Variable::UserName, Variable::TargetCompartmentName}) {
        if (name.compare(variableName(v), Qt::CaseInsensitive) == 0)
            return v;
    }
    return std::nullopt;
}

QString PolicyCondition::knownVariablesText()
{
    return QStringLiteral("target.repo.name, target.tag, target.compartment.name, request.user.name and "
                          "request.networkSource.name");
}

} // namespace berth
