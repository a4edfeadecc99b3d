#include "core/governance/GovernanceFixture.h"
#include "governance/TagImmutability.h"
#include "iam/IamErrors.h"
#include "metadata/MetadataStore.h"
#include "support/core/VerifyOk.h"

#include <QTest>

using namespace berth;

namespace {

Result<void> setImmutability(RegistryService& r, const QString& repository, bool enabled,
                             const QStringList& exclusions)
{
    auto rules = TagImmutability::make(enabled, exclusions);
    if (!rules)
        return rules.error();
    auto id = r.metadata().repositoryId(repository);
    if (!id)
        return id.error();
    return r.metadata().transaction([&] { return rules->save(r.metadata(), *id.value()); });
}

} // namespace

class TestTagImmutability : public QObject
{
    Q_OBJECT

private slots:
    void exclusionsAreValidatedAndMatchWholeTags()
    {
        auto bad = TagImmutability::make(true, {QStringLiteral("dev-(")});
        QVERIFY(!bad);
        QCOMPARE(IamErrors::reason(bad.error()), QStringLiteral("INVALID"));
        QVERIFY2(bad.error().message.contains(QLatin1String("\"dev-(\" is not a valid regular expression")),
                 qPrintable(bad.error().message));
        QVERIFY(!TagImmutability::make(true, {QString()}));

        auto rules = TagImmutability::make(true, {QStringLiteral("latest"), QStringLiteral("dev-.*")});
        VERIFY_OK(rules);
        QVERIFY(!rules->isImmutable(QStringLiteral("latest")));
        QVERIFY(!rules->isImmutable(QStringLiteral("dev-42")));
        QVERIFY(rules->isImmutable(QStringLiteral("latest2")));   // full match: "latest" is not a prefix rule
        QVERIFY(rules->isImmutable(QStringLiteral("my-dev-42"))); // nor a substring one
        QVERIFY(rules->isImmutable(QStringLiteral("v1.0")));
        QCOMPARE(rules->exclusionMatching(QStringLiteral("dev-1")), QStringLiteral("dev-.*"));
        auto off = TagImmutability::make(false, {});
        VERIFY_OK(off);
        QVERIFY(!off->isImmutable(QStringLiteral("v1.0")));
    }

    void immutableTagsCannotMoveOrGo()
    {
        GovernanceFixture f(RegistryLimits{10, 100});
        RegistryService& r = f.registry();
        const QString repo = QStringLiteral("app");
        VERIFY_OK(f.pushBlobs(repo));
        VERIFY_OK(f.pushImage(repo, 1, QStringLiteral("v1")));
        VERIFY_OK(f.pushImage(repo, 1, QStringLiteral("latest")));
        VERIFY_OK(setImmutability(r, repo, true, {QStringLiteral("latest")}));
        auto id = r.metadata().repositoryId(repo);
        VERIFY_OK(id);
        auto loaded = TagImmutability::load(r.metadata(), *id.value());
        VERIFY_OK(loaded);
        QVERIFY(loaded->enabled());
        QCOMPARE(loaded->exclusions(), QStringList{QStringLiteral("latest")});

        // Moving v1 fails with a message naming the tag and both digests; nothing changed.
        auto moved = f.pushImage(repo, 2, QStringLiteral("v1"));
        QVERIFY(!moved);
        QCOMPARE(moved.error().code, ErrorCode::TagImmutable);
        const QString first = Digest::compute(f.imageManifest(1)).toString();
        QVERIFY2(moved.error().message.contains(
                     QStringLiteral("Tag v1 of repository app is immutable: it names %1").arg(first)),
                 qPrintable(moved.error().message));
        auto current = r.getManifest(repo, Reference::fromTag(QStringLiteral("v1")), false);
        VERIFY_OK(current);
        QCOMPARE(current->digest.toString(), first);
        // The same digest again is fine (pushes are idempotent); new tags and excluded ones move freely.
        VERIFY_OK(f.pushImage(repo, 1, QStringLiteral("v1")));
        VERIFY_OK(f.pushImage(repo, 2, QStringLiteral("v2")));
        VERIFY_OK(f.pushImage(repo, 2, QStringLiteral("latest")));
        VERIFY_OK(f.pushImage(repo, 3, QStringLiteral("latest")));

        // Deleting an immutable tag, or the manifest it names, is refused; an excluded tag can go.
        auto deleted = r.deleteTag(repo, QStringLiteral("v1"));
        QVERIFY(!deleted);
        QCOMPARE(deleted.error().code, ErrorCode::TagImmutable);
        auto manifestGone = r.deleteManifest(repo, Digest::compute(f.imageManifest(2)));
        QVERIFY(!manifestGone);
        QCOMPARE(manifestGone.error().code, ErrorCode::TagImmutable);
        QVERIFY(manifestGone.error().message.contains(QLatin1String("Tag v2")));
        VERIFY_OK(r.deleteTag(repo, QStringLiteral("latest")));
        VERIFY_OK(r.deleteManifest(repo, Digest::compute(f.imageManifest(3)))); // untagged now

        // Turned off, everything moves again.
        VERIFY_OK(setImmutability(r, repo, false, {}));
        VERIFY_OK(f.pushImage(repo, 2, QStringLiteral("v1")));
        VERIFY_OK(r.deleteTag(repo, QStringLiteral("v2")));
    }
};

QTEST_GUILESS_MAIN(TestTagImmutability)
#include "tst_tagimmutability.moc"
