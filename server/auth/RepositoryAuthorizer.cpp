#include "auth/RepositoryAuthorizer.h"

#include "audit/AuditLog.h"
#include "iam/Authorizer.h"
#include "iam/IdentityService.h"
#include "registry/RegistryService.h"

namespace berth {

RepositoryAuthorizer::RepositoryAuthorizer(RegistryService& registry, IdentityService& identity,
                                           AuditLog* audit)
    : m_registry(registry), m_identity(identity), m_audit(audit)
{}

Permission RepositoryAuthorizer::pushPermission(const QString& repository) const
{
    return m_registry.repositoryExists(repository) ? Permission::RepositoryUpdate
                                                   : Permission::RepositoryCreate;
}

RepositoryAuthorizer::Outcome RepositoryAuthorizer::decide(const AuthorizationSubject& subject,
                                                           Permission permission, const QString& repository,
                                                           const QString& clientAddress,
                                                           const std::optional<QString>& tag, bool audited)
{
    AuthorizationRequest request;
    request.subject = subject;
    request.permission = permission;
    request.target.repository = repository;
    request.target.tag = tag;
    request.context.clientAddress = clientAddress;
    request.context.userName = subject.userName;
    if (m_registry.repositoryExists(repository)) {
        if (permission == Permission::RepositoryRead || permission == Permission::RepositoryInspect) {
            const Result<bool> isPublic = m_registry.isRepositoryPublic(repository);
            if (isPublic && isPublic.value())
                return {true, QStringLiteral("%1 is a public repository.").arg(repository), std::nullopt};
        }
        const Result<CompartmentPath> compartment = m_registry.repositoryCompartment(repository);
        if (compartment)
            request.target.compartment = compartment.value();
    }
    Outcome outcome = evaluate(request);
    if (!outcome.allowed && audited)
        auditDenial(subject, permission, repository, clientAddress, outcome.reason);
    return outcome;
}

RepositoryAuthorizer::Outcome RepositoryAuthorizer::decideInCompartment(const AuthorizationSubject& subject,
                                                                        Permission permission,
                                                                        const CompartmentPath& compartment,
                                                                        const QString& clientAddress)
{
    AuthorizationRequest request;
    request.subject = subject;
    request.permission = permission;
    request.target.compartment = compartment;
    request.context.clientAddress = clientAddress;
    request.context.userName = subject.userName;
    Outcome outcome = evaluate(request);
    if (!outcome.allowed)
        auditDenial(subject, permission, compartment.describe(), clientAddress, outcome.reason);
    return outcome;
}

RepositoryAuthorizer::Outcome RepositoryAuthorizer::evaluate(const AuthorizationRequest& request)
{
    const Result<std::shared_ptr<const Authorizer>> authorizer = m_identity.authorizer();
    if (!authorizer) {
        return {false,
                QStringLiteral("The policies could not be read, so nothing is allowed: %1")
                    .arg(authorizer.error().message),
                std::nullopt};
    }
    const AuthorizationDecision decision = authorizer.value()->authorize(request);
    return {decision.allowed, decision.explanation(), decision};
}

void RepositoryAuthorizer::auditDenial(const AuthorizationSubject& subject, Permission permission,
                                       const QString& target, const QString& clientAddress,
                                       const QString& reason)
{
    if (!m_audit)
        return;
    AuditRecord record;
    record.actor = subject.anonymous ? AuditRecord::anonymousActor() : subject.userName;
    record.clientAddress = clientAddress;
    record.action = QStringLiteral("access.denied");
    record.target = target;
    record.decision = AuditDecision::Denied;
    record.reason = reason;
    record.details = QJsonObject{{QStringLiteral("permission"), IamVocabulary::permissionName(permission)}};
    m_audit->append(std::move(record));
}

} // namespace berth
