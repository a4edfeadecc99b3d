#pragma once

#include "cli/CommandFamily.h"

#include <QCoreApplication>

namespace berth {

class Invocation;

/// berthctl openapi: prints the server's OpenAPI description of /api/v1.
class OpenApiCommand : public CommandFamily
{
    Q_DECLARE_TR_FUNCTIONS(OpenApiCommand)

public:
    QString name() const override { return QStringLiteral("openapi"); }
    QString summary() const override;
    QList<Subcommand> subcommands() const override;

private:
    static int print(Invocation& call);
};

} // namespace berth
