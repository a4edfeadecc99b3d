#pragma once

#include "util/Result.h"

#include <QList>
#include <QString>

namespace berth {

class MetadataStore;

/// Stored bytes of one repository: every blob and manifest it holds (repository_blobs; a manifest is
/// linked there with its own bytes). unique: held by no other repository; shared: also held by another.
struct RepositoryStorage
{
    QString repository;
    qint64 compartmentId = 1;
    qint64 storedBytes = 0;
    qint64 uniqueBytes = 0;
    qint64 sharedBytes() const { return storedBytes - uniqueBytes; }
};

/// Stored bytes of one compartment (its own repositories, not those below it): each blob once, however
/// many of its repositories hold it. unique: held by no repository outside the compartment.
struct CompartmentStorage
{
    qint64 compartmentId = 1;
    int repositories = 0;
    qint64 storedBytes = 0;
    qint64 uniqueBytes = 0;
    qint64 sharedBytes() const { return storedBytes - uniqueBytes; }
};

/// The registry's stored bytes now, from repository_blobs, with a few set-based queries (one pass over
/// the links per figure, whatever the number of repositories).
class StorageUsage
{
public:
    explicit StorageUsage(MetadataStore& metadata) : m_metadata(metadata) {}

    /// Every repository, by name.
    Result<QList<RepositoryStorage>> repositories() const;
    /// Every compartment that holds a repository, by row id.
    Result<QList<CompartmentStorage>> compartments() const;
    /// Bytes of distinct blobs and manifests the registry holds (each once).
    Result<qint64> totalBytes() const;

private:
    MetadataStore& m_metadata;
};

} // namespace berth
