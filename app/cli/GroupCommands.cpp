#include "cli/GroupCommands.h"

#include "cli/Invocation.h"

#include <QJsonArray>

namespace berth {

namespace {

QString groupUrl(const QString& name)
{
    return QStringLiteral("/api/v1/groups/") + ApiClient::segment(name);
}

QString membersOf(const QJsonObject& group)
{
    QStringList members;
    for (const QJsonValue& m : group.value(QStringLiteral("members")).toArray())
        members.append(m.toString());
    return Output::orDash(members.join(QLatin1Char(',')));
}

} // namespace

QString GroupCommands::summary() const
{
    return tr("Groups: list, create, show, update, delete, add-member, remove-member.");
}

QList<Subcommand> GroupCommands::subcommands() const
{
    const CommandArgument group{QStringLiteral("GROUP"), tr("The group name.")};
    const CommandArgument user{QStringLiteral("USER"), tr("The user name.")};
    const QCommandLineOption description(QStringLiteral("description"), tr("What the group is for."),
                                         QStringLiteral("TEXT"));
    return {
        {QStringLiteral("list"), tr("Lists every group with its members."), {}, {}, list},
        {QStringLiteral("create"), tr("Creates a group."), {group}, {description}, create},
        {QStringLiteral("show"), tr("Shows one group with its members."), {group}, {}, show},
        {QStringLiteral("update"), tr("Changes a group's description."), {group}, {description}, update},
        {QStringLiteral("delete"), tr("Deletes a group (not Administrators)."), {group}, {}, remove},
        {QStringLiteral("add-member"), tr("Adds a user to a group."), {group, user}, {}, addMember},
        {QStringLiteral("remove-member"),
         tr("Removes a user from a group."),
         {group, user},
         {},
         removeMember},
    };
}

void GroupCommands::printGroup(Invocation& call, const QJsonObject& g)
{
    call.output().record(
        {{tr("Name"), g.value(QStringLiteral("name")).toString()},
         {tr("Id"), g.value(QStringLiteral("id")).toString()},
         {tr("Description"), Output::orDash(g.value(QStringLiteral("description")).toString())},
         {tr("Built in"), Output::yesNo(g.value(QStringLiteral("builtin")).toBool())},
         {tr("Members"), membersOf(g)},
         {tr("Created"), Output::time(g.value(QStringLiteral("createdAt")))}});
}

int GroupCommands::list(Invocation& call)
{
    return call.listing(QStringLiteral("/api/v1/groups"), {}, {tr("NAME"), tr("MEMBERS"), tr("DESCRIPTION")},
                        [](const QJsonObject& g) {
                            return QStringList{g.value(QStringLiteral("name")).toString(), membersOf(g),
                                               g.value(QStringLiteral("description")).toString()};
                        });
}

int GroupCommands::create(Invocation& call)
{
    QJsonObject body{{QStringLiteral("name"), call.argument(0)}};
    if (call.isSet(QStringLiteral("description")))
        body.insert(QStringLiteral("description"), call.value(QStringLiteral("description")));
    return call.show(
        call.api().send("POST", QStringLiteral("/api/v1/groups"), body), [&](const QJsonObject& g) {
            call.output().message(tr("Created group %1.").arg(g.value(QStringLiteral("name")).toString()));
        });
}

int GroupCommands::show(Invocation& call)
{
    return call.show(call.api().get(groupUrl(call.argument(0))),
                     [&](const QJsonObject& g) { printGroup(call, g); });
}

int GroupCommands::update(Invocation& call)
{
    if (!call.isSet(QStringLiteral("description")))
        return call.usageError(tr("Say what to change: --description."));
    return call.show(
        call.api().send("PATCH", groupUrl(call.argument(0)),
                        {{QStringLiteral("description"), call.value(QStringLiteral("description"))}}),
        [&](const QJsonObject& g) { printGroup(call, g); });
}

int GroupCommands::remove(Invocation& call)
{
    const QString name = call.argument(0);
    return call.done(call.api().remove(groupUrl(name)), tr("Deleted group %1.").arg(name),
                     {{QStringLiteral("deleted"), name}});
}

int GroupCommands::addMember(Invocation& call)
{
    return call.show(call.api().put(groupUrl(call.argument(0)) + QStringLiteral("/members/") +
                                    ApiClient::segment(call.argument(1))),
                     [&](const QJsonObject& g) {
                         call.output().message(
                             tr("%1 is a member of %2.")
                                 .arg(call.argument(1), g.value(QStringLiteral("name")).toString()));
                     });
}

int GroupCommands::removeMember(Invocation& call)
{
    return call.show(call.api().remove(groupUrl(call.argument(0)) + QStringLiteral("/members/") +
                                       ApiClient::segment(call.argument(1))),
                     [&](const QJsonObject& g) {
                         call.output().message(
                             tr("%1 is no longer a member of %2.")
                                 .arg(call.argument(1), g.value(QStringLiteral("name")).toString()));
                     });
}

} // namespace berth
