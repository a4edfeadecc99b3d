#pragma once

#include "iam/CompartmentPath.h"
#include "oci/Digest.h"

#include <QString>

namespace berth {

/// Where the console's main area is: the tenancy or a compartment (its repositories), a repository
/// (its images), or one manifest of a repository (by tag or digest).
struct Location
{
    enum class Kind
    {
        Compartment, ///< the tenancy is the compartment with the empty path
        Repository,
        Manifest,
    };
    Kind kind = Kind::Compartment;
    CompartmentPath compartment;
    QString repository;
    QString tag;   ///< Manifest: the tag it was opened by (may be empty)
    Digest digest; ///< Manifest

    static Location ofCompartment(const CompartmentPath& path)
    {
        return {Kind::Compartment, path, {}, {}, {}};
    }
    static Location ofRepository(const CompartmentPath& compartment, const QString& repository)
    {
        return {Kind::Repository, compartment, repository, {}, {}};
    }
    static Location ofManifest(const CompartmentPath& compartment, const QString& repository,
                               const QString& tag, const Digest& digest)
    {
        return {Kind::Manifest, compartment, repository, tag, digest};
    }
};

} // namespace berth
