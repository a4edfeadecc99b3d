#include "cli/RetentionCommands.h"

#include "cli/Invocation.h"
#include "cli/JobWaiter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace berth {

namespace {

QString policyUrl(const QString& name)
{
    return QStringLiteral("/api/v1/retention-policies/") + ApiClient::segment(name);
}

QString target(const QJsonObject& p)
{
    if (p.value(QStringLiteral("repository")).isString())
        return RetentionCommands::tr("repository %1").arg(p.value(QStringLiteral("repository")).toString());
    const QString compartment = p.value(QStringLiteral("compartment")).toString();
    return compartment.isEmpty() ? RetentionCommands::tr("the tenancy")
                                 : RetentionCommands::tr("compartment %1").arg(compartment);
}

/// "notPulledForDays=30, keepTags=[latest]" for the rules object.
QString rulesText(const QJsonObject& rules)
{
    QStringList parts;
    for (auto it = rules.begin(); it != rules.end(); ++it) {
        QString value;
        if (it.value().isArray()) {
            QStringList items;
            for (const QJsonValue& v : it.value().toArray())
                items << v.toString();
            value = QLatin1Char('[') + items.join(QStringLiteral(", ")) + QLatin1Char(']');
        } else if (it.value().isBool()) {
            value = it.value().toBool() ? QStringLiteral("true") : QStringLiteral("false");
        } else {
            value = QString::number(it.value().toInteger());
        }
        parts << it.key() + QLatin1Char('=') + value;
    }
    return parts.join(QStringLiteral(", "));
}

QString shortDigest(const QString& digest)
{
    return digest.left(19); // "sha256:" and 12 hex digits
}

QString tagsText(const QJsonValue& tags)
{
    QStringList out;
    for (const QJsonValue& t : tags.toArray())
        out << t.toString();
    return out.isEmpty() ? QStringLiteral("-") : out.join(QLatin1Char(','));
}

} // namespace

QString RetentionCommands::summary() const
{
    return tr("Retention policies: list, show, create, update, delete, plan (dry run), apply, runs.");
}

QList<Subcommand> RetentionCommands::subcommands() const
{
    const CommandArgument name{QStringLiteral("NAME"), tr("The policy's name.")};
    const QList<QCommandLineOption> fields{
        QCommandLineOption(QStringLiteral("repository"), tr("The policy applies to this repository."),
                           QStringLiteral("REPOSITORY")),
        QCommandLineOption(QStringLiteral("compartment"),
                           tr("The policy applies to this compartment and everything below it (\"\" is the "
                              "tenancy; the default when neither is given)."),
                           QStringLiteral("A:B")),
        QCommandLineOption(QStringLiteral("description"), tr("What the policy is for."),
                           QStringLiteral("TEXT")),
        QCommandLineOption(QStringLiteral("not-pulled-days"),
                           tr("Delete tagged images not pulled or pushed for N days."), QStringLiteral("N")),
        QCommandLineOption(QStringLiteral("not-tagged-days"), tr("Remove tags not set or moved for N days."),
                           QStringLiteral("N")),
        QCommandLineOption(QStringLiteral("untagged-days"),
                           tr("Delete untagged manifests older than N days."), QStringLiteral("N")),
        QCommandLineOption(QStringLiteral("keep-last"), tr("Keep the N most recently pushed tagged images."),
                           QStringLiteral("N")),
        QCommandLineOption(QStringLiteral("keep-tag"),
                           tr("Keep tags matching this regular expression (whole tag); repeatable."),
                           QStringLiteral("REGEX")),
        QCommandLineOption(
            QStringLiteral("select-tag"),
            tr("Let the not-pulled and not-tagged rules consider only tags matching this regular "
               "expression (whole tag); repeatable."),
            QStringLiteral("REGEX")),
        QCommandLineOption(QStringLiteral("keep-referrers"),
                           tr("Keep images that have referrers (signatures, SBOMs) instead of deleting the "
                              "referrers with them.")),
        QCommandLineOption(QStringLiteral("rules"),
                           tr("All rules as JSON, e.g. '{\"notPulledForDays\": 30}'."),
                           QStringLiteral("JSON")),
        QCommandLineOption(QStringLiteral("disabled"),
                           tr("The schedule skips the policy (a plan still works).")),
        QCommandLineOption(QStringLiteral("enabled"), tr("The schedule runs the policy again.")),
    };
    QList<QCommandLineOption> updateFields = fields;
    updateFields << QCommandLineOption(QStringLiteral("rename"), tr("A new name."), QStringLiteral("NAME"));
    return {
        {QStringLiteral("list"),
         tr("Lists retention policies by name."),
         {},
         {QCommandLineOption(QStringLiteral("repository"),
                             tr("Only those that apply to this repository (also through its compartments)."),
                             QStringLiteral("REPOSITORY"))},
         list},
        {QStringLiteral("show"), tr("Shows a policy with its rules."), {name}, {}, show},
        {QStringLiteral("create"),
         tr("Creates a policy; at least one delete rule (--not-pulled-days, --not-tagged-days, "
            "--untagged-days "
            "or --rules). Keep rules of every policy that applies always win."),
         {name},
         fields,
         create},
        {QStringLiteral("update"),
         tr("Changes the fields given; rules given replace the rules."),
         {name},
         updateFields,
         update},
        {QStringLiteral("delete"), tr("Deletes a policy."), {name}, {}, remove},
        {QStringLiteral("plan"),
         tr("Dry run: what the policy would delete and keep, with the rule behind each, and the bytes that "
            "would come back. Changes nothing."),
         {name},
         {},
         plan},
        {QStringLiteral("apply"),
         tr("Runs the policy as a job on the server and waits for it (Ctrl-C cancels it). The bytes come "
            "back "
            "at the next garbage collection."),
         {name},
         {QCommandLineOption(QStringLiteral("no-wait"),
                             tr("Return at once with the job's id ('berthctl jobs wait ID' follows it)."))},
         apply},
        {QStringLiteral("runs"),
         tr("The history of retention runs, newest first."),
         {},
         {QCommandLineOption(QStringLiteral("policy"), tr("Only the runs of this policy."),
                             QStringLiteral("NAME")),
          QCommandLineOption(QStringLiteral("limit"), tr("At most N runs (default 20)."),
                             QStringLiteral("N"))},
         runs},
    };
}

