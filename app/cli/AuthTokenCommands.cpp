#include "cli/AuthTokenCommands.h"

#include "cli/Invocation.h"

namespace berth {

QString AuthTokenCommands::summary() const
{
    return tr("Auth tokens (passwords for docker login): list, create, revoke.");
}

QList<Subcommand> AuthTokenCommands::subcommands() const
{
    const QCommandLineOption user(
        QStringLiteral("user"),
        tr("Whose tokens (default: the signed-in user; others need an administrator). Give the sign-in "
           "user before the command or in BERTH_USER."),
        QStringLiteral("USER"));
    return {
        {QStringLiteral("list"),
         tr("Lists auth tokens, oldest first, never their secrets."),
         {},
         {user},
         list},
        {QStringLiteral("create"),
         tr("Creates an auth token and shows its secret, once."),
         {},
         {user, QCommandLineOption(QStringLiteral("description"), tr("What the token is for."),
                                   QStringLiteral("TEXT"))},
         create},
        {QStringLiteral("revoke"),
         tr("Revokes an auth token: it stops working at once."),
         {{QStringLiteral("ID"), tr("The token's id (see auth-tokens list).")}},
         {user},
         revoke},
    };
}

QString AuthTokenCommands::tokensUrl(Invocation& call, int* status)
{
    const QString user =
        call.isSet(QStringLiteral("user")) ? call.value(QStringLiteral("user")) : call.signedInUser();
    if (user.isEmpty()) {
        *status =
            call.usageError(tr("Whose tokens? Sign in with --user before the command, or pass --user."));
        return QString();
    }
    return QStringLiteral("/api/v1/users/") + ApiClient::segment(user) + QStringLiteral("/auth-tokens");
}

int AuthTokenCommands::list(Invocation& call)
{
    int status = 0;
    const QString url = tokensUrl(call, &status);
    if (url.isEmpty())
        return status;
    return call.listing(url, {}, {tr("ID"), tr("DESCRIPTION"), tr("CREATED"), tr("LAST USED"), tr("REVOKED")},
                        [](const QJsonObject& t) {
                            return QStringList{
                                t.value(QStringLiteral("id")).toString(),
                                Output::orDash(t.value(QStringLiteral("description")).toString()),
                                Output::time(t.value(QStringLiteral("createdAt"))),
                                Output::time(t.value(QStringLiteral("lastUsedAt"))),
                                Output::yesNo(t.value(QStringLiteral("revoked")).toBool())};
                        });
}

int AuthTokenCommands::create(Invocation& call)
{
    int status = 0;
    const QString url = tokensUrl(call, &status);
    if (url.isEmpty())
        return status;
    QJsonObject body;
    if (call.isSet(QStringLiteral("description")))
        body.insert(QStringLiteral("description"), call.value(QStringLiteral("description")));
    return call.show(call.api().send("POST", url, body), [&](const QJsonObject& t) {
        call.output().record(
            {{tr("Id"), t.value(QStringLiteral("id")).toString()},
             {tr("User"), t.value(QStringLiteral("user")).toString()},
             {tr("Description"), Output::orDash(t.value(QStringLiteral("description")).toString())},
             {tr("Secret"), t.value(QStringLiteral("secret")).toString()}});
        call.output().message(tr("Copy the secret now: it is not shown again. Use it as the password of "
                                 "docker login."));
    });
}

int AuthTokenCommands::revoke(Invocation& call)
{
    int status = 0;
    const QString url = tokensUrl(call, &status);
    if (url.isEmpty())
        return status;
    const QString id = call.argument(0);
    return call.done(call.api().remove(url + QLatin1Char('/') + ApiClient::segment(id)),
                     tr("Revoked auth token %1.").arg(id), {{QStringLiteral("revoked"), id}});
}

} // namespace berth
