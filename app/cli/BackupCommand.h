#pragma once

#include "cli/CommandFamily.h"

#include <QCoreApplication>

namespace berth {

class Invocation;

/// berthctl backup DIR: an online backup of the registry into DIR on the server (waits for the job and
/// prints what was copied); berthctl backup list: the backups taken.
class BackupCommand : public CommandFamily
{
    Q_DECLARE_TR_FUNCTIONS(BackupCommand)

public:
    QString name() const override { return QStringLiteral("backup"); }
    QString summary() const override;
    QList<Subcommand> subcommands() const override;

private:
    static int backup(Invocation& call);
    static int list(Invocation& call);
};

} // namespace berth
