#pragma once

#include "cli/CommandFamily.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace berth {

class Invocation;

/// berthctl licence: the licence a repository needs before it can be pulled. Everybody reads it
/// (show) and accepts it (accept, see LicenceAcceptCommand); administrators set, remove and list
/// licences, their versions and who accepted which version (report).
class LicenceCommands : public CommandFamily
{
    Q_DECLARE_TR_FUNCTIONS(LicenceCommands)

public:
    QString name() const override { return QStringLiteral("licence"); }
    QString summary() const override;
    QList<Subcommand> subcommands() const override;

    /// Where a licence is set, for people: "repository team/app", "compartment Apps:Web".
    static QString scopeText(const QJsonObject& scope);

private:
    /// The licence address of REPO or --compartment C (exactly one); false after a usage error.
    static bool target(Invocation& call, QString* path, QString* described, int* status);
    static int set(Invocation& call);
    static int remove(Invocation& call);
    static int list(Invocation& call);
    static int versions(Invocation& call);
    static int report(Invocation& call);
};

} // namespace berth
