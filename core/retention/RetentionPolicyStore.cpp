#include "retention/RetentionPolicyStore.h"

#include "iam/IamErrors.h"
#include "iam/IdentityStore.h"
#include "iam/SecretGenerator.h"
#include "metadata/MetadataStore.h"
#include "metadata/StoredTime.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QRegularExpression>

namespace berth {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("RetentionPolicyStore", text);
}

const QString Columns = QStringLiteral("p.id, p.ocid, p.name, p.description, p.compartment_id, r.name, "
                                       "p.enabled, p.rules, p.created_at, p.updated_at");
const QString From =
    QStringLiteral(" FROM retention_policies p LEFT JOIN repositories r ON r.id = p.repository_id");

/// A null QString would be bound as NULL.
QString notNull(const QString& text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

QString rulesText(const RetentionRules& rules)
{
    return QString::fromUtf8(QJsonDocument(rules.toJson()).toJson(QJsonDocument::Compact));
}

} // namespace

RetentionPolicyStore::RetentionPolicyStore(MetadataStore& metadata, Clock& clock)
    : m_metadata(metadata), m_clock(clock)
{}

QString RetentionPolicyStore::nameProblem(const QString& name)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9_.-]{1,100}$"));
    if (valid.match(name).hasMatch())
        return QString();
    return tr("\"%1\" is not a valid policy name: use 1-100 letters, digits, '-', '_' and '.'.")
        .arg(name.left(120));
}

Result<QList<RetentionPolicy>> RetentionPolicyStore::select(const QString& where,
                                                            const QVariantList& values) const
{
    auto q = m_metadata.exec(QStringLiteral("SELECT ") + Columns + From + where, values);
    if (!q)
        return q.error();
    IdentityStore identity(m_metadata);
    QList<RetentionPolicy> out;
    QList<qint64> compartmentRows;
    while (q->next()) {
        RetentionPolicy p;
        p.rowId = q->value(0).toLongLong();
        p.id = q->value(1).toString();
        p.name = q->value(2).toString();
        p.description = q->value(3).toString();
        compartmentRows << (q->value(4).isNull() ? 0 : q->value(4).toLongLong());
        p.repository = q->value(5).toString();
        p.enabled = q->value(6).toBool();
        const QJsonObject rules = QJsonDocument::fromJson(q->value(7).toString().toUtf8()).object();
        auto parsed = RetentionRules::fromJson(rules);
        if (!parsed)
            return Error(ErrorCode::Internal,
                         tr("The stored rules of retention policy %1 are not valid (%2); "
                            "update the policy with valid rules.")
                             .arg(p.name, parsed.error().message));
        p.rules = parsed.value();
        p.createdAt = StoredTime::fromColumn(q->value(8));
        p.updatedAt = StoredTime::fromColumn(q->value(9));
        out << p;
    }
    for (qsizetype i = 0; i < out.size(); ++i) {
        if (!compartmentRows[i])
            continue;
        auto path = identity.compartmentPathOf(compartmentRows[i]);
        if (!path)
            return path.error();
        out[i].compartment = path.value();
    }
    return out;
}

Result<QList<RetentionPolicy>> RetentionPolicyStore::list() const
{
    return select(QStringLiteral(" ORDER BY p.name"), {});
}

Result<RetentionPolicy> RetentionPolicyStore::get(const QString& name) const
{
    auto found = select(QStringLiteral(" WHERE p.name = ?"), {name});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return IamErrors::notFound(
            tr("There is no retention policy named \"%1\"; see the list of policies.").arg(name.left(120)));
    return found->first();
}

Result<std::pair<QVariant, QVariant>> RetentionPolicyStore::targetColumns(const RetentionPolicy& policy) const
{
    if (policy.onRepository()) {
        auto id = m_metadata.repositoryId(policy.repository);
        if (!id)
            return id.error();
        if (!id.value())
            return IamErrors::notFound(tr("There is no repository %1; a policy can only apply to an existing "
                                          "repository (or to a compartment).")
                                           .arg(policy.repository.left(300)));
        return std::pair{QVariant(), QVariant(*id.value())};
    }
    IdentityStore identity(m_metadata);
    auto row = identity.compartmentRowId(policy.compartment);
    if (!row)
        return row.error();
    if (!row.value())
        return IamErrors::notFound(
            tr("There is no %1; create it first or choose another.").arg(policy.compartment.describe()));
    return std::pair{QVariant(*row.value()), QVariant()};
}

