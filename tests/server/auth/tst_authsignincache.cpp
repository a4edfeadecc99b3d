// What a request signed in with Basic credentials costs after the first: the verifier remembers the
// password check and the subject, and forgets both at the next identity change (a lock, a group
// membership, a password); the audit sink writes one sign-in per user, address and method per window.
#include "audit/AuditLog.h"
#include "auth/AuditAuthEventSink.h"
#include "auth/IdentityCredentialVerifier.h"
#include "iam/IdentityService.h"
#include "metadata/MetadataStore.h"
#include "util/Clock.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace berth;

class TestAuthSignInCache : public QObject
{
    Q_OBJECT

private slots:
    void identityChangesAreSeenByTheNextSignIn()
    {
        QTemporaryDir dir;
        MetadataStore store(dir.filePath(QStringLiteral("metadata.db")));
        QVERIFY(store.open().ok());
        IdentityService identity(store);
        QVERIFY(identity.open().ok());
        const QString password = QStringLiteral("a long enough password 1");
        QVERIFY(identity.createUser({QStringLiteral("carol"), QString(), QString(), password}).ok());
        QVERIFY(identity.createGroup(QStringLiteral("Builders")).ok());
        // Another administrator, so that carol may be one and stop being one (the last one may not).
        QVERIFY(identity.createUser({QStringLiteral("dave"), QString(), QString(), password}).ok());
        QVERIFY(identity
                    .addUserToGroup(QString::fromLatin1(IdentityService::AdministratorsGroup),
                                    QStringLiteral("dave"))
                    .ok());
        IdentityCredentialVerifier verifier(identity);

        for (int i = 0; i < 3; ++i) { // the first checks the password, the others are remembered
            auto subject = verifier.verify(QStringLiteral("carol"), password, QStringLiteral("127.0.0.1"));
            QVERIFY2(subject.ok(), qPrintable(subject.error().message));
            QVERIFY(subject->groups.isEmpty());
            QVERIFY(!subject->administrator);
        }
        QVERIFY(!verifier.verify(QStringLiteral("carol"), QStringLiteral("wrong"), QString()).ok());

        QVERIFY(identity.addUserToGroup(QStringLiteral("Builders"), QStringLiteral("carol")).ok());
        auto grouped = verifier.verify(QStringLiteral("carol"), password, QString());
        QVERIFY(grouped.ok());
        QCOMPARE(grouped->groups, QStringList{QStringLiteral("Builders")});

        QVERIFY(identity.setUserLocked(QStringLiteral("carol"), true).ok());
        QVERIFY(!verifier.verify(QStringLiteral("carol"), password, QString()).ok());
        QVERIFY(identity.setUserLocked(QStringLiteral("carol"), false).ok());
        QVERIFY(verifier.verify(QStringLiteral("carol"), password, QString()).ok());

        QVERIFY(identity
                    .addUserToGroup(QString::fromLatin1(IdentityService::AdministratorsGroup),
                                    QStringLiteral("carol"))
                    .ok());
        QVERIFY(verifier.verify(QStringLiteral("carol"), password, QString())->administrator);
        QVERIFY(identity
                    .removeUserFromGroup(QString::fromLatin1(IdentityService::AdministratorsGroup),
                                         QStringLiteral("carol"))
                    .ok());
        QVERIFY(!verifier.verify(QStringLiteral("carol"), password, QString())->administrator);

        const QString newPassword = QStringLiteral("another long password 2");
        QVERIFY(identity.setPassword(QStringLiteral("carol"), newPassword).ok());
        QVERIFY(!verifier.verify(QStringLiteral("carol"), password, QString()).ok());
        QVERIFY(verifier.verify(QStringLiteral("carol"), newPassword, QString()).ok());

        QVERIFY(identity.deleteUser(QStringLiteral("carol")).ok());
        QVERIFY(!verifier.verify(QStringLiteral("carol"), newPassword, QString()).ok());
    }

    void repeatedSignInsAreAuditedOncePerWindow()
    {
        QTemporaryDir dir;
        ManualClock clock;
        AuditLog log(dir.path(), clock);
        QVERIFY(log.open().ok());
        AuditAuthEventSink sink(log, clock);
        const qint64 start = log.lastSequence();
        for (int i = 0; i < 50; ++i)
            sink.signInSucceeded(QStringLiteral("alice"), QStringLiteral("10.0.0.1"),
                                 QStringLiteral("basic"));
        QCOMPARE(log.lastSequence(), start + 1);
        // Another address, another method, another user: each is a sign-in of its own.
        sink.signInSucceeded(QStringLiteral("alice"), QStringLiteral("10.0.0.2"), QStringLiteral("basic"));
        sink.signInSucceeded(QStringLiteral("alice"), QStringLiteral("10.0.0.1"),
                             QStringLiteral("token-get"));
        sink.signInSucceeded(QStringLiteral("bob"), QStringLiteral("10.0.0.1"), QStringLiteral("basic"));
        QCOMPARE(log.lastSequence(), start + 4);
        // Failures are always written.
        for (int i = 0; i < 3; ++i)
            sink.signInFailed(QStringLiteral("alice"), QStringLiteral("10.0.0.1"), QStringLiteral("basic"),
                              QStringLiteral("wrong password"));
        QCOMPARE(log.lastSequence(), start + 7);

        clock.advance(AuditAuthEventSink::SignInWindowSeconds - 1);
        sink.signInSucceeded(QStringLiteral("alice"), QStringLiteral("10.0.0.1"), QStringLiteral("basic"));
        QCOMPARE(log.lastSequence(), start + 7);
        clock.advance(1);
        sink.signInSucceeded(QStringLiteral("alice"), QStringLiteral("10.0.0.1"), QStringLiteral("basic"));
        QCOMPARE(log.lastSequence(), start + 8);
        QVERIFY(log.flush().ok());
        AuditFilter filter;
        filter.actor = QStringLiteral("alice");
        filter.limit = -1;
        auto page = log.query(filter);
        QVERIFY(page.ok());
        int signIns = 0;
        for (const AuditRecord& r : page->records)
            signIns += r.action == QLatin1String("auth.signin") ? 1 : 0;
        QCOMPARE(signIns, 4); // 10.0.0.1 basic twice (a window apart), 10.0.0.2, token-get
    }
};

QTEST_GUILESS_MAIN(TestAuthSignInCache)
#include "tst_authsignincache.moc"
