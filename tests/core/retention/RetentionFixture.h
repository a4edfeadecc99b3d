#pragma once

#include "core/gc/GcFixture.h"
#include "maintenance/MaintenanceLog.h"
#include "retention/RetentionRunner.h"

#include <QJsonObject>
#include <memory>

namespace berth::test {

/// A registry (GcFixture: temporary directory, ManualClock) with a RetentionRunner that records its runs,
/// and helpers to push distinct images, pull them, let days pass and read plans.
class RetentionFixture : public GcFixture
{
public:
    RetentionFixture();

    RetentionRunner& retention() { return *m_runner; }
    MaintenanceLog& log() { return *m_log; }

    /// Pushes an image of its own (config and one layer made from `seed`); tag empty = by digest.
    Blob push(const QString& repository, const QString& tag, const QString& seed,
              const std::optional<Blob>& subject = {});
    /// Pushes an index over the manifests (already pushed), tagged when tag is not empty.
    Blob pushIndex(const QString& repository, const QList<Blob>& children, const QString& tag);
    /// Pulls by tag or digest and writes the pull statistics.
    void pull(const QString& repository, const QString& reference);
    void daysPass(int days) { clock().advance(qint64(days) * 24 * 3600); }

    /// Creates a policy on a repository (or, when `repository` starts with "compartment:", on the
    /// compartment path after it); fails the test on an error.
    RetentionPolicy addPolicy(const QString& name, const QJsonObject& rules, const QString& repository);

    /// Digests of the plan's deleted and kept images in one repository, tags removed alone as "tag".
    static QStringList deleted(const RetentionPlan& plan, const QString& repository = QString());
    static QStringList kept(const RetentionPlan& plan, const QString& repository = QString());
    static QStringList removedTags(const RetentionPlan& plan);
    /// The rule recorded for the image in the plan (deleted or kept), or "" when not in it.
    static QString ruleOf(const RetentionPlan& plan, const Digest& digest);

private:
    std::unique_ptr<MaintenanceLog> m_log;
    std::unique_ptr<RetentionRunner> m_runner;
};

} // namespace berth::test