bool RetentionCommands::body(Invocation& call, QJsonObject* body, int* status)
{
    if (call.isSet(QStringLiteral("repository")) && call.isSet(QStringLiteral("compartment"))) {
        *status = call.usageError(tr("Give either --repository or --compartment, not both."));
        return false;
    }
    if (call.isSet(QStringLiteral("enabled")) && call.isSet(QStringLiteral("disabled"))) {
        *status = call.usageError(tr("Give either --enabled or --disabled, not both."));
        return false;
    }
    if (call.isSet(QStringLiteral("repository")))
        body->insert(QStringLiteral("repository"), call.value(QStringLiteral("repository")));
    if (call.isSet(QStringLiteral("compartment")))
        body->insert(QStringLiteral("compartment"), call.value(QStringLiteral("compartment")));
    if (call.isSet(QStringLiteral("description")))
        body->insert(QStringLiteral("description"), call.value(QStringLiteral("description")));
    if (call.isSet(QStringLiteral("enabled")) || call.isSet(QStringLiteral("disabled")))
        body->insert(QStringLiteral("enabled"), call.isSet(QStringLiteral("enabled")));
    QJsonObject rules;
    if (call.isSet(QStringLiteral("rules"))) {
        QJsonParseError error;
        const QJsonDocument doc =
            QJsonDocument::fromJson(call.value(QStringLiteral("rules")).toUtf8(), &error);
        if (!doc.isObject()) {
            *status =
                call.usageError(tr("--rules must be a JSON object such as '{\"notPulledForDays\": 30}'."));
            return false;
        }
        rules = doc.object();
    }
    const QList<std::pair<QString, QString>> numbers{
        {QStringLiteral("not-pulled-days"), QStringLiteral("notPulledForDays")},
        {QStringLiteral("not-tagged-days"), QStringLiteral("notTaggedForDays")},
        {QStringLiteral("untagged-days"), QStringLiteral("untaggedOlderThanDays")},
        {QStringLiteral("keep-last"), QStringLiteral("keepLastPushed")}};
    for (const auto& [option, rule] : numbers) {
        if (!call.isSet(option))
            continue;
        bool ok = false;
        const qint64 n = call.value(option).toLongLong(&ok);
        if (!ok) {
            *status = call.usageError(tr("--%1 must be a whole number of days, 0 or more.").arg(option));
            return false;
        }
        rules.insert(rule, n); // the server refuses numbers below 0 with its own message
    }
    if (call.isSet(QStringLiteral("keep-tag")))
        rules.insert(QStringLiteral("keepTags"),
                     QJsonArray::fromStringList(call.values(QStringLiteral("keep-tag"))));
    if (call.isSet(QStringLiteral("select-tag")))
        rules.insert(QStringLiteral("selectTags"),
                     QJsonArray::fromStringList(call.values(QStringLiteral("select-tag"))));
    if (call.isSet(QStringLiteral("keep-referrers")))
        rules.insert(QStringLiteral("deleteReferrers"), false);
    if (!rules.isEmpty())
        body->insert(QStringLiteral("rules"), rules);
    return true;
}

