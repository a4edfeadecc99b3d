#pragma once

#include "TarListing.h"
#include "jobs/JobContext.h"
#include "registry/RegistryService.h"
#include "support/core/FixtureDigests.h"
#include "support/core/VerifyOk.h"

#include <QJsonObject>
#include <QPair>
#include <QStringList>
#include <QTemporaryDir>
#include <atomic>
#include <memory>

namespace berth::exporttest {

// Hex parts of the fixture images' digests (the digests themselves are in FixtureDigests.h).
inline const QString SingleManifest = fixtures::SingleImage.mid(7);
inline const QString SingleConfig = fixtures::SingleConfig.mid(7);
inline const QString MultiIndex = fixtures::MultiIndex.mid(7);
inline const QString MultiAmd64 = fixtures::MultiAmd64.mid(7);
inline const QString MultiArm64 = fixtures::MultiArm64.mid(7);

/// Records what the exporter reports; cancels once `cancelAfter` bytes were reported.
class RecordingContext : public JobContext
{
public:
    qint64 cancelAfter = -1;
    std::atomic<bool> cancelled{false};
    QList<QPair<qint64, qint64>> progress;
    QStringList statuses;

    bool isCancelled() const override { return cancelled.load(); }
    void setProgress(qint64 done, qint64 total) override
    {
        progress.append({done, total});
        if (cancelAfter >= 0 && done >= cancelAfter)
            cancelled = true;
    }
    void setStatus(const QString& text) override { statuses.append(text); }
};

/// A registry on a temporary directory holding the fixture images, a folder for archives, and checks
/// shared by the export tests. Repositories: team/single:v1 (oci-single), team/multi:v1 (oci-multi),
/// charts/feas:0.1.0 (helm-chart), team/app:v1,v2 (oci-single) and :multi (oci-multi), team/big:v1
/// (a synthetic image with a 5 MiB layer).
class ExportFixture
{
public:
    /// Call from initTestCase: QFAILs when a fixture or skopeo is missing.
    void setUp();
    RegistryService& registry() { return *m_registry; }
    QString out(const QString& name) const { return m_out.filePath(name); }

    static QString fixtures();
    /// Runs skopeo (with --insecure-policy); false, with its error output logged, when it fails.
    static bool skopeo(const QStringList& args, QByteArray* output = nullptr);
    /// Every blob entry's content hashes to its name, and every entry is deterministic.
    static void verifyArchive(const TarListing& tar);
    /// Neither `path` nor its .part file exists.
    static void verifyNoFile(const QString& path);
    /// The hex names of the blobs of an OCI layout folder, sorted.
    static QStringList layoutBlobs(const QString& layoutDir);
    static QJsonObject jsonObject(const QByteArray& bytes);

private:
    QTemporaryDir m_data;
    QTemporaryDir m_out;
    std::unique_ptr<RegistryService> m_registry;
};

} // namespace berth::exporttest
