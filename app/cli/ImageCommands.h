#pragma once

#include "cli/CommandFamily.h"

#include <QCoreApplication>

namespace berth {

class Invocation;

/// berthctl images: the images (manifests) of a repository.
class ImageCommands : public CommandFamily
{
    Q_DECLARE_TR_FUNCTIONS(ImageCommands)

public:
    QString name() const override { return QStringLiteral("images"); }
    QString summary() const override;
    QList<Subcommand> subcommands() const override;

private:
    static int list(Invocation& call);
    static int remove(Invocation& call);
};

} // namespace berth
