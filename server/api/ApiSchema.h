#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace berth {

/// Builders for the JSON Schema subset (OpenAPI 3.0 flavour) the management API describes its bodies
/// with, and the strict check of request bodies against the same schemas: what is documented is what
/// is enforced.
class ApiSchema
{
public:
    static QJsonObject string(const QString& description = QString());
    static QJsonObject stringEnum(const QStringList& values, const QString& description = QString());
    static QJsonObject dateTime(const QString& description = QString()); ///< ISO 8601 UTC
    static QJsonObject nullableDateTime(const QString& description = QString());
    static QJsonObject boolean(const QString& description = QString());
    static QJsonObject integer(const QString& description = QString());
    /// Any JSON number (prices, quantities).
    static QJsonObject number(const QString& description = QString());
    static QJsonObject arrayOf(const QJsonObject& items, const QString& description = QString());
    /// A closed object: additionalProperties is false.
    static QJsonObject object(const QJsonObject& properties, const QStringList& required = {},
                              const QString& description = QString());
    /// {"$ref": "#/components/schemas/<name>"}
    static QJsonObject ref(const QString& name);
    /// A page of a listing: {"items": [...], "nextPage": "..."}.
    static QJsonObject page(const QJsonObject& items);

    /// Checks a request body against an object schema built here (no $ref): every required field is
    /// present, no other field than those described, each of the described type. Returns the first
    /// problem in plain English naming the field ("field.sub" for nested ones), or an empty string.
    static QString check(const QJsonObject& schema, const QJsonObject& body,
                         const QString& prefix = QString());

private:
    static QString checkValue(const QJsonObject& schema, const QJsonValue& value, const QString& field);
};

} // namespace berth
