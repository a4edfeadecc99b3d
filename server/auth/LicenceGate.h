#pragma once

#include "auth/RequestAuthenticator.h"
#include "licensing/Licence.h"

#include <QString>

namespace berth {

class HttpRequest;
class LicenceStore;
class RepositoryAuthorizer;
struct Route;

/// The refusal of a pull that needs a licence accepted first, written for the person at the client:
/// which licence and version, and where to accept it (the portal page, or `berthctl licence accept`);
/// anonymous callers are told to sign in first. `base` is the server's public address
/// ("http://registry.example.com", see PublicAddress::base).
QString LicenceGateMessage(const QString& repository, const Licence& licence, const QString& base,
                           bool anonymous);

/// Keeps pulls from licence-gated repositories back until the user accepted the licence in force.
/// Only GET and HEAD of manifests and blobs are gated (not uploads, tag lists or referrers); users
/// allowed to push to the repository (administrators included) are not gated. The refusal is 403
/// DENIED with LicenceGateMessage for everybody, anonymous callers included. With no licence in the
/// registry at all a check costs no SQL (LicenceStore::check's fast path). Thread-safe.
class LicenceGate
{
public:
    /// `externalUrl` as configured for berthd ("" when none: the request's Host header is used).
    LicenceGate(LicenceStore& licences, RepositoryAuthorizer& repositories, QString externalUrl);

    /// Is this request one the gate looks at (GET/HEAD of /v2/{name}/manifests/.. or /blobs/..)?
    static bool applies(const HttpRequest& request, const Route& route);
    /// Allowed (with `subject`) or Denied with the message. Ask only for requests that apply().
    AuthenticationOutcome check(const AuthorizationSubject& subject, const QString& repository,
                                const HttpRequest& request) const;

    /// base + "/portal/repositories/<repository>/licence": where a person reads and accepts it.
    static QString portalUrl(const QString& base, const QString& repository);

private:
    LicenceStore& m_licences;
    RepositoryAuthorizer& m_repositories;
    QString m_externalUrl;
};

} // namespace berth
