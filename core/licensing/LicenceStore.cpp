#include "licensing/LicenceStore.h"

#include "iam/IamErrors.h"
#include "iam/SecretGenerator.h"
#include "licensing/LicenceQueries.h"
#include "metadata/MetadataStore.h"
#include "metadata/StoredTime.h"
#include "util/Clock.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>

namespace berth {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("LicenceStore", text);
}

/// SQLite stores a null QString as NULL; the text columns are NOT NULL.
QString text(const QString& s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

bool isVersionCharacter(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
           (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
           (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('.') ||
           c == QLatin1Char('_') || c == QLatin1Char('+') || c == QLatin1Char('-');
}

bool hasControlCharacter(const QString& s)
{
    return std::any_of(s.cbegin(), s.cend(), [](QChar c) { return c.category() == QChar::Other_Control; });
}

QString scopeColumn(const LicenceScope& scope)
{
    return scope.kind == LicenceScope::Kind::Repository ? QStringLiteral("repository_id")
                                                        : QStringLiteral("compartment_id");
}

/// "Repository team/app" / "Compartment A:B" / "The tenancy": the scope at the start of a sentence.
QString capitalized(const QString& s)
{
    return s.isEmpty() ? s : s.left(1).toUpper() + s.mid(1);
}

} // namespace

LicenceStore::LicenceStore(MetadataStore& metadata, Clock& clock) : m_metadata(metadata), m_clock(clock) {}

// ---- validation

Result<void> LicenceStore::validate(const LicenceVersion& version)
{
    QJsonArray problems;
    QStringList messages;
    auto problem = [&](const char* field, const QString& message) {
        problems.append(QJsonObject{{QStringLiteral("field"), QLatin1String(field)},
                                    {QStringLiteral("message"), message}});
        messages << message;
    };

    if (version.version.isEmpty()) {
        problem("version", tr("The version is empty: give the licence a version, such as 1 or 2026-11."));
    } else if (version.version.size() > MaxVersionLength) {
        problem("version", tr("The version is longer than %1 characters: shorten it.").arg(MaxVersionLength));
    } else if (!std::all_of(version.version.cbegin(), version.version.cend(), isVersionCharacter)) {
        problem("version", tr("The version \"%1\" may only use letters, digits, '.', '_', '+' and '-': "
                              "change it (for example 2 or 2026-11).")
                               .arg(version.version));
    }

    const QString title = version.title.trimmed();
    if (title.isEmpty()) {
        problem("title", tr("The title is empty: give the licence a title, such as \"Example Licence\"."));
    } else if (title.size() > MaxTitleLength) {
        problem("title", tr("The title is %1 characters long: shorten it to at most %2.")
                             .arg(title.size())
                             .arg(MaxTitleLength));
    } else if (hasControlCharacter(title)) {
        problem("title", tr("The title must be one line: remove its line breaks and control characters."));
    }

    if (version.format != LicenceFormat::Text && version.format != LicenceFormat::Markdown)
        problem("format", tr("The format must be text or markdown: choose one of them."));

    if (version.body.trimmed().isEmpty()) {
        problem("text", tr("The licence text is empty: give the text people must accept."));
    } else {
        const qsizetype bytes = version.body.toUtf8().size();
        if (bytes > MaxBodyBytes) {
            problem("text", tr("The licence text is %1 bytes long (UTF-8): at most %2 bytes (1 MiB) are "
                               "accepted; shorten it or link to the full text.")
                                .arg(bytes)
                                .arg(MaxBodyBytes));
        }
    }

    if (messages.isEmpty())
        return {};
    return IamErrors::invalid(messages.join(QLatin1Char(' ')), problems);
}

// ---- publishing

Result<Licence> LicenceStore::publish(const LicenceScope& scope, const LicenceVersion& version)
{
    if (auto valid = validate(version); !valid)
        return valid.error();
    LicenceVersion v = version;
    v.title = v.title.trimmed();
    v.publishedAt = m_clock.now();
    const qint64 now = StoredTime::toColumn(v.publishedAt);
    LicenceQueries queries(m_metadata);
    std::optional<Licence> result;
    bool created = false;
    auto done = m_metadata.transaction([&]() -> Result<void> {
        auto row = queries.scopeRow(scope);
        if (!row)
            return row.error();
        auto existing = queries.licenceAt(scope, row.value());
        if (!existing)
            return existing.error();
        qint64 id = 0;
        bool insertVersion = true;
        bool makeCurrent = true;
        if (!existing.value()) {
            auto q = m_metadata.exec(
                QStringLiteral("INSERT INTO licences (ocid, %1, current_version,"
                               " created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
                    .arg(scopeColumn(scope)),
                {SecretGenerator::ocid(QStringLiteral("licence")), row.value(), v.version, now, now});
            if (!q)
                return q.error();
            id = q->lastInsertId().toLongLong();
            created = true;
            makeCurrent = false;
        } else {
            id = existing.value()->id;
            auto known = m_metadata.exec(QStringLiteral("SELECT title, format, body FROM licence_versions"
                                                        " WHERE licence_id = ? AND version = ?"),
                                         {id, v.version});
            if (!known)
                return known.error();
            if (known->next()) {
                QStringList differs;
                if (known->value(0).toString() != v.title)
                    differs << tr("title");
                if (known->value(1).toString() != licenceFormatName(v.format))
                    differs << tr("format");
                if (known->value(2).toString() != v.body)
                    differs << tr("text");
                if (!differs.isEmpty()) {
                    return IamErrors::conflict(
                        tr("Version %1 of the licence on %2 was published with a different %3, and a "
                           "published version never changes: publish the new text as a new version.")
                            .arg(v.version, scope.describe(), differs.join(tr(" and "))));
                }
                insertVersion = false;
                makeCurrent = existing.value()->current.version != v.version;
            }
        }
        if (insertVersion) {
            auto q = m_metadata.exec(
                QStringLiteral("INSERT INTO licence_versions (licence_id, version, title, format, body,"
                               " published_by, published_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                {id, v.version, v.title, licenceFormatName(v.format), v.body, text(v.publishedBy), now});
            if (!q)
                return q.error();
        }
        if (makeCurrent) {
            auto q = m_metadata.exec(
                QStringLiteral("UPDATE licences SET current_version = ?, updated_at = ? WHERE id = ?"),
                {v.version, now, id});
            if (!q)
                return q.error();
        }
        auto stored = queries.licenceById(id, scope);
        if (!stored)
            return stored.error();
        result = stored.value();
        return {};
    });
    if (!done)
        return done.error();
    if (created)
        licenceCreated();
    if (!result)
        return Error(ErrorCode::Internal, tr("The licence was stored but could not be read back."));
    return *result;
}

Result<void> LicenceStore::remove(const LicenceScope& scope)
{
    LicenceQueries queries(m_metadata);
    auto done = m_metadata.transaction([&]() -> Result<void> {
        auto row = queries.scopeRow(scope);
        if (!row)
            return row.error();
        auto id = m_metadata.exec(
            QStringLiteral("SELECT id FROM licences WHERE %1 = ?").arg(scopeColumn(scope)), {row.value()});
        if (!id)
            return id.error();
        if (!id->next()) {
            return IamErrors::notFound(
                tr("%1 has no licence of its own: nothing to remove.").arg(capitalized(scope.describe())));
        }
        const qint64 licenceId = id->value(0).toLongLong();
        // The foreign keys cascade too; deleting the rows here does not depend on them.
        for (const QString& table :
             {QStringLiteral("licence_acceptances"), QStringLiteral("licence_versions")}) {
            auto q = m_metadata.exec(QStringLiteral("DELETE FROM %1 WHERE licence_id = ?").arg(table),
                                     {licenceId});
            if (!q)
                return q.error();
        }
        auto q = m_metadata.exec(QStringLiteral("DELETE FROM licences WHERE id = ?"), {licenceId});
        if (!q)
            return q.error();
        return {};
    });
    if (!done)
        return done;
    licenceRemoved();
    return {};
}

// ---- reading

Result<std::optional<Licence>> LicenceStore::licenceOf(const LicenceScope& scope) const
{
    LicenceQueries queries(m_metadata);
    auto row = queries.scopeRow(scope);
    if (!row)
        return row.error();
    return queries.licenceAt(scope, row.value());
}

Result<std::optional<Licence>> LicenceStore::licenceFor(const QString& repository) const
{
    auto gate = LicenceQueries(m_metadata).gateOf(repository);
    if (!gate)
        return gate.error();
    if (!gate.value())
        return IamErrors::notFound(
            tr("There is no repository %1; check the name.").arg(repository.left(300)));
    return gate.value()->licence;
}

Result<QList<Licence>> LicenceStore::list() const
{
    LicenceQueries queries(m_metadata);
    auto q = m_metadata.exec(LicenceQueries::selectLicences());
    if (!q)
        return q.error();
    QList<Licence> repositories;
    QList<std::pair<Licence, qint64>> compartments;
    while (q->next()) {
        qint64 compartmentRow = 0;
        Licence l = LicenceQueries::licenceFromRow(q.value(), &compartmentRow);
        if (l.scope.kind == LicenceScope::Kind::Repository)
            repositories << l;
        else
            compartments << std::pair{l, compartmentRow};
    }
    std::sort(repositories.begin(), repositories.end(),
              [](const Licence& a, const Licence& b) { return a.scope.repository < b.scope.repository; });
    if (!compartments.isEmpty()) {
        auto paths = queries.compartmentPaths();
        if (!paths)
            return paths.error();
        for (auto& [licence, row] : compartments)
            licence.scope.compartment = paths->value(row);
        std::sort(compartments.begin(), compartments.end(), [](const auto& a, const auto& b) {
            return a.first.scope.compartment.names() < b.first.scope.compartment.names();
        });
    }
    QList<Licence> all = repositories;
    for (const auto& entry : compartments)
        all << entry.first;
    return all;
}

Result<QList<LicenceVersion>> LicenceStore::versions(const QString& licenceOcid) const
{
    auto id = m_metadata.exec(QStringLiteral("SELECT id FROM licences WHERE ocid = ?"), {licenceOcid});
    if (!id)
        return id.error();
    if (!id->next())
        return IamErrors::notFound(
            tr("There is no licence %1; list the licences to find its id.").arg(licenceOcid.left(200)));
    auto q = m_metadata.exec(QStringLiteral("SELECT version, title, format, body, published_by, published_at"
                                            " FROM licence_versions WHERE licence_id = ?"
                                            " ORDER BY published_at DESC, rowid DESC"),
                             {id->value(0).toLongLong()});
    if (!q)
        return q.error();
    QList<LicenceVersion> out;
    while (q->next()) {
        LicenceVersion v;
        v.version = q->value(0).toString();
        v.title = q->value(1).toString();
        if (!parseLicenceFormat(q->value(2).toString(), &v.format))
            v.format = LicenceFormat::Text;
        v.body = q->value(3).toString();
        v.publishedBy = q->value(4).toString();
        v.publishedAt = StoredTime::fromColumn(q->value(5));
        out << v;
    }
    return out;
}

// ---- the licence count behind check()'s fast path

Result<bool> LicenceStore::anyLicence() const
{
    const qint64 known = m_licenceCount.load(std::memory_order_acquire);
    if (known >= 0)
        return known > 0;
    std::lock_guard lock(m_countMutex);
    const qint64 again = m_licenceCount.load(std::memory_order_acquire);
    if (again >= 0)
        return again > 0;
    auto q = m_metadata.exec(QStringLiteral("SELECT COUNT(*) FROM licences"));
    if (!q)
        return q.error();
    const qint64 count = q->next() ? q->value(0).toLongLong() : 0;
    m_licenceCount.store(count, std::memory_order_release);
    return count > 0;
}

void LicenceStore::licenceCreated()
{
    // After the commit: a count read before it (by a check waiting on the mutex) is raised here.
    std::lock_guard lock(m_countMutex);
    const qint64 known = m_licenceCount.load(std::memory_order_acquire);
    if (known >= 0)
        m_licenceCount.store(known + 1, std::memory_order_release);
}

void LicenceStore::licenceRemoved()
{
    // Count again on the next check (lowering the count here could race with a count read after the
    // commit and end below the truth).
    std::lock_guard lock(m_countMutex);
    m_licenceCount.store(-1, std::memory_order_release);
}

} // namespace berth
