// berth-screenshots OUTPUT_DIR [LANGUAGE]: starts a console on a scratch registry, imports the test images
// into a few compartments and repositories, visits the main views and saves each as OUTPUT_DIR/<view>.png.
// Exits non-zero (saying why) when anything along the way fails.
#include "actions/RegistryActions.h"
#include "app/console/window/ScriptedPrompter.h"
#include "data/RegistryBrowser.h"
#include "dialogs/AdministratorPasswordDialog.h"
#include "jobs/JobRunner.h"
#include "models/ImageTableModel.h"
#include "models/NavigationModel.h"
#include "models/RepositoryTableModel.h"
#include "server/ServerController.h"
#include "settings/ConsoleLanguage.h"
#include "settings/ConsoleSettings.h"
#include "views/ConsoleSession.h"
#include "views/ImagePage.h"
#include "views/MainArea.h"
#include "views/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QThread>
#include <QTreeView>
#include <cstdio>
#include <functional>

using namespace berth;

namespace {

[[noreturn]] void fail(const QString& message)
{
    std::fprintf(stderr, "berth-screenshots: %s\n", qPrintable(message));
    std::exit(1);
}

/// Turns the event loop until `done` or the timeout (then fails with `what`).
void waitFor(const std::function<bool()>& done, const QString& what, int timeoutMs = 60'000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            fail(QStringLiteral("timed out waiting for %1").arg(what));
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
}

void settle(int ms = 400)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
}

QString fixture(const QString& name)
{
    const QString path = QStringLiteral(BERTH_BINARY_DIR "/test-images/") + name;
    if (!QFileInfo::exists(path))
        fail(QStringLiteral("%1 is missing: run scripts/prepare-test-tools.sh <build dir> first").arg(path));
    return path;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("berth-screenshots"));
    if (argc < 2 || argc > 3)
        fail(QStringLiteral("usage: berth-screenshots OUTPUT_DIR [LANGUAGE]"));
    ConsoleLanguage::install(app, argc == 3 ? QString::fromLocal8Bit(argv[2]) : QStringLiteral("en"));
    const QDir out(QString::fromLocal8Bit(argv[1]));
    if (!QDir().mkpath(out.path()))
        fail(QStringLiteral("cannot create %1").arg(out.path()));

    QTemporaryDir scratch;
    ConsoleSettings settings(scratch.filePath(QStringLiteral("berth.ini")));
    settings.overrideDataDirectory(scratch.filePath(QStringLiteral("registry")));
    settings.overridePort(0);
    MainWindow window(settings);
    ScriptedPrompter prompter;
    window.setPrompter(&prompter);
    window.resize(1280, 800);
    window.show();
    waitFor([&] { return window.session() != nullptr; }, QStringLiteral("the registry to start"));
    if (AdministratorPasswordDialog* dialog = window.administratorDialog())
        dialog->close();
    ConsoleSession& session = *window.session();
    waitFor([&] { return session.navigation().isLoaded(); }, QStringLiteral("the navigation tree"));

    // Two compartments with repositories in them.
    const CompartmentPath apps(QStringList{QStringLiteral("Applications")});
    const CompartmentPath platform(QStringList{QStringLiteral("Platform")});
    for (const CompartmentPath& c : {apps, platform}) {
        prompter.newCompartment = Prompter::NewCompartment{CompartmentPath(), c.name(), QString()};
        window.actions().newCompartment->trigger();
        waitFor([&] { return session.navigation().indexOfCompartment(c).isValid(); }, c.name());
    }
    const struct
    {
        QString repository;
        CompartmentPath compartment;
        QString file;
    } imports[] = {
        {QStringLiteral("shop/web"), apps, fixture(QStringLiteral("oci-multi"))},
        {QStringLiteral("shop/api"), apps, fixture(QStringLiteral("oci-referrer"))},
        {QStringLiteral("shop/worker"), apps, fixture(QStringLiteral("docker-archive.tar"))},
        {QStringLiteral("charts/feas"), platform, fixture(QStringLiteral("feas-chart-0.1.0.tgz"))},
        {QStringLiteral("base/alpine"), platform, fixture(QStringLiteral("oci-single"))},
    };
    for (const auto& item : imports) {
        prompter.newRepository = Prompter::NewRepository{item.repository, item.compartment};
        window.actions().newRepository->trigger();
        waitFor([&] { return session.navigation().indexOfRepository(item.repository).isValid(); },
                item.repository);
        window.actions().importFiles({QUrl::fromLocalFile(item.file)}, item.compartment, item.repository);
    }
    waitFor([&] { return window.jobRunner().activeCount() == 0; }, QStringLiteral("the imports"), 120'000);
    for (const JobSnapshot& job : window.jobRunner().jobs())
        if (job.state != JobState::Succeeded)
            fail(QStringLiteral("%1: %2").arg(job.title, job.result));
    if (!prompter.errors.isEmpty())
        fail(prompter.errors.join(QLatin1Char('\n')));
    window.navigationTree()->expandAll();

    auto shoot = [&](const QString& name) {
        settle();
        const QString file = out.filePath(name + QStringLiteral(".png"));
        if (!window.grab().save(file))
            fail(QStringLiteral("cannot save %1").arg(file));
        std::printf("%s\n", qPrintable(file));
    };
    auto open = [&](const Location& location, const QString& what) {
        window.navigateTo(location);
        if (location.kind == Location::Kind::Manifest)
            waitFor([&] { return window.mainArea()->imagePage()->detail().digest == location.digest; }, what);
    };
    auto tagDigest = [&](const QString& repository, const QString& tag) {
        window.navigateTo(Location::ofRepository(session.compartmentOf(repository), repository));
        ImageTableModel& images = session.images();
        Digest digest;
        waitFor(
            [&] {
                for (int row = 0; row < images.rowCount(); ++row)
                    if (images.repository() == repository && images.rowAt(row).tag == tag) {
                        digest = images.rowAt(row).digest;
                        return true;
                    }
                return false;
            },
            repository + QLatin1Char(':') + tag);
        return digest;
    };

    open(Location::ofCompartment(apps), QStringLiteral("the Applications compartment"));
    waitFor([&] { return session.repositories().rowCount() == 3; },
            QStringLiteral("Applications' repositories"));
    shoot(QStringLiteral("compartment"));

    const Digest web = tagDigest(QStringLiteral("shop/web"), QStringLiteral("v1"));
    shoot(QStringLiteral("repository"));
    open(Location::ofManifest(apps, QStringLiteral("shop/web"), QStringLiteral("v1"), web),
         QStringLiteral("the multi-arch index"));
    shoot(QStringLiteral("index"));

    const Digest worker = tagDigest(QStringLiteral("shop/worker"), QStringLiteral("v1"));
    open(Location::ofManifest(apps, QStringLiteral("shop/worker"), QStringLiteral("v1"), worker),
         QStringLiteral("the image"));
    shoot(QStringLiteral("image"));

    const Digest chart = tagDigest(QStringLiteral("charts/feas"), QStringLiteral("0.1.0"));
    open(Location::ofManifest(platform, QStringLiteral("charts/feas"), QStringLiteral("0.1.0"), chart),
         QStringLiteral("the Helm chart"));
    shoot(QStringLiteral("helm-chart"));
    return 0;
}
