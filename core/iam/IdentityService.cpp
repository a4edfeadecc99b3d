#include "iam/IdentityService.h"

#include "iam/IamErrors.h"
#include "iam/IdentityServicePrivate.h"
#include "metadata/MetadataStore.h"

namespace berth {

IdentityService::IdentityService(MetadataStore& metadata, QObject* parent)
    : IdentityService(metadata, Options(), parent)
{}

IdentityService::IdentityService(MetadataStore& metadata, Options options, QObject* parent)
    : QObject(parent), m_options(std::move(options)), d(std::make_unique<Private>(metadata))
{
    qRegisterMetaType<berth::IdentityEvent>();
    if (!m_options.clock)
        m_options.clock = &Clock::system();
    if (m_options.maxAuthTokensPerUser < 1)
        m_options.maxAuthTokensPerUser = 1;
    // Every change to users, groups and memberships emits identityEvent once it has committed: the
    // cached subjects go before the call that made the change returns.
    connect(
        this, &IdentityService::identityEvent, this, [this] { d->invalidateSubjects(); },
        Qt::DirectConnection);
}

IdentityService::~IdentityService() = default;

Result<void> IdentityService::open()
{
    if (!d->metadata.isOpen())
        return Error(ErrorCode::Internal, QStringLiteral("The metadata database is not open"));
    auto version = d->metadata.schemaVersion();
    if (!version)
        return version.error();
    if (version.value() < 3) {
        return Error(
            ErrorCode::Internal,
            QStringLiteral("The metadata database is at schema version %1; identity needs version 3 or "
                           "later")
                .arg(version.value()));
    }
    auto tree = d->tree();
    if (!tree)
        return tree.error();
    if (tree->tenancy().id.isEmpty())
        return Error(ErrorCode::Internal, QStringLiteral("The metadata database has no tenancy compartment"));
    return {};
}

// ---- the cached authorizer

Result<QVector<AttachedPolicy>> IdentityService::attachedPolicies() const
{
    auto cache = d->loadCache();
    if (!cache)
        return cache.error();
    return cache.value()->policies;
}

Result<QVector<NetworkSource>> IdentityService::networkSourceSet() const
{
    auto cache = d->loadCache();
    if (!cache)
        return cache.error();
    return cache.value()->sources;
}

Result<std::shared_ptr<const Authorizer>> IdentityService::authorizer() const
{
    auto cache = d->loadCache();
    if (!cache)
        return cache.error();
    return cache.value()->authorizer;
}

Result<std::shared_ptr<const CompartmentTree>> IdentityService::compartmentTree() const
{
    auto cache = d->loadCache();
    if (!cache)
        return cache.error();
    return cache.value()->tree;
}

} // namespace berth
