#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

namespace berth {

/// One resource and the actions on it, as Docker token authentication writes them: in a requested
/// scope ("repository:team/app:pull,push") and in a token's "access" claim
/// ({"type":"repository","name":"team/app","actions":["pull","push"]}).
struct AccessEntry
{
    QString type;        ///< "repository" or "registry"
    QString name;        ///< "team/app" or "catalog"
    QStringList actions; ///< "pull", "push", "delete", "*"

    /// Back to scope syntax: "repository:team/app:pull,push".
    QString toScope() const
    {
        return type + QLatin1Char(':') + name + QLatin1Char(':') + actions.join(QLatin1Char(','));
    }
    /// True when `action` is listed, or "*" is.
    bool allows(const QString& action) const
    {
        return actions.contains(action) || actions.contains(QStringLiteral("*"));
    }

    friend bool operator==(const AccessEntry& a, const AccessEntry& b)
    {
        return a.type == b.type && a.name == b.name && a.actions == b.actions;
    }
};

} // namespace berth
