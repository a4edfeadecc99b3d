#include "cli/TagCommands.h"

#include "cli/Invocation.h"

namespace berth {

QString TagCommands::summary() const
{
    return tr("Tags of a repository: delete (untag).");
}

QList<Subcommand> TagCommands::subcommands() const
{
    return {
        {QStringLiteral("delete"),
         tr("Removes a tag; the image stays, reachable by its digest."),
         {{QStringLiteral("REPO"), tr("The repository, e.g. team/app.")},
          {QStringLiteral("TAG"), tr("The tag, e.g. 1.0.")}},
         {},
         remove},
    };
}

int TagCommands::remove(Invocation& call)
{
    const QString repository = call.argument(0);
    const QString tag = call.argument(1);
    const ApiResponse response =
        call.api().remove(QStringLiteral("/api/v1/repositories/") + ApiClient::repositoryPath(repository) +
                          QStringLiteral("/tags/") + ApiClient::segment(tag));
    return call.done(response, tr("Removed tag %1 from %2.").arg(tag, repository),
                     {{QStringLiteral("repository"), repository}, {QStringLiteral("tag"), tag}});
}

} // namespace berth
