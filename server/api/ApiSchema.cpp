#include "api/ApiSchema.h"

namespace berth {

namespace {

QJsonObject described(QJsonObject schema, const QString& description)
{
    if (!description.isEmpty())
        schema.insert(QStringLiteral("description"), description);
    return schema;
}

QString typeWord(const QString& type)
{
    if (type == QLatin1String("integer"))
        return QStringLiteral("an integer");
    if (type == QLatin1String("array"))
        return QStringLiteral("an array");
    if (type == QLatin1String("object"))
        return QStringLiteral("an object");
    return QStringLiteral("a ") + type;
}

} // namespace

QJsonObject ApiSchema::string(const QString& description)
{
    return described({{QStringLiteral("type"), QStringLiteral("string")}}, description);
}

QJsonObject ApiSchema::stringEnum(const QStringList& values, const QString& description)
{
    return described({{QStringLiteral("type"), QStringLiteral("string")},
                      {QStringLiteral("enum"), QJsonArray::fromStringList(values)}},
                     description);
}

QJsonObject ApiSchema::dateTime(const QString& description)
{
    return described({{QStringLiteral("type"), QStringLiteral("string")},
                      {QStringLiteral("format"), QStringLiteral("date-time")}},
                     description);
}

QJsonObject ApiSchema::nullableDateTime(const QString& description)
{
    QJsonObject schema = dateTime(description);
    schema.insert(QStringLiteral("nullable"), true);
    return schema;
}

QJsonObject ApiSchema::boolean(const QString& description)
{
    return described({{QStringLiteral("type"), QStringLiteral("boolean")}}, description);
}

QJsonObject ApiSchema::number(const QString& description)
{
    return described({{QStringLiteral("type"), QStringLiteral("number")}}, description);
}

QJsonObject ApiSchema::integer(const QString& description)
{
    return described({{QStringLiteral("type"), QStringLiteral("integer")},
                      {QStringLiteral("format"), QStringLiteral("int64")}},
                     description);
}

QJsonObject ApiSchema::arrayOf(const QJsonObject& items, const QString& description)
{
    return described({{QStringLiteral("type"), QStringLiteral("array")}, {QStringLiteral("items"), items}},
                     description);
}

QJsonObject ApiSchema::object(const QJsonObject& properties, const QStringList& required,
                              const QString& description)
{
    QJsonObject schema{{QStringLiteral("type"), QStringLiteral("object")},
                       {QStringLiteral("properties"), properties},
                       {QStringLiteral("additionalProperties"), false}};
    if (!required.isEmpty())
        schema.insert(QStringLiteral("required"), QJsonArray::fromStringList(required));
    return described(schema, description);
}

QJsonObject ApiSchema::ref(const QString& name)
{
    return {{QStringLiteral("$ref"), QStringLiteral("#/components/schemas/") + name}};
}

QJsonObject ApiSchema::page(const QJsonObject& items)
{
    return object({{QStringLiteral("items"), arrayOf(items)},
                   {QStringLiteral("nextPage"),
                    string(QStringLiteral("Pass as ?page= for the next page; absent on the last page."))}},
                  {QStringLiteral("items")});
}

QString ApiSchema::check(const QJsonObject& schema, const QJsonObject& body, const QString& prefix)
{
    const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
    for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
        if (!properties.contains(it.key())) {
            QStringList known = properties.keys();
            return QStringLiteral("Unknown field \"%1\"; the fields allowed here are: %2.")
                .arg(prefix + it.key(),
                     known.isEmpty() ? QStringLiteral("none") : known.join(QStringLiteral(", ")));
        }
    }
    for (const QJsonValue& name : schema.value(QStringLiteral("required")).toArray()) {
        if (!body.contains(name.toString()))
            return QStringLiteral("The field \"%1\" is required.").arg(prefix + name.toString());
    }
    for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
        const QString problem =
            checkValue(properties.value(it.key()).toObject(), it.value(), prefix + it.key());
        if (!problem.isEmpty())
            return problem;
    }
    return QString();
}

QString ApiSchema::checkValue(const QJsonObject& schema, const QJsonValue& value, const QString& field)
{
    const QString type = schema.value(QStringLiteral("type")).toString();
    if (value.isNull() && schema.value(QStringLiteral("nullable")).toBool())
        return QString();
    bool typeOk = false;
    if (type == QLatin1String("string"))
        typeOk = value.isString();
    else if (type == QLatin1String("boolean"))
        typeOk = value.isBool();
    else if (type == QLatin1String("integer"))
        typeOk = value.isDouble() && value.toDouble() == double(qint64(value.toDouble()));
    else if (type == QLatin1String("number"))
        typeOk = value.isDouble();
    else if (type == QLatin1String("array"))
        typeOk = value.isArray();
    else if (type == QLatin1String("object"))
        typeOk = value.isObject();
    if (!typeOk)
        return QStringLiteral("The field \"%1\" must be %2.").arg(field, typeWord(type));

    if (type == QLatin1String("string") && schema.contains(QStringLiteral("enum"))) {
        const QJsonArray allowed = schema.value(QStringLiteral("enum")).toArray();
        if (!allowed.contains(value)) {
            QStringList names;
            for (const QJsonValue& v : allowed)
                names.append(v.toString());
            return QStringLiteral("The field \"%1\" must be one of: %2.")
                .arg(field, names.join(QStringLiteral(", ")));
        }
    }
    if (type == QLatin1String("array")) {
        const QJsonObject items = schema.value(QStringLiteral("items")).toObject();
        const QJsonArray array = value.toArray();
        for (int i = 0; i < array.size(); ++i) {
            const QString problem =
                checkValue(items, array.at(i), QStringLiteral("%1[%2]").arg(field).arg(i));
            if (!problem.isEmpty())
                return problem;
        }
    }
    if (type == QLatin1String("object"))
        return check(schema, value.toObject(), field + QLatin1Char('.'));
    return QString();
}

} // namespace berth
