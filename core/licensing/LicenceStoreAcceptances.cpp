// LicenceStore: what a pull needs (check), accepting a licence, and the acceptance report.
#include "iam/IamErrors.h"
#include "iam/IdentityStore.h"
#include "licensing/LicenceQueries.h"
#include "licensing/LicenceStore.h"
#include "metadata/MetadataStore.h"
#include "metadata/StoredTime.h"
#include "util/Clock.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QVariant>

namespace berth {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("LicenceStore", text);
}

QString text(const QString& s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

constexpr int MaxChannelLength = 32;
constexpr int MaxClientAddressLength = 200;
constexpr qsizetype MaxCachedTexts = 32;

} // namespace

Result<LicenceCheck> LicenceStore::check(const QString& repository, const QString& userName) const
{
    auto any = anyLicence();
    if (!any)
        return any.error();
    if (!any.value())
        return LicenceCheck{};

    auto gate = LicenceQueries(m_metadata).gateOf(repository, false);
    if (!gate)
        return gate.error();
    if (!gate.value() || !gate.value()->licence)
        return LicenceCheck{};
    LicenceCheck c;
    c.required = true;
    c.licence = *gate.value()->licence;
    auto body = currentText(c.licence);
    if (!body)
        return body.error();
    c.licence.current.body = body.value();
    if (userName.isEmpty())
        return c;
    auto q = m_metadata.exec(QStringLiteral("SELECT accepted_at FROM licence_acceptances"
                                            " WHERE licence_id = ? AND version = ? AND user_name = ?"),
                             {c.licence.id, c.licence.current.version, userName});
    if (!q)
        return q.error();
    if (q->next()) {
        c.accepted = true;
        c.acceptedAt = StoredTime::fromColumn(q->value(0));
    }
    return c;
}

Result<QString> LicenceStore::currentText(const Licence& licence) const
{
    const QString key = licence.ocid + QLatin1Char(' ') + licence.current.version;
    {
        std::lock_guard lock(m_textsMutex);
        auto found = m_texts.constFind(key);
        if (found != m_texts.cend())
            return found.value();
    }
    auto q = m_metadata.exec(
        QStringLiteral("SELECT body FROM licence_versions WHERE licence_id = ? AND version = ?"),
        {licence.id, licence.current.version});
    if (!q)
        return q.error();
    const QString body = q->next() ? q->value(0).toString() : QString();
    std::lock_guard lock(m_textsMutex);
    if (m_texts.size() >= MaxCachedTexts)
        m_texts.clear();
    m_texts.insert(key, body);
    return body;
}

Result<LicenceAcceptance> LicenceStore::accept(const QString& repository, const QString& version,
                                               const QString& userName, const QString& clientAddress,
                                               const QString& channel)
{
    if (userName.isEmpty())
        return IamErrors::invalid(tr("Only a signed-in user can accept a licence: sign in first."));
    if (version.isEmpty())
        return IamErrors::invalid(
            tr("The version is empty: say which version of the licence you read and accept."));
    if (channel.size() > MaxChannelLength)
        return IamErrors::invalid(tr("The channel is longer than %1 characters: use portal, api, cli or "
                                     "console.")
                                      .arg(MaxChannelLength));
    const QDateTime now = m_clock.now();
    LicenceAcceptance a;
    auto done = m_metadata.transaction([&]() -> Result<void> {
        auto gate = LicenceQueries(m_metadata).gateOf(repository);
        if (!gate)
            return gate.error();
        if (!gate.value())
            return IamErrors::notFound(
                tr("There is no repository %1; check the name.").arg(repository.left(300)));
        if (!gate.value()->licence)
            return IamErrors::notFound(
                tr("Repository %1 needs no licence: there is nothing to accept.").arg(repository));
        const Licence& licence = *gate.value()->licence;
        if (licence.current.version != version) {
            return IamErrors::conflict(
                tr("Version %1 of the licence \"%2\" is no longer in force for %3: version %4 is. Read "
                   "version %4 and accept that.")
                    .arg(version.left(MaxVersionLength), licence.current.title, repository,
                         licence.current.version));
        }
        auto inserted = m_metadata.exec(
            QStringLiteral("INSERT OR IGNORE INTO licence_acceptances (licence_id, version, user_name,"
                           " accepted_at, client_address, channel) VALUES (?, ?, ?, ?, ?, ?)"),
            {licence.id, version, userName, StoredTime::toColumn(now),
             text(clientAddress.left(MaxClientAddressLength)), text(channel)});
        if (!inserted)
            return inserted.error();
        auto q = m_metadata.exec(QStringLiteral("SELECT accepted_at, client_address, channel"
                                                " FROM licence_acceptances"
                                                " WHERE licence_id = ? AND version = ? AND user_name = ?"),
                                 {licence.id, version, userName});
        if (!q)
            return q.error();
        if (!q->next())
            return Error(ErrorCode::Internal, tr("The acceptance was stored but could not be read back."));
        a.licenceOcid = licence.ocid;
        a.scope = licence.scope;
        a.version = version;
        a.title = licence.current.title;
        a.userName = userName;
        a.acceptedAt = StoredTime::fromColumn(q->value(0));
        a.clientAddress = q->value(1).toString();
        a.channel = q->value(2).toString();
        a.currentVersion = true;
        return {};
    });
    if (!done)
        return done.error();
    return a;
}

