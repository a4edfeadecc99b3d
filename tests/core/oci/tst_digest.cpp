#include "oci/Digest.h"
#include "oci/Digester.h"

#include <QSet>
#include <QtTest>

using namespace berth;

namespace {

const QString EmptySha256 =
    QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
const QString AbcSha256 = QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
const QString AbcSha512 = QStringLiteral("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                                         "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
const QString EmptySha512 =
    QStringLiteral("cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
                   "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");

QByteArray patternData(int size)
{
    QByteArray data(size, Qt::Uninitialized);
    quint32 x = 2463534242u; // xorshift: deterministic, not compressible by accident
    for (int i = 0; i < size; ++i) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        data[i] = static_cast<char>(x & 0xff);
    }
    return data;
}

} // namespace

class TestDigest : public QObject
{
    Q_OBJECT

private slots:
    void knownVectors()
    {
        QCOMPARE(Digest::compute(QByteArrayView("")).toString(), QStringLiteral("sha256:") + EmptySha256);
        QCOMPARE(Digest::compute(QByteArrayView("abc")).toString(), QStringLiteral("sha256:") + AbcSha256);
        QCOMPARE(Digest::compute(QByteArrayView("abc"), DigestAlgorithm::Sha512).toString(),
                 QStringLiteral("sha512:") + AbcSha512);
        QCOMPARE(Digest::compute(QByteArrayView(""), DigestAlgorithm::Sha512).hex(), EmptySha512);
        const Digest d = Digest::compute(QByteArrayView("abc"), DigestAlgorithm::Sha512);
        QVERIFY(d.isValid());
        QCOMPARE(d.algorithm(), DigestAlgorithm::Sha512);
        QCOMPARE(d.algorithmName(), QStringLiteral("sha512"));
    }

    void defaultIsInvalid()
    {
        Digest d;
        QVERIFY(!d.isValid());
        QVERIFY(d.toString().isEmpty());
    }

    void streamingEqualsOneShot_data()
    {
        QTest::addColumn<int>("algorithm");
        QTest::addColumn<int>("chunk");
        for (int alg : {0, 1}) {
            for (int chunk : {1, 3, 7, 63, 64, 65, 127, 129, 4093, 65537, 1 << 20}) {
                const QByteArray name =
                    QByteArray(alg ? "sha512" : "sha256") + " chunk " + QByteArray::number(chunk);
                QTest::newRow(name.constData()) << alg << chunk;
            }
        }
    }

    void streamingEqualsOneShot()
    {
        QFETCH(int, algorithm);
        QFETCH(int, chunk);
        const auto alg = algorithm ? DigestAlgorithm::Sha512 : DigestAlgorithm::Sha256;
        const QByteArray data = patternData(chunk == 1 ? 20000 : 300001);
        const Digest oneShot = Digest::compute(data, alg);

        Digester d(alg);
        QCOMPARE(d.algorithm(), alg);
        for (qsizetype off = 0; off < data.size(); off += chunk)
            d.update(data.constData() + off, qMin<qint64>(chunk, data.size() - off));
        QCOMPARE(d.bytesHashed(), qint64(data.size()));
        QCOMPARE(d.finish(), oneShot);
    }

    void finishStartsOver()
    {
        Digester d;
        d.update(QByteArrayView("ab"));
        d.update(QByteArrayView("c"));
        QCOMPARE(d.finish().hex(), AbcSha256);
        QCOMPARE(d.bytesHashed(), qint64(0));
        QCOMPARE(d.finish().hex(), EmptySha256);
        d.update(QByteArrayView("abc"));
        QCOMPARE(d.finish().hex(), AbcSha256);
    }

    void zeroAndNegativeSizesAreIgnored()
    {
        Digester d;
        d.update(nullptr, 0);
        d.update("xyz", -1);
        QCOMPARE(d.bytesHashed(), qint64(0));
        QCOMPARE(d.finish().hex(), EmptySha256);
    }

