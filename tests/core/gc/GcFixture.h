#pragma once

#include "gc/GarbageCollector.h"
#include "registry/RegistryService.h"

#include <QByteArray>
#include <QTemporaryDir>
#include <memory>

namespace berth::test {

/// Bytes and their digest.
struct Blob
{
    QByteArray bytes;
    Digest digest;
};

Blob blob(const QByteArray& bytes);
/// An OCI image manifest for the config and layers, optionally with a subject (a referrer).
Blob imageManifest(const Blob& config, const QList<Blob>& layers, const std::optional<Blob>& subject = {});
/// An OCI index listing the manifests.
Blob indexManifest(const QList<Blob>& children);

/// A registry in a temporary directory with a ManualClock, and a garbage collector on it.
class GcFixture
{
public:
    GcFixture();
    ~GcFixture();

    RegistryService& service() { return *m_service; }
    GarbageCollector& gc() { return *m_gc; }
    ManualClock& clock() { return m_clock; }

    /// Uploads the blob into the repository (start, one PATCH, complete); false on any failure.
    bool pushBlob(const QString& repository, const Blob& b);
    /// Puts the manifest bytes; tag empty = by digest. Blobs must be pushed first.
    bool putManifest(const QString& repository, const Blob& manifest, const QString& tag,
                     const QString& mediaType);
    /// Pushes config + layers + manifest, tagged when tag is not empty; returns the manifest.
    Blob pushImage(const QString& repository, const Blob& config, const QList<Blob>& layers,
                   const QString& tag, const std::optional<Blob>& subject = {});
    bool stored(const Digest& digest) const;
    qint64 storedSize(const Digest& digest) const;

private:
    QTemporaryDir m_dir;
    ManualClock m_clock;
    std::unique_ptr<RegistryService> m_service;
    std::unique_ptr<GarbageCollector> m_gc;
};

} // namespace berth::test
