#include "ConsoleFixture.h"
#include "metadata/MetadataStore.h"
#include "models/ImageTableModel.h"
#include "oci/MediaTypes.h"
#include "oci/Reference.h"
#include "support/core/OciLayoutPusher.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QLocale>
#include <QMimeData>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace berth;

namespace {

const QString SingleImage =
    QStringLiteral("sha256:ba1e2568af7850df541b95b9ec19936167a2f570385b9b74b1bdee9da32b331b");
const QString MultiIndex =
    QStringLiteral("sha256:67a1167efc05d94c540fb46adabd1e5f0eb30a1c30a727e44b788b310a5d64e9");

/// The longest time the GUI thread spent in one model call or slot.
struct LongestCall
{
    qint64 nanoseconds = 0;
    QString what;
    void record(qint64 ns, const QString& label)
    {
        if (ns > nanoseconds) {
            nanoseconds = ns;
            what = label;
        }
    }
};

} // namespace

class TestImageTableModel : public QObject
{
    Q_OBJECT

private:
    ConsoleFixture f;
    QString m_single;
    QString m_multi;

    /// `count` tags t000000... on the oci-single image in `repository`, in one transaction.
    bool addTags(const QString& repository, int count)
    {
        MetadataStore& metadata = f.registry->metadata();
        const qint64 repoId = *metadata.repositoryId(repository).value();
        const qint64 manifestId = metadata.manifestByDigest(repoId, *Digest::parse(SingleImage)).value()->id;
        auto done = metadata.transaction([&]() -> Result<void> {
            const QDateTime now = QDateTime::currentDateTimeUtc();
            for (int i = 0; i < count; ++i) {
                auto set = metadata.setTag(repoId, QStringLiteral("t%1").arg(i, 6, 10, QLatin1Char('0')),
                                           manifestId, now);
                if (!set)
                    return set.error();
            }
            return {};
        });
        return done.ok();
    }

