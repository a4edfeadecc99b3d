#include "host/RegistryHost.h"

#include "api/ManagementApi.h"
#include "audit/AuditLog.h"
#include "auth/AuditAuthEventSink.h"
#include "auth/HttpCredentials.h"
#include "auth/IdentityCredentialVerifier.h"
#include "auth/JwtService.h"
#include "auth/LicenceGate.h"
#include "auth/MemoryRefreshTokenStore.h"
#include "auth/PolicyAccessGate.h"
#include "auth/PolicyScopeAuthorizer.h"
#include "auth/RepositoryAuthorizer.h"
#include "auth/RequestAuthenticator.h"
#include "auth/SignInService.h"
#include "auth/SignInThrottle.h"
#include "auth/SigningKey.h"
#include "auth/TokenService.h"
#include "distribution/DistributionApi.h"
#include "gc/GarbageCollector.h"
#include "gc/GcJob.h"
#include "iam/IdentityService.h"
#include "integrity/Scrubber.h"
#include "jobs/JobRunner.h"
#include "maintenance/MaintenanceLog.h"
#include "maintenance/MaintenanceScheduler.h"
#include "metering/StorageSampler.h"
#include "portal/PortalRoutes.h"
#include "portal/PortalSessionStore.h"
#include "registry/RegistryService.h"
#include "retention/RetentionJob.h"
#include "routing/Router.h"

#include <QDir>

namespace berth {

namespace {

/// Answers a refused request: 401 with the challenge, 403 DENIED or 429 TOOMANYREQUESTS.
class RefusalHandler final : public HttpHandler
{
public:
    explicit RefusalHandler(AuthenticationOutcome outcome) : m_outcome(std::move(outcome)) {}

