#pragma once

#include "cli/ApiClient.h"
#include "cli/Output.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QIODevice>
#include <QJsonObject>
#include <QStringList>
#include <functional>

namespace berth {

/// One run of a subcommand: its parsed options and arguments, the API client and the output.
/// Subcommands return the exit status: 0 success, 1 the API (or the server) refused, 2 usage.
class Invocation
{
    Q_DECLARE_TR_FUNCTIONS(Invocation)

public:
    static constexpr int Success = 0;
    static constexpr int Failure = 1;
    static constexpr int UsageError = 2;

    Invocation(const QCommandLineParser& parser, const QStringList& arguments, const QString& commandPath,
               const QString& signedInUser, ApiClient& api, Output& output, QIODevice* input);

    QString argument(int index) const { return m_arguments.value(index); }
    const QStringList& arguments() const { return m_arguments; }
    bool isSet(const QString& option) const { return m_parser.isSet(option); }
    QString value(const QString& option) const { return m_parser.value(option); }
    QStringList values(const QString& option) const { return m_parser.values(option); }

    ApiClient& api() { return m_api; }
    Output& output() { return m_output; }
    /// The user berthctl signs in as (may be empty: anonymous).
    QString signedInUser() const { return m_signedInUser; }

    /// One line from standard input without its line ending; null at the end of input.
    QString readLine();
    /// Everything left on standard input.
    QByteArray readAll();
    /// Standard input is a terminal a person types at (not a pipe, a file or a test's buffer).
    bool inputIsTerminal() const;

    /// Prints "berthctl: <message>" and a hint to the subcommand's help; returns 2.
    int usageError(const QString& message);
    /// Prints why the API refused (code, message, status, policy problems); returns 1.
    int failure(const ApiResponse& response);
    /// Prints a message to stderr; returns 1.
    int failure(const QString& message);

    /// Prints an object answer: JSON as it came, or through `table` for people.
    int show(const ApiResponse& response, const std::function<void(const QJsonObject&)>& table);
    /// GETs every page of a list and prints it: a JSON array, or a table with these headers.
    int listing(const QString& path, const QueryItems& query, const QStringList& headers,
                const std::function<QStringList(const QJsonObject&)>& row, int maxItems = 0);
    /// For answers without a body (204): a sentence for people, {"ok": true, ...} as JSON.
    int done(const ApiResponse& response, const QString& sentence, const QJsonObject& json = {});

private:
    const QCommandLineParser& m_parser;
    QStringList m_arguments;
    QString m_commandPath;
    QString m_signedInUser;
    ApiClient& m_api;
    Output& m_output;
    QIODevice* m_input;
};

} // namespace berth
