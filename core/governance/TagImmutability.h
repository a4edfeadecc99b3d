#pragma once

#include "util/Result.h"

#include <QList>
#include <QRegularExpression>
#include <QStringList>

namespace berth {

class MetadataStore;

/// A repository's tag immutability: when enabled, a tag that exists cannot be moved to another manifest
/// or deleted (pushing the same digest under it again is fine: pushes are idempotent), unless one of
/// the exclusion patterns matches the whole tag (regular expressions, e.g. "latest" or "dev-.*").
/// Stored in repositories.immutable_tags and immutable_tag_exclusions (a JSON array).
class TagImmutability
{
public:
    TagImmutability() = default;

    /// INVALID (IamErrors) when a pattern is not a valid regular expression (the message names it and
    /// says what is wrong), is empty, or there are more than MaxExclusions.
    static Result<TagImmutability> make(bool enabled, const QStringList& exclusions);
    static constexpr int MaxExclusions = 100;

    bool enabled() const { return m_enabled; }
    const QStringList& exclusions() const { return m_exclusions; }
    /// True when the tag may not be moved or deleted.
    bool isImmutable(const QString& tag) const;
    /// The first exclusion that matches the whole tag; empty when none does.
    QString exclusionMatching(const QString& tag) const;

    /// The repository's setting (disabled when the row is missing).
    static Result<TagImmutability> load(const MetadataStore& metadata, qint64 repositoryId);
    /// Must run inside MetadataStore::transaction().
    Result<void> save(MetadataStore& metadata, qint64 repositoryId) const;

private:
    void addExclusion(const QString& pattern);

    bool m_enabled = false;
    QStringList m_exclusions;
    QList<QRegularExpression> m_matchers; ///< m_exclusions compiled once, anchored to the whole tag
};

} // namespace berth
