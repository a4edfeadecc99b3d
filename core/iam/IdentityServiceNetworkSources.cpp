#include "iam/IamErrors.h"
#include "iam/IdentityServicePrivate.h"
#include "iam/PolicyParser.h"
#include "iam/SecretGenerator.h"
#include "metadata/MetadataStore.h"

#include <QJsonArray>

namespace berth {

namespace {

/// Network source names a condition tree compares against.
void collectSources(const PolicyCondition& c, QStringList& out)
{
    if (c.kind() == PolicyCondition::Kind::Comparison) {
        if (c.variable() == PolicyCondition::Variable::NetworkSourceName && !out.contains(c.value()))
            out << c.value();
        return;
    }
    for (const PolicyCondition& child : c.children())
        collectSources(child, out);
}

Result<QStringList> checkedRanges(const QString& name, const QStringList& ranges)
{
    QStringList cleaned;
    for (const QString& r : ranges)
        cleaned << r.trimmed();
    if (cleaned.isEmpty())
        return IamErrors::invalid(
            QStringLiteral("Network source %1 needs at least one address range").arg(name));
    QStringList errors;
    if (!NetworkSource::create(name, cleaned, &errors)) {
        QJsonArray problems;
        for (const QString& e : errors)
            problems.append(e);
        return IamErrors::invalid(errors.join(QLatin1Char('\n')), problems);
    }
    return cleaned;
}

} // namespace

// ---- network sources

Result<QList<NetworkSourceRecord>> IdentityService::networkSources() const
{
    return d->store.networkSources();
}

Result<NetworkSourceRecord> IdentityService::networkSource(const QString& name) const
{
    auto s = d->store.networkSource(name);
    if (!s)
        return s.error();
    if (!s.value())
        return IamErrors::notFound(QStringLiteral("There is no network source named %1").arg(name.left(100)));
    return *s.value();
}

Result<NetworkSourceRecord> IdentityService::createNetworkSource(const QString& name,
                                                                 const QStringList& ranges,
                                                                 const QString& description,
                                                                 const QString& actor)
{
    if (const QString problem = Private::nameProblem(QStringLiteral("network source"), name);
        !problem.isEmpty())
        return IamErrors::invalid(problem);
    if (const QString problem = Private::descriptionProblem(description); !problem.isEmpty())
        return IamErrors::invalid(problem);
    auto cleaned = checkedRanges(name, ranges);
    if (!cleaned)
        return cleaned.error();
    const QDateTime now = clock().now();
    NetworkSourceRecord record;
    record.id = SecretGenerator::ocid(QStringLiteral("networksource"));
    record.name = name;
    record.description = description;
    record.ranges = cleaned.value();
    record.createdAt = now;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto existing = d->store.networkSource(name);
        if (!existing)
            return existing.error();
        if (existing.value())
            return IamErrors::alreadyExists(
                QStringLiteral("A network source named %1 already exists").arg(name));
        auto row = d->store.insertNetworkSource(record, now);
        if (!row)
            return row.error();
        record.rowId = row.value();
        return {};
    });
    if (!done)
        return done.error();
    d->invalidate();
    emit identityEvent(IdentityEvent{IdentityEventType::NetworkSourceCreated, actor, name, record.id,
                                     record.ranges.join(QStringLiteral(", ")), now});
    return record;
}

Result<NetworkSourceRecord> IdentityService::updateNetworkSource(const QString& name,
                                                                 const QStringList& ranges,
                                                                 const QString& description,
                                                                 const QString& actor)
{
    if (const QString problem = Private::descriptionProblem(description); !problem.isEmpty())
        return IamErrors::invalid(problem);
    auto cleaned = checkedRanges(name, ranges);
    if (!cleaned)
        return cleaned.error();
    const QDateTime now = clock().now();
    NetworkSourceRecord record;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto existing = networkSource(name);
        if (!existing)
            return existing.error();
        record = existing.value();
        record.description = description;
        record.ranges = cleaned.value();
        return d->store.updateNetworkSource(record.rowId, description, record.ranges);
    });
    if (!done)
        return done.error();
    d->invalidate();
    emit identityEvent(IdentityEvent{IdentityEventType::NetworkSourceUpdated, actor, name, record.id,
                                     record.ranges.join(QStringLiteral(", ")), now});
    return record;
}

Result<void> IdentityService::deleteNetworkSource(const QString& name, const QString& actor)
{
    const QDateTime now = clock().now();
    QString id;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto existing = networkSource(name);
        if (!existing)
            return existing.error();
        id = existing->id;
        auto tree = d->tree();
        if (!tree)
            return tree.error();
        auto rows = d->store.policies();
        if (!rows)
            return rows.error();
        QStringList users;
        for (const PolicyRecord& p : rows.value()) {
            QStringList sources;
            for (const PolicyStatement& s : PolicyParser::parse(p.statements).statements) {
                if (s.condition)
                    collectSources(*s.condition, sources);
            }
            if (sources.contains(name)) {
                const CompartmentRecord* c = tree->byRowId(p.compartmentRowId);
                users << (c && !c->path.isTenancy() ? c->path.toString() + QLatin1Char('/') + p.name
                                                    : p.name);
            }
        }
        if (!users.isEmpty()) {
            return IamErrors::notEmpty(
                QStringLiteral("Network source %1 cannot be deleted: %2 %3 it (%4). Change them first.")
                    .arg(name,
                         Private::counted(users.size(), QStringLiteral("policy"), QStringLiteral("policies")),
                         users.size() == 1 ? QStringLiteral("uses") : QStringLiteral("use"),
                         Private::listed(users)));
        }
        return d->store.deleteNetworkSource(existing->rowId);
    });
    if (!done)
        return done;
    d->invalidate();
    emit identityEvent(
        IdentityEvent{IdentityEventType::NetworkSourceDeleted, actor, name, id, QString(), now});
    return {};
}

} // namespace berth
