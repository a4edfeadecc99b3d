// RepositoryAuthorizer's caches (issue 8): decisions cost no SQL in steady state, yet every change to
// what they depend on (a repository's public flag, its compartment, its existence, a policy, a
// group membership, a compartment's name) decides the very next request. Real SQLite, real services.
#include "auth/RepositoryAuthorizer.h"
#include "iam/IdentityService.h"
#include "registry/RegistryService.h"

#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <thread>

using namespace berth;

namespace {

CompartmentPath path(const QString& text)
{
    return CompartmentPath::parse(text).value();
}

const QString Address = QStringLiteral("192.0.2.10");

} // namespace

class TestRepositoryAuthorizer : public QObject
{
    Q_OBJECT

private:
    struct Env
    {
        QTemporaryDir dir;
        ManualClock clock;
        std::unique_ptr<RegistryService> registry;
        std::unique_ptr<IdentityService> identity;
        std::unique_ptr<RepositoryAuthorizer> authorizer;

        Env()
        {
            RegistryService::Options o;
            o.dataDirectory = dir.path();
            o.clock = &clock;
            registry = std::make_unique<RegistryService>(o);
            if (auto opened = registry->open(); !opened)
                qFatal("%s", qPrintable(opened.error().message));
            IdentityService::Options io;
            io.clock = &clock;
            io.passwordParameters.log2N = 10;
            identity = std::make_unique<IdentityService>(registry->metadata(), io);
            if (auto opened = identity->open(); !opened)
                qFatal("%s", qPrintable(opened.error().message));
            authorizer = std::make_unique<RepositoryAuthorizer>(*registry, *identity, nullptr);
            QVERIFY2(identity->createCompartment(CompartmentPath(), QStringLiteral("A")).ok(), "A");
            QVERIFY2(identity->createCompartment(CompartmentPath(), QStringLiteral("B")).ok(), "B");
            QVERIFY2(identity->createGroup(QStringLiteral("readers")).ok(), "group");
            IdentityService::NewUser alice;
            alice.name = QStringLiteral("alice");
            alice.password = QStringLiteral("alice-password-1");
            QVERIFY2(identity->createUser(alice).ok(), "alice");
        }

        AuthorizationSubject alice() const { return identity->subject(QStringLiteral("alice")).value(); }
        bool may(const AuthorizationSubject& who, Permission p, const QString& repository)
        {
            const bool allowed = authorizer->allows(who, p, repository, Address);
            // The full decision and the quiet check always agree.
            const bool decided = authorizer->decide(who, p, repository, Address, std::nullopt, false).allowed;
            if (allowed != decided)
                qFatal("allows() and decide() disagree on %s", qPrintable(repository));
            return allowed;
        }
    };

private slots:
    void publicFlagDecidesTheNextRequest()
    {
        Env env;
        QVERIFY(env.registry->createRepository(QStringLiteral("team/app"), path(QStringLiteral("A"))).ok());
        const AuthorizationSubject anonymous = AuthorizationSubject::anonymousUser();
        QVERIFY(!env.may(anonymous, Permission::RepositoryRead, QStringLiteral("team/app")));
        for (int round = 0; round < 3; ++round) {
            QVERIFY(env.registry->setRepositoryPublic(QStringLiteral("team/app"), true).ok());
            QVERIFY(env.may(anonymous, Permission::RepositoryRead, QStringLiteral("team/app")));
            QVERIFY(env.may(anonymous, Permission::RepositoryInspect, QStringLiteral("team/app")));
            QVERIFY(!env.may(anonymous, Permission::RepositoryUpdate, QStringLiteral("team/app")));
            QVERIFY(env.registry->setRepositoryPublic(QStringLiteral("team/app"), false).ok());
            QVERIFY(!env.may(anonymous, Permission::RepositoryRead, QStringLiteral("team/app")));
        }
        QVERIFY(
            env.authorizer->decide(anonymous, Permission::RepositoryRead, QStringLiteral("team/app"), Address)
                .reason()
                .startsWith(QStringLiteral("anonymous requests match no policy statement")));
        QVERIFY(env.registry->setRepositoryPublic(QStringLiteral("team/app"), true).ok());
        QCOMPARE(
            env.authorizer->decide(anonymous, Permission::RepositoryRead, QStringLiteral("team/app"), Address)
                .reason(),
            QStringLiteral("team/app is a public repository."));
    }

