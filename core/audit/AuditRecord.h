#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace berth {

/// What an audited event decided: an authorization that allowed or denied something, or nothing (a
/// management change, a token issued).
enum class AuditDecision
{
    None,
    Allowed,
    Denied
};

/// One entry of the audit log: who did what, when, from where, what was decided and why.
///
/// The caller fills in actor .. details; AuditLog::append() stamps sequence and time, and the writer
/// computes the chain fields. Records read back from the log carry all of them.
struct AuditRecord
{
    qint64 sequence = 0;   ///< 1, 2, 3... in the order records were appended; no gaps
    QDateTime time;        ///< when the event was appended (UTC, millisecond precision)
    QString actor;         ///< a user name, or anonymousActor() / systemActor()
    QString clientAddress; ///< the client's IP address ("" for events without one)
    QString action;        ///< a stable dotted identifier: "auth.signin", "repository.create"...
    QString target;        ///< what it was done to: "base/alpine", "compartment Apps:Backend"...
    AuditDecision decision = AuditDecision::None;
    QString reason;       ///< the statement that allowed it, or why nothing did
    QJsonObject details;  ///< anything else worth keeping, as JSON
    QString previousHash; ///< the previous record's hash (hex SHA-256), or the genesis value
    QString hash;         ///< hex SHA-256 over the canonical encoding of this record and previousHash

    static QString anonymousActor() { return QStringLiteral("anonymous"); }
    static QString systemActor() { return QStringLiteral("system"); }

    /// "allowed", "denied", "none".
    static QString decisionName(AuditDecision decision);
    static std::optional<AuditDecision> decisionFromName(const QString& name);

    /// The record as the management API shows it (time as ISO 8601 UTC with milliseconds).
    QJsonObject toJson() const;
};

} // namespace berth
