#include "governance/TagImmutability.h"

#include "iam/IamErrors.h"
#include "metadata/MetadataStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace berth {

Result<TagImmutability> TagImmutability::make(bool enabled, const QStringList& exclusions)
{
    if (exclusions.size() > MaxExclusions) {
        return IamErrors::invalid(QStringLiteral("At most %1 exclusion patterns are allowed, not %2")
                                      .arg(MaxExclusions)
                                      .arg(exclusions.size()));
    }
    TagImmutability result;
    result.m_enabled = enabled;
    for (const QString& pattern : exclusions) {
        if (pattern.trimmed().isEmpty())
            return IamErrors::invalid(
                QStringLiteral("An exclusion pattern is empty: give a regular expression "
                               "such as latest or dev-.*"));
        const QRegularExpression re(pattern);
        if (!re.isValid()) {
            return IamErrors::invalid(
                QStringLiteral("The exclusion pattern \"%1\" is not a valid regular expression: %2 at "
                               "position %3")
                    .arg(pattern.left(200), re.errorString())
                    .arg(re.patternErrorOffset()));
        }
        if (!result.m_exclusions.contains(pattern))
            result.addExclusion(pattern);
    }
    return result;
}

bool TagImmutability::isImmutable(const QString& tag) const
{
    return m_enabled && exclusionMatching(tag).isEmpty();
}

QString TagImmutability::exclusionMatching(const QString& tag) const
{
    for (qsizetype i = 0; i < m_matchers.size(); ++i) {
        if (m_matchers[i].match(tag).hasMatch())
            return m_exclusions[i];
    }
    return QString();
}

Result<TagImmutability> TagImmutability::load(const MetadataStore& metadata, qint64 repositoryId)
{
    auto q = metadata.exec(
        QStringLiteral("SELECT immutable_tags, immutable_tag_exclusions FROM repositories WHERE id = ?"),
        {repositoryId});
    if (!q)
        return q.error();
    TagImmutability result;
    if (!q.value().next())
        return result;
    result.m_enabled = q.value().value(0).toInt() != 0;
    const QJsonArray patterns = QJsonDocument::fromJson(q.value().value(1).toString().toUtf8()).array();
    for (const QJsonValue& p : patterns) {
        if (p.isString() && !p.toString().isEmpty())
            result.addExclusion(p.toString());
    }
    return result;
}

void TagImmutability::addExclusion(const QString& pattern)
{
    m_exclusions << pattern;
    m_matchers << QRegularExpression(QRegularExpression::anchoredPattern(pattern));
}

Result<void> TagImmutability::save(MetadataStore& metadata, qint64 repositoryId) const
{
    const QByteArray patterns =
        QJsonDocument(QJsonArray::fromStringList(m_exclusions)).toJson(QJsonDocument::Compact);
    auto q = metadata.exec(
        QStringLiteral(
            "UPDATE repositories SET immutable_tags = ?, immutable_tag_exclusions = ? WHERE id = ?"),
        {m_enabled ? 1 : 0, QString::fromUtf8(patterns), repositoryId});
    if (!q)
        return q.error();
    return {};
}

} // namespace berth
