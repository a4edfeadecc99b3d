#include "audit/AuditRecord.h"

namespace berth {

QString AuditRecord::decisionName(AuditDecision decision)
{
    switch (decision) {
    case AuditDecision::Allowed:
        return QStringLiteral("allowed");
    case AuditDecision::Denied:
        return QStringLiteral("denied");
    case AuditDecision::None:
        break;
    }
    return QStringLiteral("none");
}

std::optional<AuditDecision> AuditRecord::decisionFromName(const QString& name)
{
    if (name == QLatin1String("allowed"))
        return AuditDecision::Allowed;
    if (name == QLatin1String("denied"))
        return AuditDecision::Denied;
    if (name == QLatin1String("none"))
        return AuditDecision::None;
    return std::nullopt;
}

QJsonObject AuditRecord::toJson() const
{
    return QJsonObject{
        {QStringLiteral("sequence"), sequence},
        {QStringLiteral("time"), time.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("actor"), actor},
        {QStringLiteral("clientAddress"), clientAddress},
        {QStringLiteral("action"), action},
        {QStringLiteral("target"), target},
        {QStringLiteral("decision"), decisionName(decision)},
        {QStringLiteral("reason"), reason},
        {QStringLiteral("details"), details},
        {QStringLiteral("previousHash"), previousHash},
        {QStringLiteral("hash"), hash},
    };
}

} // namespace berth
