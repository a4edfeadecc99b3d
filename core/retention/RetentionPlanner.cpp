#include "retention/RetentionPlanner.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <algorithm>

namespace berth {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("RetentionPlanner", text);
}

QString day(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().date().toString(Qt::ISODate) : tr("never");
}

enum class State
{
    Undecided,
    Kept,
    Deleted
};

/// One tag's fate before the image's is known.
struct TagVerdict
{
    bool remove = false;
    QString rule;
    QString policy;
    QString reason;
    int deletingPolicy = -1;
};

/// The planner's working state for one repository.
class Planning
{
public:
    Planning(const RetentionSnapshot& s, const QList<RetentionPolicy>& deleting,
             const QList<RetentionPolicy>& keeping, const QDateTime& now)
        : m_s(s), m_deleting(deleting), m_keeping(keeping), m_now(now)
    {}

    RepositoryRetentionPlan run();

private:
    void link();
    void decideTagged();
    void decideUntagged();
    void deleteDescendants();
    void settle();
    void keep(qsizetype i, const QString& rule, const QString& reason);
    void set(qsizetype i, State state, const QString& rule, const QString& policy, const QString& reason);
    QList<qsizetype> deletionOrder() const;
    RetentionImageDecision decision(qsizetype i) const;
    TagVerdict judgeTag(qsizetype i, const RetentionSnapshot::Tag& tag) const;

    const RetentionSnapshot& m_s;
    const QList<RetentionPolicy>& m_deleting;
    const QList<RetentionPolicy>& m_keeping;
    const QDateTime m_now;

    QVector<QVector<qsizetype>> m_children, m_parents, m_referrers;
    QVector<qsizetype> m_subject; ///< index of the subject present in the repository, or -1
    QVector<QDateTime> m_lastUse;
    QVector<State> m_state;
    QVector<QString> m_rule, m_policy, m_reason;
    QVector<int> m_deletingPolicy;
    QList<RetentionTagRemoval> m_removals;
};

void Planning::link()
{
    const qsizetype n = m_s.manifests.size();
    QHash<QString, qsizetype> byDigest;
    byDigest.reserve(n);
    for (qsizetype i = 0; i < n; ++i)
        byDigest.insert(m_s.manifests[i].digest, i);
    m_children.resize(n);
    m_parents.resize(n);
    m_referrers.resize(n);
    m_subject.fill(-1, n);
    m_lastUse.resize(n);
    m_state.fill(State::Undecided, n);
    m_rule.resize(n);
    m_policy.resize(n);
    m_reason.resize(n);
    m_deletingPolicy.fill(-1, n);
    for (qsizetype i = 0; i < n; ++i) {
        const RetentionSnapshot::Manifest& m = m_s.manifests[i];
        for (const QString& child : m.children) {
            const qsizetype j = byDigest.value(child, -1);
            if (j >= 0 && j != i) {
                m_children[i] << j;
                m_parents[j] << i;
            }
        }
        if (!m.subject.isEmpty()) {
            const qsizetype j = byDigest.value(m.subject, -1);
            if (j >= 0 && j != i) {
                m_subject[i] = j;
                m_referrers[j] << i;
            }
        }
        // A use is a pull (by digest or by a tag) or a push: the first, pushing the same bytes again (which
        // refreshes the link) or setting a tag on it.
        QDateTime last = m.pushedAt;
        const auto later = [&last](const QDateTime& t) {
            if (t.isValid() && t > last)
                last = t;
        };
        later(m.lastPulledAt);
        later(m.linkedAt);
        for (const RetentionSnapshot::Tag& t : m.tags) {
            later(t.lastPulledAt);
            later(t.updatedAt);
        }
        m_lastUse[i] = last;
    }
}

void Planning::set(qsizetype i, State state, const QString& rule, const QString& policy,
                   const QString& reason)
{
    m_state[i] = state;
    m_rule[i] = rule;
    m_policy[i] = policy;
    m_reason[i] = reason;
}

/// Keeps the manifest and everything it lists or that refers to it (keep wins over any deletion).
void Planning::keep(qsizetype first, const QString& rule, const QString& reason)
{
    if (m_state[first] != State::Kept)
        set(first, State::Kept, rule, QString(), reason);
    QVector<qsizetype> pending{first};
    while (!pending.isEmpty()) {
        const qsizetype i = pending.takeLast();
        const QString digest = m_s.manifests[i].digest;
        for (qsizetype c : m_children[i]) {
            if (m_state[c] == State::Kept)
                continue;
            set(c, State::Kept, RetentionPlan::ListedByKeptIndex, QString(),
                tr("Listed by the kept index %1.").arg(digest));
            pending << c;
        }
        for (qsizetype r : m_referrers[i]) {
            if (m_state[r] == State::Kept)
                continue;
            set(r, State::Kept, RetentionPlan::ReferrerOfKept, QString(),
                tr("Refers to the kept image %1.").arg(digest));
            pending << r;
        }
    }
}

