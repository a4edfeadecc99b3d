#include "cli/LicenceCommands.h"

#include "cli/Invocation.h"
#include "cli/LicenceAcceptCommand.h"

#include <QFile>
#include <QJsonArray>

namespace berth {

namespace {

const QString LicencesPath = QStringLiteral("/api/v1/licences");
const QString AcceptancesPath = QStringLiteral("/api/v1/licence-acceptances");

QString text(const QJsonObject& object, const char* key)
{
    return object.value(QLatin1String(key)).toString();
}

} // namespace

QString LicenceCommands::summary() const
{
    return tr("Licences: read and accept the licence a repository needs before pulls; administrators set, "
              "version and remove licences and see who accepted them.");
}

QString LicenceCommands::scopeText(const QJsonObject& scope)
{
    if (text(scope, "kind") == QLatin1String("compartment")) {
        const QString compartment = text(scope, "compartment");
        return compartment.isEmpty() ? tr("the tenancy") : tr("compartment %1").arg(compartment);
    }
    return tr("repository %1").arg(text(scope, "repository"));
}

QList<Subcommand> LicenceCommands::subcommands() const
{
    const CommandArgument repository{QStringLiteral("REPO"),
                                     tr("The repository, e.g. team/app (or give --compartment)."), true};
    const QCommandLineOption compartment(
        QStringLiteral("compartment"),
        tr("The compartment, e.g. Apps:Web: its licence gates every repository below it that has none "
           "of its own."),
        QStringLiteral("A:B"));
    return {
        LicenceAcceptCommand::show(),
        LicenceAcceptCommand::accept(),
        {QStringLiteral("report"),
         tr("Lists who accepted which licence version and when (administrators)."),
         {},
         {QCommandLineOption(QStringLiteral("repository"), tr("Only the licence that gates this repository."),
                             QStringLiteral("NAME")),
          QCommandLineOption(QStringLiteral("compartment"),
                             tr("Only licences set on this compartment or below it."), QStringLiteral("A:B")),
          QCommandLineOption(QStringLiteral("licence"), tr("Only this licence (its OCID, see licence list)."),
                             QStringLiteral("OCID")),
          QCommandLineOption(QStringLiteral("user"),
                             tr("Only this user's acceptances (sign in with --user "
                                "before the command)."),
                             QStringLiteral("USER")),
          QCommandLineOption(QStringLiteral("current"), tr("Only acceptances of the versions in force."))},
         report},
        {QStringLiteral("list"),
         tr("Lists every licence, where it is set, its version in force and how many accepted that version "
            "(administrators)."),
         {},
         {},
         list},
        {QStringLiteral("set"),
         tr("Sets or versions the licence of a repository or compartment (administrators). A new version "
            "must be accepted again before pulls."),
         {repository},
         {compartment,
          QCommandLineOption(QStringLiteral("title"), tr("The licence's title, one line."),
                             QStringLiteral("TEXT")),
          QCommandLineOption(QStringLiteral("version"),
                             tr("The version label, e.g. 1, 2.0 or 2026-11 (letters, digits, . _ + -)."),
                             QStringLiteral("V")),
          QCommandLineOption(QStringLiteral("file"),
                             tr("Read the text from this file (- is standard input)."),
                             QStringLiteral("FILE")),
          QCommandLineOption(QStringLiteral("text"), tr("The text itself."), QStringLiteral("TEXT")),
          QCommandLineOption(QStringLiteral("markdown"), tr("The text is Markdown (default: plain text)."))},
         set},
        {QStringLiteral("remove"),
         tr("Removes the licence of a repository or compartment with its versions and acceptances: pulls "
            "are no longer gated by it (administrators)."),
         {repository},
         {compartment, QCommandLineOption({QStringLiteral("y"), QStringLiteral("yes")},
                                          tr("Do not ask for confirmation."))},
         remove},
        {QStringLiteral("versions"),
         tr("Lists the published versions of the licence that gates a repository, or of a compartment's "
            "licence (administrators)."),
         {repository},
         {compartment},
         versions},
    };
}

bool LicenceCommands::target(Invocation& call, QString* path, QString* described, int* status)
{
    const bool hasRepository = !call.argument(0).isEmpty();
    const bool hasCompartment = call.isSet(QStringLiteral("compartment"));
    if (hasRepository == hasCompartment) {
        *status = call.usageError(hasRepository ? tr("Give a repository or --compartment, not both.")
                                                : tr("Name a repository, or a compartment with --compartment "
                                                     "A:B."));
        return false;
    }
    if (hasRepository) {
        *path = QStringLiteral("/api/v1/repositories/") + ApiClient::repositoryPath(call.argument(0)) +
                QStringLiteral("/licence");
        *described = tr("repository %1").arg(call.argument(0));
        return true;
    }
    const QString compartment = call.value(QStringLiteral("compartment"));
    if (compartment.isEmpty()) {
        *status = call.usageError(tr("--compartment needs a compartment path, e.g. Apps:Web."));
        return false;
    }
    *path = QStringLiteral("/api/v1/compartments/") + ApiClient::segment(compartment) +
            QStringLiteral("/licence");
    *described = tr("compartment %1").arg(compartment);
    return true;
}

int LicenceCommands::set(Invocation& call)
{
    QString path;
    QString described;
    int status = 0;
    if (!target(call, &path, &described, &status))
        return status;
    const QString title = call.value(QStringLiteral("title")).trimmed();
    const QString version = call.value(QStringLiteral("version")).trimmed();
    if (title.isEmpty())
        return call.usageError(tr("Give the licence's title with --title TEXT."));
    if (version.isEmpty())
        return call.usageError(tr("Give the version with --version V, e.g. 1; a new version must be accepted "
                                  "again."));
    const bool hasFile = call.isSet(QStringLiteral("file"));
    if (hasFile == call.isSet(QStringLiteral("text")))
        return call.usageError(tr("Give the licence text with --file FILE or --text TEXT (one of them)."));
    QString body;
    if (!hasFile) {
        body = call.value(QStringLiteral("text"));
    } else if (call.value(QStringLiteral("file")) == QLatin1String("-")) {
        body = QString::fromUtf8(call.readAll());
    } else {
        QFile file(call.value(QStringLiteral("file")));
        if (!file.open(QIODevice::ReadOnly))
            return call.failure(
                tr("Cannot read the licence text from %1: %2.").arg(file.fileName(), file.errorString()));
        body = QString::fromUtf8(file.readAll());
    }
    if (body.trimmed().isEmpty())
        return call.usageError(tr("The licence text is empty; write it in the file or after --text."));
    const QJsonObject request{
        {QStringLiteral("title"), title},
        {QStringLiteral("version"), version},
        {QStringLiteral("format"),
         call.isSet(QStringLiteral("markdown")) ? QStringLiteral("markdown") : QStringLiteral("text")},
        {QStringLiteral("text"), body},
    };
    return call.show(call.api().send("PUT", path, request), [&](const QJsonObject& licence) {
        call.output().message(tr("Version %1 of \"%2\" is in force on %3. Users must accept it before they "
                                 "pull (those allowed to push are not asked).")
                                  .arg(text(licence, "version"), text(licence, "title"),
                                       scopeText(licence.value(QStringLiteral("scope")).toObject())));
    });
}

int LicenceCommands::remove(Invocation& call)
{
    QString path;
    QString described;
    int status = 0;
    if (!target(call, &path, &described, &status))
        return status;
    if (!call.isSet(QStringLiteral("yes"))) {
        call.output().err()
            << tr("Remove the licence of %1 with all its versions and acceptances? [y/N] ").arg(described);
        call.output().err().flush();
        const QString answer = call.readLine().trimmed().toLower();
        if (answer != QLatin1String("y") && answer != QLatin1String("yes"))
            return call.failure(tr("Not removed; answer y, or pass --yes to remove it without asking."));
    }
    return call.done(call.api().remove(path),
                     tr("Removed the licence of %1: pulls are no longer gated by it.").arg(described),
                     {{QStringLiteral("removed"), described}});
}

int LicenceCommands::list(Invocation& call)
{
    return call.listing(LicencesPath, {},
                        {tr("SET ON"), tr("TITLE"), tr("VERSION"), tr("FORMAT"), tr("ACCEPTED (IN FORCE)"),
                         tr("UPDATED"), tr("ID")},
                        [](const QJsonObject& l) {
                            return QStringList{
                                scopeText(l.value(QStringLiteral("scope")).toObject()),
                                text(l, "title"),
                                text(l, "version"),
                                text(l, "format"),
                                QString::number(l.value(QStringLiteral("acceptances")).toInteger()),
                                Output::time(l.value(QStringLiteral("updatedAt"))),
                                text(l, "id")};
                        });
}

int LicenceCommands::versions(Invocation& call)
{
    QString path;
    QString described;
    int status = 0;
    if (!target(call, &path, &described, &status))
        return status;
    const ApiResponse response = call.api().get(path);
    if (!response.ok())
        return call.failure(response);
    // A repository's answer wraps the licence that gates it; a compartment's is the licence itself.
    const QJsonObject answer = response.object();
    const QJsonObject licence = answer.contains(QStringLiteral("licence"))
                                    ? answer.value(QStringLiteral("licence")).toObject()
                                    : answer;
    if (text(licence, "id").isEmpty())
        return call.failure(
            tr("No licence is set on %1 or above it, so there are no versions. Set one with 'berthctl "
               "licence set'.")
                .arg(described));
    const QString inForce = text(licence, "version");
    return call.listing(
        LicencesPath + QLatin1Char('/') + ApiClient::segment(text(licence, "id")) +
            QStringLiteral("/versions"),
        {},
        {tr("VERSION"), tr("TITLE"), tr("FORMAT"), tr("PUBLISHED"), tr("BY"), tr("IN FORCE"), tr("ACCEPTED")},
        [&](const QJsonObject& v) {
            return QStringList{text(v, "version"),
                               text(v, "title"),
                               text(v, "format"),
                               Output::time(v.value(QStringLiteral("publishedAt"))),
                               Output::orDash(text(v, "publishedBy")),
                               Output::yesNo(v.contains(QStringLiteral("current"))
                                                 ? v.value(QStringLiteral("current")).toBool()
                                                 : text(v, "version") == inForce),
                               QString::number(v.value(QStringLiteral("acceptances")).toInteger())};
        });
}

int LicenceCommands::report(Invocation& call)
{
    int filters = 0;
    QueryItems query;
    for (const QString& option :
         {QStringLiteral("repository"), QStringLiteral("compartment"), QStringLiteral("licence")}) {
        if (!call.isSet(option))
            continue;
        ++filters;
        query.append({option, call.value(option)});
    }
    if (filters > 1)
        return call.usageError(tr("Give one of --repository, --compartment and --licence."));
    if (call.isSet(QStringLiteral("user")))
        query.append({QStringLiteral("user"), call.value(QStringLiteral("user"))});
    if (call.isSet(QStringLiteral("current")))
        query.append({QStringLiteral("current"), QStringLiteral("true")});
    return call.listing(
        AcceptancesPath, query,
        {tr("SET ON"), tr("USER"), tr("VERSION"), tr("ACCEPTED AT"), tr("CHANNEL"), tr("CURRENT")},
        [](const QJsonObject& a) {
            return QStringList{scopeText(a.value(QStringLiteral("scope")).toObject()),
                               text(a, "user"),
                               text(a, "version"),
                               Output::time(a.value(QStringLiteral("acceptedAt"))),
                               text(a, "channel"),
                               Output::yesNo(a.value(QStringLiteral("currentVersion")).toBool())};
        });
}

} // namespace berth
