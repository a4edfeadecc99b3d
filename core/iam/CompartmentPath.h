#pragma once

#include <QHashFunctions>
#include <QString>
#include <QStringList>
#include <optional>

namespace berth {

/// Where a compartment sits in the tree under the tenancy: its names from the tenancy down,
/// e.g. ["Apps", "Backend"], written "Apps:Backend". The tenancy (the root) is the empty path.
/// Names are case-sensitive, 1-100 characters of letters, digits, '-', '_' and '.'.
class CompartmentPath
{
public:
    static constexpr int MaxNameLength = 100;

    CompartmentPath() = default; ///< the tenancy
    explicit CompartmentPath(QStringList names) : m_names(std::move(names)) {}

    static CompartmentPath tenancy() { return CompartmentPath(); }
    /// Parses "A:B:C" ("" is the tenancy). On failure returns nullopt and, when `error` is given,
    /// a plain-English reason.
    static std::optional<CompartmentPath> parse(QStringView text, QString* error = nullptr);
    /// Why `name` is not a valid compartment name, or an empty string when it is.
    static QString nameProblem(QStringView name);
    static bool isValidName(QStringView name) { return nameProblem(name).isEmpty(); }

    bool isTenancy() const { return m_names.isEmpty(); }
    int depth() const { return m_names.size(); }
    const QStringList& names() const { return m_names; }
    /// The last name; empty for the tenancy.
    QString name() const { return m_names.isEmpty() ? QString() : m_names.last(); }
    /// The parent (the tenancy's parent is the tenancy).
    CompartmentPath parent() const;
    /// This path followed by `relative` (how a policy's location is resolved against the
    /// compartment it is attached to).
    CompartmentPath resolved(const CompartmentPath& relative) const;

    /// True when this compartment is `other` or one of its ancestors (the tenancy contains all).
    bool contains(const CompartmentPath& other) const;

    /// "Apps:Backend"; "" for the tenancy.
    QString toString() const { return m_names.join(QLatin1Char(':')); }
    /// "compartment Apps:Backend" or "the tenancy", for messages.
    QString describe() const;

    friend bool operator==(const CompartmentPath& a, const CompartmentPath& b)
    {
        return a.m_names == b.m_names;
    }
    friend bool operator!=(const CompartmentPath& a, const CompartmentPath& b) { return !(a == b); }
    friend size_t qHash(const CompartmentPath& p, size_t seed = 0) { return qHash(p.m_names, seed); }

private:
    QStringList m_names;
};

} // namespace berth