Result<void> RetentionPolicyStore::check(const RetentionPolicy& policy, const QString& previousName) const
{
    if (const QString problem = nameProblem(policy.name); !problem.isEmpty())
        return IamErrors::invalid(problem);
    if (policy.description.size() > 400)
        return IamErrors::invalid(tr("The description is too long: at most 400 characters."));
    if (!policy.rules.hasDeleteRule())
        return IamErrors::invalid(tr("A retention policy needs at least one delete rule: %1, %2 or %3.")
                                      .arg(RetentionRules::NotPulledForDays, RetentionRules::NotTaggedForDays,
                                           RetentionRules::UntaggedOlderThanDays));
    // Rules built in code go through the same validation as rules read from JSON.
    if (auto again = RetentionRules::fromJson(policy.rules.toJson()); !again)
        return again.error();
    if (policy.name != previousName) {
        auto taken =
            m_metadata.exec(QStringLiteral("SELECT 1 FROM retention_policies WHERE name = ?"), {policy.name});
        if (!taken)
            return taken.error();
        if (taken->next())
            return IamErrors::alreadyExists(
                tr("A retention policy named \"%1\" exists already; choose another name.").arg(policy.name));
    }
    return {};
}

Result<RetentionPolicy> RetentionPolicyStore::create(const RetentionPolicy& policy)
{
    QString name = policy.name;
    auto done = m_metadata.transaction([&]() -> Result<void> {
        if (auto ok = check(policy, QString()); !ok)
            return ok;
        auto target = targetColumns(policy);
        if (!target)
            return target.error();
        const qint64 now = StoredTime::toColumn(m_clock.now());
        auto q = m_metadata.exec(
            QStringLiteral("INSERT INTO retention_policies (ocid, name, description, compartment_id, "
                           "repository_id, enabled, rules, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, "
                           "?, ?, ?)"),
            {SecretGenerator::ocid(QStringLiteral("retentionpolicy")), policy.name, notNull(policy.description),
             target->first, target->second, policy.enabled ? 1 : 0, rulesText(policy.rules), now, now});
        if (!q)
            return q.error();
        return {};
    });
    if (!done)
        return done.error();
    return get(name);
}

Result<RetentionPolicy> RetentionPolicyStore::update(const QString& name, const RetentionPolicy& policy)
{
    auto done = m_metadata.transaction([&]() -> Result<void> {
        auto existing = get(name);
        if (!existing)
            return existing.error();
        if (auto ok = check(policy, name); !ok)
            return ok;
        auto target = targetColumns(policy);
        if (!target)
            return target.error();
        auto q = m_metadata.exec(
            QStringLiteral("UPDATE retention_policies SET name = ?, description = ?, compartment_id = ?, "
                           "repository_id = ?, enabled = ?, rules = ?, updated_at = ? WHERE id = ?"),
            {policy.name, notNull(policy.description), target->first, target->second, policy.enabled ? 1 : 0,
             rulesText(policy.rules), StoredTime::toColumn(m_clock.now()), existing->rowId});
        if (!q)
            return q.error();
        return {};
    });
    if (!done)
        return done.error();
    return get(policy.name);
}

Result<void> RetentionPolicyStore::remove(const QString& name)
{
    return m_metadata.transaction([&]() -> Result<void> {
        auto existing = get(name);
        if (!existing)
            return existing.error();
        auto q =
            m_metadata.exec(QStringLiteral("DELETE FROM retention_policies WHERE id = ?"), {existing->rowId});
        if (!q)
            return q.error();
        return {};
    });
}

Result<QList<RetentionPolicy>> RetentionPolicyStore::policiesFor(const QString& repository,
                                                                 bool includeDisabled) const
{
    IdentityStore identity(m_metadata);
    auto link = identity.repositoryLink(repository);
    if (!link)
        return link.error();
    if (!link.value())
        return IamErrors::notFound(tr("There is no repository %1.").arg(repository.left(300)));
    auto tree = identity.compartmentTree();
    if (!tree)
        return tree.error();
    auto all = select(QStringLiteral(" ORDER BY p.name"), {});
    if (!all)
        return all.error();
    QList<RetentionPolicy> out;
    for (const RetentionPolicy& p : all.value()) {
        if (!p.enabled && !includeDisabled)
            continue;
        bool applies = false;
        if (p.onRepository()) {
            applies = p.repository == repository;
        } else if (const CompartmentRecord* c = tree->find(p.compartment)) {
            applies = tree->isWithin(link.value()->compartmentRowId, c->rowId);
        }
        if (applies)
            out << p;
    }
    return out;
}

Result<QStringList> RetentionPolicyStore::repositoriesCovered(const RetentionPolicy& policy) const
{
    if (policy.onRepository()) {
        auto id = m_metadata.repositoryId(policy.repository);
        if (!id)
            return id.error();
        return id.value() ? QStringList{policy.repository} : QStringList{};
    }
    IdentityStore identity(m_metadata);
    auto tree = identity.compartmentTree();
    if (!tree)
        return tree.error();
    const CompartmentRecord* top = tree->find(policy.compartment);
    if (!top)
        return QStringList{};
    auto q = m_metadata.exec(QStringLiteral("SELECT name, compartment_id FROM repositories ORDER BY name"));
    if (!q)
        return q.error();
    QStringList out;
    while (q->next()) {
        if (tree->isWithin(q->value(1).toLongLong(), top->rowId))
            out << q->value(0).toString();
    }
    return out;
}

} // namespace berth
