// Users, password hashing, first-start administrator, groups and Administrators, auth tokens.
#include "iam/IamErrors.h"
#include "iam/IdentityService.h"
#include "iam/PasswordHasher.h"
#include "iam/SecretGenerator.h"
#include "metadata/MetadataStore.h"

#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <thread>

using namespace berth;

class TestIdentityUsers : public QObject
{
    Q_OBJECT

private:
    struct Env
    {
        QTemporaryDir dir;
        ManualClock clock;
        MetadataStore store;
        std::unique_ptr<IdentityService> identity;

        explicit Env(int maxTokens = 2) : store(dir.filePath(QStringLiteral("berth.db")))
        {
            auto opened = store.open();
            if (!opened)
                qFatal("%s", qPrintable(opened.error().message));
            IdentityService::Options o;
            o.clock = &clock;
            o.maxAuthTokensPerUser = maxTokens;
            o.passwordParameters.log2N = 10; // fast for tests; the defaults are tested on their own
            identity = std::make_unique<IdentityService>(store, o);
            if (!identity->open())
                qFatal("identity did not open");
        }

        UserRecord user(const QString& name, const QString& password = QStringLiteral("a-long-password-1"))
        {
            auto u = identity->createUser({name, QString(), QString(), password});
            if (!u)
                qFatal("%s", qPrintable(u.error().message));
            return u.value();
        }

        /// Every byte the database keeps on disk (main file, WAL, shared memory).
        QByteArray databaseBytes() const
        {
            QByteArray all;
            QDirIterator it(dir.path(), QDir::Files);
            while (it.hasNext()) {
                QFile f(it.next());
                if (f.open(QIODevice::ReadOnly))
                    all += f.readAll();
            }
            return all;
        }
    };

private slots:
    void passwordHashFormat()
    {
        // The default parameters: scrypt N=2^15, r=8, p=1, 16-byte salt, 32-byte hash.
        auto hashed = PasswordHasher::hash(QStringLiteral("correct horse battery"));
        QVERIFY2(hashed.ok(), qPrintable(hashed.error().message));
        QVERIFY2(hashed->startsWith(QStringLiteral("$scrypt$ln=15,r=8,p=1$")), qPrintable(hashed.value()));
        auto decoded = PasswordHasher::decode(hashed.value());
        QVERIFY(decoded);
        QCOMPARE(decoded->salt.size(), PasswordHasher::SaltLength);
        QCOMPARE(decoded->hash.size(), PasswordHasher::HashLength);
        QCOMPARE(decoded->parameters.log2N, 15);
        QCOMPARE(decoded->parameters.r, 8);
        QCOMPARE(decoded->parameters.p, 1);
        QCOMPARE(PasswordHasher::encode(*decoded), hashed.value()); // round trip
        QVERIFY(PasswordHasher::verify(QStringLiteral("correct horse battery"), hashed.value()));
        QVERIFY(!PasswordHasher::verify(QStringLiteral("correct horse battery "), hashed.value()));
        QVERIFY(!PasswordHasher::needsRehash(hashed.value(), PasswordHasher::Parameters()));

        // Same password, fresh salt: different strings; both verify.
        auto again = PasswordHasher::hash(QStringLiteral("correct horse battery"));
        QVERIFY(again.value() != hashed.value());
        QVERIFY(PasswordHasher::decode(again.value())->salt != decoded->salt);
        QVERIFY(PasswordHasher::verify(QStringLiteral("correct horse battery"), again.value()));

        // A known answer: RFC 7914's scrypt test vector 2 ("password", "NaCl", N=1024, r=8, p=16), first 32
        // bytes.
        PasswordHasher::Parameters rfc;
        rfc.log2N = 10;
        rfc.r = 8;
        rfc.p = 16;
        auto known = PasswordHasher::hashWithSalt(QStringLiteral("password"), QByteArray("NaCl"), rfc);
        QVERIFY(known.ok());
        QCOMPARE(PasswordHasher::decode(known.value())->hash.toHex(),
                 QByteArray("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"));
        QVERIFY(PasswordHasher::needsRehash(known.value(), PasswordHasher::Parameters()));
    }

