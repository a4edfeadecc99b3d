#include "portal/PortalRepositoryPages.h"

#include "audit/AuditLog.h"
#include "auth/RepositoryAuthorizer.h"
#include "iam/IamErrors.h"
#include "licensing/LicenceStore.h"
#include "portal/PortalPages.h"
#include "portal/PortalVisit.h"
#include "registry/RegistryService.h"
#include "registry/RepositoryCatalog.h"

#include <QJsonObject>
#include <QUrl>

namespace berth {

namespace {

constexpr int TagsShown = 100;

QByteArray repositoryPath(const QString& name)
{
    return (QStringLiteral("/portal/repositories/") + PortalHtml::pathOf(name)).toUtf8();
}

/// The licence that gates the repository among `all`, as LicenceStore::licenceFor answers: its own,
/// else the nearest compartment's above it; nullptr when none.
const Licence* gatingLicence(const QList<Licence>& all, const QString& repository,
                             const CompartmentPath& compartment)
{
    const Licence* nearest = nullptr;
    int depth = -1;
    for (const Licence& l : all) {
        if (l.scope.kind == LicenceScope::Kind::Repository && l.scope.repository == repository)
            return &l;
        if (l.scope.kind == LicenceScope::Kind::Compartment && l.scope.compartment.contains(compartment) &&
            l.scope.compartment.depth() > depth) {
            nearest = &l;
            depth = l.scope.compartment.depth();
        }
    }
    return nearest;
}

} // namespace

PortalRepositoryPages::PortalRepositoryPages(PortalServices services) : m_services(std::move(services)) {}

bool PortalRepositoryPages::visible(const PortalVisit& visit, const QString& name) const
{
    return m_services.repositories->allows(visit.subject(), Permission::RepositoryInspect, name,
                                           visit.clientAddress);
}

PortalReply PortalRepositoryPages::notFound(const PortalVisit& visit, const QString& name) const
{
    const QString text =
        visit.signedIn()
            ? tr("There is no repository %1, or you may not see it.").arg(name)
            : tr("There is no public repository %1. If it is not public, sign in to see it.").arg(name);
    return PortalReply::html(404,
                             PortalPages::message(tr("Repository not found"), text,
                                                  visit.chrome(QString::fromUtf8(repositoryPath(name)))));
}

PortalReply PortalRepositoryPages::failure(const PortalVisit& visit, const QString& what) const
{
    return PortalReply::html(
        500, PortalPages::message(tr("Something went wrong"),
                                  tr("The registry could not %1. Try again; if it keeps failing, tell the "
                                     "registry's administrator (the server log has the details).")
                                      .arg(what),
                                  visit.chrome()));
}

PortalReply PortalRepositoryPages::index(const PortalVisit& visit) const
{
    auto all = RepositoryCatalog(m_services.registry->metadata()).repositories();
    if (!all)
        return failure(visit, tr("list the repositories"));
    // Every licence in one query and one policy decision for all repositories, in memory.
    auto licences = m_services.registry->licences().list();
    if (!licences)
        return failure(visit, tr("list the repositories' licences"));
    QStringList names;
    for (const RepositorySummary& summary : all.value())
        names.append(summary.name);
    const QVector<bool> shown = m_services.repositories->allowsEach(
        visit.subject(), Permission::RepositoryInspect, names, visit.clientAddress);
    QList<PortalRepositoryRow> rows;
    for (int i = 0; i < all->size(); ++i) {
        if (!shown.value(i))
            continue;
        const RepositorySummary& summary = all->at(i);
        PortalRepositoryRow row;
        row.name = summary.name;
        row.description = summary.description;
        row.isPublic = summary.isPublic;
        row.tagCount = summary.tagCount;
        if (const Licence* licence = gatingLicence(licences.value(), summary.name, summary.compartment))
            row.licence = licence->current;
        rows.append(row);
    }
    return PortalReply::html(200, PortalPages::repositoryList(rows, visit.chrome()));
}

PortalReply PortalRepositoryPages::repository(const PortalVisit& visit, const QString& name) const
{
    auto summary = RepositoryCatalog(m_services.registry->metadata()).repository(name);
    if (!summary)
        return failure(visit, tr("read the repository"));
    if (!summary.value() || !visible(visit, name))
        return notFound(visit, name);
    PortalRepositoryView view;
    view.name = name;
    view.description = summary.value()->description;
    view.isPublic = summary.value()->isPublic;
    view.registryHost = visit.origin.host();
    view.signedIn = visit.signedIn();
    if (auto tags = m_services.registry->listTags(name, TagsShown, QString())) {
        view.tags = tags.value().names;
        view.moreTags = tags.value().more;
    }
    auto check = m_services.registry->licences().check(name, visit.userName());
    if (!check)
        return failure(visit, tr("check the repository's licence"));
    view.licence = check.value();
    // As the /v2 gate decides: those who may push are not held back by the licence.
    view.mayPush = view.signedIn && view.licence.required && !view.licence.accepted &&
                   m_services.repositories
                       ->decide(visit.subject(), Permission::RepositoryUpdate, name, visit.clientAddress,
                                std::nullopt, false)
                       .allowed;
    return PortalReply::html(
        200, PortalPages::repository(view, visit.chrome(QString::fromUtf8(repositoryPath(name)))));
}

PortalReply PortalRepositoryPages::licence(const PortalVisit& visit, const QString& name) const
{
    if (!m_services.registry->repositoryExists(name) || !visible(visit, name))
        return notFound(visit, name);
    auto check = m_services.registry->licences().check(name, visit.userName());
    if (!check)
        return failure(visit, tr("read the repository's licence"));
    const QString here = QString::fromUtf8(repositoryPath(name)) + QStringLiteral("/licence");
    if (!check.value().required)
        return PortalReply::html(
            404, PortalPages::message(tr("No licence"),
                                      tr("Repository %1 needs no licence: pull it as usual.").arg(name),
                                      visit.chrome(here)));
    PortalLicenceView view;
    view.repository = name;
    view.licence = check.value();
    view.signedIn = visit.signedIn();
    view.csrfToken = visit.session ? visit.session->csrfToken : QByteArray();
    return PortalReply::html(200, PortalPages::licence(view, visit.chrome(here)));
}

PortalReply PortalRepositoryPages::accept(const PortalVisit& visit, const QString& name,
                                          const QString& version) const
{
    const QByteArray here = repositoryPath(name) + "/licence";
    if (!visit.signedIn())
        return PortalReply::redirect("/portal/sign-in?next=" +
                                     QUrl::toPercentEncoding(QString::fromUtf8(here)));
    if (!m_services.registry->repositoryExists(name) || !visible(visit, name))
        return notFound(visit, name);
    const RepositoryAuthorizer::Outcome read = m_services.repositories->decide(
        visit.subject(), Permission::RepositoryRead, name, visit.clientAddress);
    if (!read.allowed)
        return PortalReply::html(
            403, PortalPages::message(
                     tr("Not allowed"),
                     tr("You may not pull from %1, so there is no licence for you to accept. Ask the "
                        "registry's administrator for read access.")
                         .arg(name),
                     visit.chrome()));
    LicenceStore& licences = m_services.registry->licences();
    auto accepted =
        licences.accept(name, version, visit.userName(), visit.clientAddress, QStringLiteral("portal"));
    if (!accepted) {
        if (IamErrors::reason(accepted.error()) == QLatin1String("CONFLICT")) {
            auto check = licences.check(name, visit.userName());
            if (!check)
                return failure(visit, tr("read the repository's licence"));
            if (!check.value().required)
                return PortalReply::redirect(repositoryPath(name));
            PortalLicenceView view;
            view.repository = name;
            view.licence = check.value();
            view.signedIn = true;
            view.csrfToken = visit.session->csrfToken;
            view.notice =
                tr("The licence changed since you opened it: you read version %1, and version %2 is in "
                   "force now. Read it below and click Continue to accept it.")
                    .arg(version, check.value().licence.current.version);
            return PortalReply::html(409, PortalPages::licence(view, visit.chrome()));
        }
        if (IamErrors::reason(accepted.error()) == QLatin1String("NOT_FOUND"))
            return PortalReply::html(
                404, PortalPages::message(tr("No licence"), accepted.error().message, visit.chrome()));
        return failure(visit, tr("record that you accepted the licence"));
    }
    if (m_services.audit) {
        const LicenceAcceptance& acceptance = accepted.value();
        AuditRecord record;
        record.actor = visit.userName();
        record.clientAddress = visit.clientAddress;
        record.action = QStringLiteral("licence.accepted");
        record.target = acceptance.scope.kind == LicenceScope::Kind::Repository
                            ? acceptance.scope.repository
                            : acceptance.scope.compartment.toString();
        record.details = QJsonObject{{QStringLiteral("version"), acceptance.version},
                                     {QStringLiteral("title"), acceptance.title},
                                     {QStringLiteral("channel"), acceptance.channel},
                                     {QStringLiteral("repository"), name}};
        m_services.audit->append(record);
    }
    return PortalReply::redirect(repositoryPath(name));
}

} // namespace berth
