#pragma once

#include "api/ApiOperation.h"

#include <QJsonObject>
#include <QList>

namespace berth {

/// Generates the OpenAPI 3.0 description of the management API from its operation table, so the
/// description is the table.
class OpenApiDocument
{
public:
    /// `schemas` become components/schemas (what the operations' $refs point at).
    static QJsonObject build(const QList<ApiOperation>& operations, const QJsonObject& schemas);
};

} // namespace berth
