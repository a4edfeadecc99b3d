#include "api/GcEndpoints.h"

#include "api/ApiCall.h"
#include "api/ApiSchema.h"
#include "gc/GarbageCollector.h"

#include <QJsonArray>
#include <memory>

namespace berth {

namespace {

/// At most this many blobs and manifests are listed in an answer; the counts and bytes cover all.
constexpr int ListCap = 1000;

QJsonValue timeOrNull(const QDateTime& t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QJsonObject resultJson(const GcResult& r)
{
    QJsonArray blobs;
    for (qsizetype i = 0; i < r.blobs.size() && i < ListCap; ++i)
        blobs.append(QJsonObject{{QStringLiteral("digest"), r.blobs[i].digest.toString()},
                                 {QStringLiteral("size"), r.blobs[i].size}});
    QJsonArray manifests;
    for (qsizetype i = 0; i < r.manifests.size() && i < ListCap; ++i)
        manifests.append(QJsonObject{{QStringLiteral("repository"), r.manifests[i].repository},
                                     {QStringLiteral("digest"), r.manifests[i].digest.toString()},
                                     {QStringLiteral("size"), r.manifests[i].size}});
    return QJsonObject{
        {QStringLiteral("dryRun"), r.options.dryRun},
        {QStringLiteral("deleteUntagged"), r.options.deleteUntagged},
        {QStringLiteral("deleteReferrers"), r.options.deleteReferrers},
        {QStringLiteral("gracePeriodSeconds"), r.options.gracePeriodSeconds},
        {QStringLiteral("startedAt"), timeOrNull(r.startedAt)},
        {QStringLiteral("finishedAt"), timeOrNull(r.finishedAt)},
        {QStringLiteral("blobCount"), r.blobs.size()},
        {QStringLiteral("manifestCount"), r.manifests.size()},
        {QStringLiteral("bytes"), r.bytes},
        {QStringLiteral("skipped"), r.skipped},
        {QStringLiteral("blobs"), blobs},
        {QStringLiteral("manifests"), manifests},
        {QStringLiteral("truncated"), r.blobs.size() > ListCap || r.manifests.size() > ListCap}};
}

ApiReply status(GarbageCollector& gc)
{
    auto reclaimable = gc.reclaimableNow();
    if (!reclaimable)
        return ApiReply::error(reclaimable.error());
    QJsonObject json{{QStringLiteral("reclaimableBytes"), reclaimable.value().bytes},
                     {QStringLiteral("reclaimableBlobs"), reclaimable.value().blobs},
                     {QStringLiteral("gracePeriodSeconds"), GcOptions().gracePeriodSeconds},
                     {QStringLiteral("computedAt"), timeOrNull(reclaimable.value().computedAt)}};
    const std::optional<GcResult> last = gc.lastRun();
    QJsonObject lastJson;
    if (last) {
        lastJson = resultJson(*last);
        lastJson.remove(QStringLiteral("blobs"));
        lastJson.remove(QStringLiteral("manifests"));
        lastJson.remove(QStringLiteral("truncated"));
    }
    json.insert(QStringLiteral("lastRun"), last ? QJsonValue(lastJson) : QJsonValue());
    return ApiReply::ok(json);
}

ApiReply run(ApiCall& call, GarbageCollector& gc)
{
    const QJsonObject& body = call.body();
    GcOptions options;
    for (const QString& flag :
         {QStringLiteral("dryRun"), QStringLiteral("deleteUntagged"), QStringLiteral("deleteReferrers")}) {
        if (body.contains(flag) && !body.value(flag).isBool())
            return ApiReply::invalidArgument(QStringLiteral("\"%1\" must be true or false.").arg(flag));
    }
    options.dryRun = body.value(QStringLiteral("dryRun")).toBool(false);
    options.deleteUntagged = body.value(QStringLiteral("deleteUntagged")).toBool(false);
    options.deleteReferrers = body.value(QStringLiteral("deleteReferrers")).toBool(false);
    if (body.contains(QStringLiteral("gracePeriodSeconds"))) {
        const QJsonValue grace = body.value(QStringLiteral("gracePeriodSeconds"));
        const double seconds = grace.toDouble(-1);
        if (!grace.isDouble() || seconds < 0 || seconds != double(qint64(seconds)))
            return ApiReply::invalidArgument(
                QStringLiteral("\"gracePeriodSeconds\" must be a whole number of seconds, 0 or more."));
        options.gracePeriodSeconds = qint64(seconds);
    }
    if (options.deleteReferrers && !options.deleteUntagged)
        return ApiReply::invalidArgument(
            QStringLiteral("\"deleteReferrers\" only applies with \"deleteUntagged\": set both."));
    auto result = gc.run(options);
    if (!result)
        return ApiReply::error(result.error());
    return ApiReply::ok(resultJson(result.value()));
}

} // namespace

void GcEndpoints::add(ApiTable& table, RegistryService& registry)
{
    using S = ApiSchema;
    auto gc = std::make_shared<GarbageCollector>(registry);
    const QString tag = QStringLiteral("gc");
    const QString path = QStringLiteral("/api/v1/gc");
    const QJsonObject listed = S::object({{QStringLiteral("digest"), S::string()},
                                          {QStringLiteral("size"), S::integer()},
                                          {QStringLiteral("repository"), S::string()}},
                                         {QStringLiteral("digest"), QStringLiteral("size")});
    QJsonObject summary{
        {QStringLiteral("dryRun"), S::boolean()},
        {QStringLiteral("deleteUntagged"), S::boolean()},
        {QStringLiteral("deleteReferrers"), S::boolean()},
        {QStringLiteral("gracePeriodSeconds"), S::integer()},
        {QStringLiteral("startedAt"), S::dateTime()},
        {QStringLiteral("finishedAt"), S::dateTime()},
        {QStringLiteral("blobCount"), S::integer(QStringLiteral("Blobs removed (or that would be)."))},
        {QStringLiteral("manifestCount"), S::integer(QStringLiteral("Untagged manifests deleted."))},
        {QStringLiteral("bytes"), S::integer(QStringLiteral("Bytes freed (or that would be)."))},
        {QStringLiteral("skipped"), S::integer(QStringLiteral("Referenced or touched again meanwhile."))}};
    const QStringList required{QStringLiteral("dryRun"), QStringLiteral("blobCount"),
                               QStringLiteral("manifestCount"), QStringLiteral("bytes")};
    QJsonObject full = summary;
    full.insert(QStringLiteral("blobs"), S::arrayOf(listed));
    full.insert(QStringLiteral("manifests"), S::arrayOf(listed));
    full.insert(QStringLiteral("truncated"),
                S::boolean(QStringLiteral("The lists stop at 1000 entries; the counts do not.")));
    table.schemas.insert(QStringLiteral("GcResult"), S::object(full, required));

    ApiOperation get = ApiOperation::make(
        "GET", path, QStringLiteral("getGc"), tag,
        QStringLiteral("Bytes and blobs a garbage collection would free now (default grace period) and "
                       "a summary of the last run since berthd started."),
        ApiAccess::administrator(), [gc](ApiCall&) { return status(*gc); });
    QJsonObject last = S::object(summary, required);
    last.insert(QStringLiteral("nullable"), true);
    get.responseSchema = S::object(
        {{QStringLiteral("reclaimableBytes"), S::integer()},
         {QStringLiteral("reclaimableBlobs"), S::integer()},
         {QStringLiteral("gracePeriodSeconds"), S::integer()},
         {QStringLiteral("computedAt"), S::dateTime()},
         {QStringLiteral("lastRun"), last}},
        {QStringLiteral("reclaimableBytes"), QStringLiteral("reclaimableBlobs"), QStringLiteral("lastRun")});
    table.operations.append(get);

    ApiOperation post = ApiOperation::make(
        "POST", path, QStringLiteral("runGc"), tag,
        QStringLiteral("Runs garbage collection while the registry keeps serving (or, with dryRun, lists "
                       "what would go). Blobs nothing references and untouched for gracePeriodSeconds "
                       "(default 3600) go; deleteUntagged also deletes manifests no tag or kept index "
                       "keeps, and deleteReferrers the referrers of deleted manifests."),
        ApiAccess::administrator(), [gc](ApiCall& call) { return run(call, *gc); });
    post.requestSchema =
        S::object({{QStringLiteral("dryRun"), S::boolean(QStringLiteral("Default false."))},
                   {QStringLiteral("deleteUntagged"), S::boolean(QStringLiteral("Default false."))},
                   {QStringLiteral("deleteReferrers"), S::boolean(QStringLiteral("Default false."))},
                   {QStringLiteral("gracePeriodSeconds"), S::integer(QStringLiteral("Default 3600."))}});
    post.responseSchema = S::ref(QStringLiteral("GcResult"));
    table.operations.append(post);
}

} // namespace berth
