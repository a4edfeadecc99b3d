#include "cli/CompartmentCommands.h"

#include "cli/Invocation.h"

#include <QJsonArray>

namespace berth {

namespace {

QString compartmentUrl(const QString& path)
{
    return QStringLiteral("/api/v1/compartments/") + ApiClient::segment(path);
}

void addRows(const QJsonObject& node, int depth, QList<QStringList>* rows)
{
    const QString name = node.value(QStringLiteral("name")).toString();
    rows->append({QString(depth * 2, QLatin1Char(' ')) +
                      (depth == 0 && name.isEmpty() ? CompartmentCommands::tr("(tenancy)") : name),
                  node.value(QStringLiteral("path")).toString(),
                  node.value(QStringLiteral("description")).toString()});
    for (const QJsonValue& child : node.value(QStringLiteral("children")).toArray())
        addRows(child.toObject(), depth + 1, rows);
}

} // namespace

QString CompartmentCommands::summary() const
{
    return tr("Compartments: tree, show, create, rename, move, set-description, delete.");
}

QList<Subcommand> CompartmentCommands::subcommands() const
{
    const CommandArgument path{QStringLiteral("PATH"), tr("The compartment, e.g. Apps:Backend.")};
    return {
        {QStringLiteral("tree"), tr("Shows the whole compartment tree from the tenancy down."), {}, {}, tree},
        {QStringLiteral("show"), tr("Shows one compartment."), {path}, {}, show},
        {QStringLiteral("create"),
         tr("Creates a compartment."),
         {{QStringLiteral("PARENT:NAME"),
           tr("The new compartment's path; NAME alone puts it under the tenancy.")}},
         {QCommandLineOption(QStringLiteral("description"), tr("What it is for."), QStringLiteral("TEXT"))},
         create},
        {QStringLiteral("rename"),
         tr("Renames a compartment; policies follow."),
         {path, {QStringLiteral("NEW-NAME"), tr("The new name (the last component only).")}},
         {},
         rename},
        {QStringLiteral("move"),
         tr("Moves a compartment under another parent; policies follow."),
         {path, {QStringLiteral("PARENT"), tr("The new parent, e.g. Apps; \"\" is the tenancy.")}},
         {},
         move},
        {QStringLiteral("set-description"),
         tr("Changes a compartment's description."),
         {path, {QStringLiteral("TEXT"), tr("The new description.")}},
         {},
         describe},
        {QStringLiteral("delete"),
         tr("Deletes an empty compartment (no compartments, repositories or policies in it)."),
         {path},
         {},
         remove},
    };
}

int CompartmentCommands::tree(Invocation& call)
{
    return call.show(call.api().get(QStringLiteral("/api/v1/compartments")), [&](const QJsonObject& root) {
        QList<QStringList> rows;
        addRows(root, 0, &rows);
        call.output().table({tr("NAME"), tr("PATH"), tr("DESCRIPTION")}, rows);
    });
}

int CompartmentCommands::show(Invocation& call)
{
    return call.show(call.api().get(compartmentUrl(call.argument(0))), [&](const QJsonObject& c) {
        call.output().record({{tr("Name"), c.value(QStringLiteral("name")).toString()},
                              {tr("Path"), c.value(QStringLiteral("path")).toString()},
                              {tr("Id"), c.value(QStringLiteral("id")).toString()},
                              {tr("Description"), c.value(QStringLiteral("description")).toString()},
                              {tr("Created"), Output::time(c.value(QStringLiteral("createdAt")))}});
    });
}

int CompartmentCommands::create(Invocation& call)
{
    const QString path = call.argument(0);
    const int colon = path.lastIndexOf(QLatin1Char(':'));
    QJsonObject body{{QStringLiteral("name"), path.mid(colon + 1)},
                     {QStringLiteral("parent"), colon < 0 ? QString() : path.left(colon)}};
    if (call.isSet(QStringLiteral("description")))
        body.insert(QStringLiteral("description"), call.value(QStringLiteral("description")));
    return call.show(call.api().send("POST", QStringLiteral("/api/v1/compartments"), body),
                     [&](const QJsonObject& c) {
                         call.output().message(
                             tr("Created compartment %1.").arg(c.value(QStringLiteral("path")).toString()));
                     });
}

int CompartmentCommands::update(Invocation& call, const QJsonObject& body, const QString& sentence)
{
    return call.show(call.api().send("PATCH", compartmentUrl(call.argument(0)), body),
                     [&](const QJsonObject& c) {
                         call.output().message(sentence.arg(c.value(QStringLiteral("path")).toString()));
                     });
}

int CompartmentCommands::rename(Invocation& call)
{
    return update(call, {{QStringLiteral("name"), call.argument(1)}},
                  tr("Renamed compartment %1 to %2.").arg(call.argument(0), QStringLiteral("%1")));
}

int CompartmentCommands::move(Invocation& call)
{
    return update(call, {{QStringLiteral("parent"), call.argument(1)}},
                  tr("Moved compartment %1; it is now %2.").arg(call.argument(0), QStringLiteral("%1")));
}

int CompartmentCommands::describe(Invocation& call)
{
    return update(call, {{QStringLiteral("description"), call.argument(1)}},
                  tr("Changed the description of compartment %1."));
}

int CompartmentCommands::remove(Invocation& call)
{
    const QString path = call.argument(0);
    return call.done(call.api().remove(compartmentUrl(path)), tr("Deleted compartment %1.").arg(path),
                     {{QStringLiteral("deleted"), path}});
}

} // namespace berth