int RetentionCommands::list(Invocation& call)
{
    QueryItems query;
    if (call.isSet(QStringLiteral("repository")))
        query.append({QStringLiteral("repository"), call.value(QStringLiteral("repository"))});
    return call.listing(QStringLiteral("/api/v1/retention-policies"), query,
                        {tr("NAME"), tr("APPLIES TO"), tr("ENABLED"), tr("RULES")}, [](const QJsonObject& p) {
                            return QStringList{p.value(QStringLiteral("name")).toString(), target(p),
                                               Output::yesNo(p.value(QStringLiteral("enabled")).toBool()),
                                               rulesText(p.value(QStringLiteral("rules")).toObject())};
                        });
}

int RetentionCommands::show(Invocation& call)
{
    return call.show(call.api().get(policyUrl(call.argument(0))), [&](const QJsonObject& p) {
        call.output().record(
            {{tr("Name"), p.value(QStringLiteral("name")).toString()},
             {tr("Applies to"), target(p)},
             {tr("Enabled"), Output::yesNo(p.value(QStringLiteral("enabled")).toBool())},
             {tr("Rules"), rulesText(p.value(QStringLiteral("rules")).toObject())},
             {tr("Id"), p.value(QStringLiteral("id")).toString()},
             {tr("Description"), Output::orDash(p.value(QStringLiteral("description")).toString())},
             {tr("Created"), Output::time(p.value(QStringLiteral("createdAt")))},
             {tr("Updated"), Output::time(p.value(QStringLiteral("updatedAt")))}});
    });
}

int RetentionCommands::create(Invocation& call)
{
    QJsonObject fields{{QStringLiteral("name"), call.argument(0)}};
    int status = 0;
    if (!body(call, &fields, &status))
        return status;
    if (!fields.contains(QStringLiteral("rules")))
        return call.usageError(
            tr("Give the rules: --not-pulled-days, --not-tagged-days, --untagged-days (with "
               "--keep-last, --keep-tag, --select-tag) or --rules JSON."));
    return call.show(call.api().send("POST", QStringLiteral("/api/v1/retention-policies"), fields),
                     [&](const QJsonObject& p) {
                         call.output().message(
                             tr("Created retention policy %1 on %2.")
                                 .arg(p.value(QStringLiteral("name")).toString(), target(p)));
                     });
}

int RetentionCommands::update(Invocation& call)
{
    QJsonObject fields;
    int status = 0;
    if (!body(call, &fields, &status))
        return status;
    if (call.isSet(QStringLiteral("rename")))
        fields.insert(QStringLiteral("name"), call.value(QStringLiteral("rename")));
    if (fields.isEmpty())
        return call.usageError(tr("Say what to change (see 'berthctl retention update --help')."));
    return call.show(
        call.api().send("PATCH", policyUrl(call.argument(0)), fields), [&](const QJsonObject& p) {
            call.output().message(
                tr("Updated retention policy %1.").arg(p.value(QStringLiteral("name")).toString()));
        });
}

int RetentionCommands::remove(Invocation& call)
{
    const QString name = call.argument(0);
    return call.done(call.api().remove(policyUrl(name)), tr("Deleted retention policy %1.").arg(name),
                     {{QStringLiteral("deleted"), name}});
}

