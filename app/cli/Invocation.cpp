#include "cli/Invocation.h"

#include <QFile>
#include <QJsonArray>

#ifdef Q_OS_WIN
#include <io.h>
#define berth_isatty _isatty
#else
#include <unistd.h>
#define berth_isatty isatty
#endif

namespace berth {

Invocation::Invocation(const QCommandLineParser& parser, const QStringList& arguments,
                       const QString& commandPath, const QString& signedInUser, ApiClient& api,
                       Output& output, QIODevice* input)
    : m_parser(parser), m_arguments(arguments), m_commandPath(commandPath), m_signedInUser(signedInUser),
      m_api(api), m_output(output), m_input(input)
{}

QString Invocation::readLine()
{
    if (!m_input || m_input->atEnd())
        return QString();
    QByteArray line = m_input->readLine();
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    return QString::fromUtf8(line);
}

QByteArray Invocation::readAll()
{
    return m_input ? m_input->readAll() : QByteArray();
}

bool Invocation::inputIsTerminal() const
{
    const auto* file = qobject_cast<const QFile*>(m_input);
    return file && file->handle() >= 0 && berth_isatty(file->handle()) != 0;
}

int Invocation::usageError(const QString& message)
{
    m_output.error(tr("berthctl: %1").arg(message));
    m_output.error(tr("Run 'berthctl %1 --help' for its usage.").arg(m_commandPath));
    return UsageError;
}

int Invocation::failure(const ApiResponse& response)
{
    if (!response.transportError.isEmpty()) {
        m_output.error(tr("berthctl: %1").arg(response.transportError));
        return Failure;
    }
    const QString code = response.errorCode();
    QString message = response.errorMessage();
    if (code.isEmpty() && message.isEmpty())
        message = tr("The server answered HTTP %1 without an error message.").arg(response.status);
    if (code.isEmpty())
        m_output.error(tr("berthctl: %1 (HTTP %2)").arg(message).arg(response.status));
    else
        m_output.error(tr("berthctl: %1 (%2, HTTP %3)").arg(message, code).arg(response.status));
    const QJsonArray problems = response.object()
                                    .value(QStringLiteral("detail"))
                                    .toObject()
                                    .value(QStringLiteral("problems"))
                                    .toArray();
    for (const QJsonValue& value : problems) {
        const QJsonObject problem = value.toObject();
        // The message may already list the problems; print only those it does not.
        if (message.contains(problem.value(QStringLiteral("message")).toString()))
            continue;
        m_output.error(tr("  line %1, column %2: %3")
                           .arg(problem.value(QStringLiteral("line")).toInt())
                           .arg(problem.value(QStringLiteral("column")).toInt())
                           .arg(problem.value(QStringLiteral("message")).toString()));
    }
    if (response.status == 401)
        m_output.error(tr("Sign in with --user and --password (or BERTH_USER and BERTH_PASSWORD)."));
    return Failure;
}

int Invocation::failure(const QString& message)
{
    m_output.error(tr("berthctl: %1").arg(message));
    return Failure;
}

int Invocation::show(const ApiResponse& response, const std::function<void(const QJsonObject&)>& table)
{
    if (!response.ok())
        return failure(response);
    if (m_output.json())
        m_output.printJson(response.json);
    else
        table(response.object());
    return Success;
}

int Invocation::listing(const QString& path, const QueryItems& query, const QStringList& headers,
                        const std::function<QStringList(const QJsonObject&)>& row, int maxItems)
{
    QJsonArray items;
    const ApiResponse response = m_api.list(path, query, &items, maxItems);
    if (!response.ok())
        return failure(response);
    if (m_output.json()) {
        m_output.printJson(items);
        return Success;
    }
    QList<QStringList> rows;
    for (const QJsonValue& item : items)
        rows.append(row(item.toObject()));
    m_output.table(headers, rows);
    return Success;
}

int Invocation::done(const ApiResponse& response, const QString& sentence, const QJsonObject& json)
{
    if (!response.ok())
        return failure(response);
    if (m_output.json()) {
        QJsonObject object = json;
        object.insert(QStringLiteral("ok"), true);
        object.insert(QStringLiteral("message"), sentence);
        m_output.printJson(object);
    } else {
        m_output.message(sentence);
    }
    return Success;
}

} // namespace berth
