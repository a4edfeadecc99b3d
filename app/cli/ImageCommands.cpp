#include "cli/ImageCommands.h"

#include "cli/Invocation.h"

#include <QJsonArray>

namespace berth {

QString ImageCommands::summary() const
{
    return tr("Images of a repository: list, delete.");
}

QList<Subcommand> ImageCommands::subcommands() const
{
    const CommandArgument repository{QStringLiteral("REPO"), tr("The repository, e.g. team/app.")};
    return {
        {QStringLiteral("list"),
         tr("Lists a repository's images, newest push first."),
         {repository},
         {},
         list},
        {QStringLiteral("delete"),
         tr("Deletes an image and the tags that point at it."),
         {repository, {QStringLiteral("DIGEST"), tr("The image's digest, sha256:<64 hex digits>.")}},
         {},
         remove},
    };
}

int ImageCommands::list(Invocation& call)
{
    return call.listing(QStringLiteral("/api/v1/repositories/") +
                            ApiClient::repositoryPath(call.argument(0)) + QStringLiteral("/images"),
                        {}, {tr("DIGEST"), tr("KIND"), tr("SIZE"), tr("PUSHED"), tr("TAGS")},
                        [](const QJsonObject& image) {
                            QStringList tags;
                            for (const QJsonValue& tag : image.value(QStringLiteral("tags")).toArray())
                                tags.append(tag.toString());
                            return QStringList{image.value(QStringLiteral("digest")).toString(),
                                               image.value(QStringLiteral("kind")).toString(),
                                               Output::size(image.value(QStringLiteral("size")).toInteger()),
                                               Output::time(image.value(QStringLiteral("pushedAt"))),
                                               Output::orDash(tags.join(QLatin1Char(',')))};
                        });
}

int ImageCommands::remove(Invocation& call)
{
    const QString repository = call.argument(0);
    const QString digest = call.argument(1);
    const ApiResponse response =
        call.api().remove(QStringLiteral("/api/v1/repositories/") + ApiClient::repositoryPath(repository) +
                          QStringLiteral("/images/") + ApiClient::segment(digest));
    return call.done(response, tr("Deleted image %1 from %2.").arg(digest, repository),
                     {{QStringLiteral("repository"), repository}, {QStringLiteral("digest"), digest}});
}

} // namespace berth
