#pragma once

#include "oci/Digest.h"

#include <optional>

namespace berth {

/// The <reference> of /v2/<name>/manifests/<reference>: a tag or a digest.
class Reference
{
public:
    /// A tag when it matches the tag grammar, a digest when it contains ':' and parses; else nothing.
    static std::optional<Reference> parse(QStringView text);
    static Reference fromTag(QString tag);
    static Reference fromDigest(Digest digest);

    bool isDigest() const { return m_digest.isValid(); }
    bool isTag() const { return !isDigest(); }
    const QString& tag() const { return m_tag; }
    const Digest& digest() const { return m_digest; }
    QString toString() const { return isDigest() ? m_digest.toString() : m_tag; }
    /// How people and tools write an image: "team/app:1.0", or "team/app@sha256:..." when there is no tag.
    static QString qualified(const QString& repository, const QString& tag, const Digest& digest)
    {
        return tag.isEmpty() ? repository + QLatin1Char('@') + digest.toString()
                             : repository + QLatin1Char(':') + tag;
    }

private:
    Reference() = default;
    QString m_tag;
    Digest m_digest;
};

} // namespace berth
