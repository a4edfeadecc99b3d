#pragma once

#include "api/ApiTable.h"
#include "iam/IdentityTypes.h"

#include <QJsonObject>
#include <QJsonValue>

namespace berth {

struct AuthorizationDecision;

/// The JSON shapes of the identity model in the management API, and their schemas (registered once in the
/// table's components).
class IdentityJson
{
public:
    static QJsonValue time(const QDateTime& t); ///< ISO 8601 UTC with milliseconds, or null
    static QJsonObject compartment(const CompartmentRecord& c);
    static QJsonObject user(const UserRecord& u);
    static QJsonObject group(const GroupRecord& g);
    static QJsonObject authToken(const AuthTokenRecord& t);
    static QJsonObject networkSource(const NetworkSourceRecord& n);
    static QJsonObject policy(const PolicyRecord& p);
    static QJsonObject decision(const AuthorizationDecision& d);

    static void addSchemas(ApiTable& table);
};

} // namespace berth