    /// Tags strictly increasing, then untagged rows with distinct digests.
    static void checkOrder(const ImageTableModel& model)
    {
        QString previous;
        bool untagged = false;
        QSet<QString> digests;
        for (int row = 0; row < model.rowCount(); ++row) {
            const TagRow r = model.rowAt(row);
            if (r.tag.isEmpty()) {
                untagged = true;
                QVERIFY2(!digests.contains(r.digest.toString()), "an untagged manifest twice");
                digests.insert(r.digest.toString());
                continue;
            }
            QVERIFY2(!untagged, "a tag row after the untagged rows");
            QVERIFY2(r.tag > previous,
                     qPrintable(QStringLiteral("row %1: %2 after %3").arg(row).arg(r.tag, previous)));
            previous = r.tag;
        }
    }

private slots:
    void initTestCase()
    {
        QString missing;
        m_single = OciLayoutPusher::fixture(QStringLiteral("oci-single"), &missing);
        m_multi = OciLayoutPusher::fixture(QStringLiteral("oci-multi"), &missing);
        if (!missing.isEmpty())
            QFAIL(qPrintable(missing));
        const QString problem = f.open();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void loadsAndFollowsChangesUnderTester()
    {
        const QString repo = QStringLiteral("small");
        VERIFY_OK(OciLayoutPusher::push(*f.registry, m_single, repo));
        VERIFY_OK(OciLayoutPusher::push(*f.registry, m_multi, repo,
                                        OciLayoutPusher::Tagging::Untagged)); // an untagged index
        QVERIFY(addTags(repo, 120));
        ImageTableModel model(*f.browser);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setPageSize(50);
        model.setRegistryHost(QStringLiteral("localhost:5000"));
        model.setRepository(repo);
        QTRY_VERIFY(!model.isLoading());
        // The tester itself calls fetchMore() as it checks the model (like a view scrolling).
        QVERIFY(model.rowCount() >= 50);
        while (model.canFetchMore(QModelIndex())) {
            model.fetchMore(QModelIndex());
            QTRY_VERIFY(!model.isLoading());
        }
        QCOMPARE(model.rowCount(), 121 + 1); // t000000..t000119, v1, then the untagged index
        checkOrder(model);
        const TagRow last = model.rowAt(model.rowCount() - 1);
        QVERIFY(last.tag.isEmpty());
        QCOMPARE(last.digest.toString(), MultiIndex);
        QCOMPARE(model.index(model.rowCount() - 1, ImageTableModel::KindColumn).data().toString(),
                 QStringLiteral("Multi-arch index"));
        QCOMPARE(model.index(model.rowCount() - 1, ImageTableModel::PlatformsColumn).data().toString(),
                 QStringLiteral("linux/amd64, linux/arm64/v8"));
        QCOMPARE(model.index(0, ImageTableModel::KindColumn).data().toString(), QStringLiteral("Image"));
        QCOMPARE(model.index(0, ImageTableModel::SizeColumn).data().toString(),
                 QLocale().formattedDataSize(1714));
        QCOMPARE(model.index(0, ImageTableModel::SizeColumn).data(ConsoleRoles::SortRole).toLongLong(), 1714);
        QCOMPARE(model.index(0, 0).data(ConsoleRoles::PullCommandRole).toString(),
                 QStringLiteral("docker pull localhost:5000/small:t000000"));
        QCOMPARE(model.index(model.rowCount() - 1, 0).data(ConsoleRoles::PullCommandRole).toString(),
                 QStringLiteral("docker pull localhost:5000/small@") + MultiIndex);

        // Clients change the repository: rows follow without a reset, rows loaded stay loaded.
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        const QByteArray image = OciLayoutPusher::layoutBlob(m_single, *Digest::parse(SingleImage));
        VERIFY_OK(f.registry->putManifest(repo, Reference::fromTag(QStringLiteral("t000050x")), image,
                                          MediaTypes::OciImageManifest));
        VERIFY_OK(f.registry->deleteTag(repo, QStringLiteral("t000003")));
        QTRY_COMPARE(model.rowAt(3).tag, QStringLiteral("t000004"));
        QTRY_COMPARE(model.rowAt(50).tag, QStringLiteral("t000050x"));
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), 122);
        checkOrder(model);
        QCOMPARE(model.rowAt(50).tag, QStringLiteral("t000050x"));
        // The index is tagged now: it leaves the untagged rows.
        VERIFY_OK(f.registry->putManifest(repo, Reference::fromTag(QStringLiteral("multi")),
                                          OciLayoutPusher::layoutBlob(m_multi, *Digest::parse(MultiIndex)),
                                          MediaTypes::OciImageIndex));
        QTRY_VERIFY(model.rowAt(model.rowCount() - 1).tag == QStringLiteral("v1"));
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), 122);
        QCOMPARE(model.rowAt(0).tag, QStringLiteral("multi")); // "m" sorts before "t"
        checkOrder(model);
        QCOMPARE(resets.count(), 0);

        // Files dropped ask to import into this repository.
        QSignalSpy imports(&model, &ImageTableModel::importRequested);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(QStringLiteral("/tmp/image.tar"))});
        QVERIFY(model.dropMimeData(&mime, Qt::CopyAction, -1, -1, QModelIndex()));
        QCOMPARE(imports.count(), 1);
        QCOMPARE(imports[0][2].toString(), repo);
        QVERIFY(imports[0][1].value<CompartmentPath>().isTenancy());
    }

    void hundredThousandTags()
    {
        const QString repo = QStringLiteral("big");
        VERIFY_OK(OciLayoutPusher::push(*f.registry, m_single, repo));
        VERIFY_OK(OciLayoutPusher::push(*f.registry, m_multi, repo, OciLayoutPusher::Tagging::Untagged));
        const int total = 100'000;
        QVERIFY(addTags(repo, total));

        // Slots run in connection order: a timer started before the model's slot and read after it
        // measures the model's work on each answer (rowsInserted included).
        LongestCall longest;
        QElapsedTimer slotTimer;
        auto startTimer = [&] { slotTimer.start(); };
        connect(f.browser.get(), &RegistryBrowser::tagRowsLoaded, this, startTimer);
        connect(f.browser.get(), &RegistryBrowser::untaggedRowsLoaded, this, startTimer);
        ImageTableModel model(*f.browser);
        connect(f.browser.get(), &RegistryBrowser::tagRowsLoaded, this,
                [&] { longest.record(slotTimer.nsecsElapsed(), QStringLiteral("a page's rows")); });
        connect(f.browser.get(), &RegistryBrowser::untaggedRowsLoaded, this,
                [&] { longest.record(slotTimer.nsecsElapsed(), QStringLiteral("the untagged rows")); });

        QElapsedTimer call;
        call.start();
        model.setRepository(repo);
        longest.record(call.nsecsElapsed(), QStringLiteral("setRepository"));
        QElapsedTimer all;
        all.start();
        int pages = 0;
        QSignalSpy pageLoaded(&model, &ImageTableModel::pageLoaded);
        for (;;) {
            // The first page, or a reload for the push above, may be under way.
            if (model.isLoading()) {
                QVERIFY(pageLoaded.wait());
                continue;
            }
            if (!model.canFetchMore(QModelIndex()))
                break;
            call.start();
            model.fetchMore(QModelIndex());
            longest.record(call.nsecsElapsed(), QStringLiteral("fetchMore"));
            ++pages;
        }
        qInfo("loaded %d rows in %d more pages of 500 in %lld ms", model.rowCount(), pages,
              qint64(all.elapsed()));
        QCOMPARE(model.rowCount(), total + 1 + 1);
        checkOrder(model);

        // A push while everything is loaded: one reload of the loaded range, applied as a diff.
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        VERIFY_OK(f.registry->putManifest(repo, Reference::fromTag(QStringLiteral("t050000x")),
                                          OciLayoutPusher::layoutBlob(m_single, *Digest::parse(SingleImage)),
                                          MediaTypes::OciImageManifest));
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), total + 3, 20'000);
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.rowAt(50'001).tag, QStringLiteral("t050000x"));
        QCOMPARE(resets.count(), 0);
        checkOrder(model);
        qInfo("longest time in one model call or slot: %.2f ms (%s)", double(longest.nanoseconds) / 1e6,
              qPrintable(longest.what));
        // Generous on a shared machine; a model that blocks on the database takes far longer.
        QVERIFY2(longest.nanoseconds < 200'000'000, qPrintable(longest.what));
    }
};

QTEST_MAIN(TestImageTableModel)
#include "tst_imagetablemodel.moc"
