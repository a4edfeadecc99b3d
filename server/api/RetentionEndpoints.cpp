#include "api/RetentionEndpoints.h"

#include "api/ApiCall.h"
#include "api/ApiErrors.h"
#include "api/ApiPage.h"
#include "api/ApiSchema.h"
#include "api/JobJson.h"
#include "jobs/JobRunner.h"
#include "maintenance/MaintenanceLog.h"
#include "retention/RetentionJob.h"
#include "retention/RetentionPlanJson.h"
#include "retention/RetentionRunner.h"

#include <QJsonArray>

namespace berth {

namespace {

using Runner = std::shared_ptr<RetentionRunner>;

QJsonValue timeOrNull(const QDateTime& t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

ApiReply policyReply(const Result<RetentionPolicy>& policy, int status = 200)
{
    if (!policy)
        return ApiReply::error(policy.error());
    ApiReply r = ApiReply::ok(RetentionPlanJson::policy(policy.value()));
    r.status = status;
    return r;
}

/// Fills `policy` from the body's fields that are present (create: all of them; update: a patch).
ApiReply fromBody(const QJsonObject& body, RetentionPolicy& policy)
{
    if (body.contains(QStringLiteral("name")))
        policy.name = body.value(QStringLiteral("name")).toString();
    if (body.contains(QStringLiteral("description")))
        policy.description = body.value(QStringLiteral("description")).toString();
    if (body.contains(QStringLiteral("enabled")))
        policy.enabled = body.value(QStringLiteral("enabled")).toBool();
    const bool hasCompartment = body.contains(QStringLiteral("compartment"));
    const bool hasRepository = body.contains(QStringLiteral("repository"));
    if (hasCompartment && hasRepository)
        return ApiReply::invalidArgument(QStringLiteral(
            "Give either \"compartment\" or \"repository\": a policy applies to one compartment (and "
            "everything below it) or to one repository."));
    if (hasCompartment) {
        auto compartment = ApiCall::compartmentFrom(body.value(QStringLiteral("compartment")).toString(),
                                                    QStringLiteral("compartment"));
        if (!compartment)
            return ApiReply::error(compartment.error());
        policy.compartment = compartment.value();
        policy.repository.clear();
    }
    if (hasRepository) {
        policy.repository = body.value(QStringLiteral("repository")).toString();
        if (policy.repository.isEmpty())
            return ApiReply::invalidArgument(QStringLiteral("\"repository\" must name a repository."));
        policy.compartment = CompartmentPath();
    }
    if (body.contains(QStringLiteral("rules"))) {
        auto rules = RetentionRules::fromJson(body.value(QStringLiteral("rules")).toObject());
        if (!rules)
            return ApiReply::error(rules.error());
        policy.rules = rules.value();
    }
    return ApiReply::noContent(); // status 204: fine
}

ApiReply list(ApiCall& call, RetentionRunner& runner)
{
    auto page = ApiPage::fromQuery(call.request().query);
    if (!page)
        return ApiReply::error(page.error());
    QList<RetentionPolicy> policies;
    if (call.hasQuery(QStringLiteral("repository"))) {
        auto applying = runner.policies().policiesFor(call.query(QStringLiteral("repository")), true);
        if (!applying)
            return ApiReply::error(applying.error());
        policies = applying.value();
    } else {
        auto all = runner.policies().list();
        if (!all)
            return ApiReply::error(all.error());
        policies = all.value();
    }
    std::optional<CompartmentPath> only;
    if (call.hasQuery(QStringLiteral("compartment"))) {
        auto compartment = ApiCall::compartmentFrom(call.query(QStringLiteral("compartment")),
                                                    QStringLiteral("compartment"));
        if (!compartment)
            return ApiReply::error(compartment.error());
        only = compartment.value();
    }
    QList<QPair<QString, QJsonObject>> items;
    for (const RetentionPolicy& p : policies) {
        if (only && (p.onRepository() || p.compartment != *only))
            continue;
        items.append({p.name, RetentionPlanJson::policy(p)});
    }
    return ApiReply::ok(page.value().build(items));
}

ApiReply create(ApiCall& call, RetentionRunner& runner)
{
    RetentionPolicy policy;
    if (ApiReply bad = fromBody(call.body(), policy); bad.isError())
        return bad;
    if (!call.body().contains(QStringLiteral("rules")))
        return ApiReply::invalidArgument(QStringLiteral("The field \"rules\" is required."));
    return policyReply(runner.policies().create(policy), 201);
}

ApiReply update(ApiCall& call, RetentionRunner& runner)
{
    const QString name = call.path(QStringLiteral("policy"));
    auto current = runner.policies().get(name);
    if (!current)
        return ApiReply::error(current.error());
    RetentionPolicy policy = current.value();
    if (ApiReply bad = fromBody(call.body(), policy); bad.isError())
        return bad;
    return policyReply(runner.policies().update(name, policy));
}

ApiReply plan(ApiCall& call, RetentionRunner& runner)
{
    auto planned = runner.planPolicy(call.path(QStringLiteral("policy")));
    if (!planned)
        return ApiReply::error(planned.error());
    return ApiReply::ok(RetentionPlanJson::plan(planned.value()));
}

ApiReply apply(ApiCall& call, const Runner& runner)
{
    const QString name = call.path(QStringLiteral("policy"));
    if (auto exists = runner->policies().get(name); !exists)
        return ApiReply::error(exists.error());
    JobRunner* jobs = call.services().jobs;
    if (!jobs)
        return ApiReply::error(500, ApiErrors::Internal,
                               QStringLiteral("This server runs no jobs; retention cannot be applied here."));
    const quint64 id = jobs->submit(JobKind::Retention, RetentionJob::title(name, MaintenanceLog::Manual),
                                    RetentionJob::make(runner, name, MaintenanceLog::Manual));
    const std::optional<JobSnapshot> job = jobs->job(id);
    if (!job)
        return ApiReply::error(500, ApiErrors::Internal, QStringLiteral("The job vanished; try again."));
    return JobJson::accepted(*job);
}

ApiReply runs(ApiCall& call)
{
    int limit = 20;
    if (call.hasQuery(QStringLiteral("limit"))) {
        bool ok = false;
        limit = call.query(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1 || limit > MaintenanceLog::keepPerKind)
            return ApiReply::invalidArgument(
                QStringLiteral("The query parameter \"limit\" must be a number from 1 to %1.")
                    .arg(MaintenanceLog::keepPerKind));
    }
    const QString policy = call.query(QStringLiteral("policy"));
    QJsonArray items;
    if (call.services().maintenance) {
        auto history =
            call.services().maintenance->history(RetentionRunner::LogKind, MaintenanceLog::keepPerKind);
        if (!history)
            return ApiReply::error(history.error());
        for (const MaintenanceRun& run : history.value()) {
            if (!policy.isEmpty() && run.summary.value(QStringLiteral("policy")).toString() != policy)
                continue;
            if (items.size() >= limit)
                break;
            QJsonObject json = run.summary;
            json.insert(QStringLiteral("trigger"), run.trigger);
            json.insert(QStringLiteral("outcome"), run.outcome);
            json.insert(QStringLiteral("startedAt"), timeOrNull(run.startedAt));
            json.insert(QStringLiteral("finishedAt"), timeOrNull(run.finishedAt));
            items.append(json);
        }
    }
    return ApiReply::ok(QJsonObject{{QStringLiteral("items"), items}});
}

} // namespace

void RetentionEndpoints::add(ApiTable& table, const ApiServices& services)
{
    using S = ApiSchema;
    Runner runner = services.retention;
    if (!runner)
        runner = std::make_shared<RetentionRunner>(*services.registry, services.maintenance);
    JobJson::addSchemas(table);
    const QString tag = QStringLiteral("retention");
    const QString base = QStringLiteral("/api/v1/retention-policies");
    const QString one = base + QStringLiteral("/{policy}");
    const ApiParameter policyParameter{QStringLiteral("policy"),
                                       ApiParameter::In::Path,
                                       QStringLiteral("The policy's name."),
                                       S::string(),
                                       true,
                                       false};

    const QJsonObject days = S::integer(QStringLiteral("Days, 0 or more."));
    const QJsonObject patterns =
        S::arrayOf(S::string(), QStringLiteral("Regular expressions; each must match the whole tag."));
    const QJsonObject rules = S::object(
        {{RetentionRules::NotPulledForDays, days},
         {RetentionRules::NotTaggedForDays, days},
         {RetentionRules::UntaggedOlderThanDays, days},
         {RetentionRules::KeepLastPushed, S::integer(QStringLiteral("Keep this many newest tagged images."))},
         {RetentionRules::KeepTags, patterns},
         {RetentionRules::SelectTags, patterns},
         {RetentionRules::DeleteReferrers,
          S::boolean(QStringLiteral("Default true: referrers go with their subject; false keeps images "
                                    "that have referrers."))}},
        {},
        QStringLiteral(
            "At least one delete rule (notPulledForDays, notTaggedForDays, untaggedOlderThanDays). "
            "Keep rules (keepTags, keepLastPushed) of every policy that applies win."));
    table.schemas.insert(QStringLiteral("RetentionRules"), rules);
    table.schemas.insert(
        QStringLiteral("RetentionPolicy"),
        S::object(
            {{QStringLiteral("id"), S::string()},
             {QStringLiteral("name"), S::string()},
             {QStringLiteral("description"), S::string()},
             {QStringLiteral("compartment"),
              QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                          {QStringLiteral("nullable"), true},
                          {QStringLiteral("description"),
                           QStringLiteral("\"A:B\" (\"\" = the tenancy); null for a repository policy.")}}},
             {QStringLiteral("repository"), QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                                                        {QStringLiteral("nullable"), true}}},
             {QStringLiteral("enabled"), S::boolean()},
             {QStringLiteral("rules"), S::ref(QStringLiteral("RetentionRules"))},
             {QStringLiteral("createdAt"), S::dateTime()},
             {QStringLiteral("updatedAt"), S::dateTime()}},
            {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("enabled"),
             QStringLiteral("rules")}));
    const QJsonObject image =
        S::object({{QStringLiteral("digest"), S::string()},
                   {QStringLiteral("mediaType"), S::string()},
                   {QStringLiteral("size"), S::integer()},
                   {QStringLiteral("pushedAt"), S::nullableDateTime()},
                   {QStringLiteral("lastUsedAt"), S::nullableDateTime()},
                   {QStringLiteral("tags"), S::arrayOf(S::string())},
                   {QStringLiteral("rule"), S::string()},
                   {QStringLiteral("policy"), S::string()},
                   {QStringLiteral("reason"), S::string()}},
                  {QStringLiteral("digest"), QStringLiteral("rule"), QStringLiteral("reason")});
    const QJsonObject tagRemoval = S::object({{QStringLiteral("tag"), S::string()},
                                              {QStringLiteral("digest"), S::string()},
                                              {QStringLiteral("rule"), S::string()},
                                              {QStringLiteral("policy"), S::string()},
                                              {QStringLiteral("reason"), S::string()}},
                                             {QStringLiteral("tag"), QStringLiteral("digest")});
    const QJsonObject repositoryPlan = S::object(
        {{QStringLiteral("repository"), S::string()},
         {QStringLiteral("deletedImages"), S::integer()},
         {QStringLiteral("removedTags"), S::integer()},
         {QStringLiteral("keptImages"), S::integer()},
         {QStringLiteral("reclaimableBytes"), S::integer()},
         {QStringLiteral("deleted"), S::arrayOf(image, QStringLiteral("In the order they would go."))},
         {QStringLiteral("tagsRemoved"),
          S::arrayOf(tagRemoval, QStringLiteral("Tags removed alone: another tag keeps the image."))},
         {QStringLiteral("kept"), S::arrayOf(image)},
         {QStringLiteral("truncated"), S::boolean(QStringLiteral("The lists stop at 1000 entries."))}},
        {QStringLiteral("repository"), QStringLiteral("deleted"), QStringLiteral("kept")});
    table.schemas.insert(
        QStringLiteral("RetentionPlan"),
        S::object({{QStringLiteral("policy"), S::string()},
                   {QStringLiteral("plannedAt"), S::dateTime()},
                   {QStringLiteral("deletedImages"), S::integer()},
                   {QStringLiteral("removedTags"), S::integer()},
                   {QStringLiteral("keptImages"), S::integer()},
                   {QStringLiteral("reclaimableBytes"),
                    S::integer(QStringLiteral(
                        "Blobs and manifests no kept manifest in any repository references."))},
                   {QStringLiteral("reclaimableBlobs"), S::integer()},
                   {QStringLiteral("note"), S::string()},
                   {QStringLiteral("repositories"), S::arrayOf(repositoryPlan)}},
                  {QStringLiteral("deletedImages"), QStringLiteral("keptImages"),
                   QStringLiteral("reclaimableBytes"), QStringLiteral("repositories")}));

