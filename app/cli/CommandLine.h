#pragma once

#include "cli/CommandFamily.h"

#include <QCommandLineOption>
#include <QCoreApplication>
#include <QIODevice>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTextStream>
#include <memory>
#include <vector>

namespace berth {

/// berthctl's dispatcher: global options, the command families, --help at every level and the
/// exit status (0 success, 1 the API refused or could not be reached, 2 a usage error).
/// Everything it prints goes to the streams it is given, so tests run it in-process.
class CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(CommandLine)

public:
    /// input serves --password-stdin, policy files given as "-" and confirmations (may be null).
    CommandLine(QTextStream& out, QTextStream& err, QIODevice* input = nullptr,
                const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment());
    ~CommandLine();

    /// Runs one command line (without the program name) and returns the exit status.
    int run(const QStringList& arguments);

    const std::vector<std::unique_ptr<CommandFamily>>& families() const { return m_families; }

private:
    QList<QCommandLineOption> globalOptions() const;
    const CommandFamily* family(const QString& name) const;
    /// Index of the first argument at or after `from` that is not an option or an option's value.
    int nextWord(const QStringList& arguments, int from) const;

    void printGlobalHelp(QTextStream& stream) const;
    void printFamilyHelp(QTextStream& stream, const CommandFamily& family) const;
    void printSubcommandHelp(QTextStream& stream, const CommandFamily& family, const Subcommand& sub) const;
    static void printOptions(QTextStream& stream, const QList<QCommandLineOption>& options);
    int usage(const QString& message, const QString& helpCommand);

    QTextStream& m_out;
    QTextStream& m_err;
    QIODevice* m_input;
    QProcessEnvironment m_environment;
    std::vector<std::unique_ptr<CommandFamily>> m_families;
};

} // namespace berth
