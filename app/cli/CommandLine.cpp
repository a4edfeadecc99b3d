#include "cli/CommandLine.h"

#include "cli/ApiClient.h"
#include "cli/AuditCommands.h"
#include "cli/BackupCommand.h"
#include "cli/FsckCommand.h"
#include "cli/GcCommand.h"
#include "cli/ScrubCommand.h"
#include "cli/JobCommands.h"
#include "cli/AuthTokenCommands.h"
#include "cli/CompartmentCommands.h"
#include "cli/CostCommands.h"
#include "cli/ExplainCommand.h"
#include "cli/GroupCommands.h"
#include "cli/ImageCommands.h"
#include "cli/Invocation.h"
#include "cli/LicenceCommands.h"
#include "cli/LimitCommands.h"
#include "cli/NetworkSourceCommands.h"
#include "cli/OpenApiCommand.h"
#include "cli/PricingCommands.h"
#include "cli/Output.h"
#include "cli/PolicyCommands.h"
#include "cli/RepositoryCommands.h"
#include "cli/RetentionCommands.h"
#include "cli/TagCommands.h"
#include "cli/UsageCommands.h"
#include "cli/UserCommands.h"

#include <QSet>
#include <algorithm>

namespace berth {

namespace {

const QString kProgram = QStringLiteral("berthctl");

QString optionSynopsis(const QCommandLineOption& option)
{
    QStringList names;
    for (const QString& name : option.names())
        names.append(name.size() == 1 ? QStringLiteral("-") + name : QStringLiteral("--") + name);
    QString text = names.join(QStringLiteral(", "));
    if (!option.valueName().isEmpty())
        text += QLatin1Char(' ') + option.valueName();
    return text;
}

QString argumentSynopsis(const QList<CommandArgument>& arguments)
{
    QStringList parts;
    for (const CommandArgument& a : arguments) {
        QString part = a.name;
        if (a.repeated)
            part += QStringLiteral("...");
        parts.append(a.optional ? QLatin1Char('[') + part + QLatin1Char(']') : part);
    }
    return parts.join(QLatin1Char(' '));
}

} // namespace

CommandLine::CommandLine(QTextStream& out, QTextStream& err, QIODevice* input,
                         const QProcessEnvironment& environment)
    : m_out(out), m_err(err), m_input(input), m_environment(environment)
{
    m_families.push_back(std::make_unique<RepositoryCommands>());
    m_families.push_back(std::make_unique<ImageCommands>());
    m_families.push_back(std::make_unique<TagCommands>());
    m_families.push_back(std::make_unique<CompartmentCommands>());
    m_families.push_back(std::make_unique<UserCommands>());
    m_families.push_back(std::make_unique<AuthTokenCommands>());
    m_families.push_back(std::make_unique<GroupCommands>());
    m_families.push_back(std::make_unique<PolicyCommands>());
    m_families.push_back(std::make_unique<NetworkSourceCommands>());
    m_families.push_back(std::make_unique<ExplainCommand>());
    m_families.push_back(std::make_unique<AuditCommands>());
    m_families.push_back(std::make_unique<GcCommand>());
    m_families.push_back(std::make_unique<ScrubCommand>());
    m_families.push_back(std::make_unique<FsckCommand>());
    m_families.push_back(std::make_unique<BackupCommand>());
    m_families.push_back(std::make_unique<JobCommands>());
    m_families.push_back(std::make_unique<RetentionCommands>()); // issue 6: retention policies
    m_families.push_back(std::make_unique<UsageCommands>());
    m_families.push_back(std::make_unique<LimitCommands>());   // issue 6: limits and increase requests
    m_families.push_back(std::make_unique<PricingCommands>()); // issue 6: price sheet
    m_families.push_back(std::make_unique<CostCommands>());    // issue 6: cost report
    m_families.push_back(std::make_unique<LicenceCommands>()); // issue 7: licence-gated repositories
    m_families.push_back(std::make_unique<OpenApiCommand>());
}

CommandLine::~CommandLine() = default;

QList<QCommandLineOption> CommandLine::globalOptions() const
{
    return {
        QCommandLineOption(
            {QStringLiteral("s"), QStringLiteral("server")},
            tr("The Berth server, e.g. https://registry.example.com (default: $BERTH_SERVER)."),
            QStringLiteral("URL")),
        QCommandLineOption({QStringLiteral("u"), QStringLiteral("user")},
                           tr("Sign in as this user (default: $BERTH_USER). Before the command when the "
                              "command has a --user of its own."),
                           QStringLiteral("USER")),
        QCommandLineOption(QStringLiteral("password"),
                           tr("The password or an auth token (default: $BERTH_PASSWORD)."),
                           QStringLiteral("PASSWORD")),
        QCommandLineOption(QStringLiteral("password-stdin"),
                           tr("Read the password or auth token from the first line of standard input.")),
        QCommandLineOption({QStringLiteral("o"), QStringLiteral("output")}, tr("table (default) or json."),
                           QStringLiteral("FORMAT")),
        QCommandLineOption(QStringLiteral("cacert"),
                           tr("Also trust the CA certificate(s) in this PEM file for HTTPS."),
                           QStringLiteral("FILE")),
        QCommandLineOption(QStringLiteral("timeout"), tr("Seconds to wait for each answer (default 30)."),
                           QStringLiteral("SECONDS")),
        QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")}, tr("Show help and exit.")),
        QCommandLineOption(QStringLiteral("version"), tr("Show berthctl's version and exit.")),
    };
}

const CommandFamily* CommandLine::family(const QString& name) const
{
    for (const auto& f : m_families)
        if (f->name() == name)
            return f.get();
    return nullptr;
}

int CommandLine::nextWord(const QStringList& arguments, int from) const
{
    QSet<QString> takesValue;
    for (const QCommandLineOption& option : globalOptions())
        if (!option.valueName().isEmpty())
            for (const QString& name : option.names())
                takesValue.insert(name);
    for (int i = from; i < arguments.size(); ++i) {
        const QString& a = arguments.at(i);
        if (a == QLatin1String("--"))
            return i + 1 < arguments.size() ? i + 1 : -1;
        if (!a.startsWith(QLatin1Char('-')) || a == QLatin1String("-"))
            return i;
        if (a.contains(QLatin1Char('=')))
            continue;
        QString name = a.mid(a.startsWith(QLatin1String("--")) ? 2 : 1);
        if (takesValue.contains(name))
            ++i; // skip the option's value
    }
    return -1;
}

int CommandLine::usage(const QString& message, const QString& helpCommand)
{
    m_err << tr("berthctl: %1").arg(message) << '\n';
    m_err << tr("Run '%1 --help' for its usage.").arg(helpCommand) << '\n';
    m_err.flush();
    return Invocation::UsageError;
}

int CommandLine::run(const QStringList& arguments)
{
    QStringList args = arguments;
    // "berthctl help [COMMAND [SUBCOMMAND]]" is the same as --help at that level.
    if (!args.isEmpty() && args.first() == QLatin1String("help")) {
        args.removeFirst();
        args.append(QStringLiteral("--help"));
    }

    // Global options before the command.
    const int familyIndex = nextWord(args, 0);
    QCommandLineParser before;
    before.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    before.addOptions(globalOptions());
    const QStringList head = familyIndex < 0 ? args : args.mid(0, familyIndex);
    if (!before.parse(QStringList{kProgram} + head))
        return usage(before.errorText(), kProgram);
    if (before.isSet(QStringLiteral("version"))) {
        m_out << kProgram << ' ' << QStringLiteral(BERTH_VERSION) << '\n';
        m_out.flush();
        return Invocation::Success;
    }
    if (familyIndex < 0) {
        if (before.isSet(QStringLiteral("help"))) {
            printGlobalHelp(m_out);
            return Invocation::Success;
        }
        printGlobalHelp(m_err);
        return usage(tr("Name a command."), kProgram);
    }
    const QString familyName = args.at(familyIndex);
    const CommandFamily* chosen = family(familyName);
    if (!chosen)
        return usage(tr("There is no command \"%1\".").arg(familyName), kProgram);

    // The subcommand, then everything else belongs to it.
    QStringList rest = args.mid(familyIndex + 1);
    const QList<Subcommand> subs = chosen->subcommands();
    Subcommand sub;
    QString commandPath = kProgram + QLatin1Char(' ') + chosen->name();
    if (chosen->isSingle()) {
        sub = subs.first();
    } else {
        const int subIndex = nextWord(rest, 0);
        if (subIndex < 0) {
            if (before.isSet(QStringLiteral("help")) || rest.contains(QStringLiteral("--help")) ||
                rest.contains(QStringLiteral("-h"))) {
                printFamilyHelp(m_out, *chosen);
                return Invocation::Success;
            }
            printFamilyHelp(m_err, *chosen);
            return usage(tr("Name a subcommand of \"%1\".").arg(chosen->name()), commandPath);
        }
        const QString subName = rest.takeAt(subIndex);
        auto found =
            std::find_if(subs.begin(), subs.end(), [&](const Subcommand& s) { return s.name == subName; });
        if (found == subs.end())
            return usage(tr("\"%1\" has no subcommand \"%2\".").arg(chosen->name(), subName), commandPath);
        sub = *found;
        commandPath += QLatin1Char(' ') + sub.name;
    }

    // The subcommand's options shadow global options of the same name (explain --user U).
    QCommandLineParser after;
    after.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    QSet<QString> taken;
    for (const QCommandLineOption& option : sub.options)
        for (const QString& name : option.names())
            taken.insert(name);
    after.addOptions(sub.options);
    for (const QCommandLineOption& option : globalOptions()) {
        bool clash = false;
        for (const QString& name : option.names())
            clash = clash || taken.contains(name);
        if (!clash)
            after.addOption(option);
    }
    if (!after.parse(QStringList{kProgram} + rest))
        return usage(after.errorText(), commandPath);
    if (after.isSet(QStringLiteral("help")) || before.isSet(QStringLiteral("help"))) {
        printSubcommandHelp(m_out, *chosen, sub);
        return Invocation::Success;
    }

    const QStringList positional = after.positionalArguments();
    int required = 0;
    bool unlimited = false;
    for (const CommandArgument& a : sub.arguments) {
        required += a.optional ? 0 : 1;
        unlimited = unlimited || a.repeated;
    }
    if (positional.size() < required)
        return usage(tr("Missing argument %1.").arg(sub.arguments.at(positional.size()).name), commandPath);
    if (!unlimited && positional.size() > sub.arguments.size())
        return usage(tr("Unexpected argument \"%1\".").arg(positional.at(sub.arguments.size())), commandPath);

    // Global settings: after the command wins over before it, which wins over the environment.
    auto global = [&](const QString& name, const QString& variable) -> QString {
        if (!taken.contains(name) && after.isSet(name))
            return after.value(name);
        if (before.isSet(name))
            return before.value(name);
        return m_environment.value(variable);
    };
    auto globalFlag = [&](const QString& name) {
        return (!taken.contains(name) && after.isSet(name)) || before.isSet(name);
    };

    const QString format = global(QStringLiteral("output"), QStringLiteral("BERTH_OUTPUT"));
    Output::Format outputFormat = Output::Format::Table;
    if (format == QLatin1String("json"))
        outputFormat = Output::Format::Json;
    else if (!format.isEmpty() && format != QLatin1String("table"))
        return usage(tr("--output must be table or json, not \"%1\".").arg(format), commandPath);

    ApiClient::Settings settings;
    const QString server = global(QStringLiteral("server"), QStringLiteral("BERTH_SERVER"));
    if (server.isEmpty())
        return usage(tr("No server: pass --server URL or set BERTH_SERVER."), commandPath);
    settings.server = QUrl(server, QUrl::StrictMode);
    if (!settings.server.isValid() || settings.server.host().isEmpty() ||
        (settings.server.scheme() != QLatin1String("http") &&
         settings.server.scheme() != QLatin1String("https")))
        return usage(tr("The server \"%1\" is not an http:// or https:// URL.").arg(server), commandPath);
    settings.user = global(QStringLiteral("user"), QStringLiteral("BERTH_USER"));
    if (settings.user.isEmpty())
        settings.user = settings.server.userName();
    const bool passwordOption =
        (!taken.contains(QStringLiteral("password")) && after.isSet(QStringLiteral("password"))) ||
        before.isSet(QStringLiteral("password"));
    if (globalFlag(QStringLiteral("password-stdin"))) {
        if (passwordOption)
            return usage(tr("Give either --password or --password-stdin, not both."), commandPath);
        if (!m_input || m_input->atEnd())
            return usage(tr("--password-stdin: standard input is empty."), commandPath);
        QByteArray line = m_input->readLine();
        while (line.endsWith('\n') || line.endsWith('\r'))
            line.chop(1);
        settings.password = QString::fromUtf8(line);
    } else {
        settings.password = global(QStringLiteral("password"), QStringLiteral("BERTH_PASSWORD"));
    }
    const QString timeout = global(QStringLiteral("timeout"), QStringLiteral("BERTH_TIMEOUT"));
    if (!timeout.isEmpty()) {
        bool ok = false;
        const int seconds = timeout.toInt(&ok);
        if (!ok || seconds <= 0 || seconds > 86400)
            return usage(
                tr("--timeout must be a number of seconds from 1 to 86400, not \"%1\".").arg(timeout),
                commandPath);
        settings.timeoutMs = seconds * 1000;
    }
    // Items per page of a list; BERTH_PAGE_SIZE exists to exercise paging (tests, slow links).
    const QString pageSize = m_environment.value(QStringLiteral("BERTH_PAGE_SIZE"));
    if (!pageSize.isEmpty()) {
        bool ok = false;
        settings.pageSize = pageSize.toInt(&ok);
        if (!ok || settings.pageSize < 1 || settings.pageSize > 1000)
            return usage(tr("BERTH_PAGE_SIZE must be a number from 1 to 1000, not \"%1\".").arg(pageSize),
                         commandPath);
    }
    settings.caCertificateFile = global(QStringLiteral("cacert"), QStringLiteral("BERTH_CACERT"));

    ApiClient api(settings);
    QString problem;
    if (!api.prepare(&problem))
        return usage(problem, commandPath);
    Output output(m_out, m_err, outputFormat);
    Invocation invocation(after, positional, commandPath.mid(kProgram.size() + 1), settings.user, api, output,
                          m_input);
    return sub.run(invocation);
}

void CommandLine::printOptions(QTextStream& stream, const QList<QCommandLineOption>& options)
{
    int width = 0;
    for (const QCommandLineOption& option : options)
        width = std::max(width, static_cast<int>(optionSynopsis(option).size()));
    for (const QCommandLineOption& option : options)
        stream << "  " << optionSynopsis(option).leftJustified(width) << "  " << option.description() << '\n';
}

void CommandLine::printGlobalHelp(QTextStream& stream) const
{
    stream << tr("Usage: berthctl [global options] COMMAND [SUBCOMMAND] [options] [arguments]") << "\n\n";
    stream << tr("Manages a Berth container registry through its REST API (/api/v1).") << "\n\n";
    stream << tr("Commands:") << '\n';
    int width = 0;
    for (const auto& f : m_families)
        width = std::max(width, static_cast<int>(f->name().size()));
    for (const auto& f : m_families)
        stream << "  " << f->name().leftJustified(width) << "  " << f->summary() << '\n';
    stream << '\n' << tr("Global options:") << '\n';
    printOptions(stream, globalOptions());
    stream << '\n'
           << tr("Exit status: 0 success, 1 the server refused or could not be reached, 2 a usage error.")
           << '\n'
           << tr("Run 'berthctl COMMAND --help' for a command's subcommands.") << '\n';
    stream.flush();
}

void CommandLine::printFamilyHelp(QTextStream& stream, const CommandFamily& family) const
{
    stream << tr("Usage: berthctl %1 SUBCOMMAND [options] [arguments]").arg(family.name()) << "\n\n";
    stream << family.summary() << "\n\n";
    stream << tr("Subcommands:") << '\n';
    int width = 0;
    for (const Subcommand& s : family.subcommands())
        width = std::max(width, static_cast<int>(s.name.size()));
    for (const Subcommand& s : family.subcommands())
        stream << "  " << s.name.leftJustified(width) << "  " << s.summary << '\n';
    stream << '\n'
           << tr("Run 'berthctl %1 SUBCOMMAND --help' for a subcommand's options.").arg(family.name())
           << '\n';
    stream.flush();
}

void CommandLine::printSubcommandHelp(QTextStream& stream, const CommandFamily& family,
                                      const Subcommand& sub) const
{
    QString command = family.name();
    if (!sub.name.isEmpty())
        command += QLatin1Char(' ') + sub.name;
    QString line = tr("Usage: berthctl %1").arg(command);
    if (!sub.options.isEmpty())
        line += QLatin1Char(' ') + tr("[options]");
    const QString synopsis = argumentSynopsis(sub.arguments);
    if (!synopsis.isEmpty())
        line += QLatin1Char(' ') + synopsis;
    stream << line << "\n\n" << sub.summary << '\n';
    if (!sub.arguments.isEmpty()) {
        stream << '\n' << tr("Arguments:") << '\n';
        int width = 0;
        for (const CommandArgument& a : sub.arguments)
            width = std::max(width, static_cast<int>(a.name.size()));
        for (const CommandArgument& a : sub.arguments)
            stream << "  " << a.name.leftJustified(width) << "  " << a.description << '\n';
    }
    if (!sub.options.isEmpty()) {
        stream << '\n' << tr("Options:") << '\n';
        printOptions(stream, sub.options);
    }
    stream << '\n'
           << tr("Global options (see 'berthctl --help'): --server, --user, --password, "
                 "--password-stdin, --output, --cacert, --timeout.")
           << '\n';
    stream.flush();
}

} // namespace berth
