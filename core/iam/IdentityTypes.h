#pragma once

#include "iam/CompartmentPath.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace berth {

/// A compartment: the tenancy (the root, depth 0) or one below it.
struct CompartmentRecord
{
    QString id; ///< stable OCID-like id: ocid1.compartment.berth..<hex> (ocid1.tenancy... for the root)
    CompartmentPath path; ///< from the tenancy down; empty for the tenancy
    QString parentId;     ///< empty for the tenancy
    QString description;
    QDateTime createdAt;
    qint64 rowId = 0;       ///< internal database key
    qint64 parentRowId = 0; ///< internal; 0 for the tenancy

    bool isTenancy() const { return parentRowId == 0; }
    QString name() const { return path.name(); }
};

/// A local user account. The password hash never leaves IdentityService.
struct UserRecord
{
    QString id;
    QString name;
    QString description;
    QString email;
    QDateTime createdAt;
    bool locked = false;
    bool hasPassword = false;
    QStringList groups;         ///< group names, sorted
    bool administrator = false; ///< member of Administrators
    qint64 rowId = 0;
};

struct GroupRecord
{
    QString id;
    QString name;
    QString description;
    bool builtin = false; ///< Administrators: cannot be deleted
    QDateTime createdAt;
    QStringList members; ///< user names, sorted
    qint64 rowId = 0;
};

/// An auth token as listed: never its secret.
struct AuthTokenRecord
{
    QString id; ///< ocid1.authtoken.berth..<hex>
    QString userName;
    QString description;
    QDateTime createdAt;
    QDateTime lastUsedAt; ///< null when never used
    bool revoked = false;
    QDateTime revokedAt;
    qint64 rowId = 0;
};

/// What createAuthToken() returns: the record and the secret, shown this once.
struct CreatedAuthToken
{
    AuthTokenRecord token;
    QString secret; ///< "berth_" + 43 base64url characters
};

struct NetworkSourceRecord
{
    QString id;
    QString name;
    QString description;
    QStringList ranges; ///< CIDR texts as given (validated with CidrRange)
    QDateTime createdAt;
    qint64 rowId = 0;
};

struct PolicyRecord
{
    QString id;
    QString name;
    QString description;
    CompartmentPath compartment; ///< where it is attached
    QString compartmentId;
    QString statements; ///< the policy text, one statement per line
    QDateTime createdAt;
    QDateTime updatedAt;
    qint64 rowId = 0;
    qint64 compartmentRowId = 0;
};

/// Which credential a sign-in used (for the audit).
struct CredentialMatch
{
    enum class Kind
    {
        Password,
        AuthToken
    };
    Kind kind = Kind::Password;
    QString userName; ///< as stored (user names are matched case-insensitively)
    QString tokenId;  ///< for AuthToken
};

/// What the first start did about the administrator.
struct AdministratorBootstrap
{
    bool created = false; ///< false: users existed already, nothing was done
    QString userName;
    QString password; ///< the generated password, to show once; empty when read from a file
    bool passwordFromFile = false;
};

enum class IdentityEventType
{
    CompartmentCreated,
    CompartmentUpdated,
    CompartmentRenamed,
    CompartmentMoved,
    CompartmentDeleted,
    UserCreated,
    UserUpdated,
    UserLocked,
    UserUnlocked,
    UserPasswordChanged,
    UserDeleted,
    GroupCreated,
    GroupUpdated,
    GroupDeleted,
    GroupMemberAdded,
    GroupMemberRemoved,
    AuthTokenCreated,
    AuthTokenRevoked,
    NetworkSourceCreated,
    NetworkSourceUpdated,
    NetworkSourceDeleted,
    PolicyCreated,
    PolicyUpdated,
    PolicyDeleted,
};

/// Emitted by IdentityService after each change commits: who changed what.
struct IdentityEvent
{
    IdentityEventType type = IdentityEventType::UserCreated;
    QString actor;    ///< the user who made the change; empty for the system (first start)
    QString target;   ///< what changed, by name: "Apps:Backend", "alice", "Developers", policy name
    QString targetId; ///< its OCID
    QString detail;   ///< e.g. "renamed from Old", "moved from A to B", "member alice"
    QDateTime at;

    /// "CompartmentCreated" etc.
    static QString typeName(IdentityEventType type);
};

} // namespace berth

Q_DECLARE_METATYPE(berth::IdentityEvent)
