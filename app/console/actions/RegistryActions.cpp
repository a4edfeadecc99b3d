#include "actions/RegistryActions.h"

#include "actions/ArchiveJobs.h"
#include "actions/PullIntoEngineJob.h"
#include "data/LicenceBrowser.h"
#include "data/RegistryBrowser.h"
#include "dialogs/CompartmentCombo.h"
#include "host/RegistryHost.h"
#include "models/ModelSupport.h"
#include "oci/Reference.h"
#include "views/ConsoleSession.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFileInfo>

namespace berth {

RegistryActions::RegistryActions(QWidget* window, JobRunner& runner, QObject* parent)
    : QObject(parent), m_window(window), m_runner(runner), m_dialogs(std::make_unique<DialogPrompter>()),
      m_prompter(m_dialogs.get())
{
    newCompartment = makeAction(tr("New compartment…"), &RegistryActions::onNewCompartment);
    renameCompartment = makeAction(tr("Rename compartment…"), &RegistryActions::onRenameCompartment);
    moveCompartment = makeAction(tr("Move compartment…"), &RegistryActions::onMoveCompartment);
    deleteCompartment = makeAction(tr("Delete compartment"), &RegistryActions::onDeleteCompartment);
    newRepository = makeAction(tr("Create repository…"), &RegistryActions::onNewRepository);
    deleteRepository = makeAction(tr("Delete repository"), &RegistryActions::onDeleteRepository);
    moveRepository = makeAction(tr("Move repository…"), &RegistryActions::onMoveRepository);
    makePublic = makeAction(tr("Make public"), &RegistryActions::onMakePublic);
    makePrivate = makeAction(tr("Make private"), &RegistryActions::onMakePrivate);
    copyPullCommand = makeAction(tr("Copy pull command"), &RegistryActions::onCopyPullCommand);
    untag = makeAction(tr("Untag"), &RegistryActions::onUntag);
    deleteImage = makeAction(tr("Delete image"), &RegistryActions::onDeleteImage);
    exportImage = makeAction(tr("Export image…"), &RegistryActions::onExportImage);
    exportRepository = makeAction(tr("Export repository…"), &RegistryActions::onExportRepository);
    import = makeAction(tr("Import…"), &RegistryActions::onImport);
    pullIntoEngine = makeAction(tr("Pull into Docker/Podman…"), &RegistryActions::onPullIntoEngine);
    newRepository->setShortcut(QKeySequence::New);
    copyPullCommand->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    import->setShortcut(QKeySequence::Open);
    updateEnabled();
}

RegistryActions::~RegistryActions() = default;

QAction* RegistryActions::makeAction(const QString& text, void (RegistryActions::*handler)())
{
    auto* action = new QAction(text, this);
    connect(action, &QAction::triggered, this, handler);
    return action;
}

void RegistryActions::setPrompter(Prompter* prompter)
{
    m_prompter = prompter ? prompter : m_dialogs.get();
}

Prompter& RegistryActions::prompter() const
{
    return *m_prompter;
}

void RegistryActions::setSession(ConsoleSession* session)
{
    m_session = session;
    m_pending.clear();
    delete m_licences; // it reads the previous session's registry
    m_licences =
        session ? new LicenceBrowser(session->host().registry(), &session->host().audit(), this) : nullptr;
    if (session) {
        connect(&session->browser(), &RegistryBrowser::finished, this, &RegistryActions::onFinished);
        connect(&session->browser(), &RegistryBrowser::failed, this,
                [this](quint64 id, const Error& error) { onFailed(id, error.message); });
    }
    updateEnabled();
}

void RegistryActions::setContextProvider(std::function<ActionContext()> provider)
{
    m_context = std::move(provider);
    updateEnabled();
}

ActionContext RegistryActions::context() const
{
    return m_context ? m_context() : ActionContext();
}

void RegistryActions::updateEnabled()
{
    const bool open = m_session != nullptr;
    const ActionContext now = context();
    const bool inCompartment = now.location.kind == Location::Kind::Compartment;
    const bool compartment = open && inCompartment && !now.location.compartment.isTenancy();
    const bool repository = open && !now.repository.isEmpty();
    const bool image = open && now.image.has_value();
    newCompartment->setEnabled(open);
    renameCompartment->setEnabled(compartment);
    moveCompartment->setEnabled(compartment);
    deleteCompartment->setEnabled(compartment);
    newRepository->setEnabled(open);
    for (QAction* action : {deleteRepository, moveRepository, makePublic, makePrivate, exportRepository})
        action->setEnabled(repository);
    for (QAction* action : {copyPullCommand, deleteImage, exportImage, pullIntoEngine})
        action->setEnabled(image);
    untag->setEnabled(image && !now.image->tag.isEmpty());
    import->setEnabled(open);
}

QString RegistryActions::pullCommand(const QString& clientHost, const QString& repository, const QString& tag,
                                     const Digest& digest)
{
    return ModelSupport::pullCommand(clientHost, repository, tag, digest);
}

void RegistryActions::track(quint64 id, const QString& what, std::function<void()> onSuccess)
{
    m_pending.insert(id, Pending{what, std::move(onSuccess)});
}

void RegistryActions::onFinished(quint64 id)
{
    const auto found = m_pending.find(id);
    if (found == m_pending.end())
        return;
    const Pending pending = found.value();
    m_pending.erase(found);
    emit statusMessage(tr("Done: %1").arg(pending.what));
    if (pending.onSuccess)
        pending.onSuccess();
}

void RegistryActions::onFailed(quint64 id, const QString& message)
{
    const auto found = m_pending.find(id);
    if (found == m_pending.end())
        return;
    const QString what = found->what;
    m_pending.erase(found);
    emit statusMessage(tr("Failed: %1: %2").arg(what, message));
    m_prompter->showError(m_window, what, message);
}

// ---- compartments

void RegistryActions::onNewCompartment()
{
    if (!m_session)
        return;
    const auto answer =
        m_prompter->askNewCompartment(m_window, m_session->compartments(), context().location.compartment);
    if (!answer)
        return;
    const QString what = tr("Create compartment %1").arg(answer->name);
    track(m_session->browser().createCompartment(answer->parent, answer->name, answer->description), what);
}

void RegistryActions::onRenameCompartment()
{
    const CompartmentPath path = context().location.compartment;
    if (!m_session || path.isTenancy())
        return;
    const auto name = m_prompter->askCompartmentName(m_window, path);
    if (!name)
        return;
    QStringList names = path.names();
    names.last() = *name;
    const CompartmentPath renamed(names);
    track(m_session->browser().renameCompartment(path, *name),
          tr("Rename compartment %1 to %2").arg(path.toString(), *name),
          [this, path, renamed] { emit compartmentRenamed(path, renamed); });
}

void RegistryActions::onMoveCompartment()
{
    const CompartmentPath path = context().location.compartment;
    if (!m_session || path.isTenancy())
        return;
    QList<CompartmentPath> targets;
    for (const CompartmentPath& candidate : m_session->compartments())
        if (!path.contains(candidate))
            targets.append(candidate);
    const auto parent = m_prompter->askCompartment(
        m_window, tr("Move compartment"),
        tr("Move compartment %1 with everything in it into:").arg(CompartmentCombo::displayName(path)),
        targets, path.parent());
    if (parent)
        requestCompartmentMove(path, *parent);
}

void RegistryActions::requestCompartmentMove(const CompartmentPath& compartment,
                                             const CompartmentPath& newParent)
{
    if (!m_session || compartment.isTenancy() || compartment.parent() == newParent)
        return;
    if (compartment.contains(newParent)) {
        m_prompter->showError(m_window, tr("Move compartment"),
                              tr("A compartment cannot move into itself or one of its children."));
        return;
    }
    if (!m_prompter->confirm(
            m_window, tr("Move compartment"),
            tr("Move compartment %1 into %2? Policies attached above it may no longer apply.")
                .arg(CompartmentCombo::displayName(compartment), CompartmentCombo::displayName(newParent))))
        return;
    QStringList names = newParent.names();
    names.append(compartment.name());
    const CompartmentPath moved(names);
    track(m_session->browser().moveCompartment(compartment, newParent),
          tr("Move compartment %1").arg(compartment.toString()),
          [this, compartment, moved] { emit compartmentRenamed(compartment, moved); });
}

void RegistryActions::onDeleteCompartment()
{
    const CompartmentPath path = context().location.compartment;
    if (!m_session || path.isTenancy())
        return;
    if (!m_prompter->confirm(m_window, tr("Delete compartment"),
                             tr("Delete compartment %1? Only an empty compartment can be deleted.")
                                 .arg(CompartmentCombo::displayName(path))))
        return;
    track(m_session->browser().deleteCompartment(path), tr("Delete compartment %1").arg(path.toString()),
          [this, path] { emit compartmentDeleted(path); });
}

// ---- repositories

void RegistryActions::onNewRepository()
{
    if (!m_session)
        return;
    const auto answer =
        m_prompter->askNewRepository(m_window, m_session->compartments(), context().location.compartment);
    if (!answer)
        return;
    track(m_session->browser().createRepository(answer->name, answer->compartment),
          tr("Create repository %1").arg(answer->name));
}

void RegistryActions::onDeleteRepository()
{
    const QString repository = context().repository;
    if (!m_session || repository.isEmpty())
        return;
    if (!m_prompter->confirm(
            m_window, tr("Delete repository"),
            tr("Delete repository %1 with all its images and tags? This cannot be undone.").arg(repository)))
        return;
    track(m_session->browser().deleteRepository(repository), tr("Delete repository %1").arg(repository),
          [this, repository] { emit repositoryDeleted(repository); });
}

void RegistryActions::onMoveRepository()
{
    const QString repository = context().repository;
    if (!m_session || repository.isEmpty())
        return;
    const CompartmentPath current = m_session->compartmentOf(repository);
    const auto target = m_prompter->askCompartment(
        m_window, tr("Move repository"), tr("Move repository %1 to the compartment:").arg(repository),
        m_session->compartments(), current);
    if (target)
        requestRepositoryMove(repository, *target);
}

void RegistryActions::requestRepositoryMove(const QString& repository, const CompartmentPath& compartment)
{
    if (!m_session || m_session->compartmentOf(repository) == compartment)
        return;
    if (!m_prompter->confirm(m_window, tr("Move repository"),
                             tr("Move repository %1 to %2? Who may use it then follows that compartment's "
                                "policies.")
                                 .arg(repository, CompartmentCombo::displayName(compartment))))
        return;
    track(m_session->browser().moveRepository(repository, compartment),
          tr("Move repository %1").arg(repository),
          [this, repository, compartment] { emit repositoryMoved(repository, compartment); });
}

void RegistryActions::onMakePublic()
{
    const QString repository = context().repository;
    if (!m_session || repository.isEmpty())
        return;
    if (!m_prompter->confirm(m_window, tr("Make public"),
                             tr("Let anyone pull from %1 without signing in?").arg(repository)))
        return;
    track(m_session->browser().setRepositoryPublic(repository, true), tr("Make %1 public").arg(repository));
}

void RegistryActions::onMakePrivate()
{
    const QString repository = context().repository;
    if (!m_session || repository.isEmpty())
        return;
    track(m_session->browser().setRepositoryPublic(repository, false), tr("Make %1 private").arg(repository));
}

// ---- images

void RegistryActions::onCopyPullCommand()
{
    const ActionContext now = context();
    if (!m_session || !now.image)
        return;
    const QString command =
        pullCommand(m_session->clientHost(), now.repository, now.image->tag, now.image->digest);
    QApplication::clipboard()->setText(command);
    emit statusMessage(tr("Copied: %1").arg(command));
}

void RegistryActions::onUntag()
{
    const ActionContext now = context();
    if (!m_session || !now.image || now.image->tag.isEmpty())
        return;
    const QString reference = now.repository + QLatin1Char(':') + now.image->tag;
    if (!m_prompter->confirm(
            m_window, tr("Untag"),
            tr("Remove the tag %1? The image stays, reachable by its digest.").arg(reference)))
        return;
    track(m_session->browser().deleteTag(now.repository, now.image->tag), tr("Untag %1").arg(reference));
}

void RegistryActions::onDeleteImage()
{
    const ActionContext now = context();
    if (!m_session || !now.image)
        return;
    const QString repository = now.repository;
    const QString digest = now.image->digest.toString();
    if (!m_prompter->confirm(
            m_window, tr("Delete image"),
            tr("Delete the image %1 from %2 with every tag that points at it? This cannot be "
               "undone.")
                .arg(digest, repository)))
        return;
    track(m_session->browser().deleteImage(repository, now.image->digest), tr("Delete image %1").arg(digest),
          [this, repository] { emit imageDeleted(repository); });
}

void RegistryActions::onExportImage()
{
    const ActionContext now = context();
    if (!m_session || !now.image)
        return;
    ExportItem item{now.repository, now.image->tag, now.image->digest};
    const QString reference = Reference::qualified(item.repository, item.tag, item.digest);
    QString suggested = QString(reference).replace(QLatin1Char('/'), QLatin1Char('_'));
    suggested.replace(QLatin1Char(':'), QLatin1Char('_')).replace(QLatin1Char('@'), QLatin1Char('_'));
    const auto choice = m_prompter->askExport(m_window, reference, suggested);
    if (!choice)
        return;
    withLicenceAccepted(item.repository, [this, item, reference, choice] {
        ArchiveJobs::submitImageExport(m_runner, m_session->host().registry(), item, choice->format,
                                       choice->path);
        emit statusMessage(tr("Exporting %1 to %2").arg(reference, choice->path));
    });
}

void RegistryActions::onExportRepository()
{
    const QString repository = context().repository;
    if (!m_session || repository.isEmpty())
        return;
    const auto choice =
        m_prompter->askExport(m_window, tr("every tagged image of %1").arg(repository),
                              QString(repository).replace(QLatin1Char('/'), QLatin1Char('_')));
    if (!choice)
        return;
    withLicenceAccepted(repository, [this, repository, choice] {
        ArchiveJobs::submitRepositoryExport(m_runner, m_session->host().registry(), repository,
                                            choice->format, choice->path);
        emit statusMessage(tr("Exporting %1 to %2").arg(repository, choice->path));
    });
}

void RegistryActions::onPullIntoEngine()
{
    const ActionContext now = context();
    if (!m_session || !now.image)
        return;
    const ExportItem item{now.repository, now.image->tag, now.image->digest};
    withLicenceAccepted(item.repository, [this, item] {
        PullIntoEngineJob::submit(m_runner, m_session->host().registry(), item);
        emit statusMessage(tr("Pulling %1 into Docker/Podman")
                               .arg(Reference::qualified(item.repository, item.tag, item.digest)));
    });
}

void RegistryActions::withLicenceAccepted(const QString& repository, std::function<void()> proceed)
{
    if (!m_session || !m_licences)
        return;
    const QString user = LicenceBrowser::consoleUserName(m_session->host());
    m_licences->check(repository, user, [this, repository, user, proceed](const Result<LicenceCheck>& check) {
        if (!m_session || !m_licences)
            return;
        if (!check) {
            m_prompter->showError(
                m_window, tr("Licence of %1").arg(repository),
                tr("Could not check the licence of %1: %2").arg(repository, check.error().message));
            return;
        }
        if (check->satisfied()) {
            proceed();
            return;
        }
        const Licence licence = check->licence;
        if (!m_prompter->acceptLicence(m_window, repository, licence)) {
            emit statusMessage(tr("Nothing done: the licence of %1 was not accepted").arg(repository));
            return;
        }
        if (!m_session || !m_licences) // the server stopped while the dialog was open
            return;
        m_licences->accept(repository, licence.current.version, user,
                           [this, repository, proceed](const Result<LicenceAcceptance>& accepted) {
                               if (!m_session)
                                   return;
                               if (!accepted) {
                                   m_prompter->showError(
                                       m_window, tr("Licence of %1").arg(repository),
                                       tr("Your acceptance was not recorded, so nothing was done: %1")
                                           .arg(accepted.error().message));
                                   return;
                               }
                               emit statusMessage(tr("Accepted the licence \"%1\" (version %2) for %3")
                                                      .arg(accepted->title, accepted->version, repository));
                               proceed();
                           });
    });
}

void RegistryActions::onImport()
{
    if (!m_session)
        return;
    const QStringList files = m_prompter->askImportFiles(m_window);
    QList<QUrl> urls;
    for (const QString& file : files)
        urls.append(QUrl::fromLocalFile(file));
    const ActionContext now = context();
    const bool intoRepository = now.location.kind != Location::Kind::Compartment;
    importFiles(urls, now.location.compartment, intoRepository ? now.location.repository : QString());
}

void RegistryActions::importFiles(const QList<QUrl>& files, const CompartmentPath& compartment,
                                  const QString& repository)
{
    if (!m_session)
        return;
    int submitted = 0;
    for (const QUrl& url : files) {
        if (!url.isLocalFile())
            continue;
        ArchiveJobs::submitImport(m_runner, m_session->host().registry(), url.toLocalFile(), compartment,
                                  repository);
        ++submitted;
    }
    if (submitted > 0)
        emit statusMessage(tr("Importing %n file(s)", nullptr, submitted));
}

} // namespace berth
