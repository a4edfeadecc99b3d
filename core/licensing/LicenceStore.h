#pragma once

#include "licensing/Licence.h"
#include "util/Result.h"

#include <QHash>
#include <QList>
#include <atomic>
#include <mutex>
#include <optional>

namespace berth {

class Clock;
class MetadataStore;

/// Which acceptances a report shows. Empty fields do not filter.
struct LicenceAcceptanceFilter
{
    QString licenceOcid;
    QString repository;                         ///< the licence in force for this repository
    std::optional<CompartmentPath> compartment; ///< licences set on this compartment or below it
    QString userName;
    bool currentVersionOnly = false;
};

/// Licences (tables licences, licence_versions, licence_acceptances). A repository is gated by its
/// own licence, else by that of the nearest compartment above it that has one. Publishing a new
/// version replaces the one in force, so everybody must accept again; old versions and their
/// acceptances stay for the report. Errors are IamErrors: INVALID (bad title, version, text, format),
/// NOT_FOUND (unknown repository, compartment or licence; a repository without a licence),
/// CONFLICT (a published version given a different text; accepting a version that is no longer in
/// force). Thread-safe like MetadataStore. RegistryService owns the one every part of a process
/// uses (RegistryService::licences()), so its fast path stays true.
class LicenceStore
{
public:
    LicenceStore(MetadataStore& metadata, Clock& clock);

    /// Sets the licence of `scope` to `version` (publishedBy filled by the caller; publishedAt set
    /// here). The first publish creates the licence. Publishing the version in force again with the
    /// same content changes nothing; a known version with different content is a CONFLICT; an older
    /// version published again with the same content makes it the one in force again.
    Result<Licence> publish(const LicenceScope& scope, const LicenceVersion& version);
    /// Removes the licence of `scope` with its versions and acceptances: pulls are no longer gated.
    Result<void> remove(const LicenceScope& scope);

    /// The licence set on exactly this scope (not inherited); nullopt when none.
    Result<std::optional<Licence>> licenceOf(const LicenceScope& scope) const;
    /// The licence that gates `repository` (its own or the nearest compartment's); nullopt when none.
    /// NOT_FOUND when the repository does not exist.
    Result<std::optional<Licence>> licenceFor(const QString& repository) const;
    /// Every licence, repositories first, then compartments, by name.
    Result<QList<Licence>> list() const;
    /// Every published version of a licence, newest first.
    Result<QList<LicenceVersion>> versions(const QString& licenceOcid) const;

    /// Does `userName` ("" = anonymous) need to accept a licence before pulling from `repository`?
    /// When no licence exists at all this answers without touching the database (the pull path asks
    /// on every manifest and blob GET). An unknown repository is not gated (the pull fails anyway).
    Result<LicenceCheck> check(const QString& repository, const QString& userName) const;

    /// Records that `userName` accepted `version` of the licence gating `repository`. `version` must
    /// be the one in force (CONFLICT otherwise: the text changed since it was read). Accepting again
    /// keeps the first time.
    Result<LicenceAcceptance> accept(const QString& repository, const QString& version,
                                     const QString& userName, const QString& clientAddress,
                                     const QString& channel);
    /// Acceptances, newest first.
    Result<QList<LicenceAcceptance>> acceptances(const LicenceAcceptanceFilter& filter) const;

    static constexpr int MaxTitleLength = 200;
    static constexpr int MaxVersionLength = 64;
    static constexpr int MaxBodyBytes = 1024 * 1024;
    /// Checks a version before publishing; names the field at fault.
    static Result<void> validate(const LicenceVersion& version);

private:
    /// False only when no licence exists (the count is read from the database once, then kept).
    Result<bool> anyLicence() const;
    /// Keeps m_licenceCount right after a licence was created or removed (after the commit).
    void licenceCreated();
    void licenceRemoved();
    /// The text of the licence's version in force, from memory after the first read (a published
    /// version's text never changes; OCIDs are never reused).
    Result<QString> currentText(const Licence& licence) const;

    MetadataStore& m_metadata;
    Clock& m_clock;
    /// Licences in the database as last seen: -1 unknown (count on first check). Publishing raises
    /// it; cascaded deletes can leave it high, which only costs the fast path.
    mutable std::atomic<qint64> m_licenceCount{-1};
    /// Held while the count is read from the database and while it changes, so a count read before a
    /// licence was committed can never overwrite the change.
    mutable std::mutex m_countMutex;
    /// Texts read by check(), by "<licence OCID> <version>"; cleared when it grows past a few dozen.
    mutable std::mutex m_textsMutex;
    mutable QHash<QString, QString> m_texts;
};

} // namespace berth
