#pragma once

#include "oci/Digest.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace berth {

/// A tag as the plan saw it (apply checks it did not change since).
struct RetentionTagState
{
    QString name;
    QDateTime updatedAt;
};

/// What the plan decided about one image (a manifest), and why.
struct RetentionImageDecision
{
    qint64 manifestId = 0;
    Digest digest;
    QString mediaType;
    qint64 size = 0;
    QDateTime pushedAt;
    QDateTime lastUsedAt; ///< its last pull (by digest or tag) or push (incl. setting a tag on it)
    QDateTime linkedAt;   ///< when its bytes were last pushed into the repository (a re-push moves it)
    QList<RetentionTagState> tags;
    QString rule;   ///< the rule that selected or kept it (RetentionRules names or RetentionPlan reasons)
    QString policy; ///< the policy whose rule it was; empty for structural reasons
    QString reason; ///< one sentence for people

    QStringList tagNames() const;
};

/// A tag the plan removes while its image stays (another tag of the same digest keeps the image).
struct RetentionTagRemoval
{
    QString tag;
    Digest digest;
    QDateTime updatedAt;
    QString rule;
    QString policy;
    QString reason;
};

/// The plan for one repository. `deleted` is in a safe order: an index before its children, a subject
/// before its referrers.
struct RepositoryRetentionPlan
{
    QString repository;
    qint64 repositoryId = 0;
    QList<RetentionImageDecision> deleted;
    QList<RetentionTagRemoval> removedTags;
    QList<RetentionImageDecision> kept;
    qint64 reclaimableBytes = 0; ///< bytes only this plan's deletions free (see RetentionPlan)
    int reclaimableBlobs = 0;

    /// Digests (blobs and manifests) that no manifest this plan keeps references, with their sizes ...
    QHash<QString, qint64> releasedHere;
    /// ... and the other repositories whose manifests reference them.
    QHash<QString, QSet<qint64>> referencedElsewhere;
};

/// Something apply left alone because it changed since the plan was made (a push or tag won the race).
struct RetentionSkip
{
    QString repository;
    QString what; ///< "tag <name>" or the manifest digest
    QString reason;
};

/// What applying a repository's plan did.
struct RetentionApplyResult
{
    int deletedImages = 0;
    int removedTags = 0;      ///< tags removed on their own (the image stayed)
    qint64 manifestBytes = 0; ///< sizes of the deleted manifests (their blobs are left to GC)
    QList<RetentionSkip> skipped;
    bool cancelled = false;
};

/// What a retention run would do (a dry run shows it; apply carries it out with re-checks).
struct RetentionPlan
{
    /// Structural rules: why an image goes or stays other than a policy's own rule.
    static inline const QString NotSelected = QStringLiteral("notSelected");
    static inline const QString ImmutableTag = QStringLiteral("immutableTag");
    static inline const QString ListedByKeptIndex = QStringLiteral("listedByKeptIndex");
    static inline const QString ReferrerOfKept = QStringLiteral("referrerOfKept");
    static inline const QString HasReferrers = QStringLiteral("hasReferrers");
    static inline const QString ChildOfDeletedIndex = QStringLiteral("childOfDeletedIndex");
    static inline const QString ReferrerOfDeleted = QStringLiteral("referrerOfDeleted");

    QString policy; ///< the policy planned, or empty for all the policies of each repository
    QDateTime plannedAt;
    QList<RepositoryRetentionPlan> repositories;
    qint64 reclaimableBytes = 0; ///< blobs and manifests no kept manifest in any repository references
    int reclaimableBlobs = 0;

    int deletedImages() const;
    int removedTags() const;
    int keptImages() const;
    /// Computes the reclaimable figures of every repository and of the whole plan: a digest comes back
    /// when every repository referencing it releases it in this plan.
    void computeReclaimable();
};

} // namespace berth
