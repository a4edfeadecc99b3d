#pragma once

#include "audit/AuditVerification.h"

#include <QSqlDatabase>

namespace berth {

/// Checks an audit database: walks its records in sequence order one at a time (never loading them
/// all), recomputes every hash, follows every previous-hash link, and compares the chain's head with
/// the anchor file. Stops at the first problem.
namespace AuditVerifier {

/// `db` is an open connection of the calling thread; `anchorPath` is <data>/audit.anchor.
AuditVerification verify(const QSqlDatabase& db, const QString& anchorPath);

} // namespace AuditVerifier
} // namespace berth
