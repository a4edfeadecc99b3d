#include "iam/IdentityTypes.h"

namespace berth {

QString IdentityEvent::typeName(IdentityEventType type)
{
    switch (type) {
    case IdentityEventType::CompartmentCreated:
        return QStringLiteral("CompartmentCreated");
    case IdentityEventType::CompartmentUpdated:
        return QStringLiteral("CompartmentUpdated");
    case IdentityEventType::CompartmentRenamed:
        return QStringLiteral("CompartmentRenamed");
    case IdentityEventType::CompartmentMoved:
        return QStringLiteral("CompartmentMoved");
    case IdentityEventType::CompartmentDeleted:
        return QStringLiteral("CompartmentDeleted");
    case IdentityEventType::UserCreated:
        return QStringLiteral("UserCreated");
    case IdentityEventType::UserUpdated:
        return QStringLiteral("UserUpdated");
    case IdentityEventType::UserLocked:
        return QStringLiteral("UserLocked");
    case IdentityEventType::UserUnlocked:
        return QStringLiteral("UserUnlocked");
    case IdentityEventType::UserPasswordChanged:
        return QStringLiteral("UserPasswordChanged");
    case IdentityEventType::UserDeleted:
        return QStringLiteral("UserDeleted");
    case IdentityEventType::GroupCreated:
        return QStringLiteral("GroupCreated");
    case IdentityEventType::GroupUpdated:
        return QStringLiteral("GroupUpdated");
    case IdentityEventType::GroupDeleted:
        return QStringLiteral("GroupDeleted");
    case IdentityEventType::GroupMemberAdded:
        return QStringLiteral("GroupMemberAdded");
    case IdentityEventType::GroupMemberRemoved:
        return QStringLiteral("GroupMemberRemoved");
    case IdentityEventType::AuthTokenCreated:
        return QStringLiteral("AuthTokenCreated");
    case IdentityEventType::AuthTokenRevoked:
        return QStringLiteral("AuthTokenRevoked");
    case IdentityEventType::NetworkSourceCreated:
        return QStringLiteral("NetworkSourceCreated");
    case IdentityEventType::NetworkSourceUpdated:
        return QStringLiteral("NetworkSourceUpdated");
    case IdentityEventType::NetworkSourceDeleted:
        return QStringLiteral("NetworkSourceDeleted");
    case IdentityEventType::PolicyCreated:
        return QStringLiteral("PolicyCreated");
    case IdentityEventType::PolicyUpdated:
        return QStringLiteral("PolicyUpdated");
    case IdentityEventType::PolicyDeleted:
        return QStringLiteral("PolicyDeleted");
    }
    return QStringLiteral("Unknown");
}

} // namespace berth
