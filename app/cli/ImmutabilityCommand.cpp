#include "cli/ImmutabilityCommand.h"

#include "cli/Invocation.h"

#include <QJsonArray>

namespace berth {

Subcommand ImmutabilityCommand::subcommand()
{
    return {QStringLiteral("immutability"),
            tr("Shows or sets a repository's tag immutability: immutable tags cannot be moved to another "
               "image or deleted; tags an exclusion pattern matches whole (e.g. latest) still can."),
            {{QStringLiteral("NAME"), tr("The repository, e.g. team/app.")}},
            {QCommandLineOption(QStringLiteral("on"), tr("Make its tags immutable.")),
             QCommandLineOption(QStringLiteral("off"), tr("Make its tags mutable again.")),
             QCommandLineOption(QStringLiteral("exclude"),
                                tr("A regular expression for tags that stay mutable (repeat it for more; "
                                   "replaces the current patterns)."),
                                QStringLiteral("PATTERN")),
             QCommandLineOption(QStringLiteral("no-exclusions"), tr("Remove every exclusion pattern."))},
            run};
}

int ImmutabilityCommand::run(Invocation& call)
{
    const QString path = QStringLiteral("/api/v1/repositories/") +
                         ApiClient::repositoryPath(call.argument(0)) + QStringLiteral("/immutability");
    if (call.isSet(QStringLiteral("on")) && call.isSet(QStringLiteral("off")))
        return call.usageError(tr("Give --on or --off, not both."));
    if (call.isSet(QStringLiteral("exclude")) && call.isSet(QStringLiteral("no-exclusions")))
        return call.usageError(tr("Give --exclude or --no-exclusions, not both."));
    const bool change = call.isSet(QStringLiteral("on")) || call.isSet(QStringLiteral("off")) ||
                        call.isSet(QStringLiteral("exclude")) || call.isSet(QStringLiteral("no-exclusions"));
    ApiResponse response = call.api().get(path);
    if (change && response.ok()) {
        QJsonObject body = response.object();
        if (call.isSet(QStringLiteral("on")) || call.isSet(QStringLiteral("off")))
            body.insert(QStringLiteral("enabled"), call.isSet(QStringLiteral("on")));
        if (call.isSet(QStringLiteral("exclude")))
            body.insert(QStringLiteral("exclusions"),
                        QJsonArray::fromStringList(call.values(QStringLiteral("exclude"))));
        if (call.isSet(QStringLiteral("no-exclusions")))
            body.insert(QStringLiteral("exclusions"), QJsonArray());
        response = call.api().send("PUT", path, body);
    }
    return call.show(response, [&](const QJsonObject& r) {
        QStringList patterns;
        for (const QJsonValue& v : r.value(QStringLiteral("exclusions")).toArray())
            patterns << v.toString();
        const bool enabled = r.value(QStringLiteral("enabled")).toBool();
        call.output().record({{tr("Repository"), call.argument(0)},
                              {tr("Immutable tags"), Output::yesNo(enabled)},
                              {tr("Exclusions"), Output::orDash(patterns.join(QStringLiteral(", ")))}});
    });
}

} // namespace berth