    const QJsonObject body = S::object(
        {{QStringLiteral("name"), S::string(QStringLiteral("1-100 letters, digits, '-', '_', '.'; unique."))},
         {QStringLiteral("description"), S::string()},
         {QStringLiteral("compartment"),
          S::string(
              QStringLiteral("Applies to this compartment and everything below (\"\" = the tenancy)."))},
         {QStringLiteral("repository"), S::string(QStringLiteral("Applies to this repository only."))},
         {QStringLiteral("enabled"),
          S::boolean(QStringLiteral("Default true; the schedule skips disabled ones."))},
         {QStringLiteral("rules"), rules}}); // inline: request bodies are checked without $ref

    ApiOperation all = ApiOperation::make(
        "GET", base, QStringLiteral("listRetentionPolicies"), tag,
        QStringLiteral(
            "Retention policies by name; ?repository= lists those that apply to it (also through its "
            "compartments), ?compartment= those attached to one compartment."),
        ApiAccess::administrator(), [runner](ApiCall& call) { return list(call, *runner); });
    all.parameters = {ApiParameter{QStringLiteral("repository"), ApiParameter::In::Query,
                                   QStringLiteral("Only the policies that apply to this repository."),
                                   S::string(), false, false},
                      ApiParameter{QStringLiteral("compartment"), ApiParameter::In::Query,
                                   QStringLiteral("Only the policies attached to this compartment."),
                                   S::string(), false, false}};
    all.parameters += ApiPage::parameters();
    all.responseSchema = S::page(S::ref(QStringLiteral("RetentionPolicy")));
    all.errorStatuses = {404};
    table.operations.append(all);

