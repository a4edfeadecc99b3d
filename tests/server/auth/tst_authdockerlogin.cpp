// A real client: `docker login` (client-side, no engine needed) against the token-auth pieces wired
// to a fake identity store. Skips with a message when the docker CLI is not installed.
#include "AuthTestServer.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace berth;
using namespace berth::test;

namespace {

struct RunResult
{
    bool finished = false;
    int exitCode = -1;
    QByteArray output;
};

/// Runs a process while the event loop keeps serving (the server's listener lives on this thread).
RunResult run(const QString& program, const QStringList& args, const QByteArray& input,
              const QProcessEnvironment& env, int timeoutMs = 60000)
{
    RunResult result;
    QProcess process;
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::MergedChannels);
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&process, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    process.start(program, args);
    if (!process.waitForStarted(10000))
        return result;
    process.write(input);
    process.closeWriteChannel();
    loop.exec();
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished(5000);
        result.output = process.readAll();
        return result;
    }
    result.finished = true;
    result.exitCode = process.exitCode();
    result.output = process.readAll();
    return result;
}

} // namespace

class TestAuthDockerLogin : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void loginWithPassword();
    void loginWithStoredIdentityToken();
    void wrongPasswordFails();
    void lockedUserFails();

private:
    RunResult login(const QString& user, const QByteArray& password);

    QString m_docker;
    std::unique_ptr<AuthTestServer> m_server;
    QTemporaryDir m_config;
    QProcessEnvironment m_env;
};

void TestAuthDockerLogin::initTestCase()
{
    m_docker = QStandardPaths::findExecutable(QStringLiteral("docker"));
    if (m_docker.isEmpty())
        QSKIP("The docker CLI is not installed (not on PATH): the real-client login check is skipped.");
    m_server = std::make_unique<AuthTestServer>();
    QVERIFY(m_server->start());
    m_server->verifier.addUser(QStringLiteral("alice"), QStringLiteral("s3cret-pw"),
                               {QStringLiteral("Developers")});
    m_server->verifier.addUser(QStringLiteral("locked"), QStringLiteral("locked-pw"));
    m_server->authorizer.allow(QStringLiteral("alice"), QStringLiteral("team/app"), {QStringLiteral("pull")});
    m_server->verifier.setDisabled(QStringLiteral("locked"), true);
    QVERIFY(m_config.isValid());
    m_env = QProcessEnvironment::systemEnvironment();
    m_env.insert(QStringLiteral("DOCKER_CONFIG"), m_config.path());
    // No engine: the CLI logs in by itself. Point it at a socket that does not exist so it never
    // talks to a daemon that may be running on this machine.
    m_env.insert(QStringLiteral("DOCKER_HOST"),
                 QStringLiteral("unix://%1/no-daemon.sock").arg(m_config.path()));
    m_env.remove(QStringLiteral("DOCKER_CONTEXT"));
}

RunResult TestAuthDockerLogin::login(const QString& user, const QByteArray& password)
{
    return run(m_docker,
               {QStringLiteral("login"), QString::fromLatin1(m_server->hostPort()), QStringLiteral("-u"),
                user, QStringLiteral("--password-stdin")},
               password + '\n', m_env);
}

void TestAuthDockerLogin::loginWithPassword()
{
    m_server->sink.clear();
    const RunResult r = login(QStringLiteral("alice"), "s3cret-pw");
    QVERIFY2(r.finished, r.output.constData());
    QVERIFY2(r.exitCode == 0, r.output.constData());
    QVERIFY2(r.output.contains("Login Succeeded"), r.output.constData());

    // The client went through the token endpoint with our credentials.
    const QStringList events = m_server->sink.events();
    QVERIFY2(events.contains(QStringLiteral("succeeded alice token-get")),
             qPrintable(events.join(QLatin1Char('\n'))));

    // Docker keeps what it got: the refresh token (as "identitytoken") when it asked for offline
    // access, otherwise the credentials.
    QFile config(m_config.filePath(QStringLiteral("config.json")));
    QVERIFY(config.open(QIODevice::ReadOnly));
    const QJsonObject auths =
        QJsonDocument::fromJson(config.readAll()).object().value(QLatin1String("auths")).toObject();
    const QJsonObject entry = auths.value(QString::fromLatin1(m_server->hostPort())).toObject();
    QVERIFY2(!entry.isEmpty(), QJsonDocument(auths).toJson().constData());
    const QString identity = entry.value(QLatin1String("identitytoken")).toString();
    qInfo("docker stored %s", identity.isEmpty() ? "the credentials" : "an identity (refresh) token");
    if (!identity.isEmpty()) {
        const auto record = m_server->refreshTokens.find(identity, m_server->clock.now());
        QVERIFY(record);
        QCOMPARE(record->userName, QStringLiteral("alice"));
    } else {
        QVERIFY(entry.contains(QLatin1String("auth")));
    }
}

void TestAuthDockerLogin::loginWithStoredIdentityToken()
{
    // The stored identity token is used by the next command that needs the registry: docker
    // trades it for a bearer token through the OAuth2 POST refresh_token grant. (The stand-in
    // registry route does not serve a real manifest, so only the sign-in is checked here.)
    m_server->sink.clear();
    const RunResult r =
        run(m_docker,
            {QStringLiteral("manifest"), QStringLiteral("inspect"), QStringLiteral("--insecure"),
             QString::fromLatin1(m_server->hostPort()) + QStringLiteral("/team/app:latest")},
            QByteArray(), m_env);
    QVERIFY2(r.finished, r.output.constData());
    const QStringList events = m_server->sink.events();
    QVERIFY2(events.contains(QStringLiteral("succeeded alice token-refresh")),
             qPrintable(events.join(QLatin1Char('\n')) + QLatin1Char('\n') + QString::fromUtf8(r.output)));
    QVERIFY2(events.contains(QStringLiteral("token alice [repository:team/app:pull]")),
             qPrintable(events.join(QLatin1Char('\n'))));
}

void TestAuthDockerLogin::wrongPasswordFails()
{
    const RunResult r = login(QStringLiteral("alice"), "wrong-pw");
    QVERIFY2(r.finished, r.output.constData());
    QVERIFY2(r.exitCode != 0, r.output.constData());
    QVERIFY2(r.output.contains("unauthorized") || r.output.contains("401"), r.output.constData());
}

void TestAuthDockerLogin::lockedUserFails()
{
    const RunResult r = login(QStringLiteral("locked"), "locked-pw");
    QVERIFY2(r.finished, r.output.constData());
    QVERIFY2(r.exitCode != 0, r.output.constData());
}

QTEST_GUILESS_MAIN(TestAuthDockerLogin)
#include "tst_authdockerlogin.moc"