    void moveDecidesTheNextRequest()
    {
        Env env;
        QVERIFY(env.registry->createRepository(QStringLiteral("team/app"), path(QStringLiteral("A"))).ok());
        QVERIFY(env.identity->addUserToGroup(QStringLiteral("readers"), QStringLiteral("alice")).ok());
        QVERIFY(env.identity
                    ->createPolicy(CompartmentPath(), QStringLiteral("read-a"), QString(),
                                   QStringLiteral("Allow group readers to read repos in compartment A"))
                    .ok());
        const AuthorizationSubject alice = env.alice();
        QVERIFY(env.may(alice, Permission::RepositoryRead, QStringLiteral("team/app")));
        QVERIFY(env.registry->moveRepository(QStringLiteral("team/app"), path(QStringLiteral("B"))).ok());
        QVERIFY(!env.may(alice, Permission::RepositoryRead, QStringLiteral("team/app")));
        QCOMPARE(
            env.authorizer->decide(alice, Permission::RepositoryRead, QStringLiteral("team/app"), Address)
                .decision->targetCompartment,
            path(QStringLiteral("B")));
        QVERIFY(env.registry->moveRepository(QStringLiteral("team/app"), path(QStringLiteral("A"))).ok());
        QVERIFY(env.may(alice, Permission::RepositoryRead, QStringLiteral("team/app")));
    }

    void policyChangeDecidesTheNextRequest()
    {
        Env env;
        QVERIFY(env.registry->createRepository(QStringLiteral("team/app"), path(QStringLiteral("A"))).ok());
        QVERIFY(env.identity->addUserToGroup(QStringLiteral("readers"), QStringLiteral("alice")).ok());
        const AuthorizationSubject alice = env.alice();
        QVERIFY(!env.may(alice, Permission::RepositoryRead, QStringLiteral("team/app")));
        QVERIFY(env.identity
                    ->createPolicy(CompartmentPath(), QStringLiteral("p"), QString(),
                                   QStringLiteral("Allow group readers to read repos in compartment A"))
                    .ok());
        QVERIFY(env.may(alice, Permission::RepositoryRead, QStringLiteral("team/app")));
        QVERIFY(env.identity
                    ->updatePolicy(CompartmentPath(), QStringLiteral("p"), QString(),
                                   QStringLiteral("Allow group readers to read repos in compartment B"))
                    .ok());
        QVERIFY(!env.may(alice, Permission::RepositoryRead, QStringLiteral("team/app")));
        QVERIFY(env.identity
                    ->updatePolicy(CompartmentPath(), QStringLiteral("p"), QString(),
                                   QStringLiteral("Allow group readers to read repos in tenancy"))
                    .ok());
        QVERIFY(env.may(alice, Permission::RepositoryRead, QStringLiteral("team/app")));
        QVERIFY(env.identity->deletePolicy(CompartmentPath(), QStringLiteral("p")).ok());
        QVERIFY(!env.may(alice, Permission::RepositoryRead, QStringLiteral("team/app")));
    }