    ApiOperation make = ApiOperation::make(
        "POST", base, QStringLiteral("createRetentionPolicy"), tag,
        QStringLiteral("Creates a retention policy on a compartment or a repository. Invalid rules (a bad "
                       "regular expression, a number below 0, an unknown rule) are refused with a message."),
        ApiAccess::administrator(), [runner](ApiCall& call) { return create(call, *runner); });
    QJsonObject createBody = body;
    createBody.insert(QStringLiteral("required"),
                      QJsonArray{QStringLiteral("name"), QStringLiteral("rules")});
    make.requestSchema = createBody;
    make.status = 201;
    make.responseSchema = S::ref(QStringLiteral("RetentionPolicy"));
    make.errorStatuses = {404, 409};
    table.operations.append(make);

    ApiOperation getOne = ApiOperation::make(
        "GET", one, QStringLiteral("getRetentionPolicy"), tag, QStringLiteral("One retention policy."),
        ApiAccess::administrator(), [runner](ApiCall& call) {
            return policyReply(runner->policies().get(call.path(QStringLiteral("policy"))));
        });
    getOne.parameters = {policyParameter};
    getOne.responseSchema = S::ref(QStringLiteral("RetentionPolicy"));
    getOne.errorStatuses = {404};
    table.operations.append(getOne);

