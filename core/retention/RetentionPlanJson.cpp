#include "retention/RetentionPlanJson.h"

#include <QJsonArray>

namespace berth {

namespace {

QJsonValue timeOrNull(const QDateTime& t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QDateTime timeOf(const QJsonValue& v)
{
    return v.isString() ? QDateTime::fromString(v.toString(), Qt::ISODateWithMs) : QDateTime();
}

QJsonObject image(const RetentionImageDecision& d)
{
    return QJsonObject{{QStringLiteral("digest"), d.digest.toString()},
                       {QStringLiteral("mediaType"), d.mediaType},
                       {QStringLiteral("size"), d.size},
                       {QStringLiteral("pushedAt"), timeOrNull(d.pushedAt)},
                       {QStringLiteral("lastUsedAt"), timeOrNull(d.lastUsedAt)},
                       {QStringLiteral("tags"), QJsonArray::fromStringList(d.tagNames())},
                       {QStringLiteral("rule"), d.rule},
                       {QStringLiteral("policy"), d.policy},
                       {QStringLiteral("reason"), d.reason}};
}

RetentionImageDecision imageFrom(const QJsonObject& o)
{
    RetentionImageDecision d;
    d.digest = Digest::parse(o.value(QStringLiteral("digest")).toString()).value_or(Digest());
    d.mediaType = o.value(QStringLiteral("mediaType")).toString();
    d.size = qint64(o.value(QStringLiteral("size")).toDouble());
    d.pushedAt = timeOf(o.value(QStringLiteral("pushedAt")));
    d.lastUsedAt = timeOf(o.value(QStringLiteral("lastUsedAt")));
    for (const QJsonValue& t : o.value(QStringLiteral("tags")).toArray())
        d.tags << RetentionTagState{t.toString(), QDateTime()};
    d.rule = o.value(QStringLiteral("rule")).toString();
    d.policy = o.value(QStringLiteral("policy")).toString();
    d.reason = o.value(QStringLiteral("reason")).toString();
    return d;
}

template <typename T, typename F> QJsonArray capped(const QList<T>& items, int cap, bool& truncated, F toJson)
{
    QJsonArray out;
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i >= cap) {
            truncated = true;
            break;
        }
        out.append(toJson(items[i]));
    }
    return out;
}

} // namespace

QJsonObject RetentionPlanJson::plan(const RetentionPlan& plan, int listCap)
{
    QJsonArray repositories;
    for (const RepositoryRetentionPlan& r : plan.repositories) {
        bool truncated = false;
        const QJsonArray deleted = capped(r.deleted, listCap, truncated, image);
        const QJsonArray kept = capped(r.kept, listCap, truncated, image);
        const QJsonArray tags = capped(r.removedTags, listCap, truncated, [](const RetentionTagRemoval& t) {
            return QJsonObject{{QStringLiteral("tag"), t.tag},
                               {QStringLiteral("digest"), t.digest.toString()},
                               {QStringLiteral("rule"), t.rule},
                               {QStringLiteral("policy"), t.policy},
                               {QStringLiteral("reason"), t.reason}};
        });
        repositories.append(QJsonObject{{QStringLiteral("repository"), r.repository},
                                        {QStringLiteral("deletedImages"), r.deleted.size()},
                                        {QStringLiteral("removedTags"), r.removedTags.size()},
                                        {QStringLiteral("keptImages"), r.kept.size()},
                                        {QStringLiteral("reclaimableBytes"), r.reclaimableBytes},
                                        {QStringLiteral("deleted"), deleted},
                                        {QStringLiteral("tagsRemoved"), tags},
                                        {QStringLiteral("kept"), kept},
                                        {QStringLiteral("truncated"), truncated}});
    }
    return QJsonObject{
        {QStringLiteral("policy"), plan.policy},
        {QStringLiteral("plannedAt"), timeOrNull(plan.plannedAt)},
        {QStringLiteral("deletedImages"), plan.deletedImages()},
        {QStringLiteral("removedTags"), plan.removedTags()},
        {QStringLiteral("keptImages"), plan.keptImages()},
        {QStringLiteral("reclaimableBytes"), plan.reclaimableBytes},
        {QStringLiteral("reclaimableBlobs"), plan.reclaimableBlobs},
        {QStringLiteral("note"), QStringLiteral("Retention deletes images and tags; their bytes come back at "
                                                "the next garbage collection.")},
        {QStringLiteral("repositories"), repositories}};
}

