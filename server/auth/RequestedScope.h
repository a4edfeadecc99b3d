#pragma once

#include "auth/AccessEntry.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace berth {

/// One scope a client asked the token endpoint for, parsed. `resourceClass` keeps the optional
/// class of "repository(plugin):name:pull" (accepted and otherwise ignored).
struct RequestedScope
{
    QString type;
    QString resourceClass;
    QString name;
    QStringList actions; ///< known actions only, deduplicated, in the order asked

    AccessEntry entry() const { return AccessEntry{type, name, actions}; }
    QString toString() const { return entry().toScope(); }
};

/// What ScopeParser::parse found: scopes to consider, and the reason it refused the request when
/// `error` is not empty (then `scopes` is empty).
struct ScopeParseResult
{
    QVector<RequestedScope> scopes;
    QString error;

    bool ok() const { return error.isEmpty(); }
};

} // namespace berth