void RetentionCommands::printPlan(Invocation& call, const QJsonObject& plan)
{
    QList<QStringList> goes;
    QList<QStringList> stays;
    for (const QJsonValue& value : plan.value(QStringLiteral("repositories")).toArray()) {
        const QJsonObject r = value.toObject();
        const QString repository = r.value(QStringLiteral("repository")).toString();
        for (const QJsonValue& d : r.value(QStringLiteral("deleted")).toArray()) {
            const QJsonObject o = d.toObject();
            goes.append({tr("delete"), repository, shortDigest(o.value(QStringLiteral("digest")).toString()),
                         tagsText(o.value(QStringLiteral("tags"))),
                         o.value(QStringLiteral("rule")).toString(),
                         o.value(QStringLiteral("reason")).toString()});
        }
        for (const QJsonValue& t : r.value(QStringLiteral("tagsRemoved")).toArray()) {
            const QJsonObject o = t.toObject();
            goes.append({tr("untag"), repository, shortDigest(o.value(QStringLiteral("digest")).toString()),
                         o.value(QStringLiteral("tag")).toString(),
                         o.value(QStringLiteral("rule")).toString(),
                         o.value(QStringLiteral("reason")).toString()});
        }
        for (const QJsonValue& k : r.value(QStringLiteral("kept")).toArray()) {
            const QJsonObject o = k.toObject();
            stays.append({tr("keep"), repository, shortDigest(o.value(QStringLiteral("digest")).toString()),
                          tagsText(o.value(QStringLiteral("tags"))),
                          o.value(QStringLiteral("rule")).toString(),
                          o.value(QStringLiteral("reason")).toString()});
        }
    }
    const QStringList headers{tr("ACTION"), tr("REPOSITORY"), tr("DIGEST"),
                              tr("TAGS"),   tr("RULE"),       tr("REASON")};
    call.output().table(headers, goes + stays);
    call.output().message(tr("%1 image(s) would be deleted and %2 tag(s) removed alone; %3 image(s) stay. "
                             "%4 would come back at the next garbage collection.")
                              .arg(plan.value(QStringLiteral("deletedImages")).toInt())
                              .arg(plan.value(QStringLiteral("removedTags")).toInt())
                              .arg(plan.value(QStringLiteral("keptImages")).toInt())
                              .arg(Output::size(plan.value(QStringLiteral("reclaimableBytes")).toInteger())));
}

int RetentionCommands::plan(Invocation& call)
{
    return call.show(
        call.api().send("POST", policyUrl(call.argument(0)) + QStringLiteral("/plan"), QJsonObject{}),
        [&](const QJsonObject& plan) { printPlan(call, plan); });
}

int RetentionCommands::apply(Invocation& call)
{
    const QString name = call.argument(0);
    const ApiResponse started =
        call.api().send("POST", policyUrl(name) + QStringLiteral("/apply"), QJsonObject{});
    if (!started.ok())
        return call.failure(started);
    const quint64 id = JobWaiter::jobIdOf(started.object());
    if (call.isSet(QStringLiteral("no-wait"))) {
        if (call.output().json())
            call.output().printJson(started.object());
        else
            call.output().message(
                tr("Started retention policy %1 as job %2; 'berthctl jobs wait %2' follows it.")
                    .arg(name)
                    .arg(id));
        return Invocation::Success;
    }
    JobWaiter waiter(call.api());
    if (JobWaiter::stderrIsTerminal() && !call.output().json())
        waiter.setProgressStream(&call.output().err());
    const ApiResponse finished = waiter.wait(id);
    if (!finished.ok())
        return call.failure(finished);
    const QJsonObject job = finished.object();
    if (call.output().json())
        call.output().printJson(job);
    const QString state = job.value(QStringLiteral("state")).toString();
    if (state != QLatin1String("succeeded"))
        return call.failure(tr("Retention policy %1 (job %2) %3: %4")
                                .arg(name)
                                .arg(id)
                                .arg(state, job.value(QStringLiteral("result")).toString()));
    if (!call.output().json())
        call.output().message(job.value(QStringLiteral("result")).toString());
    return Invocation::Success;
}

int RetentionCommands::runs(Invocation& call)
{
    QueryItems query;
    if (call.isSet(QStringLiteral("policy")))
        query.append({QStringLiteral("policy"), call.value(QStringLiteral("policy"))});
    if (call.isSet(QStringLiteral("limit")))
        query.append({QStringLiteral("limit"), call.value(QStringLiteral("limit"))});
    const ApiResponse answer = call.api().get(QStringLiteral("/api/v1/retention-runs"), query);
    return call.show(answer, [&](const QJsonObject& body) {
        QList<QStringList> rows;
        for (const QJsonValue& v : body.value(QStringLiteral("items")).toArray()) {
            const QJsonObject r = v.toObject();
            const QString policy = r.value(QStringLiteral("policy")).toString();
            rows.append(
                {Output::time(r.value(QStringLiteral("startedAt"))), policy.isEmpty() ? tr("(all)") : policy,
                 r.value(QStringLiteral("trigger")).toString(), r.value(QStringLiteral("outcome")).toString(),
                 QString::number(r.value(QStringLiteral("deletedImages")).toInt()),
                 QString::number(r.value(QStringLiteral("removedTags")).toInt()),
                 QString::number(r.value(QStringLiteral("skipped")).toInt()),
                 Output::size(r.value(QStringLiteral("reclaimableBytes")).toInteger())});
        }
        call.output().table({tr("STARTED"), tr("POLICY"), tr("TRIGGER"), tr("OUTCOME"), tr("DELETED"),
                             tr("UNTAGGED"), tr("SKIPPED"), tr("BYTES BACK")},
                            rows);
    });
}

} // namespace berth
