#include "data/RegistryBrowser.h"

#include "iam/IdentityService.h"
#include "registry/RegistryService.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QSet>
#include <QThreadPool>
#include <QTimer>
#include <atomic>
#include <functional>

namespace berth {

namespace {

/// Who the registry's and identity service's events name as making the console's changes.
const QString Actor = QStringLiteral("console");
/// How long change events are gathered before the views hear of them.
constexpr int CoalesceMs = 250;

void registerMetaTypes()
{
    static const bool done = [] {
        qRegisterMetaType<berth::CompartmentPath>();
        qRegisterMetaType<QList<berth::CompartmentRecord>>();
        qRegisterMetaType<QList<berth::RepositorySummary>>();
        qRegisterMetaType<berth::RepositorySummary>();
        qRegisterMetaType<berth::TagRowPage>();
        qRegisterMetaType<QList<berth::TagRow>>();
        qRegisterMetaType<berth::ImageDetail>();
        qRegisterMetaType<QList<berth::SearchHit>>();
        qRegisterMetaType<berth::Error>();
        qRegisterMetaType<berth::RegistryEvent>();
        qRegisterMetaType<berth::IdentityEvent>();
        return true;
    }();
    Q_UNUSED(done);
}

Result<void> voidOf(const Result<CompartmentRecord>& r)
{
    if (!r)
        return r.error();
    return {};
}

} // namespace

struct RegistryBrowser::Private
{
    Private(RegistryService& r, IdentityService& i) : registry(r), identity(i), catalog(r) {}

    RegistryService& registry;
    IdentityService& identity;
    ImageCatalog catalog;
    QThreadPool pool;
    /// False once the browser is being destroyed: late answers are dropped.
    std::shared_ptr<std::atomic<bool>> alive = std::make_shared<std::atomic<bool>>(true);
    quint64 nextId = 1;
    int pending = 0; ///< requests not answered yet (GUI thread only)

    // Change events gathered in the GUI thread until the timer fires.
    QTimer coalesce;
    bool compartmentsDirty = false;
    bool repositoriesDirty = false;
    QSet<QString> changedRepositories;
    QSet<QString> pulledRepositories;