TagVerdict Planning::judgeTag(qsizetype i, const RetentionSnapshot::Tag& tag) const
{
    TagVerdict v;
    if (m_s.immutability.isImmutable(tag.name)) {
        v.rule = RetentionPlan::ImmutableTag;
        v.reason = tr("Tag %1 is immutable in this repository.").arg(tag.name);
        return v;
    }
    for (const RetentionPolicy& p : m_keeping) {
        const QString pattern = p.rules.keepingPattern(tag.name);
        if (!pattern.isEmpty()) {
            v.rule = RetentionRules::KeepTags;
            v.policy = p.name;
            v.reason =
                tr("Tag %1 matches the keep pattern \"%2\" of policy %3.").arg(tag.name, pattern, p.name);
            return v;
        }
    }
    for (int k = 0; k < m_deleting.size(); ++k) {
        const RetentionPolicy& p = m_deleting[k];
        if (!p.rules.selectsTag(tag.name))
            continue;
        if (p.rules.notTaggedForDays && tag.updatedAt.isValid() &&
            tag.updatedAt < m_now.addDays(-*p.rules.notTaggedForDays)) {
            v.remove = true;
            v.rule = RetentionRules::NotTaggedForDays;
            v.reason = tr("Tag %1 was not set or moved for more than %2 days (last set %3).")
                           .arg(tag.name)
                           .arg(*p.rules.notTaggedForDays)
                           .arg(day(tag.updatedAt));
        } else if (p.rules.notPulledForDays && m_lastUse[i] < m_now.addDays(-*p.rules.notPulledForDays)) {
            v.remove = true;
            v.rule = RetentionRules::NotPulledForDays;
            v.reason = tr("Not pulled or pushed for more than %1 days (last used %2).")
                           .arg(*p.rules.notPulledForDays)
                           .arg(day(m_lastUse[i]));
        }
        if (v.remove) {
            v.policy = p.name;
            v.deletingPolicy = k;
            return v;
        }
    }
    v.rule = RetentionPlan::NotSelected;
    v.reason = tr("No delete rule selects tag %1.").arg(tag.name);
    return v;
}

void Planning::decideTagged()
{
    const qsizetype n = m_s.manifests.size();
    // keepLastPushed: the newest tagged images that no index lists, per keeping policy.
    QVector<qsizetype> newest;
    for (qsizetype i = 0; i < n; ++i)
        if (!m_s.manifests[i].tags.isEmpty() && m_parents[i].isEmpty())
            newest << i;
    std::sort(newest.begin(), newest.end(), [this](qsizetype a, qsizetype b) {
        const auto& ma = m_s.manifests[a];
        const auto& mb = m_s.manifests[b];
        return ma.pushedAt != mb.pushedAt ? ma.pushedAt > mb.pushedAt : ma.id > mb.id;
    });
    for (const RetentionPolicy& p : m_keeping) {
        if (!p.rules.keepLastPushed)
            continue;
        const qsizetype count = qMin<qsizetype>(*p.rules.keepLastPushed, newest.size());
        for (qsizetype r = 0; r < count; ++r) {
            const qsizetype i = newest[r];
            if (m_state[i] == State::Kept)
                continue;
            set(i, State::Kept, RetentionRules::KeepLastPushed, p.name,
                tr("One of the %1 most recently pushed tagged images (policy %2).")
                    .arg(*p.rules.keepLastPushed)
                    .arg(p.name));
        }
    }
    for (qsizetype i = 0; i < n; ++i) {
        const RetentionSnapshot::Manifest& m = m_s.manifests[i];
        if (m.tags.isEmpty() || m_state[i] == State::Kept)
            continue;
        QVector<TagVerdict> verdicts;
        verdicts.reserve(m.tags.size());
        int kept = -1;
        for (const RetentionSnapshot::Tag& t : m.tags) {
            verdicts << judgeTag(i, t);
            if (!verdicts.last().remove && kept < 0)
                kept = int(verdicts.size() - 1);
        }
        if (kept < 0) {
            const TagVerdict& first = verdicts.first();
            set(i, State::Deleted, first.rule, first.policy, first.reason);
            m_deletingPolicy[i] = first.deletingPolicy;
            continue;
        }
        const TagVerdict& keeper = verdicts[kept];
        set(i, State::Kept, keeper.rule, keeper.policy, keeper.reason);
        for (qsizetype t = 0; t < verdicts.size(); ++t) {
            if (!verdicts[t].remove)
                continue;
            m_removals << RetentionTagRemoval{
                m.tags[t].name,
                Digest::parse(m.digest).value_or(Digest()),
                m.tags[t].updatedAt,
                verdicts[t].rule,
                verdicts[t].policy,
                verdicts[t].reason + QLatin1Char(' ') +
                    tr("Only the tag goes: tag %1 keeps the image.").arg(m.tags[kept].name)};
        }
    }
}

