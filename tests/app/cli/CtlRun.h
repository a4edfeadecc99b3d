#pragma once

#include "cli/CommandLine.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QTest>
#include <QTextStream>

namespace berth::test {

/// One run of berthctl in-process (its CommandLine with captured streams): the exit status and what it
/// wrote. Shared by the berthctl tests.
struct CtlRun
{
    int status = -1;
    QString out;
    QString err;

    QJsonObject object() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
    QJsonArray array() const { return QJsonDocument::fromJson(out.toUtf8()).array(); }
    QString describe() const
    {
        return QStringLiteral("exit %1\n--- stdout\n%2--- stderr\n%3").arg(status).arg(out, err);
    }

    /// Runs berthctl with `args`, `input` on its standard input and nothing from the real environment
    /// unless `environment` says so.
    static CtlRun run(const QStringList& args, const QByteArray& input = {},
                      const QProcessEnvironment& environment = QProcessEnvironment())
    {
        CtlRun result;
        QTextStream out(&result.out);
        QTextStream err(&result.err);
        QBuffer in;
        in.setData(input);
        in.open(QIODevice::ReadOnly);
        CommandLine commandLine(out, err, &in, environment);
        result.status = commandLine.run(args);
        out.flush();
        err.flush();
        return result;
    }

    /// Runs berthctl against `server` signed in as user / password.
    static CtlRun as(const QString& server, const QString& user, const QString& password,
                     const QStringList& args)
    {
        return run(QStringList{QStringLiteral("--server"), server, QStringLiteral("--user"), user,
                               QStringLiteral("--password"), password} +
                   args);
    }
};

} // namespace berth::test

/// Fails the test with berthctl's output unless the run exited with `code`.
#define EXPECT_EXIT(run, code)                                                                               \
    do {                                                                                                     \
        const ::berth::test::CtlRun& r_ = (run);                                                             \
        if (r_.status != (code))                                                                             \
            QFAIL(qPrintable(QStringLiteral("expected exit %1, got ").arg(code) + r_.describe()));           \
    } while (false)