    void groupMembershipDecidesTheNextRequest()
    {
        Env env;
        QVERIFY(env.registry->createRepository(QStringLiteral("team/app"), path(QStringLiteral("A"))).ok());
        QVERIFY(env.identity
                    ->createPolicy(CompartmentPath(), QStringLiteral("p"), QString(),
                                   QStringLiteral("Allow group readers to read repos in compartment A"))
                    .ok());
        // The subject is cached by IdentityService: each membership change must show in the next one.
        QVERIFY(!env.may(env.alice(), Permission::RepositoryRead, QStringLiteral("team/app")));
        QVERIFY(env.identity->addUserToGroup(QStringLiteral("readers"), QStringLiteral("alice")).ok());
        QCOMPARE(env.alice().groups, QStringList{QStringLiteral("readers")});
        QVERIFY(env.may(env.alice(), Permission::RepositoryRead, QStringLiteral("team/app")));
        QVERIFY(env.identity->removeUserFromGroup(QStringLiteral("readers"), QStringLiteral("alice")).ok());
        QVERIFY(env.alice().groups.isEmpty());
        QVERIFY(!env.may(env.alice(), Permission::RepositoryRead, QStringLiteral("team/app")));
        QVERIFY(env.identity->setUserLocked(QStringLiteral("alice"), true).ok());
        QVERIFY(!env.identity->subject(QStringLiteral("alice")).ok());
        QVERIFY(env.identity->setUserLocked(QStringLiteral("alice"), false).ok());
        QVERIFY(env.identity->subject(QStringLiteral("alice")).ok());
        QVERIFY(env.identity->addUserToGroup(QStringLiteral("Administrators"), QStringLiteral("alice")).ok());
        QVERIFY(env.alice().administrator);
        QVERIFY(env.may(env.alice(), Permission::RepositoryDelete, QStringLiteral("team/app")));
    }

    void compartmentRenameDecidesTheNextRequest()
    {
        Env env;
        QVERIFY(env.registry->createRepository(QStringLiteral("team/app"), path(QStringLiteral("A"))).ok());
        const AuthorizationSubject admin =
            AuthorizationSubject::user(QStringLiteral("root"), {QStringLiteral("Administrators")}, true);
        QCOMPARE(env.authorizer
                     ->decide(env.alice(), Permission::RepositoryRead, QStringLiteral("team/app"), Address)
                     .decision->targetCompartment,
                 path(QStringLiteral("A")));
        QVERIFY(env.identity->renameCompartment(path(QStringLiteral("A")), QStringLiteral("C")).ok());
        QCOMPARE(env.authorizer
                     ->decide(env.alice(), Permission::RepositoryRead, QStringLiteral("team/app"), Address)
                     .decision->targetCompartment,
                 path(QStringLiteral("C")));
        QVERIFY(env.identity->moveCompartment(path(QStringLiteral("C")), path(QStringLiteral("B"))).ok());
        QCOMPARE(env.authorizer
                     ->decide(env.alice(), Permission::RepositoryRead, QStringLiteral("team/app"), Address)
                     .decision->targetCompartment,
                 path(QStringLiteral("B:C")));
        QVERIFY(env.may(admin, Permission::RepositoryRead, QStringLiteral("team/app")));
    }

    void deletedAndCreatedRepositoriesDecideTheNextRequest()
    {
        Env env;
        const AuthorizationSubject anonymous = AuthorizationSubject::anonymousUser();
        QCOMPARE(env.authorizer->pushPermission(QStringLiteral("team/app")), Permission::RepositoryCreate);
        QVERIFY(env.registry->createRepository(QStringLiteral("team/app"), path(QStringLiteral("A"))).ok());
        QCOMPARE(env.authorizer->pushPermission(QStringLiteral("team/app")), Permission::RepositoryUpdate);
        QVERIFY(env.registry->setRepositoryPublic(QStringLiteral("team/app"), true).ok());
        QVERIFY(env.may(anonymous, Permission::RepositoryRead, QStringLiteral("team/app")));
        QVERIFY(env.registry->deleteRepository(QStringLiteral("team/app")).ok());
        QVERIFY(!env.may(anonymous, Permission::RepositoryRead, QStringLiteral("team/app")));
        QCOMPARE(env.authorizer->pushPermission(QStringLiteral("team/app")), Permission::RepositoryCreate);
        // Created again, private, in B: neither the old flag nor the old compartment survive.
        QVERIFY(env.registry->createRepository(QStringLiteral("team/app"), path(QStringLiteral("B"))).ok());
        QVERIFY(!env.may(anonymous, Permission::RepositoryRead, QStringLiteral("team/app")));
        QCOMPARE(env.authorizer
                     ->decide(env.alice(), Permission::RepositoryRead, QStringLiteral("team/app"), Address)
                     .decision->targetCompartment,
                 path(QStringLiteral("B")));
    }

