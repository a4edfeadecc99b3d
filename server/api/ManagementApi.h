#pragma once

#include "api/ApiServices.h"
#include "api/ApiTable.h"
#include "routing/Router.h"

#include <QJsonObject>
#include <memory>

namespace berth {

/// The management REST API (/api/v1/...): its operation table, the routes made from it and the OpenAPI
/// description generated from it (served at /api/v1/openapi.json). Identity and audit operations are
/// in the table only when their services are given.
class ManagementApi
{
public:
    explicit ManagementApi(ApiServices services);

    const QList<ApiOperation>& operations() const { return m_table->operations; }
    /// The OpenAPI 3.0 description of operations().
    QJsonObject openApi() const;

    /// Adds one route per operation, most specific patterns first, then a fallback that answers unknown
    /// /api/v1 paths and wrong methods with JSON errors. The routes keep the table alive.
    void addRoutes(Router& router) const;

private:
    ApiServices m_services;
    std::shared_ptr<ApiTable> m_table;
};

} // namespace berth
