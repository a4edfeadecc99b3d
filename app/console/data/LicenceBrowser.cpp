#include "data/LicenceBrowser.h"

#include "audit/AuditLog.h"
#include "host/RegistryHost.h"
#include "iam/IdentityService.h"
#include "registry/RegistryService.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QThread>

namespace berth {

namespace {

const QString ConsoleChannel = QStringLiteral("console");

QString auditTarget(const LicenceScope& scope)
{
    return scope.kind == LicenceScope::Kind::Repository ? scope.repository : scope.compartment.toString();
}

} // namespace

LicenceBrowser::LicenceBrowser(RegistryService& registry, AuditLog* audit, QObject* parent)
    : QObject(parent), m_registry(registry), m_audit(audit)
{
    m_pool.setMaxThreadCount(1); // one at a time: a change is seen by the read that follows it
    m_pool.setObjectName(QStringLiteral("LicenceBrowser"));
}

LicenceBrowser::~LicenceBrowser()
{
    m_pool.waitForDone(); // tasks post to this object: it must outlive them
}

QString LicenceBrowser::consoleUserName(const RegistryHost& host)
{
    const QString name = host.administratorBootstrap().userName;
    return name.isEmpty() ? QString::fromLatin1(IdentityService::InitialAdministrator) : name;
}

std::optional<Licence> LicenceBrowser::gatingLicence(const QList<Licence>& licences,
                                                     const QString& repository,
                                                     const CompartmentPath& compartment)
{
    for (const Licence& licence : licences)
        if (licence.scope.kind == LicenceScope::Kind::Repository && licence.scope.repository == repository)
            return licence;
    const Licence* nearest = nullptr;
    for (const Licence& licence : licences) {
        if (licence.scope.kind != LicenceScope::Kind::Compartment ||
            !licence.scope.compartment.contains(compartment))
            continue;
        if (!nearest || licence.scope.compartment.depth() > nearest->scope.compartment.depth())
            nearest = &licence;
    }
    return nearest ? std::optional<Licence>(*nearest) : std::nullopt;
}

std::optional<Licence> LicenceBrowser::inheritedLicence(const QList<Licence>& licences,
                                                        const CompartmentPath& compartment)
{
    if (compartment.isTenancy())
        return std::nullopt;
    return gatingLicence(licences, QString(), compartment.parent());
}

void LicenceBrowser::loadScope(const LicenceScope& scope, Done<ScopeState> done)
{
    LicenceStore* store = &m_registry.licences();
    run<ScopeState>(
        [store, scope]() -> Result<ScopeState> {
            ScopeState state;
            auto own = store->licenceOf(scope);
            if (!own)
                return own.error();
            state.own = own.value();
            if (state.own) {
                auto versions = store->versions(state.own->ocid);
                if (!versions)
                    return versions.error();
                state.versions = versions.value();
                return state;
            }
            if (scope.kind == LicenceScope::Kind::Repository) {
                auto gating = store->licenceFor(scope.repository);
                if (!gating)
                    return gating.error();
                state.inherited = gating.value();
                return state;
            }
            auto all = store->list();
            if (!all)
                return all.error();
            state.inherited = inheritedLicence(all.value(), scope.compartment);
            return state;
        },
        std::move(done));
}

void LicenceBrowser::list(Done<QList<Licence>> done)
{
    LicenceStore* store = &m_registry.licences();
    run<QList<Licence>>([store]() { return store->list(); }, std::move(done));
}

void LicenceBrowser::publish(const LicenceScope& scope, const LicenceVersion& version, const QString& actor,
                             Done<Licence> done)
{
    LicenceStore* store = &m_registry.licences();
    run<Licence>(
        [this, store, scope, version, actor]() -> Result<Licence> {
            LicenceVersion published = version;
            published.publishedBy = actor;
            auto licence = store->publish(scope, published);
            if (licence)
                audit(actor, QStringLiteral("licence.published"), scope, licence->current.version,
                      licence->current.title);
            return licence;
        },
        std::move(done));
}

void LicenceBrowser::remove(const LicenceScope& scope, const QString& actor, Done<bool> done)
{
    LicenceStore* store = &m_registry.licences();
    run<bool>(
        [this, store, scope, actor]() -> Result<bool> {
            auto own = store->licenceOf(scope);
            if (!own)
                return own.error();
            auto removed = store->remove(scope);
            if (!removed)
                return removed.error();
            audit(actor, QStringLiteral("licence.removed"), scope,
                  own.value() ? own.value()->current.version : QString(),
                  own.value() ? own.value()->current.title : QString());
            return true;
        },
        std::move(done));
}

void LicenceBrowser::check(const QString& repository, const QString& userName, Done<LicenceCheck> done)
{
    LicenceStore* store = &m_registry.licences();
    run<LicenceCheck>([store, repository, userName]() { return store->check(repository, userName); },
                      std::move(done));
}

void LicenceBrowser::accept(const QString& repository, const QString& version, const QString& userName,
                            Done<LicenceAcceptance> done)
{
    LicenceStore* store = &m_registry.licences();
    run<LicenceAcceptance>(
        [this, store, repository, version, userName]() -> Result<LicenceAcceptance> {
            auto accepted = store->accept(repository, version, userName, QString(), ConsoleChannel);
            if (accepted)
                audit(userName, QStringLiteral("licence.accepted"), accepted->scope, accepted->version,
                      accepted->title);
            return accepted;
        },
        std::move(done));
}

void LicenceBrowser::acceptances(const LicenceAcceptanceFilter& filter, Done<QList<LicenceAcceptance>> done)
{
    LicenceStore* store = &m_registry.licences();
    run<QList<LicenceAcceptance>>([store, filter]() { return store->acceptances(filter); }, std::move(done));
}

void LicenceBrowser::audit(const QString& actor, const QString& action, const LicenceScope& scope,
                           const QString& version, const QString& title) const
{
    if (!m_audit)
        return;
    AuditRecord record;
    record.actor = actor;
    record.action = action;
    record.target = auditTarget(scope);
    record.decision = AuditDecision::Allowed;
    record.details = QJsonObject{{QStringLiteral("version"), version},
                                 {QStringLiteral("title"), title},
                                 {QStringLiteral("channel"), ConsoleChannel}};
    m_audit->append(std::move(record));
}

bool LicenceBrowser::waitForIdle(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (m_pending > 0) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(2);
    }
    return true;
}

} // namespace berth
