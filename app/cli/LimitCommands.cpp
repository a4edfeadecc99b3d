#include "cli/LimitCommands.h"

#include "cli/Invocation.h"

#include <QJsonArray>

namespace berth {

namespace {

const QString LimitsPath = QStringLiteral("/api/v1/limits");
const QString RequestsPath = QStringLiteral("/api/v1/limit-requests");

QString number(const QJsonValue& v)
{
    return QString::number(v.toInteger());
}

QString limitText(const QJsonObject& r)
{
    const QString limit = r.value(QStringLiteral("limit")).toString();
    if (limit == QLatin1String("imagesPerRepository"))
        return LimitCommands::tr("images of %1").arg(r.value(QStringLiteral("repository")).toString());
    return LimitCommands::tr("repositories");
}

/// A whole number from 1 up, or -1.
qint64 positive(const QString& text)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    return ok && value > 0 ? value : -1;
}

} // namespace

QString LimitCommands::summary() const
{
    return tr("Limits: the registry's figures and limits, increase requests and decisions on them.");
}

QList<Subcommand> LimitCommands::subcommands() const
{
    const CommandArgument id{QStringLiteral("ID"), tr("The request's number (see limits requests).")};
    const QCommandLineOption note(QStringLiteral("note"), tr("A note for the requester."),
                                  QStringLiteral("TEXT"));
    return {
        {QStringLiteral("show"),
         tr("Shows the limits in force and the figures (with --repository, one repository's images)."),
         {},
         {QCommandLineOption(QStringLiteral("repository"),
                             tr("Also show this repository's images and limit."), QStringLiteral("NAME"))},
         show},
        {QStringLiteral("set"),
         tr("Changes the registry's limits at run time (administrators)."),
         {},
         {QCommandLineOption(QStringLiteral("repositories"), tr("Repositories in the registry."),
                             QStringLiteral("N")),
          QCommandLineOption(QStringLiteral("images-per-repository"),
                             tr("Images (manifests) per repository; each platform of an index counts."),
                             QStringLiteral("N"))},
         set},
        {QStringLiteral("request"),
         tr("Asks an administrator for a higher limit: \"repositories\", or \"images REPOSITORY\"."),
         {{QStringLiteral("repositories|images"), tr("Which limit.")},
          {QStringLiteral("REPOSITORY"), tr("For images: the repository."), true}},
         {QCommandLineOption(QStringLiteral("value"), tr("The limit you need."), QStringLiteral("N")),
          QCommandLineOption(QStringLiteral("reason"), tr("Why you need it."), QStringLiteral("TEXT"))},
         request},
        {QStringLiteral("requests"),
         tr("Lists limit increase requests (yours; administrators see everybody's), or shows one."),
         {{QStringLiteral("ID"), tr("Show this request only."), true}},
         {QCommandLineOption(QStringLiteral("pending"), tr("Only requests waiting for a decision."))},
         requests},
        {QStringLiteral("approve"),
         tr("Approves a request: the limit is raised at once (administrators)."),
         {id},
         {note},
         [](Invocation& call) { return decide(call, true); }},
        {QStringLiteral("decline"),
         tr("Declines a request, with a note saying why (administrators)."),
         {id},
         {note},
         [](Invocation& call) { return decide(call, false); }},
    };
}