void Planning::decideUntagged()
{
    for (qsizetype i = 0; i < m_s.manifests.size(); ++i) {
        const RetentionSnapshot::Manifest& m = m_s.manifests[i];
        if (!m.tags.isEmpty() || !m_parents[i].isEmpty() || m_subject[i] >= 0)
            continue;
        for (int k = 0; k < m_deleting.size(); ++k) {
            const RetentionPolicy& p = m_deleting[k];
            if (p.rules.untaggedOlderThanDays &&
                m.pushedAt < m_now.addDays(-*p.rules.untaggedOlderThanDays)) {
                set(i, State::Deleted, RetentionRules::UntaggedOlderThanDays, p.name,
                    tr("Untagged and pushed more than %1 days ago (%2).")
                        .arg(*p.rules.untaggedOlderThanDays)
                        .arg(day(m.pushedAt)));
                m_deletingPolicy[i] = k;
                break;
            }
        }
    }
}

void Planning::deleteDescendants()
{
    QVector<qsizetype> pending;
    for (qsizetype i = 0; i < m_state.size(); ++i)
        if (m_state[i] == State::Deleted)
            pending << i;
    while (!pending.isEmpty()) {
        const qsizetype i = pending.takeLast();
        if (m_state[i] != State::Deleted)
            continue;
        const int k = m_deletingPolicy[i];
        const bool withReferrers = k < 0 || m_deleting[k].rules.deleteReferrers;
        const QString digest = m_s.manifests[i].digest;
        for (qsizetype c : m_children[i]) {
            if (m_state[c] != State::Undecided)
                continue;
            set(c, State::Deleted, RetentionPlan::ChildOfDeletedIndex, m_policy[i],
                tr("Listed by the deleted index %1.").arg(digest));
            m_deletingPolicy[c] = k;
            pending << c;
        }
        if (!withReferrers)
            continue;
        for (qsizetype r : m_referrers[i]) {
            if (m_state[r] != State::Undecided)
                continue;
            set(r, State::Deleted, RetentionPlan::ReferrerOfDeleted, m_policy[i],
                tr("Refers to the deleted image %1.").arg(digest));
            m_deletingPolicy[r] = k;
            pending << r;
        }
    }
}

/// Keep wins: whatever is still undecided stays (with what it lists), then every deleted manifest that a
/// kept index still lists, whose subject stays, or whose referrers stay, is kept, until nothing changes.
void Planning::settle()
{
    for (qsizetype i = 0; i < m_state.size(); ++i)
        if (m_state[i] == State::Kept)
            keep(i, m_rule[i], m_reason[i]);
    for (qsizetype i = 0; i < m_state.size(); ++i)
        if (m_state[i] == State::Undecided)
            keep(i, RetentionPlan::NotSelected, tr("No delete rule selects it."));
    for (bool changed = true; changed;) {
        changed = false;
        for (qsizetype i = 0; i < m_state.size(); ++i) {
            if (m_state[i] != State::Deleted)
                continue;
            const int k = m_deletingPolicy[i];
            for (qsizetype p : m_parents[i]) {
                if (m_state[p] != State::Deleted) {
                    keep(i, RetentionPlan::ListedByKeptIndex,
                         tr("Listed by the kept index %1.").arg(m_s.manifests[p].digest));
                    break;
                }
            }
            if (m_state[i] == State::Deleted && m_subject[i] >= 0 && m_state[m_subject[i]] != State::Deleted)
                keep(i, RetentionPlan::ReferrerOfKept,
                     tr("Refers to the kept image %1.").arg(m_s.manifests[m_subject[i]].digest));
            if (m_state[i] == State::Deleted && k >= 0 && !m_deleting[k].rules.deleteReferrers &&
                !m_referrers[i].isEmpty())
                keep(i, RetentionPlan::HasReferrers,
                     tr("Has %1 referrers (signatures, SBOMs...) and policy %2 keeps images with referrers.")
                         .arg(m_referrers[i].size())
                         .arg(m_deleting[k].name));
            if (m_state[i] == State::Kept)
                changed = true;
        }
    }
}

