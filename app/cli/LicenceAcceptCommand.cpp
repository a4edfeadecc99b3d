#include "cli/LicenceAcceptCommand.h"

#include "cli/Invocation.h"
#include "cli/LicenceCommands.h"

#include <algorithm>

namespace berth {

namespace {

QString licencePath(const QString& repository)
{
    return QStringLiteral("/api/v1/repositories/") + ApiClient::repositoryPath(repository) +
           QStringLiteral("/licence");
}

QString text(const QJsonObject& object, const char* key)
{
    return object.value(QLatin1String(key)).toString();
}

} // namespace

Subcommand LicenceAcceptCommand::show()
{
    return {
        QStringLiteral("show"),
        tr("Shows the licence a repository needs before it can be pulled (its title, version and "
           "text) and whether you accepted it; or, with --compartment, a compartment's licence "
           "(administrators)."),
        {{QStringLiteral("REPO"), tr("The repository, e.g. team/app."), true}},
        {QCommandLineOption(QStringLiteral("compartment"),
                            tr("Show the licence set on this compartment instead."), QStringLiteral("A:B"))},
        runShow};
}

Subcommand LicenceAcceptCommand::accept()
{
    return {QStringLiteral("accept"),
            tr("Accepts the licence a repository needs, so that you can pull from it. Shows the text and "
               "asks first unless --yes is given."),
            {{QStringLiteral("REPO"), tr("The repository, e.g. team/app.")}},
            {QCommandLineOption(QStringLiteral("version"),
                                tr("Accept this version only: if the licence changed since you read it, "
                                   "nothing is accepted."),
                                QStringLiteral("V")),
             QCommandLineOption({QStringLiteral("y"), QStringLiteral("yes")},
                                tr("Accept without showing the text and asking (you read it already with "
                                   "'berthctl licence show')."))},
            runAccept};
}

void LicenceAcceptCommand::printLicence(QTextStream& stream, const QJsonObject& licence)
{
    const QString published = text(licence, "publishedBy").isEmpty()
                                  ? Output::time(licence.value(QStringLiteral("publishedAt")))
                                  : tr("%1 by %2")
                                        .arg(Output::time(licence.value(QStringLiteral("publishedAt"))),
                                             text(licence, "publishedBy"));
    const Output::Fields fields{
        {tr("Licence"), text(licence, "title")},
        {tr("Version"), text(licence, "version")},
        {tr("Set on"), LicenceCommands::scopeText(licence.value(QStringLiteral("scope")).toObject())},
        {tr("Format"), text(licence, "format")},
        {tr("Published"), published},
    };
    int width = 0;
    for (const auto& field : fields)
        width = std::max(width, static_cast<int>(field.first.size()) + 1);
    for (const auto& field : fields)
        stream << (field.first + QLatin1Char(':')).leftJustified(width) << "  " << field.second << '\n';
    stream << '\n' << text(licence, "text");
    if (!text(licence, "text").endsWith(QLatin1Char('\n')))
        stream << '\n';
    stream << '\n';
    stream.flush();
}

int LicenceAcceptCommand::runShow(Invocation& call)
{
    const QString repository = call.argument(0);
    if (call.isSet(QStringLiteral("compartment")) == !repository.isEmpty())
        return call.usageError(repository.isEmpty()
                                   ? tr("Name a repository, or a compartment with --compartment A:B.")
                                   : tr("Give a repository or --compartment, not both."));
    if (repository.isEmpty())
        return showCompartment(call);
    return call.show(call.api().get(licencePath(repository)), [&](const QJsonObject& answer) {
        if (!answer.value(QStringLiteral("required")).toBool()) {
            call.output().message(
                tr("Repository %1 needs no licence: whoever may pull from it can pull.").arg(repository));
            return;
        }
        const QJsonObject licence = answer.value(QStringLiteral("licence")).toObject();
        call.output().message(tr("Pulling from %1 needs this licence accepted first.").arg(repository));
        call.output().message(QString());
        printLicence(call.output().out(), licence);
        const QString acceptUrl = text(answer, "acceptUrl");
        if (call.signedInUser().isEmpty()) {
            call.output().message(
                tr("You are not signed in. Sign in to accept it: berthctl --user NAME licence accept %1")
                    .arg(repository));
            if (!acceptUrl.isEmpty())
                call.output().message(tr("Or sign in, read and accept it in a browser: %1").arg(acceptUrl));
        } else if (answer.value(QStringLiteral("accepted")).toBool()) {
            call.output().message(tr("You (%1) accepted version %2 on %3.")
                                      .arg(call.signedInUser(), text(licence, "version"),
                                           Output::time(answer.value(QStringLiteral("acceptedAt")))));
        } else {
            call.output().message(tr("You (%1) have not accepted version %2. Accept it with: berthctl "
                                     "licence accept %3")
                                      .arg(call.signedInUser(), text(licence, "version"), repository));
            if (!acceptUrl.isEmpty())
                call.output().message(tr("Or read and accept it in a browser: %1").arg(acceptUrl));
        }
    });
}

int LicenceAcceptCommand::showCompartment(Invocation& call)
{
    const QString compartment = call.value(QStringLiteral("compartment"));
    const ApiResponse response = call.api().get(QStringLiteral("/api/v1/compartments/") +
                                                ApiClient::segment(compartment) + QStringLiteral("/licence"));
    return call.show(response, [&](const QJsonObject& answer) {
        // The licence itself, or wrapped as {"licence": ...} (null when the compartment has none).
        const QJsonObject licence = answer.contains(QStringLiteral("licence"))
                                        ? answer.value(QStringLiteral("licence")).toObject()
                                        : answer;
        if (licence.isEmpty()) {
            call.output().message(tr("Compartment %1 has no licence of its own.").arg(compartment));
            return;
        }
        printLicence(call.output().out(), licence);
    });
}

int LicenceAcceptCommand::runAccept(Invocation& call)
{
    const QString repository = call.argument(0);
    if (call.signedInUser().isEmpty())
        return call.failure(tr("Accepting a licence is recorded for a user: sign in with --user and "
                               "--password (or BERTH_USER and BERTH_PASSWORD)."));
    const ApiResponse shown = call.api().get(licencePath(repository));
    if (!shown.ok())
        return call.failure(shown);
    const QJsonObject answer = shown.object();
    if (!answer.value(QStringLiteral("required")).toBool())
        return call.done(shown,
                         tr("Repository %1 needs no licence: there is nothing to accept.").arg(repository),
                         {{QStringLiteral("required"), false}});
    const QJsonObject licence = answer.value(QStringLiteral("licence")).toObject();
    const QString inForce = text(licence, "version");
    const bool versionGiven = call.isSet(QStringLiteral("version"));
    const QString version = versionGiven ? call.value(QStringLiteral("version")) : inForce;
    const bool yes = call.isSet(QStringLiteral("yes"));
    const bool acceptedAlready = answer.value(QStringLiteral("accepted")).toBool() && version == inForce;

    if (!yes && !acceptedAlready) {
        if (!call.inputIsTerminal())
            return call.failure(
                tr("Not accepted: standard input is not a terminal, so berthctl cannot show you the licence "
                   "and ask. Read it with 'berthctl licence show %1', then run 'berthctl licence accept %1 "
                   "--version %2 --yes'.")
                    .arg(repository, inForce));
        if (version != inForce)
            return call.failure(tr("Not accepted: version %1 of the licence of %2 is no longer in force "
                                   "(version %3 is). Leave out --version to read and accept version %3.")
                                    .arg(version, repository, inForce));
        QTextStream& stream = call.output().json() ? call.output().err() : call.output().out();
        printLicence(stream, licence);
        call.output().err() << tr("Accept \"%1\" (version %2) for %3? [y/N] ")
                                   .arg(text(licence, "title"), inForce, repository);
        call.output().err().flush();
        const QString reply = call.readLine().trimmed().toLower();
        if (reply != QLatin1String("y") && reply != QLatin1String("yes"))
            return call.failure(
                tr("Not accepted: pulls from %1 stay refused until you accept the licence.").arg(repository));
    }

    const ApiResponse accepted =
        call.api().send("POST", licencePath(repository) + QStringLiteral("/acceptance"),
                        QJsonObject{{QStringLiteral("version"), version}});
    if (accepted.status == 409) {
        // The licence changed between reading and accepting (or --version named an old one).
        const ApiResponse now = call.api().get(licencePath(repository));
        const QString current = now.object()
                                    .value(QStringLiteral("licence"))
                                    .toObject()
                                    .value(QStringLiteral("version"))
                                    .toString();
        if (!now.ok() || current.isEmpty() || current == version)
            return call.failure(accepted);
        return call.failure(tr("Not accepted: the licence of %1 changed; version %2 is in force now, not %3. "
                               "Read it with 'berthctl licence show %1', then accept it again.")
                                .arg(repository, current, version));
    }
    return call.show(accepted, [&](const QJsonObject& acceptance) {
        call.output().message(
            tr("Accepted \"%1\" (version %2) for %3 as %4: you can pull from it now.")
                .arg(text(acceptance, "title").isEmpty() ? text(licence, "title") : text(acceptance, "title"),
                     version, repository, call.signedInUser()));
    });
}

} // namespace berth
