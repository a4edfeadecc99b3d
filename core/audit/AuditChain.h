#pragma once

#include "audit/AuditRecord.h"

#include <QByteArray>
#include <QString>

namespace berth {

/// The audit log's hash chain: every record's hash covers the previous record's hash, its sequence
/// number and every field, so changing, removing or reordering a record breaks the chain from there on.
///
/// Encoding (version 1), fed to SHA-256:
///   "berth-audit-record-v1"
///   previous hash   u32 big-endian length + ASCII bytes (64 lowercase hex digits in a sound log)
///   sequence        i64 big-endian
///   time            i64 big-endian, milliseconds since the Unix epoch (UTC)
///   actor, client address, action, target, decision name, reason, details JSON
///                   each u32 big-endian length + UTF-8 bytes
/// Every variable-length field carries its length, so no two different records share an encoding.
/// The details are hashed as the exact JSON text stored, never re-serialized.
namespace AuditChain {

/// What the first record chains from: 64 zeros.
QString genesisHash();

/// The bytes hashed for `record` (its previousHash included), with `detailsJson` standing for the
/// details (record.details is not looked at).
QByteArray canonicalEncoding(const AuditRecord& record, const QByteArray& detailsJson);

/// Lowercase hex SHA-256 of canonicalEncoding().
QString hash(const AuditRecord& record, const QByteArray& detailsJson);

/// The JSON text stored (and hashed) for a record's details: compact, keys in order.
QByteArray detailsText(const QJsonObject& details);

/// True for 64 lowercase hex digits.
bool isWellFormedHash(const QString& hash);

} // namespace AuditChain
} // namespace berth
