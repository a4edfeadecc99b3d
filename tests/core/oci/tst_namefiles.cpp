// The bad (and good) names, tags and digests kept as files under tests/data/oci/names: one per
// line, so a new hostile input is added by adding a line.

#include "oci/Digest.h"
#include "oci/Names.h"
#include "oci/Reference.h"

#include <QFile>
#include <QtTest>

using namespace berth;

namespace {

QStringList linesOf(const char* name)
{
    QFile file(QStringLiteral(BERTH_TEST_DATA "/oci/names/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(file.fileName()));
    QStringList lines;
    for (const QByteArray& raw : file.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        lines.append(line);
    }
    return lines;
}

void addRows(const char* file)
{
    QTest::addColumn<QString>("text");
    int i = 0;
    for (const QString& line : linesOf(file))
        QTest::newRow(qPrintable(QStringLiteral("%1: %2").arg(++i).arg(line.left(40)))) << line;
}

} // namespace

class TestNameFiles : public QObject
{
    Q_OBJECT

private slots:
    void refusesInvalidRepositoryNames_data() { addRows("invalid-repository-names.txt"); }
    void refusesInvalidRepositoryNames()
    {
        QFETCH(QString, text);
        QVERIFY2(!Names::isValidRepositoryName(text), qPrintable(text));
    }

    void acceptsValidRepositoryNames_data() { addRows("valid-repository-names.txt"); }
    void acceptsValidRepositoryNames()
    {
        QFETCH(QString, text);
        QVERIFY2(Names::isValidRepositoryName(text), qPrintable(text));
    }

    void refusesInvalidDigests_data() { addRows("invalid-digests.txt"); }
    void refusesInvalidDigests()
    {
        QFETCH(QString, text);
        QVERIFY2(!Digest::parse(text).has_value(), qPrintable(text));
        // As a manifest reference it is neither a digest nor a tag.
        QVERIFY2(!Reference::parse(text).has_value() || Reference::parse(text)->isTag(), qPrintable(text));
    }

    void refusesInvalidTags_data() { addRows("invalid-tags.txt"); }
    void refusesInvalidTags()
    {
        QFETCH(QString, text);
        QVERIFY2(!Names::isValidTag(text), qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(TestNameFiles)
#include "tst_namefiles.moc"
