#include "iam/IamErrors.h"
#include "iam/IdentityServicePrivate.h"
#include "iam/PolicyParser.h"
#include "iam/SecretGenerator.h"
#include "metadata/MetadataStore.h"

#include <QJsonArray>
#include <QJsonObject>

namespace berth {

namespace {

Error policyProblems(const QString& name, const QVector<PolicyError>& errors)
{
    QStringList lines;
    QJsonArray problems;
    for (const PolicyError& e : errors) {
        lines << e.toString();
        problems.append(QJsonObject{{QStringLiteral("line"), e.line},
                                    {QStringLiteral("column"), e.column},
                                    {QStringLiteral("message"), e.message}});
    }
    return IamErrors::invalid(
        QStringLiteral("Policy %1 is not valid:\n%2").arg(name, lines.join(QLatin1Char('\n'))), problems);
}

} // namespace

// ---- policies

Result<QList<PolicyRecord>> IdentityService::policies() const
{
    auto tree = d->tree();
    if (!tree)
        return tree.error();
    auto rows = d->store.policies();
    if (!rows)
        return rows.error();
    QList<PolicyRecord> out;
    for (PolicyRecord p : rows.value()) {
        if (const CompartmentRecord* c = tree->byRowId(p.compartmentRowId))
            p.compartment = c->path;
        out << p;
    }
    std::sort(out.begin(), out.end(), [](const PolicyRecord& a, const PolicyRecord& b) {
        return a.compartment.names() != b.compartment.names() ? a.compartment.names() < b.compartment.names()
                                                              : a.name < b.name;
    });
    return out;
}

Result<PolicyRecord> IdentityService::policy(const CompartmentPath& compartment, const QString& name) const
{
    auto row = d->store.compartmentRowId(compartment);
    if (!row)
        return row.error();
    if (!row.value())
        return IamErrors::notFound(QStringLiteral("There is no %1").arg(compartment.describe()));
    auto p = d->store.policy(*row.value(), name);
    if (!p)
        return p.error();
    if (!p.value()) {
        return IamErrors::notFound(
            QStringLiteral("There is no policy named %1 in %2").arg(name.left(100), compartment.describe()));
    }
    PolicyRecord out = *p.value();
    out.compartment = compartment;
    return out;
}

Result<QVector<PolicyError>> IdentityService::checkPolicy(const CompartmentPath& compartment,
                                                          const QString& statements) const
{
    auto tree = d->tree();
    if (!tree)
        return tree.error();
    if (auto c = d->find(tree.value(), compartment); !c)
        return c.error();
    auto context = d->validationContext(tree.value(), compartment);
    if (!context)
        return context.error();
    PolicyParseResult parsed = PolicyParser::parseAndValidate(statements, context.value());
    if (parsed.ok() && parsed.statements.isEmpty())
        parsed.errors.append(PolicyError{1, 1, QStringLiteral("a policy needs at least one statement")});
    return parsed.errors;
}

Result<PolicyRecord> IdentityService::createPolicy(const CompartmentPath& compartment, const QString& name,
                                                   const QString& description, const QString& statements,
                                                   const QString& actor)
{
    if (const QString problem = Private::nameProblem(QStringLiteral("policy"), name); !problem.isEmpty())
        return IamErrors::invalid(problem);
    if (const QString problem = Private::descriptionProblem(description); !problem.isEmpty())
        return IamErrors::invalid(problem);
    const QDateTime now = clock().now();
    PolicyRecord record;
    record.id = SecretGenerator::ocid(QStringLiteral("policy"));
    record.name = name;
    record.description = description;
    record.statements = statements;
    record.compartment = compartment;
    record.createdAt = now;
    record.updatedAt = now;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto tree = d->tree();
        if (!tree)
            return tree.error();
        auto c = d->find(tree.value(), compartment);
        if (!c)
            return c.error();
        record.compartmentRowId = c.value()->rowId;
        record.compartmentId = c.value()->id;
        auto existing = d->store.policy(record.compartmentRowId, name);
        if (!existing)
            return existing.error();
        if (existing.value()) {
            return IamErrors::alreadyExists(
                QStringLiteral("A policy named %1 already exists in %2").arg(name, compartment.describe()));
        }
        auto errors = checkPolicy(compartment, statements);
        if (!errors)
            return errors.error();
        if (!errors->isEmpty())
            return policyProblems(name, errors.value());
        auto row = d->store.insertPolicy(record, now);
        if (!row)
            return row.error();
        record.rowId = row.value();
        return {};
    });
    if (!done)
        return done.error();
    d->invalidate();
    emit identityEvent(IdentityEvent{IdentityEventType::PolicyCreated, actor, name, record.id,
                                     QStringLiteral("in %1").arg(compartment.describe()), now});
    return record;
}

Result<PolicyRecord> IdentityService::updatePolicy(const CompartmentPath& compartment, const QString& name,
                                                   const QString& description, const QString& statements,
                                                   const QString& actor)
{
    if (const QString problem = Private::descriptionProblem(description); !problem.isEmpty())
        return IamErrors::invalid(problem);
    const QDateTime now = clock().now();
    PolicyRecord record;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto existing = policy(compartment, name);
        if (!existing)
            return existing.error();
        record = existing.value();
        auto errors = checkPolicy(compartment, statements);
        if (!errors)
            return errors.error();
        if (!errors->isEmpty())
            return policyProblems(name, errors.value());
        record.description = description;
        record.statements = statements;
        record.updatedAt = now;
        return d->store.updatePolicy(record.rowId, description, statements, now);
    });
    if (!done)
        return done.error();
    d->invalidate();
    emit identityEvent(IdentityEvent{IdentityEventType::PolicyUpdated, actor, name, record.id,
                                     QStringLiteral("in %1").arg(compartment.describe()), now});
    return record;
}

Result<void> IdentityService::deletePolicy(const CompartmentPath& compartment, const QString& name,
                                           const QString& actor)
{
    const QDateTime now = clock().now();
    QString id;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto existing = policy(compartment, name);
        if (!existing)
            return existing.error();
        id = existing->id;
        return d->store.deletePolicy(existing->rowId);
    });
    if (!done)
        return done;
    d->invalidate();
    emit identityEvent(IdentityEvent{IdentityEventType::PolicyDeleted, actor, name, id,
                                     QStringLiteral("in %1").arg(compartment.describe()), now});
    return {};
}

} // namespace berth