    /// Runs `work` on the pool; its answer goes to `deliver` (or failed()) in the GUI thread.
    template <typename T>
    static quint64 run(RegistryBrowser* browser, std::function<Result<T>()> work,
                       std::function<void(quint64, const T&)> deliver);
    /// run() for a change: finished() or failed().
    static quint64 change(RegistryBrowser* browser, std::function<Result<void>()> work);
};

RegistryBrowser::RegistryBrowser(RegistryService& registry, IdentityService& identity, QObject* parent)
    : QObject(parent), d(std::make_unique<Private>(registry, identity))
{
    registerMetaTypes();
    d->pool.setMaxThreadCount(2);
    d->pool.setObjectName(QStringLiteral("RegistryBrowser"));
    d->coalesce.setSingleShot(true);
    d->coalesce.setInterval(CoalesceMs);
    connect(&d->coalesce, &QTimer::timeout, this, [this] {
        const bool compartments = std::exchange(d->compartmentsDirty, false);
        const bool repositories = std::exchange(d->repositoriesDirty, false);
        const QSet<QString> changed = std::exchange(d->changedRepositories, {});
        const QSet<QString> pulled = std::exchange(d->pulledRepositories, {}) - changed;
        if (compartments)
            emit compartmentsChanged();
        if (repositories)
            emit repositoriesChanged();
        for (const QString& repository : changed)
            emit repositoryChanged(repository);
        if (!pulled.isEmpty()) {
            // "Last pulled" is written in batches: write what is pending, then tell the views.
            auto alive = d->alive;
            d->pool.start([this, alive, pulled] {
                d->registry.flushStatistics();
                QMetaObject::invokeMethod(
                    this,
                    [this, alive, pulled] {
                        if (!*alive)
                            return;
                        for (const QString& repository : pulled)
                            emit repositoryChanged(repository);
                    },
                    Qt::QueuedConnection);
            });
        }
    });

    // Events come from server threads; queued, they land here in the GUI thread (and are dropped
    // by Qt if the browser is gone).
    connect(
        &registry, &RegistryService::registryEvent, this,
        [this](const RegistryEvent& e) {
            switch (e.type) {
            case RegistryEventType::RepositoryCreated:
            case RegistryEventType::RepositoryMoved:
            case RegistryEventType::RepositoryDeleted:
                d->repositoriesDirty = true;
                break;
            case RegistryEventType::RepositoryVisibilityChanged:
                d->repositoriesDirty = true;
                d->changedRepositories.insert(e.repository);
                break;
            case RegistryEventType::ManifestPulled:
                d->pulledRepositories.insert(e.repository);
                break;
            default: // blobs, manifests and tags
                d->changedRepositories.insert(e.repository);
                break;
            }
            if (!d->coalesce.isActive())
                d->coalesce.start();
        },
        Qt::QueuedConnection);
    connect(
        &identity, &IdentityService::identityEvent, this,
        [this](const IdentityEvent& e) {
            switch (e.type) {
            case IdentityEventType::CompartmentCreated:
            case IdentityEventType::CompartmentUpdated:
            case IdentityEventType::CompartmentRenamed:
            case IdentityEventType::CompartmentMoved:
            case IdentityEventType::CompartmentDeleted:
                d->compartmentsDirty = true;
                d->repositoriesDirty = true; // their repositories' paths change with them
                break;
            default:
                return;
            }
            if (!d->coalesce.isActive())
                d->coalesce.start();
        },
        Qt::QueuedConnection);
}

RegistryBrowser::~RegistryBrowser()
{
    *d->alive = false;
    d->pool.clear();
    d->pool.waitForDone();
}

RegistryService& RegistryBrowser::registry() const
{
    return d->registry;
}

IdentityService& RegistryBrowser::identity() const
{
    return d->identity;
}

namespace {
/// The answer of a change: nothing but success.
struct Done
{
};
} // namespace

template <typename T>
quint64 RegistryBrowser::Private::run(RegistryBrowser* browser, std::function<Result<T>()> work,
                                      std::function<void(quint64, const T&)> deliver)
{
    Private* p = browser->d.get();
    const quint64 id = p->nextId++;
    ++p->pending;
    auto alive = p->alive;
    p->pool.start([browser, id, alive, work = std::move(work), deliver = std::move(deliver)] {
        auto result = std::make_shared<Result<T>>(work());
        // The pool is drained before the browser goes, so `browser` is alive here; Qt drops the call
        // if it is destroyed before the GUI thread gets to it.
        QMetaObject::invokeMethod(
            browser,
            [browser, id, alive, result, deliver] {
                if (!*alive)
                    return;
                --browser->d->pending;
                if (result->ok())
                    deliver(id, result->value());
                else
                    emit browser->failed(id, result->error());
            },
            Qt::QueuedConnection);
    });
    return id;
}

quint64 RegistryBrowser::Private::change(RegistryBrowser* browser, std::function<Result<void>()> work)
{
    return run<Done>(
        browser,
        [work = std::move(work)]() -> Result<Done> {
            auto r = work();
            if (!r)
                return r.error();
            return Done{};
        },
        [browser](quint64 id, const Done&) { emit browser->finished(id); });
}

quint64 RegistryBrowser::loadCompartments()
{
    return Private::run<QList<CompartmentRecord>>(
        this, ([this] { return d->identity.compartments(); }),
        ([this](quint64 id, const QList<CompartmentRecord>& list) { emit compartmentsLoaded(id, list); }));
}

quint64 RegistryBrowser::loadRepositories(const CompartmentPath& compartment)
{
    return Private::run<QList<RepositorySummary>>(
        this, ([this, compartment] { return d->catalog.repositoriesIn(compartment); }),
        ([this, compartment](quint64 id, const QList<RepositorySummary>& list) {
            emit repositoriesLoaded(id, compartment, list);
        }));
}

quint64 RegistryBrowser::loadRepository(const QString& repository)
{
    return Private::run<RepositorySummary>(
        this, ([this, repository]() -> Result<RepositorySummary> {
            auto found = RepositoryCatalog(d->registry.metadata()).repository(repository);
            if (!found)
                return found.error();
            if (!found.value())
                return Error(
                    ErrorCode::NameUnknown,
                    tr("There is no repository %1 any more: it may have been deleted.").arg(repository));
            RepositorySummary summary = *found.value();
            auto size = d->catalog.repositorySize(repository);
            if (!size)
                return size.error();
            summary.size = size.value();
            return summary;
        }),
        ([this](quint64 id, const RepositorySummary& summary) { emit repositoryLoaded(id, summary); }));
}

quint64 RegistryBrowser::loadAllRepositories()
{
    return Private::run<QList<RepositorySummary>>(
        this, [this] { return RepositoryCatalog(d->registry.metadata()).repositories(); },
        [this](quint64 id, const QList<RepositorySummary>& list) { emit allRepositoriesLoaded(id, list); });
}

quint64 RegistryBrowser::loadTagRows(const QString& repository, int limit, const QString& after)
{
    return Private::run<TagRowPage>(
        this, ([this, repository, limit, after] { return d->catalog.tagRows(repository, limit, after); }),
        ([this, repository](quint64 id, const TagRowPage& page) {
            emit tagRowsLoaded(id, repository, page);
        }));
}

quint64 RegistryBrowser::loadUntaggedRows(const QString& repository, int limit)
{
    return Private::run<QList<TagRow>>(
        this, ([this, repository, limit] { return d->catalog.untaggedRows(repository, limit); }),
        ([this, repository](quint64 id, const QList<TagRow>& rows) {
            emit untaggedRowsLoaded(id, repository, rows);
        }));
}

quint64 RegistryBrowser::loadDetail(const QString& repository, const Digest& digest)
{
    return Private::run<ImageDetail>(
        this, ([this, repository, digest] { return d->catalog.detail(repository, digest); }),
        ([this](quint64 id, const ImageDetail& detail) { emit detailLoaded(id, detail); }));
}

quint64 RegistryBrowser::search(const QString& text, int limit)
{
    return Private::run<QList<SearchHit>>(
        this, ([this, text, limit] { return d->catalog.search(text, limit); }),
        ([this, text](quint64 id, const QList<SearchHit>& hits) { emit searchLoaded(id, text, hits); }));
}

quint64 RegistryBrowser::createRepository(const QString& repository, const CompartmentPath& compartment)
{
    return Private::change(this, ([this, repository, compartment] {
                               return d->registry.createRepository(repository, compartment);
                           }));
}

quint64 RegistryBrowser::deleteRepository(const QString& repository)
{
    return Private::change(this, ([this, repository] { return d->registry.deleteRepository(repository); }));
}

quint64 RegistryBrowser::moveRepository(const QString& repository, const CompartmentPath& compartment)
{
    return Private::change(this, ([this, repository, compartment] {
                               return d->registry.moveRepository(repository, compartment);
                           }));
}

quint64 RegistryBrowser::setRepositoryPublic(const QString& repository, bool isPublic)
{
    return Private::change(this, ([this, repository, isPublic] {
                               return d->registry.setRepositoryPublic(repository, isPublic);
                           }));
}

quint64 RegistryBrowser::createCompartment(const CompartmentPath& parent, const QString& name,
                                           const QString& description)
{
    return Private::change(this, ([this, parent, name, description] {
                               return voidOf(d->identity.createCompartment(parent, name, description, Actor));
                           }));
}

quint64 RegistryBrowser::renameCompartment(const CompartmentPath& path, const QString& newName)
{
    return Private::change(this, ([this, path, newName] {
                               return voidOf(d->identity.renameCompartment(path, newName, Actor));
                           }));
}

quint64 RegistryBrowser::moveCompartment(const CompartmentPath& path, const CompartmentPath& newParent)
{
    return Private::change(this, ([this, path, newParent] {
                               return voidOf(d->identity.moveCompartment(path, newParent, Actor));
                           }));
}

quint64 RegistryBrowser::deleteCompartment(const CompartmentPath& path)
{
    return Private::change(this, ([this, path] { return d->identity.deleteCompartment(path, Actor); }));
}

quint64 RegistryBrowser::deleteTag(const QString& repository, const QString& tag)
{
    return Private::change(this,
                           ([this, repository, tag] { return d->registry.deleteTag(repository, tag); }));
}

quint64 RegistryBrowser::deleteImage(const QString& repository, const Digest& digest)
{
    return Private::change(
        this, ([this, repository, digest] { return d->registry.deleteManifest(repository, digest); }));
}

bool RegistryBrowser::waitForIdle(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (d->pending > 0 || d->pool.activeThreadCount() > 0) {
        if (deadline.hasExpired())
            return false;
        d->pool.waitForDone(5);
        QCoreApplication::processEvents(QEventLoop::AllEvents);
    }
    return true;
}

} // namespace berth
