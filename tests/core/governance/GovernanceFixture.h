#pragma once

#include "governance/RegistryLimits.h"
#include "registry/RegistryService.h"
#include "util/Clock.h"

#include <QTemporaryDir>
#include <memory>

namespace berth {

/// A registry in a temporary directory with small limits and a manual clock, plus helpers that push
/// distinct image manifests (all sharing one config and one layer, told apart by an annotation).
class GovernanceFixture
{
public:
    explicit GovernanceFixture(RegistryLimits limits);

    RegistryService& registry() { return *m_registry; }
    ManualClock& clock() { return m_clock; }
    const QString& dataDirectory() const { return m_dataDirectory; }

    /// Pushes the config and layer blobs into the repository (creating it).
    Result<void> pushBlobs(const QString& repository);
    /// The bytes of image manifest number n (distinct for each n).
    QByteArray imageManifest(int n) const;
    /// Pushes image manifest n under `tag` (by digest when empty); pushBlobs first.
    Result<PutManifestResult> pushImage(const QString& repository, int n, const QString& tag = QString());
    /// An index of image manifests `children` (pushed first), itself pushed under `tag`.
    Result<PutManifestResult> pushIndex(const QString& repository, const QList<int>& children,
                                        const QString& tag);

private:
    QTemporaryDir m_dir;
    QString m_dataDirectory;
    ManualClock m_clock;
    std::unique_ptr<RegistryService> m_registry;
    QByteArray m_config;
    QByteArray m_layer;
};

} // namespace berth
