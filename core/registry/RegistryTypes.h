#pragma once

#include "oci/Descriptor.h"
#include "oci/Digest.h"

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QStringList>

#include <optional>

namespace berth {

struct BlobInfo
{
    Digest digest;
    qint64 size = 0;
};

struct ManifestContent
{
    Digest digest;
    QString mediaType;
    QByteArray bytes;
};

struct PutManifestResult
{
    Digest digest;
    std::optional<Digest> subject; ///< set when the manifest has a subject (server sends OCI-Subject)
    bool created = true;           ///< false when the same bytes were already stored in this repository
    /// Limits at 80% or more after this push (core/governance); sent as Warning: 299 headers.
    QStringList warnings;
};

struct UploadStatus
{
    QString id;
    QString repository;
    qint64 offset = 0; ///< bytes received so far
};

/// One page of a sorted listing (tags, catalog). `more` says a next page exists.
struct NamePage
{
    QStringList names;
    bool more = false;
};

enum class RegistryEventType {
    RepositoryCreated,
    BlobPushed,
    BlobMounted,
    BlobDeleted,
    ManifestPushed,
    ManifestPulled,
    ManifestDeleted,
    TagUpdated,
    TagDeleted,
    RepositoryMoved,             ///< compartment / previousCompartment say from where to where
    RepositoryDeleted,
    RepositoryVisibilityChanged, ///< isPublic says which way
    BlobCollected,               ///< garbage collection removed the blob from the store (digest, bytes)
};

/// Emitted by RegistryService after each operation commits; audit, metering, the console consume it.
struct RegistryEvent
{
    RegistryEventType type = RegistryEventType::ManifestPushed;
    QString repository;
    Digest digest;
    QString tag;        ///< for tag events and pushes by tag
    qint64 bytes = 0;   ///< blob or manifest size
    QDateTime at;
    QString compartment;         ///< RepositoryCreated, RepositoryMoved: "A:B" ("" = the tenancy)
    QString previousCompartment; ///< RepositoryMoved
    bool isPublic = false;       ///< RepositoryVisibilityChanged
};

} // namespace berth

Q_DECLARE_METATYPE(berth::RegistryEvent)
