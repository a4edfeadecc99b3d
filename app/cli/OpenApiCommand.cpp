#include "cli/OpenApiCommand.h"

#include "cli/Invocation.h"

namespace berth {

QString OpenApiCommand::summary() const
{
    return tr("Prints the server's OpenAPI 3.0 description of the management API (JSON).");
}

QList<Subcommand> OpenApiCommand::subcommands() const
{
    return {{QString(), summary(), {}, {}, print}};
}

int OpenApiCommand::print(Invocation& call)
{
    const ApiResponse response = call.api().get(QStringLiteral("/api/v1/openapi.json"));
    if (!response.ok())
        return call.failure(response);
    call.output().printJson(response.json);
    return Invocation::Success;
}

} // namespace berth
