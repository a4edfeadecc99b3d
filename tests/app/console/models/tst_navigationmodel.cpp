#include "ConsoleFixture.h"
#include "models/NavigationModel.h"
#include "models/RepositoryTableModel.h"
#include "oci/MediaTypes.h"
#include "oci/Reference.h"
#include "registry/ImageCatalog.h"
#include "support/core/OciLayoutPusher.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

using namespace berth;

namespace {

CompartmentPath path(const QString& text)
{
    return *CompartmentPath::parse(text);
}

QMimeData* files(const QStringList& paths)
{
    auto* mime = new QMimeData;
    QList<QUrl> urls;
    for (const QString& p : paths)
        urls << QUrl::fromLocalFile(p);
    mime->setUrls(urls);
    return mime;
}

} // namespace

class TestNavigationModel : public QObject
{
    Q_OBJECT

private:
    ConsoleFixture f;
    QString m_single;

    /// The names of the node's children, in row order.
    static QStringList children(const QAbstractItemModel& model, const QModelIndex& parent)
    {
        QStringList names;
        for (int row = 0; row < model.rowCount(parent); ++row)
            names << model.index(row, 0, parent).data().toString();
        return names;
    }

private slots:
    void initTestCase()
    {
        QString missing;
        m_single = OciLayoutPusher::fixture(QStringLiteral("oci-single"), &missing);
        if (m_single.isEmpty())
            QFAIL(qPrintable(missing));
        const QString problem = f.open();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void followsChangesWithoutReset()
    {
        NavigationModel model(*f.browser);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QTRY_VERIFY(model.isLoaded());
        QCOMPARE(model.rowCount(), 1);
        const QPersistentModelIndex tenancy = model.index(0, 0);
        QCOMPARE(NodeKind(tenancy.data(ConsoleRoles::KindRole).toInt()), NodeKind::Tenancy);

        // Through the browser, as the console's own actions do.
        f.browser->createCompartment(CompartmentPath(), QStringLiteral("Apps"),
                                     QStringLiteral("Applications"));
        QTRY_VERIFY(model.indexOfCompartment(path(QStringLiteral("Apps"))).isValid());
        const QPersistentModelIndex apps = model.indexOfCompartment(path(QStringLiteral("Apps")));
        QCOMPARE(apps.parent(), QModelIndex(tenancy));
        QCOMPARE(apps.data(ConsoleRoles::CompartmentPathRole).toString(), QStringLiteral("Apps"));
        f.browser->createRepository(QStringLiteral("team/app"), path(QStringLiteral("Apps")));
        QTRY_VERIFY(model.indexOfRepository(QStringLiteral("team/app")).isValid());
        QCOMPARE(model.indexOfRepository(QStringLiteral("team/app")).parent(), QModelIndex(apps));

        // Directly on the services, as a client's push or the REST API would.
        VERIFY_OK(f.registry->createRepository(QStringLiteral("direct"), CompartmentPath()));
        VERIFY_OK(OciLayoutPusher::push(*f.registry, m_single, QStringLiteral("pushed")));
        QTRY_VERIFY(model.indexOfRepository(QStringLiteral("pushed")).isValid());
        QTRY_VERIFY(model.indexOfRepository(QStringLiteral("direct")).isValid());
        QCOMPARE(children(model, tenancy),
                 (QStringList{QStringLiteral("Apps"), QStringLiteral("direct"), QStringLiteral("pushed")}));
        const QModelIndex pushed = model.indexOfRepository(QStringLiteral("pushed"));
        QCOMPARE(pushed.data(ConsoleRoles::RepositoryRole).toString(), QStringLiteral("pushed"));
        QCOMPARE(NodeKind(pushed.data(ConsoleRoles::KindRole).toInt()), NodeKind::Repository);

        f.browser->moveRepository(QStringLiteral("team/app"), CompartmentPath());
        QTRY_COMPARE(model.indexOfRepository(QStringLiteral("team/app")).parent(), QModelIndex(tenancy));
        VERIFY_OK(f.registry->moveRepository(QStringLiteral("pushed"), path(QStringLiteral("Apps"))));
        QTRY_COMPARE(model.indexOfRepository(QStringLiteral("pushed")).parent(), QModelIndex(apps));
        QCOMPARE(model.indexOfRepository(QStringLiteral("pushed")).data(ConsoleRoles::CompartmentPathRole),
                 QVariant(QStringLiteral("Apps")));
        VERIFY_OK(f.identity->createCompartment(path(QStringLiteral("Apps")), QStringLiteral("Backend")));
        QTRY_VERIFY(model.indexOfCompartment(path(QStringLiteral("Apps:Backend"))).isValid());
        // Child compartments come before the compartment's repositories.
        QCOMPARE(children(model, apps), (QStringList{QStringLiteral("Backend"), QStringLiteral("pushed")}));

        f.browser->deleteRepository(QStringLiteral("direct"));
        QTRY_VERIFY(!model.indexOfRepository(QStringLiteral("direct")).isValid());
        QVERIFY(f.browser->waitForIdle());
        QCOMPARE(resets.count(), 0);
        QVERIFY(apps.isValid()); // expansion and selection stay on the same rows
        QCOMPARE(apps.data().toString(), QStringLiteral("Apps"));
        QCOMPARE(children(model, tenancy), (QStringList{QStringLiteral("Apps"), QStringLiteral("team/app")}));
    }

    void dragAndDrop()
    {
        NavigationModel model(*f.browser);
        QTRY_VERIFY(model.isLoaded());
        const QModelIndex apps = model.indexOfCompartment(path(QStringLiteral("Apps")));
        const QModelIndex backend = model.indexOfCompartment(path(QStringLiteral("Apps:Backend")));
        const QModelIndex teamApp = model.indexOfRepository(QStringLiteral("team/app"));
        const QModelIndex pushed = model.indexOfRepository(QStringLiteral("pushed"));
        QVERIFY(apps.isValid() && backend.isValid() && teamApp.isValid() && pushed.isValid());
        QVERIFY(model.flags(teamApp) & Qt::ItemIsDragEnabled);
        QVERIFY(!(model.flags(model.index(0, 0)) & Qt::ItemIsDragEnabled)); // the tenancy stays

        // A repository onto a compartment asks to move it; the model does not move it itself.
        std::unique_ptr<QMimeData> repo(model.mimeData({teamApp}));
        QCOMPARE(repo->data(QString::fromLatin1(RepositoryMimeType)), QByteArray("team/app"));
        QSignalSpy moves(&model, &NavigationModel::repositoryMoveRequested);
        QVERIFY(
            !model.canDropMimeData(repo.get(), Qt::MoveAction, -1, -1, model.index(0, 0))); // already there
        QVERIFY(!model.canDropMimeData(repo.get(), Qt::MoveAction, -1, -1, pushed)); // not onto a repository
        QVERIFY(model.dropMimeData(repo.get(), Qt::MoveAction, -1, -1, backend));
        QCOMPARE(moves.count(), 1);
        QCOMPARE(moves[0][0].toString(), QStringLiteral("team/app"));
        QCOMPARE(moves[0][1].value<CompartmentPath>(), path(QStringLiteral("Apps:Backend")));
        QVERIFY(model.indexOfRepository(QStringLiteral("team/app")).parent() == model.index(0, 0));

        // A compartment: not into itself or below itself.
        std::unique_ptr<QMimeData> compartment(model.mimeData({apps}));
        QCOMPARE(compartment->data(QString::fromLatin1(CompartmentMimeType)), QByteArray("Apps"));
        QVERIFY(!model.canDropMimeData(compartment.get(), Qt::MoveAction, -1, -1, backend));
        QVERIFY(!model.canDropMimeData(compartment.get(), Qt::MoveAction, -1, -1, apps));
        std::unique_ptr<QMimeData> backendDrag(model.mimeData({backend}));
        QSignalSpy compartmentMoves(&model, &NavigationModel::compartmentMoveRequested);
        QVERIFY(model.dropMimeData(backendDrag.get(), Qt::MoveAction, -1, -1, model.index(0, 0)));
        QCOMPARE(compartmentMoves.count(), 1);
        QCOMPARE(compartmentMoves[0][1].value<CompartmentPath>(), CompartmentPath());

        // Files onto a compartment or a repository ask to import them there.
        QSignalSpy imports(&model, &NavigationModel::importRequested);
        std::unique_ptr<QMimeData> archives(
            files({QStringLiteral("/tmp/a.tar"), QStringLiteral("/tmp/b.tgz")}));
        QVERIFY(model.dropMimeData(archives.get(), Qt::CopyAction, -1, -1, backend));
        QVERIFY(model.dropMimeData(archives.get(), Qt::CopyAction, -1, -1, pushed));
        QCOMPARE(imports.count(), 2);
        QCOMPARE(imports[0][0].value<QList<QUrl>>().size(), 2);
        QCOMPARE(imports[0][1].value<CompartmentPath>(), path(QStringLiteral("Apps:Backend")));
        QVERIFY(imports[0][2].toString().isEmpty());
        QCOMPARE(imports[1][1].value<CompartmentPath>(), path(QStringLiteral("Apps")));
        QCOMPARE(imports[1][2].toString(), QStringLiteral("pushed"));
        // Only local files.
        QMimeData web;
        web.setUrls({QUrl(QStringLiteral("https://example.com/a.tar"))});
        QVERIFY(!model.canDropMimeData(&web, Qt::CopyAction, -1, -1, backend));
        QVERIFY(!model.dropMimeData(&web, Qt::CopyAction, -1, -1, backend));
        QCOMPARE(imports.count(), 2);
    }

    void repositoryTable()
    {
        RepositoryTableModel model(*f.browser);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setCompartment(path(QStringLiteral("Apps")));
        QTRY_VERIFY(model.isLoaded());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.repositoryAt(0), QStringLiteral("pushed"));
        ImageCatalog catalog(*f.registry);
        const qint64 size = catalog.repositorySize(QStringLiteral("pushed")).value();
        QCOMPARE(size, 1714);
        const auto cell = [&](int column, int role = Qt::DisplayRole) {
            return model.index(0, column).data(role);
        };
        QCOMPARE(cell(RepositoryTableModel::SizeColumn, ConsoleRoles::SortRole).toLongLong(), size);
        QCOMPARE(cell(RepositoryTableModel::SizeColumn).toString(), QLocale().formattedDataSize(size));
        QCOMPARE(cell(RepositoryTableModel::ImagesColumn).toLongLong(), 1);
        QCOMPARE(cell(RepositoryTableModel::TagsColumn).toLongLong(), 1);
        QVERIFY(!cell(RepositoryTableModel::LastPushColumn).toString().isEmpty());

        // A client pushes another tag: the row follows without a reset.
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        VERIFY_OK(f.registry->putManifest(
            QStringLiteral("pushed"), Reference::fromTag(QStringLiteral("v2")),
            OciLayoutPusher::layoutBlob(
                m_single, *Digest::parse(QStringLiteral(
                              "sha256:ba1e2568af7850df541b95b9ec19936167a2f570385b9b74b1bdee9da32b331b"))),
            MediaTypes::OciImageManifest));
        QTRY_COMPARE(cell(RepositoryTableModel::TagsColumn).toLongLong(), 2);
        f.browser->createRepository(QStringLiteral("another"), path(QStringLiteral("Apps")));
        QTRY_COMPARE(model.rowCount(), 2);
        QCOMPARE(model.repositoryAt(0), QStringLiteral("another"));
        QCOMPARE(cell(RepositoryTableModel::SizeColumn, ConsoleRoles::SortRole).toLongLong(), 0);
        QCOMPARE(resets.count(), 0);

        // Files on a row import into that repository; below the rows, into the compartment.
        QSignalSpy imports(&model, &RepositoryTableModel::importRequested);
        std::unique_ptr<QMimeData> archives(files({QStringLiteral("/tmp/c.tar")}));
        QVERIFY(model.dropMimeData(archives.get(), Qt::CopyAction, -1, -1, model.index(1, 0)));
        QVERIFY(model.dropMimeData(archives.get(), Qt::CopyAction, 2, 0, QModelIndex()));
        QCOMPARE(imports.count(), 2);
        QCOMPARE(imports[0][2].toString(), QStringLiteral("pushed"));
        QCOMPARE(imports[0][1].value<CompartmentPath>(), path(QStringLiteral("Apps")));
        QVERIFY(imports[1][2].toString().isEmpty());
        std::unique_ptr<QMimeData> drag(model.mimeData({model.index(1, 0)}));
        QCOMPARE(drag->data(QString::fromLatin1(RepositoryMimeType)), QByteArray("pushed"));

        model.setCompartment(CompartmentPath());
        QTRY_VERIFY(model.isLoaded());
        QTRY_COMPARE(model.rowCount(), 1);
        QCOMPARE(model.repositoryAt(0), QStringLiteral("team/app"));
    }
};

QTEST_MAIN(TestNavigationModel)
#include "tst_navigationmodel.moc"
