#pragma once

#include "routing/Router.h"

#include <QStringList>
#include <QVector>
#include <functional>

namespace berth {

class RegistryService;

/// The OCI Distribution API v1.1 (/v2/...) as rows of the route table.
class DistributionApi
{
public:
    /// May this subject see these repositories in the catalog (REPOSITORY_INSPECT)? Asked once per page:
    /// element i answers for repositories[i].
    using InspectFilter = std::function<QVector<bool>(
        const AuthorizationSubject& subject, const QStringList& repositories, const QString& clientAddress)>;

    /// May this subject take blobs from this repository into another by a cross-repository mount
    /// (POST .../blobs/uploads/?mount=&from=)? A mount copies what a pull would give, so the caller must
    /// be allowed to pull from it (policy, and the licence in force accepted).
    using MountFilter = std::function<bool(const AuthorizationSubject& subject, const QString& from,
                                           const HttpRequest& request)>;

    /// Without an inspect filter the catalog lists every repository. Without a mount filter every
    /// mount is allowed, from any repository and, with no `from`, from wherever the blob is; with one
    /// a mount needs `from` and the filter's yes, else the client gets an ordinary upload session.
    static void addRoutes(Router& router, RegistryService& registry, InspectFilter canInspect = {},
                          MountFilter canMountFrom = {});
};

} // namespace berth
