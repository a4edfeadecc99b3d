#include "api/AuditEndpoints.h"

#include "api/ApiCall.h"
#include "api/ApiPage.h"
#include "api/ApiSchema.h"
#include "audit/AuditLog.h"

#include <QJsonArray>

namespace berth {

namespace {

Result<QDateTime> timeParameter(const ApiCall& call, const QString& name)
{
    if (!call.hasQuery(name))
        return QDateTime();
    const QString text = call.query(name);
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    if (!t.isValid())
        return Error(ErrorCode::NameInvalid,
                     QStringLiteral("The query parameter \"%1\" must be an ISO 8601 time such as "
                                    "2024-05-01T12:00:00Z, not \"%2\".")
                         .arg(name, text.left(60)));
    return t.toUTC();
}

ApiReply query(ApiCall& call)
{
    auto page = ApiPage::fromQuery(call.request().query);
    if (!page)
        return ApiReply::error(page.error());
    AuditFilter filter;
    filter.limit = page.value().limit;
    if (!page.value().after.isEmpty()) {
        bool ok = false;
        filter.after = page.value().after.toLongLong(&ok);
        if (!ok || filter.after <= 0)
            return ApiReply::invalidArgument(
                QStringLiteral("The query parameter \"page\" is not a page token of the audit "
                               "log; use the \"nextPage\" value of the previous page."));
    }
    auto from = timeParameter(call, QStringLiteral("from"));
    if (!from)
        return ApiReply::error(from.error());
    auto to = timeParameter(call, QStringLiteral("to"));
    if (!to)
        return ApiReply::error(to.error());
    filter.from = from.value();
    filter.to = to.value();
    filter.actor = call.query(QStringLiteral("actor"));
    filter.actionPrefix = call.query(QStringLiteral("action"));
    filter.targetContains = call.query(QStringLiteral("target"));
    if (call.hasQuery(QStringLiteral("decision"))) {
        const std::optional<AuditDecision> decision =
            AuditRecord::decisionFromName(call.query(QStringLiteral("decision")));
        if (!decision)
            return ApiReply::invalidArgument(
                QStringLiteral("The query parameter \"decision\" must be allowed, denied or none."));
        filter.decision = *decision;
    }
    const QString order = call.hasQuery(QStringLiteral("order")) ? call.query(QStringLiteral("order"))
                                                                 : QStringLiteral("oldest");
    if (order == QLatin1String("newest"))
        filter.order = AuditOrder::NewestFirst;
    else if (order != QLatin1String("oldest"))
        return ApiReply::invalidArgument(
            QStringLiteral("The query parameter \"order\" must be oldest or newest."));

    auto result = call.services().audit->query(filter);
    if (!result)
        return ApiReply::error(result.error());
    QJsonArray items;
    for (const AuditRecord& record : result.value().records)
        items.append(record.toJson());
    QJsonObject json{{QStringLiteral("items"), items}};
    if (result.value().next > 0)
        json.insert(QStringLiteral("nextPage"), ApiPage::encodeToken(QString::number(result.value().next)));
    return ApiReply::ok(json);
}

ApiReply verify(ApiCall& call)
{
    return ApiReply::ok(call.services().audit->verify().toJson());
}

} // namespace

void AuditEndpoints::add(ApiTable& table)
{
    using S = ApiSchema;
    const QString tag = QStringLiteral("audit");
    auto parameter = [](const QString& name, const QString& description) {
        return ApiParameter{name, ApiParameter::In::Query, description, ApiSchema::string(), false, false};
    };

    table.schemas.insert(
        QStringLiteral("AuditRecord"),
        S::object(
            {{QStringLiteral("sequence"), S::integer()},
             {QStringLiteral("time"), S::dateTime()},
             {QStringLiteral("actor"), S::string()},
             {QStringLiteral("clientAddress"), S::string()},
             {QStringLiteral("action"), S::string(QStringLiteral("e.g. auth.signin"))},
             {QStringLiteral("target"), S::string()},
             {QStringLiteral("decision"),
              S::stringEnum({QStringLiteral("allowed"), QStringLiteral("denied"), QStringLiteral("none")})},
             {QStringLiteral("reason"), S::string()},
             {QStringLiteral("details"), QJsonObject{{QStringLiteral("type"), QStringLiteral("object")}}},
             {QStringLiteral("previousHash"), S::string()},
             {QStringLiteral("hash"), S::string()}},
            {QStringLiteral("sequence"), QStringLiteral("time"), QStringLiteral("actor"),
             QStringLiteral("action"), QStringLiteral("target"), QStringLiteral("decision")}));

    ApiOperation list =
        ApiOperation::make("GET", QStringLiteral("/api/v1/audit"), QStringLiteral("queryAudit"), tag,
                           QStringLiteral("Audit records matching the filters, oldest first unless "
                                          "order=newest."),
                           ApiAccess::administrator(), query);
    list.parameters = {
        parameter(QStringLiteral("from"), QStringLiteral("Records at or after this ISO 8601 time.")),
        parameter(QStringLiteral("to"), QStringLiteral("Records before this ISO 8601 time.")),
        parameter(QStringLiteral("actor"), QStringLiteral("Exactly this user (or anonymous, system).")),
        parameter(QStringLiteral("action"),
                  QStringLiteral("Whole dotted segments: auth matches auth.signin.failed.")),
        parameter(QStringLiteral("target"), QStringLiteral("Target contains this text.")),
        ApiParameter{
            QStringLiteral("decision"), ApiParameter::In::Query, QString(),
            S::stringEnum({QStringLiteral("allowed"), QStringLiteral("denied"), QStringLiteral("none")}),
            false, false},
        ApiParameter{QStringLiteral("order"), ApiParameter::In::Query, QString(),
                     S::stringEnum({QStringLiteral("oldest"), QStringLiteral("newest")}), false, false}};
    list.parameters += ApiPage::parameters();
    list.responseSchema = S::page(S::ref(QStringLiteral("AuditRecord")));
    table.operations.append(list);

    ApiOperation check =
        ApiOperation::make("GET", QStringLiteral("/api/v1/audit/verify"), QStringLiteral("verifyAudit"), tag,
                           QStringLiteral("Walks the whole hash chain and compares its head with the "
                                          "anchor: a changed, removed or reordered record shows here."),
                           ApiAccess::administrator(), verify);
    check.responseSchema = S::object({{QStringLiteral("ok"), S::boolean()},
                                      {QStringLiteral("checkedCount"), S::integer()},
                                      {QStringLiteral("firstBadSequence"), S::integer()},
                                      {QStringLiteral("message"), S::string()}},
                                     {QStringLiteral("ok"), QStringLiteral("checkedCount"),
                                      QStringLiteral("firstBadSequence"), QStringLiteral("message")});
    table.operations.append(check);
}

} // namespace berth
