#include "cli/PolicyCommands.h"

#include "cli/Invocation.h"

#include <QFile>
#include <QJsonArray>

namespace berth {

namespace {

QString policyUrl(const QString& name)
{
    return QStringLiteral("/api/v1/policies/") + ApiClient::segment(name);
}

QueryItems whereAttached(Invocation& call)
{
    if (!call.isSet(QStringLiteral("compartment")))
        return {};
    return {{QStringLiteral("compartment"), call.value(QStringLiteral("compartment"))}};
}

QString compartmentText(const QString& path)
{
    return path.isEmpty() ? PolicyCommands::tr("(tenancy)") : path;
}

int statementCount(const QString& statements)
{
    int count = 0;
    for (const QString& line : statements.split(QLatin1Char('\n')))
        if (!line.trimmed().isEmpty())
            ++count;
    return count;
}

} // namespace

QString PolicyCommands::summary() const
{
    return tr("Policies: list, show, create, update, delete, validate.");
}

QList<Subcommand> PolicyCommands::subcommands() const
{
    const CommandArgument name{QStringLiteral("NAME"), tr("The policy's name.")};
    const QCommandLineOption compartment(
        QStringLiteral("compartment"),
        tr("The compartment the policy is attached to, e.g. Apps (default: the tenancy)."),
        QStringLiteral("A:B"));
    const QCommandLineOption file(QStringLiteral("file"),
                                  tr("Read the statements from FILE, one per line; - reads standard input."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption text(QStringLiteral("statements"), tr("The statements themselves."),
                                  QStringLiteral("TEXT"));
    const QCommandLineOption description(QStringLiteral("description"), tr("What the policy is for."),
                                         QStringLiteral("TEXT"));
    return {
        {QStringLiteral("list"),
         tr("Lists policies by compartment, then name."),
         {},
         {QCommandLineOption(QStringLiteral("compartment"),
                             tr("Only the policies attached to this compartment (\"\" is the tenancy)."),
                             QStringLiteral("A:B"))},
         list},
        {QStringLiteral("show"), tr("Shows a policy with its statements."), {name}, {compartment}, show},
        {QStringLiteral("create"),
         tr("Attaches a new policy to a compartment; invalid statements are refused with their line."),
         {name},
         {compartment, file, text, description},
         create},
        {QStringLiteral("update"),
         tr("Replaces a policy's statements and/or description."),
         {name},
         {compartment, file, text, description},
         update},
        {QStringLiteral("delete"), tr("Deletes a policy."), {name}, {compartment}, remove},
        {QStringLiteral("validate"),
         tr("Checks statements without saving them; exit status 1 when they have problems."),
         {},
         {compartment, file, text},
         validate},
    };
}

bool PolicyCommands::statements(Invocation& call, bool required, QString* text, int* status)
{
    const bool fromFile = call.isSet(QStringLiteral("file"));
    const bool inline_ = call.isSet(QStringLiteral("statements"));
    if (fromFile && inline_) {
        *status = call.usageError(tr("Give either --file or --statements, not both."));
        return false;
    }
    if (!fromFile && !inline_) {
        if (required) {
            *status =
                call.usageError(tr("The statements are missing: give --file FILE or --statements TEXT."));
            return false;
        }
        text->clear();
        return true;
    }
    if (inline_) {
        *text = call.value(QStringLiteral("statements"));
        return true;
    }
    const QString path = call.value(QStringLiteral("file"));
    if (path == QLatin1String("-")) {
        *text = QString::fromUtf8(call.readAll());
        return true;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *status = call.usageError(tr("Cannot read %1: %2.").arg(path, file.errorString()));
        return false;
    }
    *text = QString::fromUtf8(file.readAll());
    return true;
}

int PolicyCommands::list(Invocation& call)
{
    return call.listing(
        QStringLiteral("/api/v1/policies"), whereAttached(call),
        {tr("COMPARTMENT"), tr("NAME"), tr("STATEMENTS"), tr("DESCRIPTION")}, [](const QJsonObject& p) {
            return QStringList{
                compartmentText(p.value(QStringLiteral("compartment")).toString()),
                p.value(QStringLiteral("name")).toString(),
                QString::number(statementCount(p.value(QStringLiteral("statements")).toString())),
                p.value(QStringLiteral("description")).toString()};
        });
}

int PolicyCommands::show(Invocation& call)
{
    return call.show(
        call.api().get(policyUrl(call.argument(0)), whereAttached(call)), [&](const QJsonObject& p) {
            call.output().record(
                {{tr("Name"), p.value(QStringLiteral("name")).toString()},
                 {tr("Compartment"), compartmentText(p.value(QStringLiteral("compartment")).toString())},
                 {tr("Id"), p.value(QStringLiteral("id")).toString()},
                 {tr("Description"), Output::orDash(p.value(QStringLiteral("description")).toString())},
                 {tr("Created"), Output::time(p.value(QStringLiteral("createdAt")))},
                 {tr("Updated"), Output::time(p.value(QStringLiteral("updatedAt")))},
                 {tr("Statements"), p.value(QStringLiteral("statements")).toString()}});
        });
}

int PolicyCommands::create(Invocation& call)
{
    QString text;
    int status = 0;
    if (!statements(call, true, &text, &status))
        return status;
    QJsonObject body{{QStringLiteral("name"), call.argument(0)}, {QStringLiteral("statements"), text}};
    if (call.isSet(QStringLiteral("compartment")))
        body.insert(QStringLiteral("compartment"), call.value(QStringLiteral("compartment")));
    if (call.isSet(QStringLiteral("description")))
        body.insert(QStringLiteral("description"), call.value(QStringLiteral("description")));
    return call.show(call.api().send("POST", QStringLiteral("/api/v1/policies"), body),
                     [&](const QJsonObject& p) {
                         call.output().message(
                             tr("Created policy %1 in %2.")
                                 .arg(p.value(QStringLiteral("name")).toString(),
                                      compartmentText(p.value(QStringLiteral("compartment")).toString())));
                     });
}

int PolicyCommands::update(Invocation& call)
{
    QString text;
    int status = 0;
    if (!statements(call, false, &text, &status))
        return status;
    QJsonObject body;
    if (call.isSet(QStringLiteral("file")) || call.isSet(QStringLiteral("statements")))
        body.insert(QStringLiteral("statements"), text);
    if (call.isSet(QStringLiteral("description")))
        body.insert(QStringLiteral("description"), call.value(QStringLiteral("description")));
    if (body.isEmpty())
        return call.usageError(tr("Say what to change: --file, --statements and/or --description."));
    return call.show(call.api().send("PATCH", policyUrl(call.argument(0)), body, whereAttached(call)),
                     [&](const QJsonObject& p) {
                         call.output().message(
                             tr("Updated policy %1.").arg(p.value(QStringLiteral("name")).toString()));
                     });
}

int PolicyCommands::remove(Invocation& call)
{
    const QString name = call.argument(0);
    return call.done(call.api().remove(policyUrl(name), whereAttached(call)),
                     tr("Deleted policy %1.").arg(name), {{QStringLiteral("deleted"), name}});
}

int PolicyCommands::validate(Invocation& call)
{
    QString text;
    int status = 0;
    if (!statements(call, true, &text, &status))
        return status;
    QJsonObject body{{QStringLiteral("statements"), text}};
    if (call.isSet(QStringLiteral("compartment")))
        body.insert(QStringLiteral("compartment"), call.value(QStringLiteral("compartment")));
    const ApiResponse response = call.api().send("POST", QStringLiteral("/api/v1/policies/validate"), body);
    if (!response.ok())
        return call.failure(response);
    const QJsonObject result = response.object();
    const bool valid = result.value(QStringLiteral("valid")).toBool();
    if (call.output().json()) {
        call.output().printJson(result);
    } else if (valid) {
        call.output().message(tr("The statements are valid."));
    } else {
        QList<QStringList> rows;
        for (const QJsonValue& value : result.value(QStringLiteral("problems")).toArray()) {
            const QJsonObject problem = value.toObject();
            rows.append({QString::number(problem.value(QStringLiteral("line")).toInt()),
                         QString::number(problem.value(QStringLiteral("column")).toInt()),
                         problem.value(QStringLiteral("message")).toString()});
        }
        call.output().table({tr("LINE"), tr("COLUMN"), tr("PROBLEM")}, rows);
    }
    return valid ? Invocation::Success : Invocation::Failure;
}

} // namespace berth