int LimitCommands::show(Invocation& call)
{
    const ApiResponse response = call.api().get(LimitsPath);
    if (!response.ok())
        return call.failure(response);
    ApiResponse repository;
    const bool withRepository = call.isSet(QStringLiteral("repository"));
    if (withRepository) {
        repository = call.api().get(QStringLiteral("/api/v1/repositories/") +
                                    ApiClient::repositoryPath(call.value(QStringLiteral("repository"))) +
                                    QStringLiteral("/limits"));
        if (!repository.ok())
            return call.failure(repository);
    }
    QJsonObject all = response.object();
    if (withRepository)
        all.insert(QStringLiteral("repository"), repository.object());
    ApiResponse combined = response;
    combined.json = all;
    return call.show(combined, [&](const QJsonObject& l) {
        const QJsonObject limits = l.value(QStringLiteral("limits")).toObject();
        const QJsonObject defaults = l.value(QStringLiteral("defaults")).toObject();
        const QJsonObject repos = l.value(QStringLiteral("repositories")).toObject();
        Output::Fields fields{
            {tr("Repositories"), tr("%1 of %2 (%3%)")
                                     .arg(number(repos.value(QStringLiteral("count"))),
                                          number(repos.value(QStringLiteral("limit"))),
                                          number(repos.value(QStringLiteral("percent"))))},
            {tr("Repository limit"), tr("%1 (configured: %2)")
                                         .arg(number(limits.value(QStringLiteral("repositories"))),
                                              number(defaults.value(QStringLiteral("repositories"))))},
            {tr("Images per repository"),
             tr("%1 (configured: %2)")
                 .arg(number(limits.value(QStringLiteral("imagesPerRepository"))),
                      number(defaults.value(QStringLiteral("imagesPerRepository"))))},
            {tr("Warnings from"),
             QStringLiteral("%1%").arg(number(l.value(QStringLiteral("warningPercent"))))},
        };
        if (withRepository) {
            const QJsonObject r = l.value(QStringLiteral("repository")).toObject();
            fields.append(
                {tr("Images in %1").arg(r.value(QStringLiteral("name")).toString()),
                 tr("%1 of %2 (%3%)")
                     .arg(number(r.value(QStringLiteral("images"))), number(r.value(QStringLiteral("limit"))),
                          number(r.value(QStringLiteral("percent"))))});
        }
        call.output().record(fields);
    });
}

int LimitCommands::set(Invocation& call)
{
    QJsonObject body;
    for (const auto& [option, field] :
         {std::pair{QStringLiteral("repositories"), QStringLiteral("repositories")},
          std::pair{QStringLiteral("images-per-repository"), QStringLiteral("imagesPerRepository")}}) {
        if (!call.isSet(option))
            continue;
        const qint64 value = positive(call.value(option));
        if (value < 0)
            return call.usageError(
                tr("--%1 takes a whole number from 1 up, not \"%2\".").arg(option, call.value(option)));
        body.insert(field, value);
    }
    if (body.isEmpty())
        return call.usageError(tr("Say what to change: --repositories N and/or --images-per-repository N."));
    const ApiResponse response = call.api().send("PUT", LimitsPath, body);
    return call.show(response, [&](const QJsonObject& l) {
        const QJsonObject limits = l.value(QStringLiteral("limits")).toObject();
        call.output().message(tr("Limits now: %1 repositories, %2 images per repository.")
                                  .arg(number(limits.value(QStringLiteral("repositories"))),
                                       number(limits.value(QStringLiteral("imagesPerRepository")))));
    });
}

int LimitCommands::request(Invocation& call)
{
    const QString which = call.argument(0).toLower();
    QJsonObject body;
    if (which == QLatin1String("repositories")) {
        if (call.arguments().size() > 1)
            return call.usageError(tr("The repositories limit is the registry's: name no repository."));
        body.insert(QStringLiteral("limit"), QStringLiteral("repositories"));
    } else if (which == QLatin1String("images")) {
        if (call.argument(1).isEmpty())
            return call.usageError(
                tr("Say which repository needs more images: limits request images REPOSITORY."));
        body.insert(QStringLiteral("limit"), QStringLiteral("imagesPerRepository"));
        body.insert(QStringLiteral("repository"), call.argument(1));
    } else {
        return call.usageError(
            tr("Ask for \"repositories\" or \"images REPOSITORY\", not \"%1\".").arg(call.argument(0)));
    }
    const qint64 value = positive(call.value(QStringLiteral("value")));
    if (value < 0)
        return call.usageError(tr("Give the limit you need with --value N (a whole number from 1 up)."));
    if (call.value(QStringLiteral("reason")).trimmed().isEmpty())
        return call.usageError(tr("Give a reason with --reason TEXT: an administrator decides on it."));
    body.insert(QStringLiteral("value"), value);
    body.insert(QStringLiteral("reason"), call.value(QStringLiteral("reason")));
    const ApiResponse response = call.api().send("POST", RequestsPath, body);
    return call.show(response, [&](const QJsonObject& r) {
        call.output().message(tr("Request %1 is waiting for an administrator: %2 from %3 to %4.")
                                  .arg(number(r.value(QStringLiteral("id"))), limitText(r),
                                       number(r.value(QStringLiteral("currentValue"))),
                                       number(r.value(QStringLiteral("requestedValue")))));
    });
}

