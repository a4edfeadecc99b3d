#include "cli/RepositoryCommands.h"

#include "cli/ImmutabilityCommand.h"
#include "cli/Invocation.h"

namespace berth {

namespace {

QString repositoryUrl(const QString& name)
{
    return QStringLiteral("/api/v1/repositories/") + ApiClient::repositoryPath(name);
}

QString compartmentText(const QString& path)
{
    return path.isEmpty() ? RepositoryCommands::tr("(tenancy)") : path;
}

} // namespace

QString RepositoryCommands::summary() const
{
    return tr("Repositories: list, create, show, move, make public, describe, delete.");
}

QList<Subcommand> RepositoryCommands::subcommands() const
{
    const QCommandLineOption compartment(QStringLiteral("compartment"),
                                         tr("The compartment, e.g. Apps:Backend (default: the tenancy)."),
                                         QStringLiteral("A:B"));
    const CommandArgument name{QStringLiteral("NAME"), tr("The repository, e.g. team/app.")};
    return {
        {QStringLiteral("list"),
         tr("Lists the repositories in a compartment that you may inspect."),
         {},
         {compartment,
          QCommandLineOption(QStringLiteral("recursive"), tr("Include the compartments below it."))},
         list},
        {QStringLiteral("create"),
         tr("Creates an empty repository."),
         {name},
         {compartment, QCommandLineOption(QStringLiteral("public"),
                                          tr("Anyone may pull it, signed in or not (needs manage rights)."))},
         create},
        {QStringLiteral("show"), tr("Shows one repository."), {name}, {}, show},
        {QStringLiteral("move"),
         tr("Moves a repository to another compartment (\"\" is the tenancy)."),
         {name, {QStringLiteral("COMPARTMENT"), tr("Where it goes, e.g. Apps:Backend.")}},
         {},
         move},
        {QStringLiteral("set-public"),
         tr("Makes a repository public (true) or private (false)."),
         {name, {QStringLiteral("true|false"), tr("Whether anyone may pull it.")}},
         {},
         setPublic},
        {QStringLiteral("update"),
         tr("Changes a repository's description (plain text, shown in the portal and by repos show)."),
         {name},
         {QCommandLineOption(QStringLiteral("description"),
                             tr("The new description, at most 2000 characters (\"\" removes it)."),
                             QStringLiteral("TEXT"))},
         update},
        {QStringLiteral("delete"),
         tr("Deletes a repository with all its images and tags."),
         {name},
         {QCommandLineOption(QStringLiteral("yes"), tr("Do not ask for confirmation."))},
         remove},
        ImmutabilityCommand::subcommand(), // tag immutability (issue 6)
    };
}

void RepositoryCommands::printRepository(Invocation& call, const QJsonObject& r)
{
    const QJsonObject licence = r.value(QStringLiteral("licence")).toObject();
    QString licenceText = tr("none");
    if (!licence.isEmpty()) {
        const QString title = licence.value(QStringLiteral("title")).toString();
        const QString version = licence.value(QStringLiteral("version")).toString();
        licenceText =
            licence.value(QStringLiteral("inherited")).toBool()
                ? tr("\"%1\" version %2, from its compartment (pulls need it accepted)").arg(title, version)
                : tr("\"%1\" version %2 (pulls need it accepted)").arg(title, version);
    }
    call.output().record({
        {tr("Name"), r.value(QStringLiteral("name")).toString()},
        {tr("Description"), Output::orDash(r.value(QStringLiteral("description")).toString())},
        {tr("Compartment"), compartmentText(r.value(QStringLiteral("compartment")).toString())},
        {tr("Public"), Output::yesNo(r.value(QStringLiteral("public")).toBool())},
        {tr("Licence"), licenceText},
        {tr("Images"), QString::number(r.value(QStringLiteral("manifestCount")).toInteger())},
        {tr("Tags"), QString::number(r.value(QStringLiteral("tagCount")).toInteger())},
        {tr("Created"), Output::time(r.value(QStringLiteral("createdAt")))},
        {tr("Last push"), Output::time(r.value(QStringLiteral("lastPushAt")))},
        {tr("Last pull"), Output::time(r.value(QStringLiteral("lastPullAt")))},
    });
}

int RepositoryCommands::list(Invocation& call)
{
    QueryItems query;
    if (call.isSet(QStringLiteral("compartment")))
        query.append({QStringLiteral("compartment"), call.value(QStringLiteral("compartment"))});
    if (call.isSet(QStringLiteral("recursive")))
        query.append({QStringLiteral("recursive"), QStringLiteral("true")});
    return call.listing(
        QStringLiteral("/api/v1/repositories"), query,
        {tr("NAME"), tr("COMPARTMENT"), tr("PUBLIC"), tr("IMAGES"), tr("TAGS"), tr("LAST PUSH")},
        [](const QJsonObject& r) {
            return QStringList{r.value(QStringLiteral("name")).toString(),
                               compartmentText(r.value(QStringLiteral("compartment")).toString()),
                               Output::yesNo(r.value(QStringLiteral("public")).toBool()),
                               QString::number(r.value(QStringLiteral("manifestCount")).toInteger()),
                               QString::number(r.value(QStringLiteral("tagCount")).toInteger()),
                               Output::time(r.value(QStringLiteral("lastPushAt")))};
        });
}

int RepositoryCommands::create(Invocation& call)
{
    QJsonObject body{{QStringLiteral("name"), call.argument(0)}};
    if (call.isSet(QStringLiteral("compartment")))
        body.insert(QStringLiteral("compartment"), call.value(QStringLiteral("compartment")));
    if (call.isSet(QStringLiteral("public")))
        body.insert(QStringLiteral("public"), true);
    const ApiResponse response = call.api().send("POST", QStringLiteral("/api/v1/repositories"), body);
    return call.show(response, [&](const QJsonObject& r) {
        call.output().message(tr("Created repository %1.").arg(r.value(QStringLiteral("name")).toString()));
        printRepository(call, r);
    });
}

int RepositoryCommands::show(Invocation& call)
{
    return call.show(call.api().get(repositoryUrl(call.argument(0))),
                     [&](const QJsonObject& r) { printRepository(call, r); });
}

int RepositoryCommands::move(Invocation& call)
{
    const ApiResponse response =
        call.api().send("PATCH", repositoryUrl(call.argument(0)),
                        QJsonObject{{QStringLiteral("compartment"), call.argument(1)}});
    return call.show(response, [&](const QJsonObject& r) {
        call.output().message(tr("Moved repository %1 to %2.")
                                  .arg(r.value(QStringLiteral("name")).toString(),
                                       compartmentText(r.value(QStringLiteral("compartment")).toString())));
    });
}

int RepositoryCommands::setPublic(Invocation& call)
{
    const QString text = call.argument(1).toLower();
    bool value = false;
    if (text == QLatin1String("true") || text == QLatin1String("yes"))
        value = true;
    else if (text != QLatin1String("false") && text != QLatin1String("no"))
        return call.usageError(tr("Write true or false, not \"%1\".").arg(call.argument(1)));
    const ApiResponse response = call.api().send("PATCH", repositoryUrl(call.argument(0)),
                                                 QJsonObject{{QStringLiteral("public"), value}});
    return call.show(response, [&](const QJsonObject& r) {
        const QString name = r.value(QStringLiteral("name")).toString();
        call.output().message(value ? tr("Repository %1 is public: anyone may pull it.").arg(name)
                                    : tr("Repository %1 is private.").arg(name));
    });
}

int RepositoryCommands::update(Invocation& call)
{
    if (!call.isSet(QStringLiteral("description")))
        return call.usageError(tr("Say what to change: --description TEXT."));
    const QString description = call.value(QStringLiteral("description"));
    const ApiResponse response = call.api().send("PATCH", repositoryUrl(call.argument(0)),
                                                 QJsonObject{{QStringLiteral("description"), description}});
    return call.show(response, [&](const QJsonObject& r) {
        const QString name = r.value(QStringLiteral("name")).toString();
        call.output().message(description.isEmpty() ? tr("Repository %1 has no description now.").arg(name)
                                                    : tr("Updated the description of %1.").arg(name));
    });
}

int RepositoryCommands::remove(Invocation& call)
{
    const QString name = call.argument(0);
    if (!call.isSet(QStringLiteral("yes"))) {
        call.output().err() << tr("Delete repository %1 with all its images and tags? [y/N] ").arg(name);
        call.output().err().flush();
        const QString answer = call.readLine().trimmed().toLower();
        if (answer != QLatin1String("y") && answer != QLatin1String("yes"))
            return call.failure(tr("Not deleted; answer y, or pass --yes to delete without asking."));
    }
    return call.done(call.api().remove(repositoryUrl(name)), tr("Deleted repository %1.").arg(name),
                     {{QStringLiteral("deleted"), name}});
}

} // namespace berth