    void passwordHashesThatDoNotParse()
    {
        const QString good = PasswordHasher::hashWithSalt(QStringLiteral("x"), QByteArray(16, 's'),
                                                          PasswordHasher::Parameters{4, 8, 1})
                                 .value();
        QVERIFY(PasswordHasher::verify(QStringLiteral("x"), good));
        const QStringList bad = {
            QString(),
            QStringLiteral("plain"),
            QStringLiteral("$scrypt$ln=4,r=8$c2FsdA$aGFzaA"),
            QStringLiteral("$scrypt$ln=40,r=8,p=1$") + good.section(QLatin1Char('$'), 3),
            QStringLiteral("$bcrypt$ln=4,r=8,p=1$") + good.section(QLatin1Char('$'), 3),
            good.left(good.size() - 4),
            good + QStringLiteral("$extra"),
        };
        for (const QString& b : bad) {
            QVERIFY2(!PasswordHasher::decode(b), qPrintable(b));
            QVERIFY(!PasswordHasher::verify(QStringLiteral("x"), b));
        }
    }

    void constantTimeCompare()
    {
        QVERIFY(PasswordHasher::constantTimeEquals(QByteArray("abc"), QByteArray("abc")));
        QVERIFY(!PasswordHasher::constantTimeEquals(QByteArray("abc"), QByteArray("abd")));
        QVERIFY(!PasswordHasher::constantTimeEquals(QByteArray("abc"), QByteArray("abcd")));
        QVERIFY(PasswordHasher::constantTimeEquals(QByteArray(), QByteArray()));
        // verify() compares with it: the sources say so (a regression to == would be silent otherwise).
        QFile source(QStringLiteral(BERTH_TEST_DATA "/../../core/iam/PasswordHasher.cpp"));
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QByteArray text = source.readAll();
        QVERIFY(text.contains("CRYPTO_memcmp"));
        QVERIFY(text.contains("return recomputed && constantTimeEquals(recomputed->hash, decoded->hash);"));
    }

    void passwordRules()
    {
        QCOMPARE(PasswordHasher::passwordProblem(QStringLiteral("short")),
                 QStringLiteral("The password is too short: use at least 12 characters (it has 5)"));
        QCOMPARE(PasswordHasher::passwordProblem(QStringLiteral("twelve-chars")), QString());
        QCOMPARE(PasswordHasher::passwordProblem(QString(12, QLatin1Char(' '))),
                 QStringLiteral("The password is only spaces"));
        Env env;
        auto weak = env.identity->createUser(
            {QStringLiteral("bob"), QString(), QString(), QStringLiteral("hunter2")});
        QVERIFY(!weak.ok());
        QCOMPARE(weak.error().message,
                 QStringLiteral("The password is too short: use at least 12 characters (it has 7)"));
        QCOMPARE(IamErrors::reason(weak.error()), QStringLiteral("INVALID"));
    }

    void users()
    {
        Env env;
        QSignalSpy events(env.identity.get(), &IdentityService::identityEvent);
        auto alice = env.identity->createUser({QStringLiteral("alice@example.com"), QStringLiteral("Alice"),
                                               QStringLiteral("alice@example.com"),
                                               QStringLiteral("alice-password-1")},
                                              QStringLiteral("admin"));
        QVERIFY2(alice.ok(), qPrintable(alice.error().message));
        QVERIFY(alice->id.startsWith(QStringLiteral("ocid1.user.berth..")));
        QCOMPARE(alice->createdAt, env.clock.now());
        QVERIFY(alice->hasPassword);
        QVERIFY(!alice->locked);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.at(0).at(0).value<IdentityEvent>().actor, QStringLiteral("admin"));

        auto dup = env.identity->createUser({QStringLiteral("ALICE@example.com"), {}, {}, {}});
        QCOMPARE(dup.error().message, QStringLiteral("A user named alice@example.com already exists"));
        for (const QString& bad : {QString(), QString(65, QLatin1Char('a')), QStringLiteral("has space"),
                                   QStringLiteral("slash/name"), QStringLiteral("ünicode")}) {
            auto r = env.identity->createUser({bad, {}, {}, {}});
            QVERIFY2(!r.ok(), qPrintable(bad));
            QCOMPARE(r.error().code, ErrorCode::NameInvalid);
        }
        QCOMPARE(env.identity->createUser({QStringLiteral("has space"), {}, {}, {}}).error().message,
                 QStringLiteral(
                     "The user name 'has space' contains ' '; user names use letters, digits, '.', '_', "
                     "'@' and '-'"));
        QVERIFY(env.identity->createUser({QString(64, QLatin1Char('a')), {}, {}, {}}).ok());

