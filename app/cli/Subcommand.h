#pragma once

#include <QCommandLineOption>
#include <QList>
#include <QString>
#include <functional>

namespace berth {

class Invocation;

/// A positional argument of a subcommand, for its usage line and help.
struct CommandArgument
{
    QString name;        ///< e.g. NAME
    QString description; ///< shown by --help
    bool optional = false;
    bool repeated = false; ///< the last argument may repeat (RANGE...)
};

/// One subcommand of a command family (e.g. "move" of "repos"): its options and what it does.
/// An empty name marks a family that is itself the command (explain, openapi).
struct Subcommand
{
    QString name;
    QString summary;
    QList<CommandArgument> arguments;
    QList<QCommandLineOption> options;
    std::function<int(Invocation&)> run;
};

} // namespace berth
