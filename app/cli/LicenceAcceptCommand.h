#pragma once

#include "cli/Subcommand.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QTextStream>

namespace berth {

class Invocation;

/// berthctl licence show (REPO | --compartment C) and berthctl licence accept REPO [--version V] [--yes]: the
/// licence a repository needs before it can be pulled, whether the signed-in user accepted it, and accepting
/// it. accept asks "Accept? [y/N]" on a terminal and refuses to guess without --yes otherwise; it
/// accepts exactly the version it showed (or --version), so a text changed in between is refused.
class LicenceAcceptCommand
{
    Q_DECLARE_TR_FUNCTIONS(LicenceAcceptCommand)

public:
    static Subcommand show();
    static Subcommand accept();

private:
    static int runShow(Invocation& call);
    static int showCompartment(Invocation& call);
    static int runAccept(Invocation& call);
    /// Title, version, where it is set, who published it and when, then the text.
    static void printLicence(QTextStream& stream, const QJsonObject& licence);
};

} // namespace berth
