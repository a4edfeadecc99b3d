#pragma once

#include "TarListing.h"
#include "jobs/JobContext.h"
#include "registry/RegistryService.h"
#include "support/core/VerifyOk.h"

#include <QJsonObject>
#include <QPair>
#include <QStringList>
#include <QTemporaryDir>
#include <atomic>
#include <memory>

namespace berth::exporttest {

// Digests of the fixture images (build/test-images/SUMMARY.txt).
inline const QString SingleManifest =
    QStringLiteral("ba1e2568af7850df541b95b9ec19936167a2f570385b9b74b1bdee9da32b331b");
inline const QString SingleConfig =
    QStringLiteral("eeb08f89300e72ce01a992a49f855c9c5c672ed07543ff118b2df30c8dd6b469");
inline const QString MultiIndex =
    QStringLiteral("67a1167efc05d94c540fb46adabd1e5f0eb30a1c30a727e44b788b310a5d64e9");
inline const QString MultiAmd64 =
    QStringLiteral("1d45082f031a4c8d6de4673eae5ca36ba69131303d7227c31945bdcdbf8aedcf");
inline const QString MultiArm64 =
    QStringLiteral("e0a477b36734b4079a46354599f1103c91ca62d53be5ec0c2c26ee70681292ff");

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
