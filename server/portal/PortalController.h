#pragma once

#include "portal/PortalReply.h"
#include "portal/PortalRepositoryPages.h"
#include "portal/PortalServices.h"

#include <QCoreApplication>

namespace berth {

class HttpRequest;
struct PortalVisit;

/// Answers every request under /portal: finds the visitor's session from its cookie, checks every
/// POST (CSRF token of the session, Origin when present), signs in and out, serves the static assets
/// and hands browsing to PortalRepositoryPages. Thread-safe (the handlers of many connections share it).
class PortalController
{
    Q_DECLARE_TR_FUNCTIONS(PortalController)
public:
    static constexpr const char* CookieName = "berth_portal";
    static constexpr qint64 MaxFormBytes = 64 * 1024;

    explicit PortalController(PortalServices services);

    /// `body` is the whole request body (a form for POST; at most MaxFormBytes).
    PortalReply handle(const HttpRequest& request, const QByteArray& body) const;

    /// "berth_portal=<id>; Path=/portal; HttpOnly; Secure; SameSite=Lax".
    static QByteArray sessionCookie(const QByteArray& id);
    /// A /portal/ path to return to after signing in; "/portal/" for anything else.
    static QString safeNext(const QString& next);

private:
    PortalReply dispatch(PortalVisit& visit, const QString& path, const QByteArray& body) const;
    PortalReply staticAsset(const QString& name) const;
    PortalReply signInForm(PortalVisit& visit, const QString& next) const;
    PortalReply signIn(PortalVisit& visit, const QByteArray& body) const;
    PortalReply signOut(PortalVisit& visit, const QByteArray& body) const;
    /// Checks a POST's Origin and CSRF token; nullopt when it may go ahead, else the 403 reply.
    std::optional<PortalReply> refuseForm(const PortalVisit& visit, const QString& csrf) const;
    PortalReply methodNotAllowed(const PortalVisit& visit, const QByteArray& allowed) const;
    PortalReply notFound(const PortalVisit& visit) const;
    QString httpsNeeded(const PortalVisit& visit) const;

    PortalServices m_services;
    PortalRepositoryPages m_repositories;
};

} // namespace berth