/// Indexes before their children, subjects before their referrers (Kahn's order over the deleted ones).
QList<qsizetype> Planning::deletionOrder() const
{
    const qsizetype n = m_state.size();
    QVector<int> incoming(n, 0);
    for (qsizetype i = 0; i < n; ++i) {
        if (m_state[i] != State::Deleted)
            continue;
        for (qsizetype c : m_children[i])
            if (m_state[c] == State::Deleted)
                ++incoming[c];
        for (qsizetype r : m_referrers[i])
            if (m_state[r] == State::Deleted)
                ++incoming[r];
    }
    QList<qsizetype> order;
    QVector<qsizetype> ready;
    for (qsizetype i = n - 1; i >= 0; --i)
        if (m_state[i] == State::Deleted && incoming[i] == 0)
            ready << i;
    QVector<bool> placed(n, false);
    while (!ready.isEmpty()) {
        const qsizetype i = ready.takeLast();
        order << i;
        placed[i] = true;
        for (const auto* next : {&m_children[i], &m_referrers[i]})
            for (qsizetype c : *next)
                if (m_state[c] == State::Deleted && --incoming[c] == 0)
                    ready << c;
    }
    for (qsizetype i = 0; i < n; ++i) // a cycle cannot happen with content addresses; never drop one anyway
        if (m_state[i] == State::Deleted && !placed[i])
            order << i;
    return order;
}

RetentionImageDecision Planning::decision(qsizetype i) const
{
    const RetentionSnapshot::Manifest& m = m_s.manifests[i];
    RetentionImageDecision d;
    d.manifestId = m.id;
    d.digest = Digest::parse(m.digest).value_or(Digest());
    d.mediaType = m.mediaType;
    d.size = m.size;
    d.pushedAt = m.pushedAt;
    d.lastUsedAt = m_lastUse[i];
    d.linkedAt = m.linkedAt;
    for (const RetentionSnapshot::Tag& t : m.tags)
        d.tags << RetentionTagState{t.name, t.updatedAt};
    d.rule = m_rule[i];
    d.policy = m_policy[i];
    d.reason = m_reason[i];
    return d;
}

RepositoryRetentionPlan Planning::run()
{
    link();
    decideTagged();
    decideUntagged();
    deleteDescendants();
    settle();

    RepositoryRetentionPlan plan;
    plan.repository = m_s.repository;
    plan.repositoryId = m_s.repositoryId;
    QSet<QString> keptReferences;
    for (qsizetype i = 0; i < m_state.size(); ++i) {
        if (m_state[i] != State::Kept)
            continue;
        plan.kept << decision(i);
        keptReferences.insert(m_s.manifests[i].digest);
        for (const QString& b : m_s.manifests[i].blobs)
            keptReferences.insert(b);
    }
    for (const RetentionTagRemoval& r : m_removals) // only for images that stayed kept
        plan.removedTags << r;
    for (qsizetype i : deletionOrder()) {
        plan.deleted << decision(i);
        const RetentionSnapshot::Manifest& m = m_s.manifests[i];
        if (!keptReferences.contains(m.digest))
            plan.releasedHere.insert(m.digest, m.size);
        for (const QString& b : m.blobs)
            if (!keptReferences.contains(b))
                plan.releasedHere.insert(b, m_s.blobSizes.value(b, 0));
    }
    for (auto it = plan.releasedHere.constBegin(); it != plan.releasedHere.constEnd(); ++it) {
        const auto elsewhere = m_s.referencedElsewhere.constFind(it.key());
        if (elsewhere != m_s.referencedElsewhere.constEnd())
            plan.referencedElsewhere.insert(it.key(), *elsewhere);
    }
    return plan;
}

} // namespace

RepositoryRetentionPlan RetentionPlanner::plan(const RetentionSnapshot& snapshot,
                                               const QList<RetentionPolicy>& deleting,
                                               const QList<RetentionPolicy>& keeping, const QDateTime& now)
{
    return Planning(snapshot, deleting, keeping, now).run();
}

} // namespace berth
