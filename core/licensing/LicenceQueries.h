#pragma once

#include "licensing/Licence.h"
#include "util/Result.h"

#include <QHash>
#include <optional>

class QSqlQuery;

namespace berth {

class MetadataStore;

/// The reads LicenceStore's operations share: where a scope lives in the database, a licence with its
/// version in force, and which licence gates a repository. Internal to core/licensing; runs on the
/// calling thread's connection (inside a transaction when the caller is in one).
class LicenceQueries
{
public:
    explicit LicenceQueries(MetadataStore& metadata) : m_metadata(metadata) {}

    /// The columns licenceFromRow() reads, with FROM and JOINs; append a WHERE clause. Without the text
    /// the body column reads as "" (check() keeps texts in memory: a published version never changes).
    static QString selectLicences(bool withText = true);
    /// A licence from a row of selectLicences(). The compartment path of a compartment licence is left
    /// empty: *compartmentRow tells which compartment it is set on (0 for a repository licence).
    static Licence licenceFromRow(const QSqlQuery& q, qint64* compartmentRow);

    /// The row of the repository or compartment `scope` names; NOT_FOUND when there is none.
    Result<qint64> scopeRow(const LicenceScope& scope) const;
    /// The licence set on exactly `scope`, whose row is `row` (from scopeRow()).
    Result<std::optional<Licence>> licenceAt(const LicenceScope& scope, qint64 row) const;
    /// The licence with this id, its scope filled from `scope`.
    Result<std::optional<Licence>> licenceById(qint64 id, const LicenceScope& scope,
                                               bool withText = true) const;
    /// The licence with this OCID (scope filled in); nullopt when there is none.
    Result<std::optional<Licence>> licenceByOcid(const QString& ocid) const;
    /// Every compartment's path by row id.
    Result<QHash<qint64, CompartmentPath>> compartmentPaths() const;

    /// What gates a repository: its own licence, else that of the nearest compartment above it.
    struct Gate
    {
        qint64 repositoryId = 0;
        std::optional<Licence> licence;
    };
    /// nullopt when the repository does not exist.
    Result<std::optional<Gate>> gateOf(const QString& repository, bool withText = true) const;

private:
    MetadataStore& m_metadata;
};

} // namespace berth
