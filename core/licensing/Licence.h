#pragma once

#include "iam/CompartmentPath.h"

#include <QDateTime>
#include <QString>

namespace berth {

/// How a licence's text is written. Markdown is CommonMark; the portal renders it with raw HTML
/// left out, the console with QTextDocument.
enum class LicenceFormat
{
    Text,
    Markdown
};

/// What a licence gates: one repository, or a compartment and everything below it.
struct LicenceScope
{
    enum class Kind
    {
        Repository,
        Compartment
    };
    Kind kind = Kind::Repository;
    QString repository;          ///< for Repository
    CompartmentPath compartment; ///< for Compartment ("" is the tenancy)

    static LicenceScope ofRepository(const QString& name) { return {Kind::Repository, name, {}}; }
    static LicenceScope ofCompartment(const CompartmentPath& path) { return {Kind::Compartment, {}, path}; }
    /// "repository team/app", "compartment Engineering:Web", "the tenancy": for messages.
    QString describe() const;
};

/// One published version of a licence. A version's text never changes once published.
struct LicenceVersion
{
    QString version; ///< the administrator's label: "1", "2.0", "2026-11"; [A-Za-z0-9._+-], 1..64
    QString title;   ///< "Berth Example Licence"; 1..200 characters, one line
    LicenceFormat format = LicenceFormat::Text;
    QString body; ///< 1 character .. 1 MiB (UTF-8)
    QString publishedBy;
    QDateTime publishedAt; ///< UTC

    /// The same version, title, format and text (who and when aside).
    bool sameContent(const LicenceVersion& other) const
    {
        return version == other.version && title == other.title && format == other.format &&
               body == other.body;
    }
};

/// A licence as it stands: where it is set and the version in force.
struct Licence
{
    qint64 id = 0;
    QString ocid; ///< "ocid1.licence.berth..."
    LicenceScope scope;
    LicenceVersion current;
    QDateTime createdAt;
    QDateTime updatedAt;
};

/// Who accepted which version of a licence, and when.
struct LicenceAcceptance
{
    QString licenceOcid;
    LicenceScope scope; ///< where the licence is set
    QString version;
    QString title; ///< of that version
    QString userName;
    QDateTime acceptedAt; ///< UTC
    QString clientAddress;
    QString channel;             ///< "portal", "api", "cli", "console"
    bool currentVersion = false; ///< the accepted version is still the one in force
};

/// What a pull from a repository needs, for one user.
struct LicenceCheck
{
    bool required = false; ///< a licence gates the repository
    Licence licence;       ///< the licence in force (valid when required)
    bool accepted = false; ///< the user accepted licence.current.version
    QDateTime acceptedAt;  ///< when (valid when accepted)

    /// Pulls go ahead: no licence, or the user accepted the version in force.
    bool satisfied() const { return !required || accepted; }
};

QString licenceFormatName(LicenceFormat format);                     ///< "text", "markdown"
bool parseLicenceFormat(const QString& name, LicenceFormat* format); ///< false for anything else

} // namespace berth
