#include "api/LimitRequestEndpoints.h"

#include "api/ApiCall.h"
#include "api/ApiErrors.h"
#include "api/ApiSchema.h"
#include "governance/LimitRequestStore.h"
#include "governance/LimitSettings.h"
#include "registry/RegistryService.h"

#include <QJsonArray>

namespace berth {

namespace {

QJsonValue timeOrNull(const QDateTime& t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

LimitRequestStore storeOf(const ApiCall& call)
{
    RegistryService& registry = *call.services().registry;
    return LimitRequestStore(registry.metadata(), registry.defaultLimits(), registry.clock());
}

ApiReply create(ApiCall& call)
{
    const QJsonObject& body = call.body();
    auto made = storeOf(call).create(body.value(QStringLiteral("limit")).toString(),
                                     body.value(QStringLiteral("repository")).toString(),
                                     body.value(QStringLiteral("value")).toInteger(),
                                     body.value(QStringLiteral("reason")).toString(), call.actor());
    if (!made)
        return ApiReply::error(made.error());
    return ApiReply::created(LimitRequestEndpoints::toJson(made.value()));
}

ApiReply list(ApiCall& call)
{
    auto pending = call.queryFlag(QStringLiteral("pending"), false);
    if (!pending)
        return ApiReply::error(pending.error());
    // Administrators see everybody's requests (or one user's with ?user=); others only their own.
    QString user = call.query(QStringLiteral("user"));
    if (!call.subject().administrator)
        user = call.actor();
    auto requests = storeOf(call).list(user, pending.value());
    if (!requests)
        return ApiReply::error(requests.error());
    QJsonArray items;
    for (const LimitRequest& r : requests.value())
        items.append(LimitRequestEndpoints::toJson(r));
    return ApiReply::ok(QJsonObject{{QStringLiteral("items"), items}});
}

/// The request named by {id} when the caller may see it (theirs, or any for administrators).
Result<LimitRequest> visibleRequest(const ApiCall& call)
{
    bool ok = false;
    const qint64 id = call.path(QStringLiteral("id")).toLongLong(&ok);
    const Error unknown(
        ErrorCode::NameUnknown,
        QStringLiteral("There is no limit increase request %1; berthctl limits requests lists "
                       "them")
            .arg(call.path(QStringLiteral("id")).left(40)));
    if (!ok)
        return unknown;
    auto found = storeOf(call).find(id);
    if (!found)
        return found.error();
    if (!found.value() || (!call.subject().administrator &&
                           found.value()->requestedBy.compare(call.actor(), Qt::CaseInsensitive) != 0))
        return unknown;
    return *found.value();
}

ApiReply get(ApiCall& call)
{
    auto request = visibleRequest(call);
    if (!request)
        return ApiReply::error(request.error());
    return ApiReply::ok(LimitRequestEndpoints::toJson(request.value()));
}

ApiReply decide(ApiCall& call, bool approve)
{
    auto request = visibleRequest(call);
    if (!request)
        return ApiReply::error(request.error());
    const QString note = call.body().value(QStringLiteral("note")).toString();
    LimitRequestStore store = storeOf(call);
    auto decided = approve ? store.approve(request->id, call.actor(), note)
                           : store.decline(request->id, call.actor(), note);
    if (!decided)
        return ApiReply::error(decided.error());
    return ApiReply::ok(LimitRequestEndpoints::toJson(decided.value()));
}

ApiParameter idParameter()
{
    return ApiParameter{QStringLiteral("id"),
                        ApiParameter::In::Path,
                        QStringLiteral("The request's number."),
                        ApiSchema::integer(),
                        true,
                        false};
}

} // namespace

QJsonObject LimitRequestEndpoints::toJson(const LimitRequest& r)
{
    return QJsonObject{{QStringLiteral("id"), r.id},
                       {QStringLiteral("ocid"), r.ocid},
                       {QStringLiteral("limit"), r.limitName},
                       {QStringLiteral("repository"), r.repository},
                       {QStringLiteral("currentValue"), r.currentValue},
                       {QStringLiteral("requestedValue"), r.requestedValue},
                       {QStringLiteral("reason"), r.reason},
                       {QStringLiteral("requestedBy"), r.requestedBy},
                       {QStringLiteral("requestedAt"), timeOrNull(r.requestedAt)},
                       {QStringLiteral("status"), r.status},
                       {QStringLiteral("decidedBy"), r.decidedBy},
                       {QStringLiteral("decidedAt"), timeOrNull(r.decidedAt)},
                       {QStringLiteral("note"), r.decisionNote}};
}

void LimitRequestEndpoints::add(ApiTable& table)
{
    using S = ApiSchema;
    const QStringList limitNames{LimitSettings::Repositories, LimitSettings::ImagesPerRepository};
    table.schemas.insert(
        QStringLiteral("LimitRequest"),
        S::object(
            {{QStringLiteral("id"), S::integer()},
             {QStringLiteral("ocid"), S::string()},
             {QStringLiteral("limit"), S::stringEnum(limitNames)},
             {QStringLiteral("repository"), S::string(QStringLiteral("For imagesPerRepository; else \"\"."))},
             {QStringLiteral("currentValue"), S::integer(QStringLiteral("The limit when it was asked."))},
             {QStringLiteral("requestedValue"), S::integer()},
             {QStringLiteral("reason"), S::string()},
             {QStringLiteral("requestedBy"), S::string()},
             {QStringLiteral("requestedAt"), S::dateTime()},
             {QStringLiteral("status"),
              S::stringEnum({LimitRequest::Pending, LimitRequest::Approved, LimitRequest::Declined})},
             {QStringLiteral("decidedBy"), S::string()},
             {QStringLiteral("decidedAt"), S::nullableDateTime()},
             {QStringLiteral("note"), S::string(QStringLiteral("The administrator's note."))}},
            {QStringLiteral("id"), QStringLiteral("limit"), QStringLiteral("requestedValue"),
             QStringLiteral("status")}));

    const QString base = QStringLiteral("/api/v1/limit-requests");
    ApiOperation post = ApiOperation::make(
        "POST", base, QStringLiteral("createLimitRequest"), QStringLiteral("limits"),
        QStringLiteral("Asks for a higher limit: the registry's repositories, or one repository's images. An "
                       "administrator approves (the limit is raised) or declines it."),
        ApiAccess::signedIn(), create);
    post.requestSchema = S::object(
        {{QStringLiteral("limit"), S::stringEnum(limitNames)},
         {QStringLiteral("repository"), S::string(QStringLiteral("For imagesPerRepository."))},
         {QStringLiteral("value"), S::integer(QStringLiteral("The limit wanted, above the current one."))},
         {QStringLiteral("reason"), S::string(QStringLiteral("Why; up to 2000 characters."))}},
        {QStringLiteral("limit"), QStringLiteral("value"), QStringLiteral("reason")});
    post.status = 201;
    post.responseSchema = S::ref(QStringLiteral("LimitRequest"));
    post.errorStatuses = {404};
    table.operations.append(post);

    ApiOperation all = ApiOperation::make(
        "GET", base, QStringLiteral("listLimitRequests"), QStringLiteral("limits"),
        QStringLiteral("Limit increase requests, newest first: an administrator's view has everybody's, "
                       "anybody else's only their own."),
        ApiAccess::signedIn(), list);
    all.parameters = {ApiParameter{QStringLiteral("pending"), ApiParameter::In::Query,
                                   QStringLiteral("true: only those waiting for a decision."), S::boolean(),
                                   false, false},
                      ApiParameter{QStringLiteral("user"), ApiParameter::In::Query,
                                   QStringLiteral("Administrators: only this user's requests."), S::string(),
                                   false, false}};
    all.responseSchema =
        S::object({{QStringLiteral("items"), S::arrayOf(S::ref(QStringLiteral("LimitRequest")))}},
                  {QStringLiteral("items")});
    table.operations.append(all);

    const QString one = base + QStringLiteral("/{id}");
    ApiOperation show = ApiOperation::make(
        "GET", one, QStringLiteral("getLimitRequest"), QStringLiteral("limits"),
        QStringLiteral("One request (your own, or any for administrators)."), ApiAccess::signedIn(), get);
    show.parameters = {idParameter()};
    show.responseSchema = S::ref(QStringLiteral("LimitRequest"));
    show.errorStatuses = {404};
    table.operations.append(show);

    const QJsonObject noteBody =
        S::object({{QStringLiteral("note"), S::string(QStringLiteral("Optional, shown to the requester."))}});
    ApiOperation approve = ApiOperation::make(
        "POST", one + QStringLiteral("/approve"), QStringLiteral("approveLimitRequest"),
        QStringLiteral("limits"),
        QStringLiteral("Approves a pending request: the limit is raised to the requested value at once."),
        ApiAccess::administrator(), [](ApiCall& call) { return decide(call, true); });
    approve.parameters = {idParameter()};
    approve.requestSchema = noteBody;
    approve.responseSchema = S::ref(QStringLiteral("LimitRequest"));
    approve.errorStatuses = {404, 409};
    table.operations.append(approve);

    ApiOperation decline = ApiOperation::make(
        "POST", one + QStringLiteral("/decline"), QStringLiteral("declineLimitRequest"),
        QStringLiteral("limits"), QStringLiteral("Declines a pending request with a note saying why."),
        ApiAccess::administrator(), [](ApiCall& call) { return decide(call, false); });
    decline.parameters = {idParameter()};
    decline.requestSchema = noteBody;
    decline.responseSchema = S::ref(QStringLiteral("LimitRequest"));
    decline.errorStatuses = {404, 409};
    table.operations.append(decline);
}

} // namespace berth
