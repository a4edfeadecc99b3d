#include "cli/NetworkSourceCommands.h"

#include "cli/Invocation.h"

#include <QJsonArray>

namespace berth {

namespace {

QString sourceUrl(const QString& name)
{
    return QStringLiteral("/api/v1/network-sources/") + ApiClient::segment(name);
}

QString rangesOf(const QJsonObject& source)
{
    QStringList ranges;
    for (const QJsonValue& r : source.value(QStringLiteral("ranges")).toArray())
        ranges.append(r.toString());
    return Output::orDash(ranges.join(QLatin1Char(',')));
}

} // namespace

QString NetworkSourceCommands::summary() const
{
    return tr("Network sources (address ranges for policy conditions): list, create, show, update, delete.");
}

QList<Subcommand> NetworkSourceCommands::subcommands() const
{
    const CommandArgument name{QStringLiteral("NAME"), tr("The network source's name.")};
    const QCommandLineOption description(QStringLiteral("description"), tr("What the ranges are."),
                                         QStringLiteral("TEXT"));
    return {
        {QStringLiteral("list"), tr("Lists every network source."), {}, {}, list},
        {QStringLiteral("create"),
         tr("Creates a network source."),
         {name, {QStringLiteral("RANGE"), tr("CIDR ranges, e.g. 10.0.0.0/8 2001:db8::/32."), false, true}},
         {description},
         create},
        {QStringLiteral("show"), tr("Shows one network source."), {name}, {}, show},
        {QStringLiteral("update"),
         tr("Replaces a network source's ranges and/or description."),
         {name},
         {QCommandLineOption(QStringLiteral("range"),
                             tr("A CIDR range; repeat for several. Replaces them all."),
                             QStringLiteral("CIDR")),
          description},
         update},
        {QStringLiteral("delete"), tr("Deletes a network source that no policy names."), {name}, {}, remove},
    };
}

int NetworkSourceCommands::list(Invocation& call)
{
    return call.listing(QStringLiteral("/api/v1/network-sources"), {},
                        {tr("NAME"), tr("RANGES"), tr("DESCRIPTION")}, [](const QJsonObject& n) {
                            return QStringList{n.value(QStringLiteral("name")).toString(), rangesOf(n),
                                               n.value(QStringLiteral("description")).toString()};
                        });
}

int NetworkSourceCommands::create(Invocation& call)
{
    QJsonObject body{{QStringLiteral("name"), call.argument(0)},
                     {QStringLiteral("ranges"), QJsonArray::fromStringList(call.arguments().mid(1))}};
    if (call.isSet(QStringLiteral("description")))
        body.insert(QStringLiteral("description"), call.value(QStringLiteral("description")));
    return call.show(
        call.api().send("POST", QStringLiteral("/api/v1/network-sources"), body), [&](const QJsonObject& n) {
            call.output().message(tr("Created network source %1 (%2).")
                                      .arg(n.value(QStringLiteral("name")).toString(), rangesOf(n)));
        });
}

int NetworkSourceCommands::show(Invocation& call)
{
    return call.show(call.api().get(sourceUrl(call.argument(0))), [&](const QJsonObject& n) {
        call.output().record(
            {{tr("Name"), n.value(QStringLiteral("name")).toString()},
             {tr("Id"), n.value(QStringLiteral("id")).toString()},
             {tr("Ranges"), rangesOf(n)},
             {tr("Description"), Output::orDash(n.value(QStringLiteral("description")).toString())},
             {tr("Created"), Output::time(n.value(QStringLiteral("createdAt")))}});
    });
}

int NetworkSourceCommands::update(Invocation& call)
{
    QJsonObject body;
    if (call.isSet(QStringLiteral("range")))
        body.insert(QStringLiteral("ranges"),
                    QJsonArray::fromStringList(call.values(QStringLiteral("range"))));
    if (call.isSet(QStringLiteral("description")))
        body.insert(QStringLiteral("description"), call.value(QStringLiteral("description")));
    if (body.isEmpty())
        return call.usageError(tr("Say what to change: --range and/or --description."));
    return call.show(call.api().send("PATCH", sourceUrl(call.argument(0)), body), [&](const QJsonObject& n) {
        call.output().message(tr("Updated network source %1 (%2).")
                                  .arg(n.value(QStringLiteral("name")).toString(), rangesOf(n)));
    });
}

int NetworkSourceCommands::remove(Invocation& call)
{
    const QString name = call.argument(0);
    return call.done(call.api().remove(sourceUrl(name)), tr("Deleted network source %1.").arg(name),
                     {{QStringLiteral("deleted"), name}});
}

} // namespace berth
