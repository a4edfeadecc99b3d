#pragma once

#include "util/Result.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <QStringList>
#include <optional>

namespace berth {

/// The rules of one retention policy, kept as JSON in retention_policies.rules:
///
///   {"notPulledForDays": 30, "notTaggedForDays": 90, "untaggedOlderThanDays": 7,
///    "keepLastPushed": 10, "keepTags": ["latest", "v[0-9]+"], "selectTags": ["pr-.*"],
///    "deleteReferrers": true}
///
/// Delete rules (each optional, N >= 0 days):
///  - notPulledForDays: a tagged image whose last use is more than N days ago; selects all of its tags.
///    A use is a pull by digest or by any of its tags, or a push (the first, pushing the same bytes again,
///    setting one of its tags): an image just pushed or re-tagged is never "not pulled".
///  - notTaggedForDays: a tag that was not set or moved for more than N days; selects that tag only.
///  - untaggedOlderThanDays: an untagged manifest (not in an index, not a referrer of a present image)
///    pushed more than N days ago.
/// Keep rules (they always win over delete rules, also over the delete rules of other policies):
///  - keepTags: regular expressions matched against the whole tag; a matching tag is kept.
///  - keepLastPushed: the N most recently pushed tagged images are kept with all their tags.
/// Scope: selectTags (regular expressions, whole tag) limits notPulledForDays and notTaggedForDays to the
/// tags matching one of them; without it they consider every tag.
/// deleteReferrers (default true): the referrers of a deleted image (signatures, SBOMs) go with it;
/// false keeps an image that has referrers (with its tags), so nothing is orphaned.
struct RetentionRules
{
    std::optional<int> notPulledForDays;
    std::optional<int> notTaggedForDays;
    std::optional<int> untaggedOlderThanDays;
    std::optional<int> keepLastPushed;
    QStringList keepTags;
    QStringList selectTags;
    bool deleteReferrers = true;

    /// The rule names as they appear in JSON and in plans.
    static inline const QString NotPulledForDays = QStringLiteral("notPulledForDays");
    static inline const QString NotTaggedForDays = QStringLiteral("notTaggedForDays");
    static inline const QString UntaggedOlderThanDays = QStringLiteral("untaggedOlderThanDays");
    static inline const QString KeepLastPushed = QStringLiteral("keepLastPushed");
    static inline const QString KeepTags = QStringLiteral("keepTags");
    static inline const QString SelectTags = QStringLiteral("selectTags");
    static inline const QString DeleteReferrers = QStringLiteral("deleteReferrers");

    /// Parses and validates: unknown keys, numbers that are not whole or below 0, patterns that are not
    /// valid regular expressions, and rules without any delete rule are refused with a message saying
    /// what to change (IamErrors::invalid).
    static Result<RetentionRules> fromJson(const QJsonObject& json);
    QJsonObject toJson() const;

    bool hasDeleteRule() const { return notPulledForDays || notTaggedForDays || untaggedOlderThanDays; }
    /// True when a keepTags pattern matches the whole tag.
    bool keepsTag(const QString& tag) const;
    /// True when selectTags is empty or one of its patterns matches the whole tag.
    bool selectsTag(const QString& tag) const;
    /// The first keepTags pattern matching the whole tag, or an empty string.
    QString keepingPattern(const QString& tag) const;

private:
    /// Rules built in code (tests) may set keepTags and selectTags directly: patterns not compiled by
    /// fromJson() are compiled when matched.
    static bool fullMatch(const QStringList& sources, const QList<QRegularExpression>& compiled,
                          const QString& tag, QString* which);
    QList<QRegularExpression> m_keep;
    QList<QRegularExpression> m_select;
};

} // namespace berth
