#include "iam/IamErrors.h"

#include <QJsonObject>

namespace berth {

namespace {

Error make(ErrorCode code, const char* reason, const QString& message, QJsonObject extra = {})
{
    extra.insert(QStringLiteral("reason"), QLatin1String(reason));
    return Error(code, message, extra);
}

} // namespace

Error IamErrors::invalid(const QString& message)
{
    return make(ErrorCode::NameInvalid, "INVALID", message);
}

Error IamErrors::invalid(const QString& message, const QJsonValue& problems)
{
    return make(ErrorCode::NameInvalid, "INVALID", message,
                QJsonObject{{QStringLiteral("problems"), problems}});
}

Error IamErrors::notFound(const QString& message)
{
    return make(ErrorCode::NameUnknown, "NOT_FOUND", message);
}

Error IamErrors::alreadyExists(const QString& message)
{
    return make(ErrorCode::Unsupported, "ALREADY_EXISTS", message);
}

Error IamErrors::notEmpty(const QString& message)
{
    return make(ErrorCode::Unsupported, "NOT_EMPTY", message);
}

Error IamErrors::protectedObject(const QString& message)
{
    return make(ErrorCode::Denied, "PROTECTED", message);
}

Error IamErrors::conflict(const QString& message)
{
    return make(ErrorCode::Unsupported, "CONFLICT", message);
}

Error IamErrors::limitReached(const QString& message)
{
    return make(ErrorCode::TooManyRequests, "LIMIT_REACHED", message);
}

Error IamErrors::credentials(const QString& message, const QString& why)
{
    return make(ErrorCode::Unauthorized, "CREDENTIALS", message, QJsonObject{{QStringLiteral("why"), why}});
}

QString IamErrors::reason(const Error& error)
{
    return error.detail.toObject().value(QStringLiteral("reason")).toString();
}

} // namespace berth
