#include "api/LicenceReportEndpoints.h"

#include "api/ApiCall.h"
#include "api/ApiPage.h"
#include "api/ApiSchema.h"
#include "api/LicenceJson.h"
#include "licensing/LicenceStore.h"
#include "registry/RegistryService.h"

#include <QHash>
#include <QJsonArray>
#include <limits>

namespace berth {

namespace {

LicenceStore& store(const ApiCall& call)
{
    return call.services().registry->licences();
}

/// Newest first as an ascending key.
QString newestFirst(const QDateTime& t)
{
    const qint64 ms = t.isValid() ? t.toMSecsSinceEpoch() : 0;
    return QString::number(std::numeric_limits<qint64>::max() - ms).rightJustified(19, QLatin1Char('0'));
}

ApiReply listLicences(ApiCall& call)
{
    auto page = ApiPage::fromQuery(call.request().query);
    if (!page)
        return ApiReply::error(page.error());
    auto all = store(call).list();
    if (!all)
        return ApiReply::error(all.error());
    LicenceAcceptanceFilter current;
    current.currentVersionOnly = true;
    auto accepted = store(call).acceptances(current);
    if (!accepted)
        return ApiReply::error(accepted.error());
    QHash<QString, qint64> counts;
    for (const LicenceAcceptance& a : accepted.value())
        ++counts[a.licenceOcid];
    QList<QPair<QString, QJsonObject>> items;
    for (const Licence& l : all.value()) {
        QJsonObject json = LicenceJson::licence(l);
        json.insert(QStringLiteral("acceptances"), counts.value(l.ocid));
        // Repositories first, then compartments, by name (as the store lists them).
        const QString key = (l.scope.kind == LicenceScope::Kind::Repository
                                 ? QStringLiteral("0|") + l.scope.repository
                                 : QStringLiteral("1|") + l.scope.compartment.toString());
        items.append({key, json});
    }
    return ApiReply::ok(page.value().build(items));
}

ApiReply listVersions(ApiCall& call)
{
    auto page = ApiPage::fromQuery(call.request().query);
    if (!page)
        return ApiReply::error(page.error());
    const QString ocid = call.path(QStringLiteral("licence"));
    auto versions = store(call).versions(ocid);
    if (!versions)
        return ApiReply::error(versions.error());
    auto all = store(call).list();
    if (!all)
        return ApiReply::error(all.error());
    QString inForce;
    for (const Licence& l : all.value()) {
        if (l.ocid == ocid)
            inForce = l.current.version;
    }
    LicenceAcceptanceFilter filter;
    filter.licenceOcid = ocid;
    auto accepted = store(call).acceptances(filter);
    if (!accepted)
        return ApiReply::error(accepted.error());
    QHash<QString, qint64> counts;
    for (const LicenceAcceptance& a : accepted.value())
        ++counts[a.version];
    QList<QPair<QString, QJsonObject>> items;
    for (const LicenceVersion& v : versions.value())
        items.append({newestFirst(v.publishedAt) + QLatin1Char('|') + v.version,
                      LicenceJson::version(v, v.version == inForce, counts.value(v.version))});
    return ApiReply::ok(page.value().build(items));
}

QByteArray csvField(const QString& text)
{
    QString t = text;
    // A leading =, +, - or @ would be a formula in a spreadsheet.
    if (!t.isEmpty() && QStringLiteral("=+-@").contains(t.front()))
        t.prepend(QLatin1Char('\''));
    if (t.contains(QLatin1Char(',')) || t.contains(QLatin1Char('"')) || t.contains(QLatin1Char('\n')) ||
        t.contains(QLatin1Char('\r')))
        t = QLatin1Char('"') + t.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    return t.toUtf8();
}

ApiReply listAcceptances(ApiCall& call)
{
    LicenceAcceptanceFilter filter;
    filter.licenceOcid = call.query(QStringLiteral("licence"));
    filter.repository = call.query(QStringLiteral("repository"));
    filter.userName = call.query(QStringLiteral("user"));
    if (call.hasQuery(QStringLiteral("compartment"))) {
        auto compartment = ApiCall::compartmentFrom(call.query(QStringLiteral("compartment")),
                                                    QStringLiteral("compartment"));
        if (!compartment)
            return ApiReply::error(compartment.error());
        filter.compartment = compartment.value();
    }
    auto current = call.queryFlag(QStringLiteral("current"), false);
    if (!current)
        return ApiReply::error(current.error());
    filter.currentVersionOnly = current.value();
    const QString format = call.query(QStringLiteral("format"));
    if (!format.isEmpty() && format != QLatin1String("json") && format != QLatin1String("csv"))
        return ApiReply::invalidArgument(
            QStringLiteral("The parameter \"format\" must be json or csv, not \"%1\".").arg(format.left(50)));
    auto page = ApiPage::fromQuery(call.request().query);
    if (!page)
        return ApiReply::error(page.error());
    auto accepted = store(call).acceptances(filter);
    if (!accepted)
        return ApiReply::error(accepted.error());
    if (format == QLatin1String("csv")) {
        QByteArray csv =
            "licence,scope,title,version,user,acceptedAt,clientAddress,channel,currentVersion\r\n";
        for (const LicenceAcceptance& a : accepted.value()) {
            const QString scope = a.scope.kind == LicenceScope::Kind::Repository
                                      ? QStringLiteral("repository ") + a.scope.repository
                                      : QStringLiteral("compartment ") + a.scope.compartment.toString();
            const QList<QByteArray> row = {csvField(a.licenceOcid),
                                           csvField(scope),
                                           csvField(a.title),
                                           csvField(a.version),
                                           csvField(a.userName),
                                           csvField(a.acceptedAt.toUTC().toString(Qt::ISODateWithMs)),
                                           csvField(a.clientAddress),
                                           csvField(a.channel),
                                           a.currentVersion ? "true" : "false"};
            csv += QByteArrayList(row).join(',') + "\r\n";
        }
        return ApiReply::raw("text/csv; charset=utf-8", csv);
    }
    QList<QPair<QString, QJsonObject>> items;
    for (const LicenceAcceptance& a : accepted.value())
        items.append({newestFirst(a.acceptedAt) + QLatin1Char('|') + a.licenceOcid + QLatin1Char('|') +
                          a.version + QLatin1Char('|') + a.userName,
                      LicenceJson::acceptance(a)});
    return ApiReply::ok(page.value().build(items));
}

ApiParameter query(const QString& name, const QString& description, const QJsonObject& schema)
{
    return ApiParameter{name, ApiParameter::In::Query, description, schema, false, false};
}

} // namespace

void LicenceReportEndpoints::add(ApiTable& table)
{
    using S = ApiSchema;
    const QString tag = QStringLiteral("licences");

    QJsonObject summary = LicenceJson::licenceSchema();
    QJsonObject properties = summary.value(QStringLiteral("properties")).toObject();
    properties.insert(QStringLiteral("acceptances"),
                      S::integer(QStringLiteral("Users who accepted the version in force.")));
    summary.insert(QStringLiteral("properties"), properties);
    QJsonArray required = summary.value(QStringLiteral("required")).toArray();
    required.append(QStringLiteral("acceptances"));
    summary.insert(QStringLiteral("required"), required);
    table.schemas.insert(QStringLiteral("LicenceSummary"), summary);

    ApiOperation list = ApiOperation::make(
        "GET", QStringLiteral("/api/v1/licences"), QStringLiteral("listLicences"), tag,
        QStringLiteral("Every licence (repositories first, then compartments, by name) with how many users "
                       "accepted the version in force."),
        ApiAccess::administrator(), listLicences);
    list.parameters = ApiPage::parameters();
    list.responseSchema = S::page(S::ref(QStringLiteral("LicenceSummary")));
    table.operations.append(list);

    ApiOperation versions = ApiOperation::make(
        "GET", QStringLiteral("/api/v1/licences/{licence}/versions"), QStringLiteral("listLicenceVersions"),
        tag,
        QStringLiteral(
            "Every published version of a licence, newest first, with how many users accepted each."),
        ApiAccess::administrator(), listVersions);
    versions.parameters = {ApiParameter{QStringLiteral("licence"), ApiParameter::In::Path,
                                        QStringLiteral("The licence's id (ocid1.licence.berth...)."),
                                        S::string(), true, false}};
    versions.parameters += ApiPage::parameters();
    versions.responseSchema = S::page(S::ref(QStringLiteral("LicenceVersion")));
    versions.errorStatuses = {404};
    table.operations.append(versions);

    ApiOperation acceptances = ApiOperation::make(
        "GET", QStringLiteral("/api/v1/licence-acceptances"), QStringLiteral("listLicenceAcceptances"), tag,
        QStringLiteral("Who accepted which version of which licence and when, newest first. With "
                       "format=csv: every matching row as CSV (no pages)."),
        ApiAccess::administrator(), listAcceptances);
    acceptances.parameters = {
        query(QStringLiteral("licence"), QStringLiteral("Only this licence (its id)."), S::string()),
        query(QStringLiteral("repository"), QStringLiteral("Only the licence in force for this repository."),
              S::string()),
        query(QStringLiteral("compartment"),
              QStringLiteral(
                  "Only licences set on this compartment (\"A:B\"; \"\" is the tenancy) or below it."),
              S::string()),
        query(QStringLiteral("user"), QStringLiteral("Only this user's acceptances."), S::string()),
        query(QStringLiteral("current"),
              QStringLiteral("Only acceptances of the versions in force (default false)."), S::boolean()),
        query(QStringLiteral("format"), QStringLiteral("json (default) or csv."),
              S::stringEnum({QStringLiteral("json"), QStringLiteral("csv")}))};
    acceptances.parameters += ApiPage::parameters();
    acceptances.responseSchema = S::page(S::ref(QStringLiteral("LicenceAcceptance")));
    table.operations.append(acceptances);
}

} // namespace berth
