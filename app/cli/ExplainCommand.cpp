#include "cli/ExplainCommand.h"

#include "cli/Invocation.h"

#include <QJsonArray>

namespace berth {

QString ExplainCommand::summary() const
{
    return tr("Explains whether a user may do something to a repository, and which statement decides.");
}

QList<Subcommand> ExplainCommand::subcommands() const
{
    return {
        {QString(),
         tr("Explains what the policies decide for a user, a permission and a repository. Give the sign-in "
            "user before the command or in BERTH_USER: --user here names the user to explain."),
         {},
         {QCommandLineOption(QStringLiteral("user"), tr("The user whose access to explain."),
                             QStringLiteral("USER")),
          QCommandLineOption(QStringLiteral("permission"),
                             tr("REPOSITORY_INSPECT, _READ, _UPDATE (push), _CREATE, _DELETE or _MANAGE."),
                             QStringLiteral("PERMISSION")),
          QCommandLineOption(QStringLiteral("repository"), tr("The repository, e.g. team/app."),
                             QStringLiteral("REPO")),
          QCommandLineOption(QStringLiteral("tag"), tr("A tag, for tag-specific conditions."),
                             QStringLiteral("TAG")),
          QCommandLineOption(QStringLiteral("client-address"),
                             tr("The client's IP address, for network-source conditions."),
                             QStringLiteral("ADDRESS"))},
         explain},
    };
}

int ExplainCommand::explain(Invocation& call)
{
    for (const QString& required :
         {QStringLiteral("user"), QStringLiteral("permission"), QStringLiteral("repository")})
        if (!call.isSet(required))
            return call.usageError(tr("--%1 is required.").arg(required));
    QJsonObject body{{QStringLiteral("user"), call.value(QStringLiteral("user"))},
                     {QStringLiteral("permission"), call.value(QStringLiteral("permission"))},
                     {QStringLiteral("repository"), call.value(QStringLiteral("repository"))}};
    if (call.isSet(QStringLiteral("tag")))
        body.insert(QStringLiteral("tag"), call.value(QStringLiteral("tag")));
    if (call.isSet(QStringLiteral("client-address")))
        body.insert(QStringLiteral("clientAddress"), call.value(QStringLiteral("client-address")));
    return call.show(
        call.api().send("POST", QStringLiteral("/api/v1/explain"), body), [&](const QJsonObject& d) {
            Output::Fields fields{
                {tr("Decision"), d.value(QStringLiteral("allowed")).toBool() ? tr("allowed") : tr("denied")},
                {tr("Reason"), d.value(QStringLiteral("reason")).toString()},
                {tr("Explanation"), d.value(QStringLiteral("explanation")).toString()},
                {tr("Permission"), d.value(QStringLiteral("permission")).toString()},
                {tr("Needs verb"), d.value(QStringLiteral("requiredVerb")).toString()},
                {tr("Compartment"), d.value(QStringLiteral("compartment")).toString().isEmpty()
                                        ? tr("(tenancy)")
                                        : d.value(QStringLiteral("compartment")).toString()},
            };
            QStringList groups;
            for (const QJsonValue& g : d.value(QStringLiteral("groups")).toArray())
                groups.append(g.toString());
            fields.append({tr("Groups"), Output::orDash(groups.join(QLatin1Char(',')))});
            const QJsonObject statement = d.value(QStringLiteral("statement")).toObject();
            if (!statement.isEmpty()) {
                const QString where = statement.value(QStringLiteral("policyCompartment")).toString();
                fields.append({tr("Policy"), tr("%1 in %2, line %3")
                                                 .arg(statement.value(QStringLiteral("policy")).toString(),
                                                      where.isEmpty() ? tr("(tenancy)") : where)
                                                 .arg(statement.value(QStringLiteral("line")).toInt())});
                fields.append({tr("Statement"), statement.value(QStringLiteral("text")).toString()});
            }
            const QString condition = d.value(QStringLiteral("conditionDetail")).toString();
            if (!condition.isEmpty())
                fields.append({tr("Condition"), condition});
            call.output().record(fields);
        });
}

} // namespace berth