    ApiOperation patch = ApiOperation::make(
        "PATCH", one, QStringLiteral("updateRetentionPolicy"), tag,
        QStringLiteral("Changes the fields given (name, description, target, enabled, rules)."),
        ApiAccess::administrator(), [runner](ApiCall& call) { return update(call, *runner); });
    patch.parameters = {policyParameter};
    patch.requestSchema = body;
    patch.responseSchema = S::ref(QStringLiteral("RetentionPolicy"));
    patch.errorStatuses = {404, 409};
    table.operations.append(patch);

    ApiOperation del = ApiOperation::make(
        "DELETE", one, QStringLiteral("deleteRetentionPolicy"), tag,
        QStringLiteral("Deletes a retention policy."), ApiAccess::administrator(), [runner](ApiCall& call) {
            if (auto removed = runner->policies().remove(call.path(QStringLiteral("policy"))); !removed)
                return ApiReply::error(removed.error());
            return ApiReply::noContent();
        });
    del.parameters = {policyParameter};
    del.status = 204;
    del.errorStatuses = {404};
    table.operations.append(del);

    ApiOperation dryRun = ApiOperation::make(
        "POST", one + QStringLiteral("/plan"), QStringLiteral("planRetentionPolicy"), tag,
        QStringLiteral("Dry run: every image the policy would delete with the rule that selected it, every "
                       "tag removed alone, every image kept with the rule that kept it, and the bytes that "
                       "would come back (at the next garbage collection). Changes nothing."),
        ApiAccess::administrator(), [runner](ApiCall& call) { return plan(call, *runner); });
    dryRun.parameters = {policyParameter};
    dryRun.responseSchema = S::ref(QStringLiteral("RetentionPlan"));
    dryRun.errorStatuses = {404};
    table.operations.append(dryRun);

