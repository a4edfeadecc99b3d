#pragma once

#include <QString>

namespace berth {

/// A repository and tag as an archive names an image ("docker.io/library/busybox:1.36",
/// "feas/single:v1", "v1"), with any registry host stripped. Either part may be empty: a bare
/// tag names no repository, a name without ":tag" no tag. Names are not validated here.
struct ImportImageName
{
    QString repository;
    QString tag;

    /// A full reference: [host/]path[:tag][@digest]. The first component is a registry host when it
    /// holds '.' or ':' or is "localhost".
    static ImportImageName fromReference(const QString& reference);
    /// An org.opencontainers.image.ref.name annotation: a bare tag ("v1") or a full reference.
    static ImportImageName fromRefName(const QString& refName);
    /// A repository name made from a file or folder name ("My Image.tar.gz" -> "my-image"), for
    /// archives that name no repository; empty when nothing usable is left.
    static QString repositoryFromFileName(const QString& path);
};

} // namespace berth
