#include "retention/RetentionRules.h"

#include "iam/IamErrors.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace berth {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("RetentionRules", text);
}

/// "^(?:pattern)$": the pattern must match the whole tag.
QRegularExpression anchored(const QString& pattern)
{
    return QRegularExpression(QRegularExpression::anchoredPattern(pattern));
}

Result<int> wholeDays(const QJsonObject& json, const QString& key)
{
    const QJsonValue v = json.value(key);
    const double n = v.toDouble(-1);
    if (!v.isDouble() || n != double(qint64(n)))
        return IamErrors::invalid(tr("\"%1\" must be a whole number, 0 or more (it is %2).")
                                      .arg(key, v.isString() ? QStringLiteral("\"%1\"").arg(v.toString())
                                                             : QStringLiteral("not a number")));
    if (n < 0)
        return IamErrors::invalid(tr("\"%1\" must be 0 or more, not %2.").arg(key).arg(qint64(n)));
    if (n > 100000)
        return IamErrors::invalid(tr("\"%1\" must be at most 100000, not %2.").arg(key).arg(qint64(n)));
    return int(n);
}

Result<QList<QRegularExpression>> patterns(const QJsonObject& json, const QString& key, QStringList& sources)
{
    QList<QRegularExpression> compiled;
    const QJsonValue v = json.value(key);
    if (!v.isArray())
        return IamErrors::invalid(
            tr("\"%1\" must be a list of regular expressions, e.g. [\"latest\", \"v[0-9]+\"].").arg(key));
    for (const QJsonValue& item : v.toArray()) {
        if (!item.isString() || item.toString().isEmpty())
            return IamErrors::invalid(tr("Every entry of \"%1\" must be a non-empty text.").arg(key));
        const QString pattern = item.toString();
        const QRegularExpression raw(pattern);
        QRegularExpression re = anchored(pattern);
        if (!raw.isValid() || !re.isValid())
            return IamErrors::invalid(
                tr("\"%1\" in \"%2\" is not a valid regular expression: %3 (at character %4). Fix the "
                   "pattern; it must match the whole tag.")
                    .arg(pattern, key, raw.isValid() ? re.errorString() : raw.errorString())
                    .arg(qMax(0, raw.patternErrorOffset()) + 1));
        sources << pattern;
        compiled << re;
    }
    return compiled;
}

} // namespace

Result<RetentionRules> RetentionRules::fromJson(const QJsonObject& json)
{
    static const QStringList known{NotPulledForDays, NotTaggedForDays, UntaggedOlderThanDays, KeepLastPushed,
                                   KeepTags,         SelectTags,       DeleteReferrers};
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (!known.contains(it.key()))
            return IamErrors::invalid(tr("\"%1\" is not a retention rule. Known rules: %2.")
                                          .arg(it.key(), known.join(QStringLiteral(", "))));
    }
    RetentionRules rules;
    for (auto [key, field] : {std::pair{NotPulledForDays, &RetentionRules::notPulledForDays},
                              std::pair{NotTaggedForDays, &RetentionRules::notTaggedForDays},
                              std::pair{UntaggedOlderThanDays, &RetentionRules::untaggedOlderThanDays},
                              std::pair{KeepLastPushed, &RetentionRules::keepLastPushed}}) {
        if (!json.contains(key) || json.value(key).isNull())
            continue;
        Result<int> n = wholeDays(json, key);
        if (!n)
            return n.error();
        rules.*field = n.value();
    }
    if (json.contains(KeepTags)) {
        auto compiled = patterns(json, KeepTags, rules.keepTags);
        if (!compiled)
            return compiled.error();
        rules.m_keep = compiled.value();
    }
    if (json.contains(SelectTags)) {
        auto compiled = patterns(json, SelectTags, rules.selectTags);
        if (!compiled)
            return compiled.error();
        rules.m_select = compiled.value();
    }
    if (json.contains(DeleteReferrers)) {
        if (!json.value(DeleteReferrers).isBool())
            return IamErrors::invalid(tr("\"%1\" must be true or false.").arg(DeleteReferrers));
        rules.deleteReferrers = json.value(DeleteReferrers).toBool();
    }
    if (!rules.hasDeleteRule())
        return IamErrors::invalid(tr("A retention policy needs at least one delete rule: %1, %2 or %3.")
                                      .arg(NotPulledForDays, NotTaggedForDays, UntaggedOlderThanDays));
    return rules;
}

QJsonObject RetentionRules::toJson() const
{
    QJsonObject json;
    if (notPulledForDays)
        json.insert(NotPulledForDays, *notPulledForDays);
    if (notTaggedForDays)
        json.insert(NotTaggedForDays, *notTaggedForDays);
    if (untaggedOlderThanDays)
        json.insert(UntaggedOlderThanDays, *untaggedOlderThanDays);
    if (keepLastPushed)
        json.insert(KeepLastPushed, *keepLastPushed);
    if (!keepTags.isEmpty())
        json.insert(KeepTags, QJsonArray::fromStringList(keepTags));
    if (!selectTags.isEmpty())
        json.insert(SelectTags, QJsonArray::fromStringList(selectTags));
    json.insert(DeleteReferrers, deleteReferrers);
    return json;
}

bool RetentionRules::fullMatch(const QStringList& sources, const QList<QRegularExpression>& compiled,
                               const QString& tag, QString* which)
{
    for (qsizetype i = 0; i < sources.size(); ++i) {
        const QRegularExpression re = i < compiled.size() ? compiled[i] : anchored(sources[i]);
        if (re.match(tag).hasMatch()) {
            if (which)
                *which = sources[i];
            return true;
        }
    }
    return false;
}

bool RetentionRules::keepsTag(const QString& tag) const
{
    return fullMatch(keepTags, m_keep, tag, nullptr);
}

QString RetentionRules::keepingPattern(const QString& tag) const
{
    QString which;
    fullMatch(keepTags, m_keep, tag, &which);
    return which;
}

bool RetentionRules::selectsTag(const QString& tag) const
{
    return selectTags.isEmpty() || fullMatch(selectTags, m_select, tag, nullptr);
}

} // namespace berth
