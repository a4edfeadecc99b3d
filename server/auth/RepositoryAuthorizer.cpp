#include "auth/RepositoryAuthorizer.h"

#include "audit/AuditLog.h"
#include "iam/Authorizer.h"
#include "iam/CompartmentTree.h"
#include "iam/IdentityService.h"
#include "oci/Names.h"
#include "registry/RegistryService.h"

namespace berth {

RepositoryAuthorizer::RepositoryAuthorizer(RegistryService& registry, IdentityService& identity,
                                           AuditLog* audit)
    : m_registry(registry), m_identity(identity), m_audit(audit),
      m_links(std::make_unique<RepositoryLinkCache>(registry.metadata())),
      m_listener(std::make_unique<QObject>())
{
    RepositoryLinkCache* links = m_links.get();
    // Direct: the event is emitted by the thread that made the change, after its commit and before
    // the call returns, so the next request of anyone sees the change.
    QObject::connect(
        &registry, &RegistryService::registryEvent, m_listener.get(),
        [links](const RegistryEvent& event) {
            switch (event.type) {
            case RegistryEventType::RepositoryCreated:
            case RegistryEventType::RepositoryMoved:
            case RegistryEventType::RepositoryDeleted:
            case RegistryEventType::RepositoryVisibilityChanged:
                links->forget(event.repository);
                break;
            default:
                break;
            }
        },
        Qt::DirectConnection);
}

RepositoryAuthorizer::~RepositoryAuthorizer() = default;

QString RepositoryAuthorizer::Outcome::reason() const
{
    if (!failure.isEmpty())
        return failure;
    if (decision)
        return decision->explanation();
    if (!repository.isEmpty())
        return QStringLiteral("%1 is a public repository.").arg(repository);
    return QString();
}

Permission RepositoryAuthorizer::pushPermission(const QString& repository) const
{
    if (!Names::isValidRepositoryName(repository))
        return Permission::RepositoryCreate;
    const auto link = m_links->find(repository);
    return link.ok() && link.value() ? Permission::RepositoryUpdate : Permission::RepositoryCreate;
}

RepositoryAuthorizer::Target
RepositoryAuthorizer::targetFrom(const std::optional<RepositoryLinkCache::Link>& link,
                                 const CompartmentTree* tree) const
{
    Target target;
    if (!link)
        return target;
    target.exists = true;
    target.isPublic = link->isPublic;
    const CompartmentRecord* compartment = tree ? tree->byRowId(link->compartmentRowId) : nullptr;
    if (compartment)
        target.compartment = compartment->path;
    return target;
}

RepositoryAuthorizer::Target RepositoryAuthorizer::targetOf(const QString& repository,
                                                            const CompartmentTree* tree)
{
    if (!Names::isValidRepositoryName(repository))
        return Target();
    const auto link = m_links->find(repository);
    if (!link)
        return Target();
    Target target = targetFrom(link.value(), tree);
    if (target.exists && (!tree || !tree->byRowId(link.value()->compartmentRowId))) {
        // The cached tree does not know the compartment (it is being changed right now): ask.
        if (const Result<CompartmentPath> compartment = m_registry.repositoryCompartment(repository))
            target.compartment = compartment.value();
    }
    return target;
}

bool RepositoryAuthorizer::publicAnswers(Permission permission, const Target& target)
{
    return target.exists && target.isPublic &&
           (permission == Permission::RepositoryRead || permission == Permission::RepositoryInspect);
}

AuthorizationRequest RepositoryAuthorizer::requestFor(const AuthorizationSubject& subject,
                                                      Permission permission, const QString& repository,
                                                      const Target& target, const QString& clientAddress)
{
    AuthorizationRequest request;
    request.subject = subject;
    request.permission = permission;
    request.target.repository = repository;
    request.target.compartment = target.compartment;
    request.context.clientAddress = clientAddress;
    request.context.userName = subject.userName;
    return request;
}

RepositoryAuthorizer::Outcome RepositoryAuthorizer::decide(const AuthorizationSubject& subject,
                                                           Permission permission, const QString& repository,
                                                           const QString& clientAddress,
                                                           const std::optional<QString>& tag, bool audited)
{
    Outcome outcome;
    const Result<std::shared_ptr<const Authorizer>> authorizer = m_identity.authorizer();
    const Result<std::shared_ptr<const CompartmentTree>> tree = m_identity.compartmentTree();
    const Target target = targetOf(repository, tree ? tree.value().get() : nullptr);
    if (publicAnswers(permission, target)) {
        outcome.allowed = true;
        outcome.repository = repository;
        return outcome;
    }
    if (!authorizer) {
        outcome.failure = QStringLiteral("The policies could not be read, so nothing is allowed: %1")
                              .arg(authorizer.error().message);
    } else {
        AuthorizationRequest request = requestFor(subject, permission, repository, target, clientAddress);
        request.target.tag = tag;
        outcome.decision = authorizer.value()->authorize(request);
        outcome.allowed = outcome.decision->allowed;
    }
    if (!outcome.allowed && audited)
        auditDenial(subject, permission, repository, clientAddress, outcome.reason());
    return outcome;
}

bool RepositoryAuthorizer::allows(const AuthorizationSubject& subject, Permission permission,
                                  const QString& repository, const QString& clientAddress)
{
    const Result<std::shared_ptr<const Authorizer>> authorizer = m_identity.authorizer();
    const Result<std::shared_ptr<const CompartmentTree>> tree = m_identity.compartmentTree();
    const Target target = targetOf(repository, tree ? tree.value().get() : nullptr);
    if (publicAnswers(permission, target))
        return true;
    if (!authorizer)
        return false;
    return authorizer.value()->allows(requestFor(subject, permission, repository, target, clientAddress));
}

QVector<bool> RepositoryAuthorizer::allowsEach(const AuthorizationSubject& subject, Permission permission,
                                               const QStringList& repositories, const QString& clientAddress)
{
    QVector<bool> answers(repositories.size(), false);
    if (subject.administrator && !subject.anonymous) {
        answers.fill(true);
        return answers;
    }
    const Result<std::shared_ptr<const Authorizer>> authorizer = m_identity.authorizer();
    const Result<std::shared_ptr<const CompartmentTree>> tree = m_identity.compartmentTree();
    const Result<QVector<std::optional<RepositoryLinkCache::Link>>> links = m_links->findAll(repositories);
    if (!links) {
        // Without the links nothing can be decided in memory: one by one, as decide() would.
        for (int i = 0; i < repositories.size(); ++i)
            answers[i] = allows(subject, permission, repositories.at(i), clientAddress);
        return answers;
    }
    const CompartmentTree* compartments = tree ? tree.value().get() : nullptr;
    for (int i = 0; i < repositories.size(); ++i) {
        const std::optional<RepositoryLinkCache::Link>& link = links->at(i);
        if (link && (!compartments || !compartments->byRowId(link->compartmentRowId))) {
            answers[i] = allows(subject, permission, repositories.at(i), clientAddress);
            continue;
        }
        const Target target = targetFrom(link, compartments);
        if (publicAnswers(permission, target)) {
            answers[i] = true;
            continue;
        }
        answers[i] = authorizer && authorizer.value()->allows(requestFor(
                                       subject, permission, repositories.at(i), target, clientAddress));
    }
    return answers;
}

RepositoryAuthorizer::Outcome RepositoryAuthorizer::decideInCompartment(const AuthorizationSubject& subject,
                                                                        Permission permission,
                                                                        const CompartmentPath& compartment,
                                                                        const QString& clientAddress)
{
    Outcome outcome;
    const Result<std::shared_ptr<const Authorizer>> authorizer = m_identity.authorizer();
    if (!authorizer) {
        outcome.failure = QStringLiteral("The policies could not be read, so nothing is allowed: %1")
                              .arg(authorizer.error().message);
    } else {
        AuthorizationRequest request;
        request.subject = subject;
        request.permission = permission;
        request.target.compartment = compartment;
        request.context.clientAddress = clientAddress;
        request.context.userName = subject.userName;
        outcome.decision = authorizer.value()->authorize(request);
        outcome.allowed = outcome.decision->allowed;
    }
    if (!outcome.allowed)
        auditDenial(subject, permission, compartment.describe(), clientAddress, outcome.reason());
    return outcome;
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