        // Sign in: right, wrong, case of the name, locked.
        auto ok = env.identity->verifyCredentials(QStringLiteral("Alice@Example.com"),
                                                  QStringLiteral("alice-password-1"));
        QVERIFY2(ok.ok(), qPrintable(ok.error().message));
        QCOMPARE(ok->kind, CredentialMatch::Kind::Password);
        QCOMPARE(ok->userName, QStringLiteral("alice@example.com"));
        auto wrong = env.identity->verifyCredentials(QStringLiteral("alice@example.com"),
                                                     QStringLiteral("alice-password-2"));
        QVERIFY(!wrong.ok());
        QCOMPARE(wrong.error().code, ErrorCode::Unauthorized);
        QCOMPARE(wrong.error().message, QStringLiteral("Wrong user name or password"));
        QCOMPARE(wrong.error().detail.toObject().value(QStringLiteral("why")).toString(),
                 QStringLiteral("wrong-secret"));
        auto nobody =
            env.identity->verifyCredentials(QStringLiteral("nobody"), QStringLiteral("alice-password-1"));
        QCOMPARE(nobody.error().message, QStringLiteral("Wrong user name or password"));
        QCOMPARE(nobody.error().detail.toObject().value(QStringLiteral("why")).toString(),
                 QStringLiteral("unknown-user"));

        QVERIFY(env.identity->setUserLocked(QStringLiteral("alice@example.com"), true).ok());
        auto locked = env.identity->verifyCredentials(QStringLiteral("alice@example.com"),
                                                      QStringLiteral("alice-password-1"));
        QCOMPARE(locked.error().message, QStringLiteral("The account alice@example.com is locked"));
        QVERIFY(!env.identity->subject(QStringLiteral("alice@example.com")).ok());
        QVERIFY(env.identity->setUserLocked(QStringLiteral("alice@example.com"), false).ok());

        QVERIFY(
            env.identity->setPassword(QStringLiteral("alice@example.com"), QStringLiteral("a-new-password"))
                .ok());
        QVERIFY(
            !env.identity
                 ->verifyCredentials(QStringLiteral("alice@example.com"), QStringLiteral("alice-password-1"))
                 .ok());
        QVERIFY(env.identity
                    ->verifyCredentials(QStringLiteral("alice@example.com"), QStringLiteral("a-new-password"))
                    .ok());

        auto updated = env.identity->updateUser(QStringLiteral("alice@example.com"),
                                                QStringLiteral("Alice A."), QStringLiteral("a@example.org"));
        QVERIFY(updated.ok());
        QCOMPARE(env.identity->user(QStringLiteral("alice@example.com"))->email,
                 QStringLiteral("a@example.org"));