    void movable()
    {
        Digester a(DigestAlgorithm::Sha512);
        a.update(QByteArrayView("a"));
        Digester b(std::move(a));
        b.update(QByteArrayView("bc"));
        QCOMPARE(b.bytesHashed(), qint64(3));
        QCOMPARE(b.finish().hex(), AbcSha512);

        Digester c;
        c.update(QByteArrayView("ab"));
        Digester e;
        e = std::move(c);
        e.update(QByteArrayView("c"));
        QCOMPARE(e.finish().hex(), AbcSha256);
    }

    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        const QString h64 = AbcSha256;
        const QString h128 = AbcSha512;
        QTest::newRow("sha256") << QStringLiteral("sha256:") + h64 << true;
        QTest::newRow("sha512") << QStringLiteral("sha512:") + h128 << true;
        QTest::newRow("uppercase hex") << QStringLiteral("sha256:") + h64.toUpper() << false;
        QTest::newRow("one uppercase") << QStringLiteral("sha256:B") + h64.mid(1) << false;
        QTest::newRow("uppercase algorithm") << QStringLiteral("SHA256:") + h64 << false;
        QTest::newRow("63 hex") << QStringLiteral("sha256:") + h64.left(63) << false;
        QTest::newRow("65 hex") << QStringLiteral("sha256:") + h64 + u'0' << false;
        QTest::newRow("sha256 with 128 hex") << QStringLiteral("sha256:") + h128 << false;
        QTest::newRow("sha512 with 64 hex") << QStringLiteral("sha512:") + h64 << false;
        QTest::newRow("non hex") << QStringLiteral("sha256:") + h64.left(63) + u'g' << false;
        QTest::newRow("unregistered") << QStringLiteral("sha384:") + h64 << false;
        QTest::newRow("blake3") << QStringLiteral("blake3:") + h64 << false;
        QTest::newRow("no colon") << h64 << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("only colon") << QStringLiteral(":") << false;
        QTest::newRow("empty hex") << QStringLiteral("sha256:") << false;
        QTest::newRow("leading space") << QStringLiteral(" sha256:") + h64 << false;
        QTest::newRow("trailing newline") << QStringLiteral("sha256:") + h64 + u'\n' << false;
        QTest::newRow("two colons") << QStringLiteral("sha256::") + h64.left(63) << false;
        QTest::newRow("unicode digit") << QStringLiteral("sha256:") + h64.left(63) + QChar(0x0663) << false;
    }

    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        const auto d = Digest::parse(text);
        QCOMPARE(d.has_value(), valid);
        if (valid) {
            QVERIFY(d->isValid());
            QCOMPARE(d->toString(), text);
            QVERIFY(Digest::isWellFormed(text));
        }
    }

    void parsedEqualsComputed()
    {
        const auto parsed = Digest::parse(QStringLiteral("sha256:") + AbcSha256);
        QVERIFY(parsed);
        QCOMPARE(*parsed, Digest::compute(QByteArrayView("abc")));
        QVERIFY(*parsed != Digest::compute(QByteArrayView("abd")));
        QSet<Digest> set{*parsed, Digest::compute(QByteArrayView("abc"))};
        QCOMPARE(set.size(), 1);
        const Digest a = Digest::compute(QByteArrayView("abc"));
        const Digest e = Digest::compute(QByteArrayView(""));
        QVERIFY(a < e); // "sha256:ba.." < "sha256:e3.."
    }

    void wellFormed_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("wellFormed");
        QTest::newRow("sha256") << QStringLiteral("sha256:") + AbcSha256 << true;
        QTest::newRow("unregistered but fine") << QStringLiteral("sha384:abc") << true;
        QTest::newRow("multihash+base58")
            << QStringLiteral("multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8") << true;
        QTest::newRow("separators") << QStringLiteral("a.b_c-d+e:x") << true;
        QTest::newRow("encoded charset") << QStringLiteral("sha256:aZ09=_-") << true;
        QTest::newRow("uppercase hex is well-formed")
            << QStringLiteral("sha256:") + AbcSha256.toUpper() << true;
        QTest::newRow("uppercase algorithm") << QStringLiteral("SHA256:abc") << false;
        QTest::newRow("double separator") << QStringLiteral("sha..256:abc") << false;
        QTest::newRow("mixed double separator") << QStringLiteral("sha+-256:abc") << false;
        QTest::newRow("leading separator") << QStringLiteral("+sha256:abc") << false;
        QTest::newRow("trailing separator") << QStringLiteral("sha256_:abc") << false;
        QTest::newRow("empty algorithm") << QStringLiteral(":abc") << false;
        QTest::newRow("empty encoded") << QStringLiteral("sha256:") << false;
        QTest::newRow("no colon") << QStringLiteral("sha256") << false;
        QTest::newRow("two colons") << QStringLiteral("sha256:ab:c") << false;
        QTest::newRow("bad encoded char") << QStringLiteral("sha256:ab+c") << false;
        QTest::newRow("slash in encoded") << QStringLiteral("sha256:ab/c") << false;
        QTest::newRow("space") << QStringLiteral("sha256: abc") << false;
        QTest::newRow("unicode algorithm") << QStringLiteral("sh\u00e4256:abc") << false;
        QTest::newRow("unicode encoded") << QStringLiteral("sha256:ab\u00e9") << false;
        QTest::newRow("empty") << QString() << false;
    }

    void wellFormed()
    {
        QFETCH(QString, text);
        QFETCH(bool, wellFormed);
        QCOMPARE(Digest::isWellFormed(text), wellFormed);
    }
};

QTEST_GUILESS_MAIN(TestDigest)
#include "tst_digest.moc"