    void batchAnswersAsOneByOne()
    {
        Env env;
        QVERIFY(env.identity->addUserToGroup(QStringLiteral("readers"), QStringLiteral("alice")).ok());
        QVERIFY(env.identity
                    ->createPolicy(CompartmentPath(), QStringLiteral("p"), QString(),
                                   QStringLiteral("Allow group readers to inspect repos in compartment A\n"
                                                  "Allow group readers to read repos in compartment B where "
                                                  "target.repo.name = 'r/7'"))
                    .ok());
        QStringList names;
        for (int i = 0; i < 40; ++i) {
            const QString name = QStringLiteral("r/%1").arg(i);
            QVERIFY(env.registry
                        ->createRepository(name, path(i % 3 == 0 ? QStringLiteral("A") : QStringLiteral("B")))
                        .ok());
            if (i % 5 == 0)
                QVERIFY(env.registry->setRepositoryPublic(name, true).ok());
            names << name;
        }
        names << QStringLiteral("not/there") << QStringLiteral("Not A Name");
        const QList<AuthorizationSubject> subjects{
            AuthorizationSubject::anonymousUser(), env.alice(),
            AuthorizationSubject::user(QStringLiteral("bob"), {}),
            AuthorizationSubject::user(QStringLiteral("root"), {QStringLiteral("Administrators")}, true)};
        int allowed = 0;
        for (const AuthorizationSubject& who : subjects) {
            // A fresh authorizer (cold caches) and the warm one answer the same.
            RepositoryAuthorizer cold(*env.registry, *env.identity, nullptr);
            const QVector<bool> batch = cold.allowsEach(who, Permission::RepositoryInspect, names, Address);
            QCOMPARE(batch, env.authorizer->allowsEach(who, Permission::RepositoryInspect, names, Address));
            QCOMPARE(batch.size(), names.size());
            for (int i = 0; i < names.size(); ++i) {
                QCOMPARE(batch.at(i), env.may(who, Permission::RepositoryInspect, names.at(i)));
                allowed += batch.at(i) ? 1 : 0;
            }
        }
        // anonymous: 8 public; alice: 8 public + 14 in A (3 of them public) + r/7 = 20; bob 8; root 42.
        QCOMPARE(allowed, 8 + 20 + 8 + 42);
    }

    void decisionsDuringChangesNeverOutliveThem()
    {
        Env env;
        QVERIFY(env.registry->createRepository(QStringLiteral("team/app"), path(QStringLiteral("A"))).ok());
        const AuthorizationSubject anonymous = AuthorizationSubject::anonymousUser();
        std::atomic<bool> stop{false};
        std::atomic<int> decisions{0};
        std::vector<std::thread> readers;
        for (int t = 0; t < 3; ++t) {
            readers.emplace_back([&] {
                while (!stop) {
                    env.authorizer->allows(anonymous, Permission::RepositoryRead, QStringLiteral("team/app"),
                                           Address);
                    env.authorizer->allowsEach(anonymous, Permission::RepositoryInspect,
                                               {QStringLiteral("team/app")}, Address);
                    ++decisions;
                }
            });
        }
        for (int round = 0; round < 60; ++round) {
            const bool isPublic = round % 2 == 0;
            QVERIFY(env.registry->setRepositoryPublic(QStringLiteral("team/app"), isPublic).ok());
            QCOMPARE(env.authorizer->allows(anonymous, Permission::RepositoryRead, QStringLiteral("team/app"),
                                            Address),
                     isPublic);
            QCOMPARE(env.authorizer->allowsEach(anonymous, Permission::RepositoryInspect,
                                                {QStringLiteral("team/app")}, Address),
                     QVector<bool>{isPublic});
        }
        stop = true;
        for (std::thread& t : readers)
            t.join();
        QVERIFY(decisions > 0);
    }
};

QTEST_GUILESS_MAIN(TestRepositoryAuthorizer)
#include "tst_repositoryauthorizer.moc"