void LimitCommands::printRequest(Invocation& call, const QJsonObject& r)
{
    call.output().record({
        {tr("Request"), number(r.value(QStringLiteral("id")))},
        {tr("Limit"), limitText(r)},
        {tr("From"), number(r.value(QStringLiteral("currentValue")))},
        {tr("To"), number(r.value(QStringLiteral("requestedValue")))},
        {tr("Reason"), r.value(QStringLiteral("reason")).toString()},
        {tr("Asked by"), r.value(QStringLiteral("requestedBy")).toString()},
        {tr("Asked"), Output::time(r.value(QStringLiteral("requestedAt")))},
        {tr("Status"), r.value(QStringLiteral("status")).toString()},
        {tr("Decided by"), Output::orDash(r.value(QStringLiteral("decidedBy")).toString())},
        {tr("Decided"), Output::time(r.value(QStringLiteral("decidedAt")))},
        {tr("Note"), Output::orDash(r.value(QStringLiteral("note")).toString())},
    });
}

int LimitCommands::requests(Invocation& call)
{
    if (!call.argument(0).isEmpty()) {
        return call.show(call.api().get(RequestsPath + QLatin1Char('/') + call.argument(0)),
                         [&](const QJsonObject& r) { printRequest(call, r); });
    }
    QueryItems query;
    if (call.isSet(QStringLiteral("pending")))
        query.append({QStringLiteral("pending"), QStringLiteral("true")});
    const ApiResponse response = call.api().get(RequestsPath, query);
    if (!response.ok())
        return call.failure(response);
    const QJsonArray items = response.object().value(QStringLiteral("items")).toArray();
    if (call.output().json()) {
        call.output().printJson(items);
        return Invocation::Success;
    }
    QList<QStringList> rows;
    for (const QJsonValue& v : items) {
        const QJsonObject r = v.toObject();
        rows.append({number(r.value(QStringLiteral("id"))), limitText(r),
                     number(r.value(QStringLiteral("currentValue"))),
                     number(r.value(QStringLiteral("requestedValue"))),
                     r.value(QStringLiteral("requestedBy")).toString(),
                     r.value(QStringLiteral("status")).toString(),
                     r.value(QStringLiteral("reason")).toString()});
    }
    call.output().table(
        {tr("ID"), tr("LIMIT"), tr("FROM"), tr("TO"), tr("ASKED BY"), tr("STATUS"), tr("REASON")}, rows);
    return Invocation::Success;
}

int LimitCommands::decide(Invocation& call, bool approve)
{
    QJsonObject body;
    if (call.isSet(QStringLiteral("note")))
        body.insert(QStringLiteral("note"), call.value(QStringLiteral("note")));
    const QString path = RequestsPath + QLatin1Char('/') + call.argument(0) +
                         (approve ? QStringLiteral("/approve") : QStringLiteral("/decline"));
    const ApiResponse response = call.api().send("POST", path, body);
    return call.show(response, [&](const QJsonObject& r) {
        call.output().message(approve
                                  ? tr("Approved request %1: the limit on %2 is %3 now.")
                                        .arg(number(r.value(QStringLiteral("id"))), limitText(r),
                                             number(r.value(QStringLiteral("requestedValue"))))
                                  : tr("Declined request %1.").arg(number(r.value(QStringLiteral("id")))));
    });
}

} // namespace berth