RetentionPlan RetentionPlanJson::planFromJson(const QJsonObject& json)
{
    RetentionPlan plan;
    plan.policy = json.value(QStringLiteral("policy")).toString();
    plan.plannedAt = timeOf(json.value(QStringLiteral("plannedAt")));
    plan.reclaimableBytes = qint64(json.value(QStringLiteral("reclaimableBytes")).toDouble());
    plan.reclaimableBlobs = json.value(QStringLiteral("reclaimableBlobs")).toInt();
    for (const QJsonValue& v : json.value(QStringLiteral("repositories")).toArray()) {
        const QJsonObject o = v.toObject();
        RepositoryRetentionPlan r;
        r.repository = o.value(QStringLiteral("repository")).toString();
        r.reclaimableBytes = qint64(o.value(QStringLiteral("reclaimableBytes")).toDouble());
        for (const QJsonValue& d : o.value(QStringLiteral("deleted")).toArray())
            r.deleted << imageFrom(d.toObject());
        for (const QJsonValue& d : o.value(QStringLiteral("kept")).toArray())
            r.kept << imageFrom(d.toObject());
        for (const QJsonValue& t : o.value(QStringLiteral("tagsRemoved")).toArray()) {
            const QJsonObject to = t.toObject();
            r.removedTags << RetentionTagRemoval{
                to.value(QStringLiteral("tag")).toString(),
                Digest::parse(to.value(QStringLiteral("digest")).toString()).value_or(Digest()),
                QDateTime(),
                to.value(QStringLiteral("rule")).toString(),
                to.value(QStringLiteral("policy")).toString(),
                to.value(QStringLiteral("reason")).toString()};
        }
        plan.repositories << r;
    }
    return plan;
}

QJsonObject RetentionPlanJson::policy(const RetentionPolicy& p)
{
    return QJsonObject{
        {QStringLiteral("id"), p.id},
        {QStringLiteral("name"), p.name},
        {QStringLiteral("description"), p.description},
        {QStringLiteral("compartment"),
         p.onRepository() ? QJsonValue() : QJsonValue(p.compartment.toString())},
        {QStringLiteral("repository"), p.onRepository() ? QJsonValue(p.repository) : QJsonValue()},
        {QStringLiteral("enabled"), p.enabled},
        {QStringLiteral("rules"), p.rules.toJson()},
        {QStringLiteral("createdAt"), timeOrNull(p.createdAt)},
        {QStringLiteral("updatedAt"), timeOrNull(p.updatedAt)}};
}

QJsonObject RetentionPlanJson::applied(const RetentionApplyResult& applied, int listCap)
{
    QJsonArray skipped;
    for (qsizetype i = 0; i < applied.skipped.size() && i < listCap; ++i)
        skipped.append(QJsonObject{{QStringLiteral("repository"), applied.skipped[i].repository},
                                   {QStringLiteral("what"), applied.skipped[i].what},
                                   {QStringLiteral("reason"), applied.skipped[i].reason}});
    return QJsonObject{{QStringLiteral("deletedImages"), applied.deletedImages},
                       {QStringLiteral("removedTags"), applied.removedTags},
                       {QStringLiteral("manifestBytes"), applied.manifestBytes},
                       {QStringLiteral("skipped"), skipped},
                       {QStringLiteral("cancelled"), applied.cancelled}};
}

} // namespace berth
