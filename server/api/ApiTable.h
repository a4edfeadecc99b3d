#pragma once

#include "api/ApiOperation.h"

#include <QJsonObject>
#include <QList>

namespace berth {

/// The operations of the management API and the named schemas their descriptions refer to.
struct ApiTable
{
    QList<ApiOperation> operations;
    QJsonObject schemas; ///< components/schemas of the OpenAPI description
};

} // namespace berth
