#pragma once

#include "iam/CompartmentPath.h"
#include "retention/RetentionPlan.h"
#include "retention/RetentionPolicy.h"
#include "util/Error.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QThreadPool>
#include <atomic>
#include <functional>

namespace berth {

class RegistryHost;

/// What the retention dialogs are about: one repository, or one compartment (the tenancy is the empty
/// path).
struct RetentionTarget
{
    QString repository; ///< empty: the compartment
    CompartmentPath compartment;

    bool isRepository() const { return !repository.isEmpty(); }
    /// "repository team/app", "compartment Apps", "the tenancy".
    QString describe() const;
};

/// The console's door to retention, in the manner of GcBrowser: policies, plans and saves are worked out
/// on its own worker threads (never on the GUI thread) and come back as signals in the GUI thread,
/// tagged with the request id; runs are jobs on the host's runner (the jobs panel shows them).
class RetentionBrowser : public QObject
{
    Q_OBJECT
public:
    explicit RetentionBrowser(RegistryHost& host, QObject* parent = nullptr);
    ~RetentionBrowser() override;

    /// The policies that apply to the target: for a repository those on it and on its compartments, for
    /// a compartment those attached to it and to the compartments above it (disabled ones too).
    quint64 loadPolicies(const RetentionTarget& target);
    /// Creates the policy (previousName empty) or replaces the one named previousName.
    quint64 save(const QString& previousName, const RetentionPolicy& policy);
    quint64 remove(const QString& name);
    /// The dry run of one policy.
    quint64 plan(const QString& name);
    /// Runs the policy as a job on the host's runner; returns the job's id.
    quint64 apply(const QString& name);

    /// Blocks until every request made so far has been answered (tests).
    bool waitForIdle(int timeoutMs = 10'000);

signals:
    void policiesLoaded(quint64 id, const QList<berth::RetentionPolicy>& policies);
    void saved(quint64 id, const berth::RetentionPolicy& policy);
    void removed(quint64 id);
    void planLoaded(quint64 id, const berth::RetentionPlan& plan);
    void failed(quint64 id, const berth::Error& error);

private:
    /// Runs `work` on the pool; `deliver` runs in the GUI thread with its answer.
    quint64 request(std::function<std::function<void(quint64)>()> work);

    RegistryHost& m_host;
    QThreadPool m_pool;
    std::atomic<quint64> m_nextId{1};
    std::atomic<int> m_pending{0};
};

} // namespace berth

Q_DECLARE_METATYPE(berth::RetentionPolicy)
Q_DECLARE_METATYPE(berth::RetentionPlan)