Result<QList<LicenceAcceptance>> LicenceStore::acceptances(const LicenceAcceptanceFilter& filter) const
{
    LicenceQueries queries(m_metadata);
    QString with;
    QStringList where;
    QVariantList values;
    if (filter.compartment) {
        auto row = queries.scopeRow(LicenceScope::ofCompartment(*filter.compartment));
        if (!row)
            return row.error();
        with = QStringLiteral("WITH RECURSIVE subtree (id, depth) AS (SELECT ?, 0 UNION ALL"
                              " SELECT c.id, subtree.depth + 1 FROM compartments c"
                              " JOIN subtree ON c.parent_id = subtree.id WHERE subtree.depth < 64) ");
        values << row.value();
        where << QStringLiteral("(l.compartment_id IN (SELECT id FROM subtree)"
                                " OR r.compartment_id IN (SELECT id FROM subtree))");
    }
    if (!filter.licenceOcid.isEmpty()) {
        auto known =
            m_metadata.exec(QStringLiteral("SELECT 1 FROM licences WHERE ocid = ?"), {filter.licenceOcid});
        if (!known)
            return known.error();
        if (!known->next())
            return IamErrors::notFound(tr("There is no licence %1; list the licences to find its id.")
                                           .arg(filter.licenceOcid.left(200)));
        where << QStringLiteral("l.ocid = ?");
        values << filter.licenceOcid;
    }
    if (!filter.repository.isEmpty()) {
        auto gate = queries.gateOf(filter.repository);
        if (!gate)
            return gate.error();
        if (!gate.value())
            return IamErrors::notFound(
                tr("There is no repository %1; check the name.").arg(filter.repository.left(300)));
        if (!gate.value()->licence)
            return QList<LicenceAcceptance>();
        where << QStringLiteral("l.id = ?");
        values << gate.value()->licence->id;
    }
    if (!filter.userName.isEmpty()) {
        where << QStringLiteral("a.user_name = ?");
        values << filter.userName;
    }
    if (filter.currentVersionOnly)
        where << QStringLiteral("a.version = l.current_version");

    QString sql =
        with + QStringLiteral(
                   "SELECT l.ocid, l.repository_id, r.name, l.compartment_id, a.version, v.title,"
                   " a.user_name, a.accepted_at, a.client_address, a.channel,"
                   " a.version = l.current_version"
                   " FROM licence_acceptances a JOIN licences l ON l.id = a.licence_id"
                   " LEFT JOIN licence_versions v ON v.licence_id = a.licence_id AND v.version = a.version"
                   " LEFT JOIN repositories r ON r.id = l.repository_id");
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY a.accepted_at DESC, a.user_name, l.id, a.version");
    auto q = m_metadata.exec(sql, values);
    if (!q)
        return q.error();
    QList<LicenceAcceptance> out;
    QList<qint64> compartmentRows;
    while (q->next()) {
        LicenceAcceptance a;
        a.licenceOcid = q->value(0).toString();
        if (!q->value(1).isNull())
            a.scope = LicenceScope::ofRepository(q->value(2).toString());
        else
            a.scope = LicenceScope::ofCompartment(CompartmentPath());
        compartmentRows << (q->value(1).isNull() ? q->value(3).toLongLong() : 0);
        a.version = q->value(4).toString();
        a.title = q->value(5).toString();
        a.userName = q->value(6).toString();
        a.acceptedAt = StoredTime::fromColumn(q->value(7));
        a.clientAddress = q->value(8).toString();
        a.channel = q->value(9).toString();
        a.currentVersion = q->value(10).toBool();
        out << a;
    }
    if (std::any_of(compartmentRows.cbegin(), compartmentRows.cend(), [](qint64 r) { return r != 0; })) {
        auto paths = queries.compartmentPaths();
        if (!paths)
            return paths.error();
        for (int i = 0; i < out.size(); ++i) {
            if (compartmentRows[i])
                out[i].scope.compartment = paths->value(compartmentRows[i]);
        }
    }
    return out;
}

} // namespace berth
