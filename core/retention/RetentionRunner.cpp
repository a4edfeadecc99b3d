#include "retention/RetentionRunner.h"

#include "jobs/JobContext.h"
#include "maintenance/MaintenanceLog.h"
#include "metadata/MetadataStore.h"
#include "registry/RegistryService.h"
#include "retention/RetentionPlanner.h"
#include "retention/RetentionSnapshot.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocale>

namespace berth {

namespace {

QString tr(const char* text, const char* disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("RetentionRunner", text, disambiguation, n);
}

} // namespace

QJsonObject RetentionRunResult::summary() const
{
    return QJsonObject{{QStringLiteral("policy"), plan.policy},
                       {QStringLiteral("repositories"), plan.repositories.size()},
                       {QStringLiteral("plannedImages"), plan.deletedImages()},
                       {QStringLiteral("plannedTags"), plan.removedTags()},
                       {QStringLiteral("keptImages"), plan.keptImages()},
                       {QStringLiteral("deletedImages"), applied.deletedImages},
                       {QStringLiteral("removedTags"), applied.removedTags},
                       {QStringLiteral("skipped"), applied.skipped.size()},
                       {QStringLiteral("reclaimableBytes"), plan.reclaimableBytes},
                       {QStringLiteral("manifestBytes"), applied.manifestBytes},
                       {QStringLiteral("cancelled"), applied.cancelled}};
}

QString RetentionRunResult::describe() const
{
    QString text = tr("Retention deleted %n image(s)", nullptr, applied.deletedImages) +
                   QStringLiteral(", ") + tr("removed %n tag(s)", nullptr, applied.removedTags) +
                   QStringLiteral(", ") + tr("kept %n image(s)", nullptr, plan.keptImages());
    if (!applied.skipped.isEmpty())
        text += QStringLiteral(", ") +
                tr("skipped %n step(s) that changed since planning", nullptr, int(applied.skipped.size()));
    text += QStringLiteral(". ") + tr("About %1 come back at the next garbage collection.")
                                       .arg(QLocale::c().formattedDataSize(plan.reclaimableBytes));
    if (applied.cancelled)
        text += QLatin1Char(' ') + tr("Cancelled before the end.");
    return text;
}

RetentionRunner::RetentionRunner(RegistryService& registry, MaintenanceLog* log)
    : m_registry(registry), m_log(log), m_policies(registry.metadata(), registry.clock())
{}

Result<RepositoryRetentionPlan>
RetentionRunner::planOne(const QString& repository, const QList<RetentionPolicy>& deleting, bool alsoKeepWith)
{
    auto snapshot = RetentionSnapshot::load(m_registry.metadata(), repository);
    if (!snapshot)
        return snapshot.error();
    QList<RetentionPolicy> keeping = deleting;
    if (alsoKeepWith) {
        auto applying = m_policies.policiesFor(repository);
        if (!applying)
            return applying.error();
        for (const RetentionPolicy& p : applying.value()) {
            bool known = false;
            for (const RetentionPolicy& k : keeping)
                known = known || k.rowId == p.rowId;
            if (!known)
                keeping << p;
        }
    }
    return RetentionPlanner::plan(snapshot.value(), deleting, keeping, m_registry.clock().now());
}

Result<RetentionPlan> RetentionRunner::planPolicy(const QString& name, JobContext* context)
{
    auto policy = m_policies.get(name);
    if (!policy)
        return policy.error();
    auto repositories = m_policies.repositoriesCovered(policy.value());
    if (!repositories)
        return repositories.error();
    RetentionPlan plan;
    plan.policy = name;
    plan.plannedAt = m_registry.clock().now();
    for (const QString& repository : repositories.value()) {
        if (context && context->isCancelled())
            return Error(ErrorCode::Cancelled, tr("Planning was cancelled."));
        if (context)
            context->setStatus(tr("Planning %1").arg(repository));
        auto one = planOne(repository, {policy.value()}, true);
        if (!one) {
            if (one.error().code == ErrorCode::NameUnknown) // deleted meanwhile
                continue;
            return one.error();
        }
        plan.repositories << one.value();
    }
    plan.computeReclaimable();
    return plan;
}

Result<RetentionPlan> RetentionRunner::planRepository(const QString& repository)
{
    auto applying = m_policies.policiesFor(repository);
    if (!applying)
        return applying.error();
    RetentionPlan plan;
    plan.plannedAt = m_registry.clock().now();
    auto one = planOne(repository, applying.value(), false);
    if (!one)
        return one.error();
    plan.repositories << one.value();
    plan.computeReclaimable();
    return plan;
}

Result<RetentionPlan> RetentionRunner::planAll(JobContext* context)
{
    auto all = m_policies.list();
    if (!all)
        return all.error();
    QStringList repositories;
    for (const RetentionPolicy& p : all.value()) {
        if (!p.enabled)
            continue;
        auto covered = m_policies.repositoriesCovered(p);
        if (!covered)
            return covered.error();
        repositories << covered.value();
    }
    repositories.removeDuplicates();
    std::sort(repositories.begin(), repositories.end());
    RetentionPlan plan;
    plan.plannedAt = m_registry.clock().now();
    for (const QString& repository : repositories) {
        if (context && context->isCancelled())
            return Error(ErrorCode::Cancelled, tr("Planning was cancelled."));
        if (context)
            context->setStatus(tr("Planning %1").arg(repository));
        auto applying = m_policies.policiesFor(repository);
        if (!applying) {
            if (applying.error().code == ErrorCode::NameUnknown)
                continue;
            return applying.error();
        }
        auto one = planOne(repository, applying.value(), false);
        if (!one) {
            if (one.error().code == ErrorCode::NameUnknown)
                continue;
            return one.error();
        }
        plan.repositories << one.value();
    }
    plan.computeReclaimable();
    return plan;
}

Result<RetentionRunResult> RetentionRunner::run(const QString& policy, const QString& trigger,
                                                JobContext* context)
{
    std::lock_guard lock(m_runMutex);
    RetentionRunResult result;
    result.trigger = trigger;
    result.startedAt = m_registry.clock().now();
    auto plan = policy.isEmpty() ? planAll(context) : planPolicy(policy, context);
    if (!plan) {
        result.finishedAt = m_registry.clock().now();
        result.plan.policy = policy;
        const bool cancelled = plan.error().code == ErrorCode::Cancelled;
        if (cancelled)
            result.applied.cancelled = true;
        record(result, cancelled ? MaintenanceLog::Cancelled : MaintenanceLog::Failed,
               cancelled ? QString() : plan.error().message);
        if (cancelled)
            return result;
        return plan.error();
    }
    result.plan = plan.value();
    const qsizetype total = result.plan.deletedImages() + result.plan.removedTags();
    qint64 done = 0;
    for (const RepositoryRetentionPlan& repository : result.plan.repositories) {
        if (context && context->isCancelled()) {
            result.applied.cancelled = true;
            break;
        }
        if (context)
            context->setStatus(tr("Applying retention to %1").arg(repository.repository));
        if (repository.deleted.isEmpty() && repository.removedTags.isEmpty())
            continue;
        auto applied = m_registry.applyRetention(repository, context);
        if (!applied) {
            result.finishedAt = m_registry.clock().now();
            record(result, MaintenanceLog::Failed, applied.error().message);
            return applied.error();
        }
        result.applied.deletedImages += applied->deletedImages;
        result.applied.removedTags += applied->removedTags;
        result.applied.manifestBytes += applied->manifestBytes;
        result.applied.skipped << applied->skipped;
        done += repository.deleted.size() + repository.removedTags.size();
        if (context)
            context->setProgress(done, total);
        if (applied->cancelled) {
            result.applied.cancelled = true;
            break;
        }
    }
    result.finishedAt = m_registry.clock().now();
    record(result, result.applied.cancelled ? MaintenanceLog::Cancelled : MaintenanceLog::Succeeded,
           QString());
    return result;
}

void RetentionRunner::record(const RetentionRunResult& result, const QString& outcome, const QString& error)
{
    if (!m_log)
        return;
    MaintenanceRun run;
    run.kind = LogKind;
    run.trigger = result.trigger;
    run.startedAt = result.startedAt;
    run.finishedAt = result.finishedAt;
    run.outcome = outcome;
    run.summary = result.summary();
    if (!error.isEmpty())
        run.summary.insert(QStringLiteral("error"), error);
    (void)m_log->record(run);
}

} // namespace berth
