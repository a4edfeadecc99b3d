#include "cli/UserCommands.h"

#include "cli/Invocation.h"

#include <QJsonArray>

namespace berth {

namespace {

QString userUrl(const QString& name)
{
    return QStringLiteral("/api/v1/users/") + ApiClient::segment(name);
}

QString groupsOf(const QJsonObject& user)
{
    QStringList groups;
    for (const QJsonValue& g : user.value(QStringLiteral("groups")).toArray())
        groups.append(g.toString());
    return Output::orDash(groups.join(QLatin1Char(',')));
}

} // namespace

QString UserCommands::summary() const
{
    return tr("Users: list, create, show, me, update, lock, unlock, passwd, delete.");
}

QList<Subcommand> UserCommands::subcommands() const
{
    const CommandArgument name{QStringLiteral("NAME"), tr("The user name.")};
    const QCommandLineOption email(QStringLiteral("email"), tr("The user's email address."),
                                   QStringLiteral("ADDRESS"));
    const QCommandLineOption description(QStringLiteral("description"), tr("Who the user is."),
                                         QStringLiteral("TEXT"));
    return {
        {QStringLiteral("list"), tr("Lists every user."), {}, {}, list},
        {QStringLiteral("create"),
         tr("Creates a local user; without a password they sign in with auth tokens only."),
         {name},
         {email, description,
          QCommandLineOption(QStringLiteral("new-password"), tr("The new user's password."),
                             QStringLiteral("PASSWORD"))},
         create},
        {QStringLiteral("show"), tr("Shows one user."), {name}, {}, show},
        {QStringLiteral("me"), tr("Shows the signed-in user."), {}, {}, me},
        {QStringLiteral("update"),
         tr("Changes a user's email or description."),
         {name},
         {email, description},
         update},
        {QStringLiteral("lock"), tr("Locks a user: they cannot sign in."), {name}, {}, lock},
        {QStringLiteral("unlock"), tr("Unlocks a user."), {name}, {}, unlock},
        {QStringLiteral("passwd"),
         tr("Sets a user's password, read from the first line of standard input unless --new-password."),
         {name},
         {QCommandLineOption(QStringLiteral("new-password"), tr("The new password."),
                             QStringLiteral("PASSWORD"))},
         passwd},
        {QStringLiteral("delete"), tr("Deletes a user with their auth tokens."), {name}, {}, remove},
    };
}

void UserCommands::printUser(Invocation& call, const QJsonObject& u)
{
    call.output().record(
        {{tr("Name"), u.value(QStringLiteral("name")).toString()},
         {tr("Id"), u.value(QStringLiteral("id")).toString()},
         {tr("Email"), Output::orDash(u.value(QStringLiteral("email")).toString())},
         {tr("Description"), Output::orDash(u.value(QStringLiteral("description")).toString())},
         {tr("Groups"), groupsOf(u)},
         {tr("Administrator"), Output::yesNo(u.value(QStringLiteral("administrator")).toBool())},
         {tr("Locked"), Output::yesNo(u.value(QStringLiteral("locked")).toBool())},
         {tr("Password"), Output::yesNo(u.value(QStringLiteral("hasPassword")).toBool())},
         {tr("Created"), Output::time(u.value(QStringLiteral("createdAt")))}});
}

int UserCommands::list(Invocation& call)
{
    return call.listing(
        QStringLiteral("/api/v1/users"), {},
        {tr("NAME"), tr("EMAIL"), tr("ADMIN"), tr("LOCKED"), tr("GROUPS")}, [](const QJsonObject& u) {
            return QStringList{u.value(QStringLiteral("name")).toString(),
                               Output::orDash(u.value(QStringLiteral("email")).toString()),
                               Output::yesNo(u.value(QStringLiteral("administrator")).toBool()),
                               Output::yesNo(u.value(QStringLiteral("locked")).toBool()), groupsOf(u)};
        });
}

int UserCommands::create(Invocation& call)
{
    QJsonObject body{{QStringLiteral("name"), call.argument(0)}};
    if (call.isSet(QStringLiteral("email")))
        body.insert(QStringLiteral("email"), call.value(QStringLiteral("email")));
    if (call.isSet(QStringLiteral("description")))
        body.insert(QStringLiteral("description"), call.value(QStringLiteral("description")));
    if (call.isSet(QStringLiteral("new-password")))
        body.insert(QStringLiteral("password"), call.value(QStringLiteral("new-password")));
    return call.show(
        call.api().send("POST", QStringLiteral("/api/v1/users"), body), [&](const QJsonObject& u) {
            call.output().message(tr("Created user %1.").arg(u.value(QStringLiteral("name")).toString()));
            printUser(call, u);
        });
}

int UserCommands::show(Invocation& call)
{
    return call.show(call.api().get(userUrl(call.argument(0))),
                     [&](const QJsonObject& u) { printUser(call, u); });
}

int UserCommands::me(Invocation& call)
{
    return call.show(call.api().get(QStringLiteral("/api/v1/users/me")),
                     [&](const QJsonObject& u) { printUser(call, u); });
}

int UserCommands::update(Invocation& call)
{
    QJsonObject body;
    if (call.isSet(QStringLiteral("email")))
        body.insert(QStringLiteral("email"), call.value(QStringLiteral("email")));
    if (call.isSet(QStringLiteral("description")))
        body.insert(QStringLiteral("description"), call.value(QStringLiteral("description")));
    if (body.isEmpty())
        return call.usageError(tr("Say what to change: --email and/or --description."));
    return call.show(call.api().send("PATCH", userUrl(call.argument(0)), body), [&](const QJsonObject& u) {
        call.output().message(tr("Updated user %1.").arg(u.value(QStringLiteral("name")).toString()));
        printUser(call, u);
    });
}

int UserCommands::lock(Invocation& call)
{
    return call.show(
        call.api().send("PATCH", userUrl(call.argument(0)), {{QStringLiteral("locked"), true}}),
        [&](const QJsonObject& u) {
            call.output().message(
                tr("Locked user %1: they cannot sign in.").arg(u.value(QStringLiteral("name")).toString()));
        });
}

int UserCommands::unlock(Invocation& call)
{
    return call.show(call.api().send("PATCH", userUrl(call.argument(0)), {{QStringLiteral("locked"), false}}),
                     [&](const QJsonObject& u) {
                         call.output().message(
                             tr("Unlocked user %1.").arg(u.value(QStringLiteral("name")).toString()));
                     });
}

int UserCommands::passwd(Invocation& call)
{
    QString password = call.value(QStringLiteral("new-password"));
    if (!call.isSet(QStringLiteral("new-password")))
        password = call.readLine();
    if (password.isEmpty())
        return call.usageError(tr("No new password: give --new-password or one line on standard input."));
    return call.show(
        call.api().send("PATCH", userUrl(call.argument(0)), {{QStringLiteral("password"), password}}),
        [&](const QJsonObject& u) {
            call.output().message(
                tr("Changed the password of %1.").arg(u.value(QStringLiteral("name")).toString()));
        });
}

int UserCommands::remove(Invocation& call)
{
    const QString name = call.argument(0);
    return call.done(call.api().remove(userUrl(name)), tr("Deleted user %1.").arg(name),
                     {{QStringLiteral("deleted"), name}});
}

} // namespace berth
