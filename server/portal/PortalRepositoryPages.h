#pragma once

#include "portal/PortalReply.h"
#include "portal/PortalServices.h"

#include <QCoreApplication>

namespace berth {

struct PortalVisit;

/// The browsing side of the portal: the repository list, a repository, its licence, and accepting
/// it. Only what the visitor may inspect is shown (public repositories to anonymous visitors);
/// anything else answers as if it did not exist.
class PortalRepositoryPages
{
    Q_DECLARE_TR_FUNCTIONS(PortalRepositoryPages)
public:
    explicit PortalRepositoryPages(PortalServices services);

    PortalReply index(const PortalVisit& visit) const;
    PortalReply repository(const PortalVisit& visit, const QString& name) const;
    PortalReply licence(const PortalVisit& visit, const QString& name) const;
    /// POST .../licence/accept, the form already checked (CSRF, Origin): accepts `version` for the
    /// signed-in user, records channel "portal" and the audit record licence.accepted, and returns to
    /// the repository; a version no longer in force shows the licence again with what changed.
    PortalReply accept(const PortalVisit& visit, const QString& name, const QString& version) const;

private:
    bool visible(const PortalVisit& visit, const QString& name) const;
    PortalReply notFound(const PortalVisit& visit, const QString& name) const;
    PortalReply failure(const PortalVisit& visit, const QString& what) const;

    PortalServices m_services;
};

} // namespace berth