    ApiOperation run = ApiOperation::make(
        "POST", one + QStringLiteral("/apply"), QStringLiteral("applyRetentionPolicy"), tag,
        QStringLiteral(
            "Runs the policy as a job (202, Location: /api/v1/jobs/{id}): plans again and deletes, "
            "re-checking each image against concurrent pushes. The bytes are left to garbage "
            "collection."),
        ApiAccess::administrator(), [runner](ApiCall& call) { return apply(call, runner); });
    run.parameters = {policyParameter};
    run.status = 202;
    run.responseSchema = S::ref(QStringLiteral("JobAccepted"));
    run.errorStatuses = {404};
    table.operations.append(run);

    ApiOperation history = ApiOperation::make(
        "GET", QStringLiteral("/api/v1/retention-runs"), QStringLiteral("listRetentionRuns"), tag,
        QStringLiteral("The recorded retention runs (manual and scheduled), newest first."),
        ApiAccess::administrator(), runs);
    history.parameters = {
        ApiParameter{QStringLiteral("limit"), ApiParameter::In::Query,
                     QStringLiteral("At most this many (1-200, default 20)."), S::integer(), false, false},
        ApiParameter{QStringLiteral("policy"), ApiParameter::In::Query,
                     QStringLiteral("Only the runs of this policy."), S::string(), false, false}};
    const QJsonObject runItem = S::object(
        {{QStringLiteral("policy"), S::string(QStringLiteral("Empty: every enabled policy (the schedule)."))},
         {QStringLiteral("trigger"), S::stringEnum({MaintenanceLog::Manual, MaintenanceLog::Scheduled})},
         {QStringLiteral("outcome"),
          S::stringEnum({MaintenanceLog::Succeeded, MaintenanceLog::Failed, MaintenanceLog::Cancelled})},
         {QStringLiteral("startedAt"), S::dateTime()},
         {QStringLiteral("finishedAt"), S::dateTime()},
         {QStringLiteral("repositories"), S::integer()},
         {QStringLiteral("plannedImages"), S::integer()},
         {QStringLiteral("plannedTags"), S::integer()},
         {QStringLiteral("keptImages"), S::integer()},
         {QStringLiteral("deletedImages"), S::integer()},
         {QStringLiteral("removedTags"), S::integer()},
         {QStringLiteral("skipped"), S::integer(QStringLiteral("Changed since planning; left alone."))},
         {QStringLiteral("reclaimableBytes"), S::integer()},
         {QStringLiteral("manifestBytes"), S::integer()},
         {QStringLiteral("cancelled"), S::boolean()},
         {QStringLiteral("error"), S::string()}},
        {QStringLiteral("trigger"), QStringLiteral("outcome"), QStringLiteral("startedAt")});
    history.responseSchema =
        S::object({{QStringLiteral("items"), S::arrayOf(runItem)}}, {QStringLiteral("items")});
    table.operations.append(history);
}

} // namespace berth
