#include "governance/LimitRequestStore.h"

#include "governance/LimitSettings.h"
#include "iam/IamErrors.h"
#include "iam/SecretGenerator.h"
#include "metadata/MetadataStore.h"
#include "metadata/StoredTime.h"
#include "util/Clock.h"

namespace berth {

namespace {

const QString Columns = QStringLiteral(
    "id, ocid, limit_name, repository, current_value, requested_value, reason, requested_by, requested_at,"
    " status, decided_by, decided_at, decision_note");

/// SQLite stores a null QString as NULL; the text columns are NOT NULL.
QString text(const QString& s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

LimitRequest fromRow(const QSqlQuery& q)
{
    LimitRequest r;
    r.id = q.value(0).toLongLong();
    r.ocid = q.value(1).toString();
    r.limitName = q.value(2).toString();
    r.repository = q.value(3).toString();
    r.currentValue = q.value(4).toLongLong();
    r.requestedValue = q.value(5).toLongLong();
    r.reason = q.value(6).toString();
    r.requestedBy = q.value(7).toString();
    r.requestedAt = StoredTime::fromColumn(q.value(8));
    r.status = q.value(9).toString();
    r.decidedBy = q.value(10).toString();
    r.decidedAt = StoredTime::fromColumn(q.value(11));
    r.decisionNote = q.value(12).toString();
    return r;
}

} // namespace

LimitRequestStore::LimitRequestStore(MetadataStore& metadata, RegistryLimits defaults, Clock& clock)
    : m_metadata(metadata), m_defaults(defaults), m_clock(clock)
{}

Result<LimitRequest> LimitRequestStore::create(const QString& limitName, const QString& repository,
                                               qint64 requested, const QString& reason,
                                               const QString& requestedBy)
{
    const bool images = limitName == LimitSettings::ImagesPerRepository;
    if (!images && limitName != LimitSettings::Repositories) {
        return IamErrors::invalid(QStringLiteral("There is no limit \"%1\": ask for \"repositories\" or "
                                                 "\"imagesPerRepository\"")
                                      .arg(limitName.left(100)));
    }
    if (images && repository.isEmpty())
        return IamErrors::invalid(QStringLiteral("Say which repository needs more images"));
    if (!images && !repository.isEmpty())
        return IamErrors::invalid(
            QStringLiteral("The repositories limit is the registry's: name no repository"));
    if (reason.trimmed().isEmpty())
        return IamErrors::invalid(QStringLiteral("Give a reason: an administrator decides on it"));
    if (reason.size() > MaxReasonLength)
        return IamErrors::invalid(
            QStringLiteral("The reason is longer than %1 characters; shorten it").arg(MaxReasonLength));
    if (auto valid = LimitSettings::validate(requested, limitName); !valid)
        return valid.error();

    LimitSettings settings(m_metadata, m_defaults);
    LimitRequest r;
    r.ocid = SecretGenerator::ocid(QStringLiteral("limitrequest"));
    r.limitName = limitName;
    r.repository = repository;
    r.requestedValue = requested;
    r.reason = reason.trimmed();
    r.requestedBy = requestedBy;
    r.requestedAt = m_clock.now();
    auto done = m_metadata.transaction([&]() -> Result<void> {
        if (images) {
            auto repoId = m_metadata.repositoryId(repository);
            if (!repoId)
                return repoId.error();
            if (!repoId.value())
                return IamErrors::notFound(
                    QStringLiteral("There is no repository %1").arg(repository.left(300)));
            auto limit = settings.imageLimit(*repoId.value());
            if (!limit)
                return limit.error();
            r.currentValue = limit.value();
        } else {
            auto limits = settings.effective();
            if (!limits)
                return limits.error();
            r.currentValue = limits->repositories;
        }
        if (requested <= r.currentValue) {
            return IamErrors::invalid(
                QStringLiteral("The %1 limit is %2 already: ask for more than that")
                    .arg(images ? QStringLiteral("image limit of repository %1").arg(repository)
                                : QStringLiteral("repositories"))
                    .arg(r.currentValue));
        }
        auto q = m_metadata.exec(
            QStringLiteral(
                "INSERT INTO limit_requests (ocid, limit_name, repository, current_value,"
                " requested_value, reason, requested_by, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
            {r.ocid, r.limitName, text(r.repository), r.currentValue, r.requestedValue, r.reason,
             text(r.requestedBy), StoredTime::toColumn(r.requestedAt)});
        if (!q)
            return q.error();
        r.id = q.value().lastInsertId().toLongLong();
        return {};
    });
    if (!done)
        return done.error();
    return r;
}

Result<QList<LimitRequest>> LimitRequestStore::list(const QString& requestedBy, bool pendingOnly) const
{
    QStringList where;
    QVariantList values;
    if (!requestedBy.isEmpty()) {
        where << QStringLiteral("requested_by = ?");
        values << requestedBy;
    }
    if (pendingOnly) {
        where << QStringLiteral("status = ?");
        values << LimitRequest::Pending;
    }
    QString sql = QStringLiteral("SELECT ") + Columns + QStringLiteral(" FROM limit_requests");
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY requested_at DESC, id DESC");
    auto q = m_metadata.exec(sql, values);
    if (!q)
        return q.error();
    QList<LimitRequest> out;
    while (q.value().next())
        out << fromRow(q.value());
    return out;
}

Result<std::optional<LimitRequest>> LimitRequestStore::find(qint64 id) const
{
    auto q = m_metadata.exec(
        QStringLiteral("SELECT ") + Columns + QStringLiteral(" FROM limit_requests WHERE id = ?"), {id});
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<LimitRequest>();
    return std::optional<LimitRequest>(fromRow(q.value()));
}

Result<LimitRequest> LimitRequestStore::approve(qint64 id, const QString& decidedBy, const QString& note)
{
    return decide(id, LimitRequest::Approved, decidedBy, note);
}

Result<LimitRequest> LimitRequestStore::decline(qint64 id, const QString& decidedBy, const QString& note)
{
    return decide(id, LimitRequest::Declined, decidedBy, note);
}

Result<LimitRequest> LimitRequestStore::pendingRequest(qint64 id) const
{
    auto found = find(id);
    if (!found)
        return found.error();
    if (!found.value())
        return IamErrors::notFound(QStringLiteral("There is no limit increase request %1").arg(id));
    if (found.value()->status != LimitRequest::Pending) {
        return IamErrors::protectedObject(QStringLiteral("Limit increase request %1 was %2 already by %3")
                                              .arg(id)
                                              .arg(found.value()->status, found.value()->decidedBy));
    }
    return *found.value();
}

Result<LimitRequest> LimitRequestStore::decide(qint64 id, const QString& status, const QString& decidedBy,
                                               const QString& note)
{
    if (note.size() > MaxReasonLength)
        return IamErrors::invalid(
            QStringLiteral("The note is longer than %1 characters; shorten it").arg(MaxReasonLength));
    LimitRequest r;
    const QDateTime now = m_clock.now();
    auto done = m_metadata.transaction([&]() -> Result<void> {
        auto pending = pendingRequest(id);
        if (!pending)
            return pending.error();
        r = pending.value();
        if (status == LimitRequest::Approved) {
            LimitSettings settings(m_metadata, m_defaults);
            if (r.limitName == LimitSettings::Repositories) {
                auto limits = settings.effective();
                if (!limits)
                    return limits.error();
                if (limits->repositories < r.requestedValue) {
                    auto set = settings.setRepositories(r.requestedValue, decidedBy, now);
                    if (!set)
                        return set;
                }
            } else {
                auto repoId = m_metadata.repositoryId(r.repository);
                if (!repoId)
                    return repoId.error();
                if (!repoId.value()) {
                    return IamErrors::notFound(
                        QStringLiteral("Repository %1 no longer exists: decline the request")
                            .arg(r.repository));
                }
                auto limit = settings.imageLimit(*repoId.value());
                if (!limit)
                    return limit.error();
                if (limit.value() < r.requestedValue) {
                    auto set = settings.setOwnImageLimit(*repoId.value(), r.requestedValue);
                    if (!set)
                        return set;
                }
            }
        }
        r.status = status;
        r.decidedBy = decidedBy;
        r.decidedAt = now;
        r.decisionNote = note.trimmed();
        auto q = m_metadata.exec(
            QStringLiteral("UPDATE limit_requests SET status = ?, decided_by = ?,"
                           " decided_at = ?, decision_note = ? WHERE id = ?"),
            {r.status, text(r.decidedBy), StoredTime::toColumn(now), text(r.decisionNote), id});
        if (!q)
            return q.error();
        return {};
    });
    if (!done)
        return done.error();
    return r;
}

} // namespace berth