        QVERIFY(env.identity->deleteUser(QStringLiteral("alice@example.com")).ok());
        QCOMPARE(env.identity->user(QStringLiteral("alice@example.com")).error().message,
                 QStringLiteral("There is no user named alice@example.com"));
    }

    void saltDiffersPerUser()
    {
        Env env;
        env.user(QStringLiteral("u1"), QStringLiteral("the-same-password"));
        env.user(QStringLiteral("u2"), QStringLiteral("the-same-password"));
        auto q = env.store.exec(QStringLiteral("SELECT password_hash FROM users ORDER BY name"));
        QStringList hashes;
        while (q.ok() && q->next())
            hashes << q->value(0).toString();
        QCOMPARE(hashes.size(), 2);
        QVERIFY(hashes.at(0) != hashes.at(1));
        QVERIFY(PasswordHasher::decode(hashes.at(0))->salt != PasswordHasher::decode(hashes.at(1))->salt);
        QVERIFY(!env.databaseBytes().contains("the-same-password"));
    }

    void rehashesWithNewParameters()
    {
        Env env;
        env.user(QStringLiteral("old"), QStringLiteral("old-parameters"));
        IdentityService::Options stronger;
        stronger.clock = &env.clock;
        stronger.passwordParameters.log2N = 11;
        IdentityService upgraded(env.store, stronger);
        QVERIFY(upgraded.verifyCredentials(QStringLiteral("old"), QStringLiteral("old-parameters")).ok());
        auto q = env.store.exec(QStringLiteral("SELECT password_hash FROM users WHERE name = 'old'"));
        QVERIFY(q.ok() && q->next());
        QVERIFY2(q->value(0).toString().startsWith(QStringLiteral("$scrypt$ln=11,")),
                 qPrintable(q->value(0).toString()));
        QVERIFY(
            env.identity->verifyCredentials(QStringLiteral("old"), QStringLiteral("old-parameters")).ok());
    }

    void firstStartRandomPassword()
    {
        Env env;
        QSignalSpy events(env.identity.get(), &IdentityService::identityEvent);
        auto first = env.identity->ensureAdministrator();
        QVERIFY2(first.ok(), qPrintable(first.error().message));
        QVERIFY(first->created);
        QCOMPARE(first->userName, QStringLiteral("admin"));
        QCOMPARE(first->password.size(), 24);
        QVERIFY(!first->passwordFromFile);
        const QString alphabet =
            QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
        for (QChar c : first->password)
            QVERIFY(alphabet.contains(c));
        QCOMPARE(events.size(), 1);
        auto admin = env.identity->user(QStringLiteral("admin"));
        QVERIFY(admin->administrator);
        QCOMPARE(admin->groups, QStringList{QStringLiteral("Administrators")});
        QVERIFY(env.identity->verifyCredentials(QStringLiteral("admin"), first->password).ok());
        auto subject = env.identity->subject(QStringLiteral("admin"));
        QVERIFY(subject->administrator);
        QVERIFY(!subject->anonymous);
        QVERIFY(!env.databaseBytes().contains(first->password.toUtf8()));

        // Second start: nothing happens, no password is shown again.
        auto second = env.identity->ensureAdministrator();
        QVERIFY(second.ok());
        QVERIFY(!second->created);
        QVERIFY(second->password.isEmpty());
        QCOMPARE(env.identity->users()->size(), 1);

        // Another fresh registry gets another password.
        Env other;
        QVERIFY(other.identity->ensureAdministrator()->password != first->password);
    }

    void firstStartPasswordFile()
    {
        Env env;
        const QString data = QStringLiteral(BERTH_TEST_DATA "/iam/identity/");
        auto shortOne = env.identity->ensureAdministrator(data + QStringLiteral("admin-password-short.txt"));
        QVERIFY(!shortOne.ok());
        QCOMPARE(shortOne.error().message,
                 QStringLiteral(
                     "The administrator password in %1 cannot be used: The password is too short: use at "
                     "least 12 characters (it has 5)")
                     .arg(data + QStringLiteral("admin-password-short.txt")));
        auto empty = env.identity->ensureAdministrator(data + QStringLiteral("admin-password-empty.txt"));
        QCOMPARE(
            empty.error().message,
            QStringLiteral("The administrator password file %1 is empty: put the password on its first line")
                .arg(data + QStringLiteral("admin-password-empty.txt")));
        auto missing = env.identity->ensureAdministrator(data + QStringLiteral("no-such-file.txt"));
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().message.startsWith(
            QStringLiteral("Could not read the administrator password file ")));
        QCOMPARE(env.identity->users()->size(), 0); // nothing was created by the failures

        auto good = env.identity->ensureAdministrator(data + QStringLiteral("admin-password-good.txt"));
        QVERIFY2(good.ok(), qPrintable(good.error().message));
        QVERIFY(good->created);
        QVERIFY(good->passwordFromFile);
        QVERIFY(good->password.isEmpty());
        QVERIFY(
            env.identity
                ->verifyCredentials(QStringLiteral("admin"), QStringLiteral("correct-horse-battery-staple"))
                .ok());
        QVERIFY(!env.identity
                     ->verifyCredentials(QStringLiteral("admin"),
                                         QStringLiteral("  correct-horse-battery-staple  "))
                     .ok());
    }

    void groupsAndAdministrators()
    {
        Env env;
        QVERIFY(env.identity->ensureAdministrator().ok());
        env.user(QStringLiteral("dev1"));
        env.user(QStringLiteral("dev2"));
        auto devs =
            env.identity->createGroup(QStringLiteral("Developers"), QStringLiteral("People who push"));
        QVERIFY2(devs.ok(), qPrintable(devs.error().message));
        QVERIFY(devs->id.startsWith(QStringLiteral("ocid1.group.berth..")));
        QCOMPARE(env.identity->createGroup(QStringLiteral("Developers")).error().message,
                 QStringLiteral("A group named Developers already exists"));
        QCOMPARE(env.identity->createGroup(QStringLiteral("Dev Team")).error().message,
                 QStringLiteral(
                     "The group name 'Dev Team' contains ' '; names use letters, digits, '-', '_' and '.'"));

        QSignalSpy events(env.identity.get(), &IdentityService::identityEvent);
        QVERIFY(env.identity->addUserToGroup(QStringLiteral("Developers"), QStringLiteral("dev1")).ok());
        auto both = env.identity->addUserToGroup(QStringLiteral("Developers"), QStringLiteral("dev2"));
        QCOMPARE(both->members, (QStringList{QStringLiteral("dev1"), QStringLiteral("dev2")}));
        QVERIFY(env.identity->addUserToGroup(QStringLiteral("Developers"), QStringLiteral("dev2"))
                    .ok()); // no change
        QCOMPARE(events.size(), 2);
        QCOMPARE(events.at(1).at(0).value<IdentityEvent>().detail, QStringLiteral("member dev2"));
        QCOMPARE(env.identity->addUserToGroup(QStringLiteral("Nope"), QStringLiteral("dev1")).error().message,
                 QStringLiteral("There is no group named Nope"));
        QCOMPARE(env.identity->addUserToGroup(QStringLiteral("Developers"), QStringLiteral("nope"))
                     .error()
                     .message,
                 QStringLiteral("There is no user named nope"));

        auto subject = env.identity->subject(QStringLiteral("DEV1"));
        QVERIFY(subject.ok());
        QCOMPARE(subject->userName, QStringLiteral("dev1"));
        QCOMPARE(subject->groups, QStringList{QStringLiteral("Developers")});
        QVERIFY(!subject->administrator);

        // Administrators: membership makes an administrator; the group cannot go; the last admin stays.
        QVERIFY(env.identity->addUserToGroup(QStringLiteral("Administrators"), QStringLiteral("dev2")).ok());
        QVERIFY(env.identity->subject(QStringLiteral("dev2"))->administrator);
        auto builtin = env.identity->deleteGroup(QStringLiteral("Administrators"));
        QCOMPARE(builtin.error().message,
                 QStringLiteral("The built-in group Administrators cannot be deleted"));
        QCOMPARE(IamErrors::reason(builtin.error()), QStringLiteral("PROTECTED"));
        QVERIFY(env.identity->removeUserFromGroup(QStringLiteral("Administrators"), QStringLiteral("admin"))
                    .ok());
        auto last =
            env.identity->removeUserFromGroup(QStringLiteral("Administrators"), QStringLiteral("dev2"));
        QCOMPARE(last.error().message,
                 QStringLiteral("dev2 is the last unlocked administrator and cannot leave Administrators"));
        QCOMPARE(env.identity->deleteUser(QStringLiteral("dev2")).error().message,
                 QStringLiteral("dev2 is the last unlocked administrator and cannot be deleted"));
        QCOMPARE(env.identity->setUserLocked(QStringLiteral("dev2"), true).error().message,
                 QStringLiteral("dev2 is the last unlocked administrator and cannot be locked"));

        QVERIFY(env.identity->updateGroup(QStringLiteral("Developers"), QStringLiteral("changed")).ok());
        QCOMPARE(env.identity->group(QStringLiteral("Developers"))->description, QStringLiteral("changed"));
        QVERIFY(env.identity->deleteGroup(QStringLiteral("Developers")).ok());
        QVERIFY(env.identity->subject(QStringLiteral("dev1"))->groups.isEmpty());
        QCOMPARE(env.identity->groups()->size(), 1);
    }

    void authTokens()
    {
        Env env(2);
        env.user(QStringLiteral("ci"));
        env.user(QStringLiteral("other"));
        QSignalSpy events(env.identity.get(), &IdentityService::identityEvent);
        auto first = env.identity->createAuthToken(QStringLiteral("ci"), QStringLiteral("laptop"));
        QVERIFY2(first.ok(), qPrintable(first.error().message));
        QVERIFY(first->secret.startsWith(QStringLiteral("berth_")));
        QCOMPARE(first->secret.size(), 6 + 43);
        QVERIFY(first->token.id.startsWith(QStringLiteral("ocid1.authtoken.berth..")));
        QCOMPARE(events.size(), 1);
        QVERIFY(!events.at(0).at(0).value<IdentityEvent>().detail.contains(first->secret));
        env.clock.advance(10);
        auto second = env.identity->createAuthToken(QStringLiteral("ci"), QStringLiteral("build server"));
        QVERIFY(second.ok());
        QVERIFY(second->secret != first->secret);
        auto third = env.identity->createAuthToken(QStringLiteral("ci"), QStringLiteral("one too many"));
        QVERIFY(!third.ok());
        QCOMPARE(
            third.error().message,
            QStringLiteral("User ci already has 2 active auth tokens, the most allowed; revoke one first"));
        QCOMPARE(IamErrors::reason(third.error()), QStringLiteral("LIMIT_REACHED"));

        // The secret is never stored: only its SHA-256.
        const QByteArray bytes = env.databaseBytes();
        QVERIFY(!bytes.contains(first->secret.toUtf8()));
        QVERIFY(!bytes.contains(second->secret.toUtf8()));
        QVERIFY(!bytes.contains(first->secret.mid(6).toUtf8()));
        QVERIFY(bytes.contains(SecretGenerator::sha256Hex(first->secret).toUtf8()));

        // Listing: oldest first, never a secret, last use empty until used.
        auto listed = env.identity->authTokens(QStringLiteral("ci"));
        QCOMPARE(listed->size(), 2);
        QCOMPARE(listed->at(0).description, QStringLiteral("laptop"));
        QVERIFY(listed->at(0).lastUsedAt.isNull());

        // Signing in with a token says which one; its use is recorded.
        env.clock.advance(100);
        auto used = env.identity->verifyCredentials(QStringLiteral("ci"), first->secret);
        QVERIFY2(used.ok(), qPrintable(used.error().message));
        QCOMPARE(used->kind, CredentialMatch::Kind::AuthToken);
        QCOMPARE(used->tokenId, first->token.id);
        QCOMPARE(env.identity->authTokens(QStringLiteral("ci"))->at(0).lastUsedAt, env.clock.now());
        // Another user's token does not sign in as ci, and ci's does not sign in as other.
        QVERIFY(!env.identity->verifyCredentials(QStringLiteral("other"), first->secret).ok());
        QVERIFY(
            !env.identity->verifyCredentials(QStringLiteral("ci"), first->secret + QStringLiteral("x")).ok());
        // The password still works alongside the tokens.
        QCOMPARE(
            env.identity->verifyCredentials(QStringLiteral("ci"), QStringLiteral("a-long-password-1"))->kind,
            CredentialMatch::Kind::Password);

        // Revoke: it stops working at once, frees a slot, stays listed as revoked.
        auto wrongOwner = env.identity->revokeAuthToken(QStringLiteral("other"), first->token.id);
        QCOMPARE(wrongOwner.error().message,
                 QStringLiteral("User other has no auth token %1").arg(first->token.id));
        auto revoked =
            env.identity->revokeAuthToken(QStringLiteral("ci"), first->token.id, QStringLiteral("admin"));
        QVERIFY(revoked.ok());
        QVERIFY(revoked->revoked);
        auto refused = env.identity->verifyCredentials(QStringLiteral("ci"), first->secret);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().detail.toObject().value(QStringLiteral("why")).toString(),
                 QStringLiteral("revoked-token"));
        QVERIFY(env.identity->createAuthToken(QStringLiteral("ci"), QStringLiteral("replacement")).ok());
        auto after = env.identity->authTokens(QStringLiteral("ci"));
        QCOMPARE(after->size(), 3);
        QVERIFY(after->at(0).revoked);
        QCOMPARE(after->at(0).revokedAt, env.clock.now());
        QCOMPARE(env.identity->revokeAuthToken(QString(), QStringLiteral("ocid1.authtoken.berth..nope"))
                     .error()
                     .message,
                 QStringLiteral("There is no auth token ocid1.authtoken.berth..nope"));
    }

    void tokenLimitIsConfigurable()
    {
        Env env(3);
        env.user(QStringLiteral("ci"));
        QCOMPARE(env.identity->maxAuthTokensPerUser(), 3);
        for (int i = 0; i < 3; ++i)
            QVERIFY(env.identity->createAuthToken(QStringLiteral("ci"), QString()).ok());
        QVERIFY(!env.identity->createAuthToken(QStringLiteral("ci"), QString()).ok());
    }

    void threadsShareTheStore()
    {
        Env env;
        env.user(QStringLiteral("shared"));
        std::vector<std::thread> threads;
        std::atomic<int> okCount{0};
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                if (env.identity->createGroup(QStringLiteral("G%1").arg(t)).ok() &&
                    env.identity->addUserToGroup(QStringLiteral("G%1").arg(t), QStringLiteral("shared")).ok())
                    ++okCount;
            });
        }
        for (auto& th : threads)
            th.join();
        QCOMPARE(okCount.load(), 4);
        QCOMPARE(env.identity->subject(QStringLiteral("shared"))->groups.size(), 4);
    }
};

QTEST_GUILESS_MAIN(TestIdentityUsers)
#include "tst_identityusers.moc"
