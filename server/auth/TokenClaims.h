#pragma once

#include "auth/AccessEntry.h"

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QVector>

namespace berth {

/// What a registry token says: the standard JWT claims, Docker's "access" list, and who the
/// subject was when it was issued (group names and the administrator flag, in private claims, so
/// the registry can tell "ask for a broader token" from "not allowed" without asking the identity
/// store again).
struct TokenClaims
{
    QString issuer;   ///< iss
    QString subject;  ///< sub: the user name, empty for anonymous
    QString audience; ///< aud: the service
    QDateTime issuedAt;
    QDateTime notBefore;
    QDateTime expires;
    QString jwtId; ///< jti
    QVector<AccessEntry> access;
    QStringList groups;
    bool administrator = false;

    bool anonymous() const { return subject.isEmpty(); }
    /// The access entry for a resource, or nullptr.
    const AccessEntry* find(const QString& type, const QString& name) const
    {
        for (const AccessEntry& e : access) {
            if (e.type == type && e.name == name)
                return &e;
        }
        return nullptr;
    }
};

} // namespace berth
