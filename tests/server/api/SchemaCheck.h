#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace berth::test {

/// Checks a JSON value against a schema of an OpenAPI 3.0 document (the subset the management API uses:
/// $ref to components/schemas, type, properties, required, additionalProperties false, items, enum,
/// nullable, format date-time). Returns the first mismatch with its JSON path, or an empty string.
QString checkSchema(const QJsonValue& value, const QJsonObject& schema, const QJsonObject& document,
                    const QString& where = QStringLiteral("$"));

} // namespace berth::test
