#include "api/ManagementApi.h"

#include "api/ApiErrors.h"
#include "api/ApiHandler.h"
#include "api/ApiSchema.h"
#include "api/AuditEndpoints.h"
#include "api/BackupEndpoints.h"
#include "api/CompartmentEndpoints.h"
#include "api/CostEndpoints.h"
#include "api/FsckEndpoints.h"
#include "api/GcEndpoints.h"
#include "api/GroupEndpoints.h"
#include "api/IdentityJson.h"
#include "api/JobEndpoints.h"
#include "api/LicenceEndpoints.h"
#include "api/LimitEndpoints.h"
#include "api/LimitRequestEndpoints.h"
#include "api/NetworkSourceEndpoints.h"
#include "api/OpenApiDocument.h"
#include "api/PolicyEndpoints.h"
#include "api/RepositoryEndpoints.h"
#include "api/RetentionEndpoints.h"
#include "api/ScrubEndpoints.h"
#include "api/UsageEndpoints.h"
#include "api/UserEndpoints.h"

#include <QJsonDocument>
#include <algorithm>

namespace berth {

namespace {

/// Answers /api/v1 paths no operation serves: 405 with Allow when the path exists for other methods,
/// else 404, both as JSON errors.
class ApiFallbackHandler final : public HttpHandler
{
public:
    explicit ApiFallbackHandler(std::shared_ptr<const ApiTable> table) : m_table(std::move(table)) {}

    void onHeaders(const HttpRequest& request, HttpResponder& responder) override
    {
        QByteArrayList allowed;
        for (const ApiOperation& op : m_table->operations) {
            if (Router::match(op.routePattern(), request.path) && !allowed.contains(op.method))
                allowed.append(op.method);
        }
        if (!allowed.isEmpty()) {
            ApiReply reply =
                ApiReply::error(405, ApiErrors::MethodNotAllowed,
                                QStringLiteral("The method %1 is not allowed on %2; allowed: %3.")
                                    .arg(QString::fromLatin1(request.method.left(20)), request.path,
                                         QString::fromLatin1(allowed.join(", "))));
            reply.headers.append({"Allow", allowed.join(", ")});
            ApiHandler::send(responder, reply);
            return;
        }
        ApiHandler::send(
            responder,
            ApiReply::notFound(QStringLiteral("There is no endpoint at %1.").arg(request.path.left(300))));
    }
    void onComplete(const HttpRequest&, HttpResponder&) override {}

private:
    std::shared_ptr<const ApiTable> m_table;
};

int fixedSegments(const QString& pattern)
{
    int n = 0;
    for (const QString& s : pattern.split(QLatin1Char('/'))) {
        if (!s.startsWith(QLatin1Char('{')))
            ++n;
    }
    return n;
}

} // namespace

ManagementApi::ManagementApi(ApiServices services)
    : m_services(services), m_table(std::make_shared<ApiTable>())
{
    RepositoryEndpoints::add(*m_table);
    if (m_services.registry)
        GcEndpoints::add(*m_table, m_services);
    if (m_services.registry && m_services.jobs && m_services.maintenance)
        FsckEndpoints::add(*m_table, *m_services.registry);
    if (m_services.identity) {
        IdentityJson::addSchemas(*m_table);
        CompartmentEndpoints::add(*m_table);
        UserEndpoints::add(*m_table);
        GroupEndpoints::add(*m_table);
        NetworkSourceEndpoints::add(*m_table);
        PolicyEndpoints::add(*m_table);
    }
    if (m_services.audit)
        AuditEndpoints::add(*m_table);
    if (m_services.registry && m_services.jobs && m_services.maintenance)
        BackupEndpoints::add(*m_table);
    if (m_services.registry && m_services.jobs)
        ScrubEndpoints::add(*m_table, m_services);
    if (m_services.jobs)
        JobEndpoints::add(*m_table);
    if (m_services.registry)
        RetentionEndpoints::add(*m_table, m_services); // retention policies (issue 6)
    if (m_services.registry)
        UsageEndpoints::add(*m_table); // metering (issue 6)
    if (m_services.registry) { // limits, increase requests, tag immutability (issue 6)
        LimitEndpoints::add(*m_table);
        LimitRequestEndpoints::add(*m_table);
    }
    if (m_services.registry)
        CostEndpoints::add(*m_table); // price sheet and cost report (issue 6)
    if (m_services.registry)
        LicenceEndpoints::add(*m_table); // licence-gated repositories (issue 7)

    // The description of everything above, itself an operation so that it is described too.
    ApiOperation spec;
    spec.method = "GET";
    spec.path = QStringLiteral("/api/v1/openapi.json");
    spec.operationId = QStringLiteral("getOpenApi");
    spec.tag = QStringLiteral("meta");
    spec.summary = QStringLiteral("This API's OpenAPI 3.0 description.");
    spec.access = ApiAccess::publicAccess();
    spec.responseSchema = QJsonObject{{QStringLiteral("type"), QStringLiteral("object")}};
    std::weak_ptr<ApiTable> weak = m_table;
    spec.run = [weak](ApiCall&) {
        std::shared_ptr<ApiTable> table = weak.lock();
        if (!table)
            return ApiReply::error(500, ApiErrors::Internal, QStringLiteral("The API is shutting down."));
        return ApiReply::ok(OpenApiDocument::build(table->operations, table->schemas));
    };
    m_table->operations.append(spec);
}

QJsonObject ManagementApi::openApi() const
{
    return OpenApiDocument::build(m_table->operations, m_table->schemas);
}

void ManagementApi::addRoutes(Router& router) const
{
    QList<int> order;
    for (int i = 0; i < m_table->operations.size(); ++i)
        order.append(i);
    // More literal segments first, so "/repositories/{name}/images" wins over "/repositories/{name}".
    std::stable_sort(order.begin(), order.end(), [this](int a, int b) {
        return fixedSegments(m_table->operations[a].routePattern()) >
               fixedSegments(m_table->operations[b].routePattern());
    });
    const std::shared_ptr<const ApiTable> table = m_table;
    const ApiServices services = m_services;
    for (int index : order) {
        // The operation shares the table's lifetime.
        std::shared_ptr<const ApiOperation> operation(table, &table->operations[index]);
        router.add(Route{{operation->method},
                         operation->routePattern(),
                         Access::None,
                         [operation, services](const HttpRequest&,
                                               const RouteMatch& match) -> std::unique_ptr<HttpHandler> {
                             return std::make_unique<ApiHandler>(operation, match, services);
                         },
                         Guard::Handler});
    }
    router.add(Route{{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"},
                     QStringLiteral("/api/v1/{name}"),
                     Access::None,
                     [table](const HttpRequest&, const RouteMatch&) -> std::unique_ptr<HttpHandler> {
                         return std::make_unique<ApiFallbackHandler>(table);
                     },
                     Guard::Handler});
}

} // namespace berth