    void onHeaders(const HttpRequest&, HttpResponder& responder) override
    {
        responder.addHeader("Docker-Distribution-API-Version", "registry/2.0");
        m_outcome.sendRefusal(responder);
    }
    void onComplete(const HttpRequest&, HttpResponder&) override {}

private:
    AuthenticationOutcome m_outcome;
};

AuditRecord auditOf(const IdentityEvent& event)
{
    AuditRecord record;
    record.actor = event.actor.isEmpty() ? AuditRecord::systemActor() : event.actor;
    record.action = QStringLiteral("identity.") + IdentityEvent::typeName(event.type);
    record.target = event.target;
    record.details =
        QJsonObject{{QStringLiteral("id"), event.targetId}, {QStringLiteral("detail"), event.detail}};
    return record;
}

/// The audit record of a finished maintenance job (garbage collection, scrub...).
AuditRecord auditOf(const JobSnapshot& job)
{
    AuditRecord record;
    record.actor = AuditRecord::systemActor();
    record.action = job.kind == JobKind::GarbageCollection ? QStringLiteral("maintenance.gc")
                                                           : QStringLiteral("maintenance.job");
    if (job.kind == JobKind::Retention)
        record.action = QStringLiteral("maintenance.retention");
    record.target = job.title;
    record.details = QJsonObject{{QStringLiteral("job"), qint64(job.id)},
                                 {QStringLiteral("state"), JobSnapshot::stateName(job.state)},
                                 {QStringLiteral("result"), job.result}};
    return record;
}

} // namespace

struct RegistryHost::Private
{
    Options options;
    AdministratorBootstrap bootstrap;
    std::unique_ptr<RegistryService> registry;
    std::unique_ptr<IdentityService> identity;
    std::unique_ptr<AuditLog> audit;
    std::unique_ptr<AuditAuthEventSink> auditSink;
    std::unique_ptr<IdentityCredentialVerifier> verifier;
    std::unique_ptr<SignInThrottle> throttle;
    std::unique_ptr<SignInService> signIn;
    std::unique_ptr<JwtService> jwt;
    std::unique_ptr<RepositoryAuthorizer> repositories;
    std::unique_ptr<PolicyScopeAuthorizer> scopes;
    std::unique_ptr<MemoryRefreshTokenStore> refreshTokens;
    std::unique_ptr<TokenService> tokens;
    std::unique_ptr<RequestAuthenticator> authenticator;
    std::unique_ptr<PolicyAccessGate> gate;
    std::unique_ptr<LicenceGate> licenceGate;
    std::unique_ptr<MaintenanceLog> maintenanceLog;
    std::shared_ptr<GarbageCollector> gc;
    std::unique_ptr<MaintenanceScheduler> scheduler;
    std::shared_ptr<RetentionRunner> retention;
    std::unique_ptr<PortalSessionStore> portalSessions;
    std::unique_ptr<ManagementApi> api;
    std::unique_ptr<Router> router;
    /// Declared last so it goes first: running jobs use everything above.
    std::unique_ptr<JobRunner> ownJobs;
    JobRunner* jobs = nullptr; ///< ownJobs, or Options::jobRunner
};

RegistryHost::RegistryHost(Options options, QObject* parent) : QObject(parent), d(std::make_unique<Private>())
{
    d->options = std::move(options);
}

RegistryHost::~RegistryHost()
{
    // A runner shared with the host's owner outlives it: what runs there must not outlive the registry.
    if (d->jobs && !d->ownJobs) {
        for (const JobSnapshot& job : d->jobs->jobs())
            if (!job.isFinished())
                d->jobs->cancel(job.id);
        d->jobs->waitForIdle(60'000);
    }
    flush();
}

Result<void> RegistryHost::open()
{
    const Options& o = d->options;
    RegistryService::Options registryOptions;
    registryOptions.dataDirectory = o.dataDirectory;
    registryOptions.clock = o.clock;
    registryOptions.storage = o.storage;
    registryOptions.limits = o.limits;
    d->registry = std::make_unique<RegistryService>(registryOptions);
    if (Result<void> opened = d->registry->open(); !opened)
        return opened;

    IdentityService::Options identityOptions;
    identityOptions.clock = o.clock;
    identityOptions.maxAuthTokensPerUser = o.maxAuthTokensPerUser;
    d->identity = std::make_unique<IdentityService>(d->registry->metadata(), identityOptions);
    if (Result<void> opened = d->identity->open(); !opened)
        return opened;

    d->audit = std::make_unique<AuditLog>(o.dataDirectory, *o.clock);
    if (Result<void> opened = d->audit->open(); !opened)
        return opened;
    AuditLog* audit = d->audit.get();
    connect(
        d->identity.get(), &IdentityService::identityEvent, d->audit.get(),
        [audit](const IdentityEvent& event) { audit->append(auditOf(event)); }, Qt::DirectConnection);

    Result<AdministratorBootstrap> bootstrap = d->identity->ensureAdministrator(o.adminPasswordFile);
    if (!bootstrap)
        return bootstrap.error();
    d->bootstrap = bootstrap.value();

    Result<std::shared_ptr<SigningKey>> key =
        SigningKey::loadOrCreate(QDir(o.dataDirectory).filePath(QStringLiteral("keys/token-signing.pem")));
    if (!key)
        return key.error();
    JwtService::Options jwtOptions;
    jwtOptions.audience = o.service;
    jwtOptions.lifetimeSeconds = o.tokenLifetimeSeconds;
    d->jwt = std::make_unique<JwtService>(key.value(), jwtOptions, *o.clock);

    d->auditSink = std::make_unique<AuditAuthEventSink>(*d->audit);
    d->verifier = std::make_unique<IdentityCredentialVerifier>(*d->identity);
    IdentityCredentialVerifier* verifier = d->verifier.get();
    connect(
        d->identity.get(), &IdentityService::identityEvent, this,
        [verifier](const IdentityEvent& event) {
            if (event.type == IdentityEventType::UserPasswordChanged ||
                event.type == IdentityEventType::UserDeleted || event.type == IdentityEventType::UserLocked)
                verifier->forgetVerifiedPasswords();
        },
        Qt::DirectConnection);
    d->throttle = std::make_unique<SignInThrottle>(*o.clock);
    d->signIn = std::make_unique<SignInService>(*d->verifier, *d->throttle, d->auditSink.get());
    d->repositories = std::make_unique<RepositoryAuthorizer>(*d->registry, *d->identity, d->audit.get());
    d->scopes = std::make_unique<PolicyScopeAuthorizer>(*d->repositories);
    d->refreshTokens = std::make_unique<MemoryRefreshTokenStore>();

    TokenService::Options tokenOptions;
    tokenOptions.service = o.service;
    d->tokens = std::make_unique<TokenService>(tokenOptions, *d->jwt, *d->signIn, *d->scopes,
                                               *d->refreshTokens, *o.clock);

    RequestAuthenticator::Options authOptions;
    authOptions.service = o.service;
    authOptions.tokenPath = tokenOptions.path;
    authOptions.externalUrl = o.externalUrl;
    d->authenticator = std::make_unique<RequestAuthenticator>(authOptions, *d->jwt, *d->signIn, *d->scopes);
    d->gate = std::make_unique<PolicyAccessGate>(*d->identity, *d->signIn, *d->jwt, *d->repositories,
                                                 d->audit.get());

    d->router = std::make_unique<Router>();
    d->tokens->addRoutes(*d->router);
    PolicyAccessGate* gate = d->gate.get();
    // Pulls from licence-gated repositories wait until the licence in force is accepted (issue 7).
    d->licenceGate = std::make_unique<LicenceGate>(d->registry->licences(), *d->repositories, o.externalUrl);
    LicenceGate* licences = d->licenceGate.get();
    RepositoryAuthorizer* repositories = d->repositories.get();
    DistributionApi::addRoutes(
        *d->router, *d->registry,
        [gate](const AuthorizationSubject& subject, const QStringList& names, const QString& clientAddress) {
            return gate->canInspectEach(subject, names, clientAddress);
        },
        // A cross-repository mount hands over what a pull of `from` would: the same policy and licence.
        [repositories, licences](const AuthorizationSubject& subject, const QString& from,
                                 const HttpRequest& request) {
            return repositories->allows(subject, Permission::RepositoryRead, from,
                                        HttpCredentials::clientAddress(request)) &&
                   licences->check(subject, from, request).allowed();
        });
    d->maintenanceLog = std::make_unique<MaintenanceLog>(d->registry->metadata());
    JobRunner::Options jobOptions;
    jobOptions.clock = o.clock;
    if (o.jobRunner) {
        d->jobs = o.jobRunner;
    } else {
        d->ownJobs = std::make_unique<JobRunner>(jobOptions);
        d->jobs = d->ownJobs.get();
    }
    // Each finished maintenance job (garbage collection, scrub...) leaves an audit record.
    connect(
        d->jobs, &JobRunner::jobChanged, d->audit.get(),
        [audit](const JobSnapshot& job) {
            if (job.isFinished() && job.kind == JobKind::Retention)
                audit->append(auditOf(job));
            if (job.isFinished() && (job.kind == JobKind::GarbageCollection || job.kind == JobKind::Scrub))
                audit->append(auditOf(job));
        },
        Qt::DirectConnection);
    d->gc = std::make_shared<GarbageCollector>(*d->registry);
    d->gc->setMaintenanceLog(d->maintenanceLog.get());
    d->scheduler = std::make_unique<MaintenanceScheduler>(*d->jobs, *d->maintenanceLog, *o.clock);
    MaintenanceScheduler::Task gcTask;
    gcTask.kind = MaintenanceLog::Gc;
    gcTask.jobKind = JobKind::GarbageCollection;
    gcTask.title = GcJob::title(GcOptions(), MaintenanceLog::Scheduled);
    gcTask.intervalSeconds = o.gcIntervalSeconds;
    std::shared_ptr<GarbageCollector> gc = d->gc;
    const qint64 grace = o.gcGracePeriodSeconds;
    gcTask.make = [gc, grace](const QString& trigger) {
        GcOptions options;
        options.gracePeriodSeconds = grace;
        return GcJob::make(gc, options, trigger);
    };
    d->scheduler->add(gcTask);
    MaintenanceScheduler::Task scrubTask;
    scrubTask.kind = MaintenanceLog::Scrub;
    scrubTask.jobKind = JobKind::Scrub;
    scrubTask.title = QStringLiteral("Scheduled scrub");
    scrubTask.intervalSeconds = o.scrubIntervalSeconds;
    RegistryService* registry = d->registry.get();
    scrubTask.make = [registry](const QString& trigger) { return Scrubber::task(*registry, trigger); };
    d->scheduler->add(scrubTask);
    // ---- retention (issue 6): every enabled policy, hourly unless configured otherwise
    d->retention = std::make_shared<RetentionRunner>(*d->registry, d->maintenanceLog.get());
    MaintenanceScheduler::Task retentionTask;
    retentionTask.kind = RetentionRunner::LogKind;
    retentionTask.jobKind = JobKind::Retention;
    retentionTask.title = RetentionJob::title(QString(), MaintenanceLog::Scheduled);
    retentionTask.intervalSeconds = o.retentionIntervalSeconds;
    std::shared_ptr<RetentionRunner> retention = d->retention;
    retentionTask.make = [retention](const QString& trigger) {
        return RetentionJob::make(retention, QString(), trigger);
    };
    if (o.retentionIntervalSeconds > 0) // 0: not on the schedule (runs start through the API)
        d->scheduler->add(retentionTask);
    // ---- metering: today's stored bytes per repository (the last sample of a day wins)
    MaintenanceScheduler::Task usageSampleTask;
    usageSampleTask.kind = StorageSampler::Kind;
    usageSampleTask.jobKind = JobKind::Other;
    usageSampleTask.title = QStringLiteral("Scheduled storage usage sample");
    usageSampleTask.intervalSeconds = o.usageSampleIntervalSeconds;
    usageSampleTask.make = [registry](const QString& trigger) {
        return StorageSampler::task(*registry, trigger);
    };
    d->scheduler->add(usageSampleTask);
    ApiServices services;
    services.registry = d->registry.get();
    services.gate = d->gate.get();
    services.identity = d->identity.get();
    services.audit = d->audit.get();
    services.jobs = d->jobs;
    services.maintenance = d->maintenanceLog.get();
    services.scheduler = d->scheduler.get();
    services.gc = d->gc;
    services.retention = d->retention;
    services.gcGracePeriodSeconds = o.gcGracePeriodSeconds;
    services.externalUrl = o.externalUrl;
    d->api = std::make_unique<ManagementApi>(services);
    d->api->addRoutes(*d->router);

    // ---- the portal (/portal): web sign-in, repositories, licences (issue 7)
    d->portalSessions = std::make_unique<PortalSessionStore>(*o.clock);
    PortalSessionStore* portalSessions = d->portalSessions.get();
    connect(
        d->identity.get(), &IdentityService::identityEvent, this,
        [portalSessions](const IdentityEvent& event) {
            if (event.type == IdentityEventType::UserPasswordChanged ||
                event.type == IdentityEventType::UserDeleted || event.type == IdentityEventType::UserLocked)
                portalSessions->endSessionsOf(event.target);
        },
        Qt::DirectConnection);
    PortalServices portal;
    portal.registry = d->registry.get();
    portal.signIn = d->signIn.get();
    portal.repositories = d->repositories.get();
    portal.audit = d->audit.get();
    portal.sessions = d->portalSessions.get();
    portal.externalUrl = o.externalUrl;
    PortalRoutes::add(*d->router, portal);

    RequestAuthenticator* authenticator = d->authenticator.get();
    d->router->setGuard([authenticator, licences](const HttpRequest& request, const Route& route,
                                                  RouteMatch& match) -> std::unique_ptr<HttpHandler> {
        AuthenticationOutcome outcome = authenticator->authenticate(request, route.access, match.name);
        if (!outcome.allowed())
            return std::make_unique<RefusalHandler>(std::move(outcome));
        if (LicenceGate::applies(request, route)) {
            AuthenticationOutcome licensed = licences->check(outcome.subject, match.name, request);
            if (!licensed.allowed())
                return std::make_unique<RefusalHandler>(std::move(licensed));
        }
        match.subject = outcome.subject;
        return nullptr;
    });
    return {};
}

const AdministratorBootstrap& RegistryHost::administratorBootstrap() const
{
    return d->bootstrap;
}

HttpHandlerFactory RegistryHost::handlerFactory() const
{
    return d->router->factory();
}

JobRunner& RegistryHost::jobs()
{
    return *d->jobs;
}

MaintenanceLog& RegistryHost::maintenanceLog()
{
    return *d->maintenanceLog;
}

MaintenanceScheduler& RegistryHost::scheduler()
{
    return *d->scheduler;
}

std::shared_ptr<GarbageCollector> RegistryHost::garbageCollector()
{
    return d->gc;
}

std::shared_ptr<RetentionRunner> RegistryHost::retention()
{
    return d->retention;
}

RegistryService& RegistryHost::registry()
{
    return *d->registry;
}

IdentityService& RegistryHost::identity()
{
    return *d->identity;
}

AuditLog& RegistryHost::audit()
{
    return *d->audit;
}

void RegistryHost::flush()
{
    if (d->registry)
        d->registry->flushStatistics();
    if (d->audit && d->audit->isOpen())
        (void)d->audit->flush();
}

} // namespace berth
