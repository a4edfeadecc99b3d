#include "iam/CompartmentPath.h"

namespace berth {

namespace {

bool isNameChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '-' ||
           u == '_' || u == '.';
}

} // namespace

QString CompartmentPath::nameProblem(QStringView name)
{
    if (name.isEmpty())
        return QStringLiteral("a compartment name cannot be empty");
    if (name.size() > MaxNameLength)
        return QStringLiteral("compartment name '%1...' is %2 characters long; the limit is %3")
            .arg(name.left(20).toString())
            .arg(name.size())
            .arg(MaxNameLength);
    for (QChar c : name) {
        if (!isNameChar(c))
            return QStringLiteral(
                       "compartment name '%1' contains '%2'; names use letters, digits, '-', '_' and '.'")
                .arg(name.toString(), QString(c));
    }
    return QString();
}

std::optional<CompartmentPath> CompartmentPath::parse(QStringView text, QString* error)
{
    if (text.isEmpty())
        return CompartmentPath();
    QStringList names;
    for (QStringView part : text.split(QLatin1Char(':'))) {
        const QString problem = nameProblem(part);
        if (!problem.isEmpty()) {
            if (error)
                *error = part.isEmpty()
                             ? QStringLiteral("compartment path '%1' has an empty name; write names "
                                              "separated by single ':' as in Apps:Backend")
                                   .arg(text.toString())
                             : problem;
            return std::nullopt;
        }
        names.append(part.toString());
    }
    return CompartmentPath(std::move(names));
}

CompartmentPath CompartmentPath::parent() const
{
    if (m_names.isEmpty())
        return *this;
    return CompartmentPath(m_names.mid(0, m_names.size() - 1));
}

CompartmentPath CompartmentPath::resolved(const CompartmentPath& relative) const
{
    return CompartmentPath(m_names + relative.m_names);
}

bool CompartmentPath::contains(const CompartmentPath& other) const
{
    const int n = m_names.size();
    if (n > other.m_names.size())
        return false;
    for (int i = 0; i < n; ++i) {
        if (m_names.at(i) != other.m_names.at(i))
            return false;
    }
    return true;
}

QString CompartmentPath::describe() const
{
    return isTenancy() ? QStringLiteral("the tenancy") : QStringLiteral("compartment ") + toString();
}

} // namespace berth
