#pragma once

#include "licensing/LicenceStore.h"
#include "util/Result.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <functional>
#include <memory>
#include <optional>

namespace berth {

class AuditLog;
class RegistryHost;
class RegistryService;

/// The console's door to licences (RegistryService::licences()): every read and change runs on its own
/// worker thread, one at a time and in the order asked (never on the GUI thread), and its answer is
/// handed to the caller's function in the GUI thread. Destroying it waits for work in progress; answers
/// not yet delivered are dropped with it. Changes are audited (licence.published, licence.removed,
/// licence.accepted) when it was given an AuditLog.
class LicenceBrowser : public QObject
{
    Q_OBJECT
public:
    /// What the editor shows for one scope.
    struct ScopeState
    {
        std::optional<Licence> own;       ///< set on exactly this scope
        QList<LicenceVersion> versions;   ///< of `own`, newest first
        std::optional<Licence> inherited; ///< what gates it instead when it has none of its own
    };

    LicenceBrowser(RegistryService& registry, AuditLog* audit, QObject* parent = nullptr);
    ~LicenceBrowser() override;

    /// Who the console acts as: the bootstrap administrator ("admin" after the first start).
    static QString consoleUserName(const RegistryHost& host);
    /// The licence that gates a repository in `compartment`, from the list of every licence: its own,
    /// else the nearest compartment's above it (the rule LicenceStore applies).
    static std::optional<Licence> gatingLicence(const QList<Licence>& licences, const QString& repository,
                                                const CompartmentPath& compartment);
    /// The licence a compartment's contents inherit from above it (its own left aside).
    static std::optional<Licence> inheritedLicence(const QList<Licence>& licences,
                                                   const CompartmentPath& compartment);

    template <typename T> using Done = std::function<void(const Result<T>&)>;

    void loadScope(const LicenceScope& scope, Done<ScopeState> done);
    void list(Done<QList<Licence>> done);
    void publish(const LicenceScope& scope, const LicenceVersion& version, const QString& actor,
                 Done<Licence> done);
    void remove(const LicenceScope& scope, const QString& actor, Done<bool> done);
    void check(const QString& repository, const QString& userName, Done<LicenceCheck> done);
    /// Records the acceptance with channel "console".
    void accept(const QString& repository, const QString& version, const QString& userName,
                Done<LicenceAcceptance> done);
    void acceptances(const LicenceAcceptanceFilter& filter, Done<QList<LicenceAcceptance>> done);

    bool isIdle() const { return m_pending == 0; }
    /// Blocks (turning the event loop) until every answer asked for so far was delivered (tests).
    bool waitForIdle(int timeoutMs = 10'000);

signals:
    /// Every answer asked for so far has been delivered.
    void idle();

private:
    template <typename T> void run(std::function<Result<T>()> work, Done<T> done)
    {
        ++m_pending;
        m_pool.start([this, work = std::move(work), done = std::move(done)] {
            auto result = std::make_shared<Result<T>>(work());
            QMetaObject::invokeMethod(
                this,
                [this, result, done] {
                    --m_pending;
                    // `done` may open a dialog, during which this browser may be deleted.
                    QPointer<LicenceBrowser> self(this);
                    if (done)
                        done(*result);
                    if (self && self->m_pending == 0)
                        emit self->idle();
                },
                Qt::QueuedConnection);
        });
    }
    void audit(const QString& actor, const QString& action, const LicenceScope& scope, const QString& version,
               const QString& title) const;

    RegistryService& m_registry;
    AuditLog* m_audit = nullptr;
    QThreadPool m_pool;
    int m_pending = 0; ///< GUI thread only
};

} // namespace berth
