#include "SchemaCheck.h"

#include <QDateTime>
#include <QJsonArray>

namespace berth::test {

QString checkSchema(const QJsonValue& value, const QJsonObject& schema, const QJsonObject& document,
                    const QString& where)
{
    if (schema.contains(QStringLiteral("$ref"))) {
        const QString ref = schema.value(QStringLiteral("$ref")).toString();
        const QString prefix = QStringLiteral("#/components/schemas/");
        if (!ref.startsWith(prefix))
            return where + QStringLiteral(": unsupported $ref ") + ref;
        const QJsonObject target = document.value(QStringLiteral("components"))
                                       .toObject()
                                       .value(QStringLiteral("schemas"))
                                       .toObject()
                                       .value(ref.mid(prefix.size()))
                                       .toObject();
        if (target.isEmpty())
            return where + QStringLiteral(": $ref to a missing schema ") + ref;
        return checkSchema(value, target, document, where);
    }
    if (value.isNull())
        return schema.value(QStringLiteral("nullable")).toBool()
                   ? QString()
                   : where + QStringLiteral(": null but not nullable");
    const QString type = schema.value(QStringLiteral("type")).toString();
    if (type == QLatin1String("string")) {
        if (!value.isString())
            return where + QStringLiteral(": expected a string");
        if (schema.contains(QStringLiteral("enum")) &&
            !schema.value(QStringLiteral("enum")).toArray().contains(value))
            return where + QStringLiteral(": \"%1\" is not in the enum").arg(value.toString());
        if (schema.value(QStringLiteral("format")).toString() == QLatin1String("date-time") &&
            !QDateTime::fromString(value.toString(), Qt::ISODateWithMs).isValid())
            return where + QStringLiteral(": \"%1\" is not a date-time").arg(value.toString());
        return QString();
    }
    if (type == QLatin1String("boolean"))
        return value.isBool() ? QString() : where + QStringLiteral(": expected a boolean");
    if (type == QLatin1String("number"))
        return value.isDouble() ? QString() : where + QStringLiteral(": expected a number");
    if (type == QLatin1String("integer"))
        return value.isDouble() && value.toDouble() == double(qint64(value.toDouble()))
                   ? QString()
                   : where + QStringLiteral(": expected an integer");
    if (type == QLatin1String("array")) {
        if (!value.isArray())
            return where + QStringLiteral(": expected an array");
        const QJsonArray array = value.toArray();
        for (int i = 0; i < array.size(); ++i) {
            const QString problem = checkSchema(array.at(i), schema.value(QStringLiteral("items")).toObject(),
                                                document, QStringLiteral("%1[%2]").arg(where).arg(i));
            if (!problem.isEmpty())
                return problem;
        }
        return QString();
    }
    if (type == QLatin1String("object")) {
        if (!value.isObject())
            return where + QStringLiteral(": expected an object");
        const QJsonObject object = value.toObject();
        const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
        for (const QJsonValue& name : schema.value(QStringLiteral("required")).toArray()) {
            if (!object.contains(name.toString()))
                return where + QStringLiteral(": required property \"%1\" is missing").arg(name.toString());
        }
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (!properties.contains(it.key())) {
                if (schema.value(QStringLiteral("additionalProperties")).toBool(true))
                    continue;
                return where + QStringLiteral(": property \"%1\" is not described").arg(it.key());
            }
            const QString problem = checkSchema(it.value(), properties.value(it.key()).toObject(), document,
                                                where + QLatin1Char('.') + it.key());
            if (!problem.isEmpty())
                return problem;
        }
        return QString();
    }
    return where + QStringLiteral(": schema without a type");
}

} // namespace berth::test
