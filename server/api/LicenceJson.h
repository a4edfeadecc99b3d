#pragma once

#include "api/ApiTable.h"
#include "licensing/Licence.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>

namespace berth {

/// Licences as the management API shows them, and their schemas.
class LicenceJson
{
public:
    /// {"kind":"repository","repository":"team/app"} or {"kind":"compartment","compartment":"A:B"}
    static QJsonObject scope(const LicenceScope& scope);
    /// {"id","scope","title","version","format","text","publishedBy","publishedAt","createdAt","updatedAt"}
    static QJsonObject licence(const Licence& licence);
    /// One published version: {"version","title","format","text","publishedBy","publishedAt","current",
    /// "acceptances"}.
    static QJsonObject version(const LicenceVersion& version, bool current, qint64 acceptances);
    /// {"licence","scope","version","title","user","acceptedAt","clientAddress","channel","currentVersion"}
    static QJsonObject acceptance(const LicenceAcceptance& acceptance);
    /// A repository's "licence": null, or {"title","version","inherited"} for the licence that gates it
    /// among `all` (its own, else the nearest compartment's above it).
    static QJsonValue forRepository(const QList<Licence>& all, const QString& repository,
                                    const CompartmentPath& compartment);

    /// The schemas above (Licence, LicenceScope, LicenceVersion, LicenceAcceptance) into the table.
    static void addSchemas(ApiTable& table);
    /// The Licence schema inline (for places where it may be null).
    static QJsonObject licenceSchema();
    /// The Repository schema's "licence" property.
    static QJsonObject repositoryLicenceSchema();
};

} // namespace berth
