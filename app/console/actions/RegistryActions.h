#pragma once

#include "dialogs/Prompter.h"
#include "registry/ImageCatalog.h"
#include "views/Location.h"

#include <QHash>
#include <QObject>
#include <QUrl>
#include <functional>
#include <memory>
#include <optional>

class QAction;
class QWidget;

namespace berth {

class ConsoleSession;
class JobRunner;
class LicenceBrowser;

/// What the window's actions act on at the moment.
struct ActionContext
{
    Location location;
    QString repository;          ///< selected in the compartment's table, or the repository shown
    std::optional<TagRow> image; ///< selected in the repository's table, or the manifest shown
};

/// The console's registry actions: compartments (create, rename, move, delete), repositories (create,
/// delete, move, make public or private), images (copy pull command, untag, delete, export) and
/// import. Each asks through the Prompter (confirming what deletes), then calls RegistryBrowser or
/// submits a job; a failure of a change the person just made is shown as a message box.
class RegistryActions : public QObject
{
    Q_OBJECT
public:
    RegistryActions(QWidget* window, JobRunner& runner, QObject* parent = nullptr);
    ~RegistryActions() override;

    /// Replaces the dialogs (tests answer from a script). Not owned; null restores the dialogs.
    void setPrompter(Prompter* prompter);
    Prompter& prompter() const;
    void setSession(ConsoleSession* session);
    void setContextProvider(std::function<ActionContext()> provider);
    /// Enables the actions that fit the current context.
    void updateEnabled();

    /// "docker pull localhost:5000/team/app:1.0" (or @sha256:… when `tag` is empty).
    /// Checks and records licence acceptances for the gated pull and export (null without a session).
    LicenceBrowser* licenceBrowser() const { return m_licences; }

    static QString pullCommand(const QString& clientHost, const QString& repository, const QString& tag,
                               const Digest& digest);

    // Drag and drop (the models ask; these confirm and act).
    void requestRepositoryMove(const QString& repository, const CompartmentPath& compartment);
    void requestCompartmentMove(const CompartmentPath& compartment, const CompartmentPath& newParent);
    void importFiles(const QList<QUrl>& files, const CompartmentPath& compartment, const QString& repository);

    QAction* newCompartment = nullptr;
    QAction* renameCompartment = nullptr;
    QAction* moveCompartment = nullptr;
    QAction* deleteCompartment = nullptr;
    QAction* newRepository = nullptr;
    QAction* deleteRepository = nullptr;
    QAction* moveRepository = nullptr;
    QAction* makePublic = nullptr;
    QAction* makePrivate = nullptr;
    QAction* copyPullCommand = nullptr;
    QAction* untag = nullptr;
    QAction* deleteImage = nullptr;
    QAction* exportImage = nullptr;
    QAction* exportRepository = nullptr;
    QAction* import = nullptr;
    /// Image > "Pull into Docker/Podman…" (issue 7).
    QAction* pullIntoEngine = nullptr;

signals:
    void statusMessage(const QString& message);
    /// A change finished: the window may need to go elsewhere (a deleted or moved item).
    void repositoryMoved(const QString& repository, const berth::CompartmentPath& compartment);
    void repositoryDeleted(const QString& repository);
    void compartmentDeleted(const berth::CompartmentPath& compartment);
    void compartmentRenamed(const berth::CompartmentPath& from, const berth::CompartmentPath& to);
    void imageDeleted(const QString& repository);

private:
    struct Pending
    {
        QString what; ///< "Create compartment Apps" for the message box title
        std::function<void()> onSuccess;
    };
    ActionContext context() const;
    QAction* makeAction(const QString& text, void (RegistryActions::*handler)());
    void track(quint64 id, const QString& what, std::function<void()> onSuccess = {});
    void onFinished(quint64 id);
    void onFailed(quint64 id, const QString& message);

    void onNewCompartment();
    void onRenameCompartment();
    void onMoveCompartment();
    void onDeleteCompartment();
    void onNewRepository();
    void onDeleteRepository();
    void onMoveRepository();
    void onMakePublic();
    void onMakePrivate();
    void onCopyPullCommand();
    void onUntag();
    void onDeleteImage();
    void onExportImage();
    void onExportRepository();
    void onImport();
    void onPullIntoEngine();
    /// Runs `proceed` once the console user has accepted the licence that gates `repository`: at once
    /// when there is none or it was accepted before; else after the licence dialog's Continue, which is
    /// recorded (channel "console"). Cancel, or an error shown, and nothing runs.
    void withLicenceAccepted(const QString& repository, std::function<void()> proceed);

    QWidget* m_window;
    JobRunner& m_runner;
    std::unique_ptr<Prompter> m_dialogs;
    Prompter* m_prompter = nullptr;
    ConsoleSession* m_session = nullptr;
    std::function<ActionContext()> m_context;
    QHash<quint64, Pending> m_pending;
    LicenceBrowser* m_licences = nullptr;
};

} // namespace berth
