#include "licensing/LicenceQueries.h"

#include "iam/IamErrors.h"
#include "iam/IdentityStore.h"
#include "metadata/MetadataStore.h"
#include "metadata/StoredTime.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QVariant>

namespace berth {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("LicenceStore", text);
}

} // namespace

QString LicenceQueries::selectLicences(bool withText)
{
    return QStringLiteral(
               "SELECT l.id, l.ocid, l.repository_id, l.compartment_id, l.current_version, l.created_at,"
               " l.updated_at, v.title, v.format, %1, v.published_by, v.published_at, r.name"
               " FROM licences l"
               " JOIN licence_versions v ON v.licence_id = l.id AND v.version = l.current_version"
               " LEFT JOIN repositories r ON r.id = l.repository_id")
        .arg(withText ? QStringLiteral("v.body") : QStringLiteral("''"));
}

Licence LicenceQueries::licenceFromRow(const QSqlQuery& q, qint64* compartmentRow)
{
    Licence l;
    l.id = q.value(0).toLongLong();
    l.ocid = q.value(1).toString();
    if (!q.value(2).isNull()) {
        l.scope = LicenceScope::ofRepository(q.value(12).toString());
        if (compartmentRow)
            *compartmentRow = 0;
    } else {
        l.scope = LicenceScope::ofCompartment(CompartmentPath());
        if (compartmentRow)
            *compartmentRow = q.value(3).toLongLong();
    }
    l.current.version = q.value(4).toString();
    l.createdAt = StoredTime::fromColumn(q.value(5));
    l.updatedAt = StoredTime::fromColumn(q.value(6));
    l.current.title = q.value(7).toString();
    if (!parseLicenceFormat(q.value(8).toString(), &l.current.format))
        l.current.format = LicenceFormat::Text;
    l.current.body = q.value(9).toString();
    l.current.publishedBy = q.value(10).toString();
    l.current.publishedAt = StoredTime::fromColumn(q.value(11));
    return l;
}

Result<qint64> LicenceQueries::scopeRow(const LicenceScope& scope) const
{
    if (scope.kind == LicenceScope::Kind::Repository) {
        auto id = m_metadata.repositoryId(scope.repository);
        if (!id)
            return id.error();
        if (!id.value())
            return IamErrors::notFound(tr("There is no repository %1; check the name (berthctl repos list "
                                          "shows them).")
                                           .arg(scope.repository.left(300)));
        return *id.value();
    }
    auto row = IdentityStore(m_metadata).compartmentRowId(scope.compartment);
    if (!row)
        return row.error();
    if (!row.value())
        return IamErrors::notFound(
            tr("There is no %1; check the path (names from the tenancy down, joined by ':').")
                .arg(scope.compartment.describe()));
    return *row.value();
}

Result<std::optional<Licence>> LicenceQueries::licenceAt(const LicenceScope& scope, qint64 row) const
{
    const QString column = scope.kind == LicenceScope::Kind::Repository ? QStringLiteral("l.repository_id")
                                                                        : QStringLiteral("l.compartment_id");
    auto q = m_metadata.exec(selectLicences() + QStringLiteral(" WHERE %1 = ?").arg(column), {row});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<Licence>();
    Licence l = licenceFromRow(q.value(), nullptr);
    l.scope = scope;
    return std::optional<Licence>(l);
}

Result<std::optional<Licence>> LicenceQueries::licenceById(qint64 id, const LicenceScope& scope,
                                                           bool withText) const
{
    auto q = m_metadata.exec(selectLicences(withText) + QStringLiteral(" WHERE l.id = ?"), {id});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<Licence>();
    Licence l = licenceFromRow(q.value(), nullptr);
    l.scope = scope;
    return std::optional<Licence>(l);
}

Result<std::optional<Licence>> LicenceQueries::licenceByOcid(const QString& ocid) const
{
    auto q = m_metadata.exec(selectLicences() + QStringLiteral(" WHERE l.ocid = ?"), {ocid});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<Licence>();
    qint64 compartmentRow = 0;
    Licence l = licenceFromRow(q.value(), &compartmentRow);
    if (compartmentRow) {
        auto path = IdentityStore(m_metadata).compartmentPathOf(compartmentRow);
        if (!path)
            return path.error();
        l.scope.compartment = path.value();
    }
    return std::optional<Licence>(l);
}

Result<QHash<qint64, CompartmentPath>> LicenceQueries::compartmentPaths() const
{
    auto tree = IdentityStore(m_metadata).compartmentTree();
    if (!tree)
        return tree.error();
    QHash<qint64, CompartmentPath> paths;
    for (const CompartmentRecord& c : tree->all())
        paths.insert(c.rowId, c.path);
    return paths;
}

Result<std::optional<LicenceQueries::Gate>> LicenceQueries::gateOf(const QString& repository,
                                                                   bool withText) const
{
    // 1. The repository, its compartment and its own licence (name and repository_id are unique).
    auto q =
        m_metadata.exec(QStringLiteral("SELECT r.id, r.compartment_id, l.id FROM repositories r"
                                       " LEFT JOIN licences l ON l.repository_id = r.id WHERE r.name = ?"),
                        {repository});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<Gate>();
    Gate gate;
    gate.repositoryId = q->value(0).toLongLong();
    const qint64 compartmentRow = q->value(1).toLongLong();
    if (!q->value(2).isNull()) {
        auto own = licenceById(q->value(2).toLongLong(), LicenceScope::ofRepository(repository), withText);
        if (!own)
            return own.error();
        gate.licence = own.value();
        return std::optional<Gate>(gate);
    }

    // 2. Its compartment and those above it, nearest first, each with its licence if it has one
    //    (compartments by primary key, licences by their unique compartment_id).
    auto chain = m_metadata.exec(
        QStringLiteral("WITH RECURSIVE chain (id, parent_id, name, depth) AS ("
                       " SELECT id, parent_id, name, 0 FROM compartments WHERE id = ?"
                       " UNION ALL SELECT c.id, c.parent_id, c.name, chain.depth + 1"
                       " FROM compartments c JOIN chain ON c.id = chain.parent_id WHERE chain.depth < 64)"
                       " SELECT chain.name, chain.parent_id IS NULL, l.id FROM chain"
                       " LEFT JOIN licences l ON l.compartment_id = chain.id ORDER BY chain.depth"),
        {compartmentRow});
    if (!chain)
        return chain.error();
    QStringList namesUp; // the compartment's name, its parent's, ... (the tenancy has none)
    int nearest = -1;    // index into the chain of the nearest compartment with a licence
    qint64 licenceId = 0;
    int index = 0;
    while (chain->next()) {
        if (nearest < 0 && !chain->value(2).isNull()) {
            nearest = index;
            licenceId = chain->value(2).toLongLong();
        }
        if (!chain->value(1).toBool())
            namesUp << chain->value(0).toString();
        ++index;
    }
    if (nearest < 0)
        return std::optional<Gate>(gate);
    QStringList names;
    for (int i = namesUp.size() - 1; i >= nearest; --i)
        names << namesUp[i];
    auto inherited = licenceById(licenceId, LicenceScope::ofCompartment(CompartmentPath(names)), withText);
    if (!inherited)
        return inherited.error();
    gate.licence = inherited.value();
    return std::optional<Gate>(gate);
}

} // namespace berth
