#include "views/JsonHighlighter.h"

#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

using namespace berth;

namespace {

/// The colour applied at `column` of line `line`; invalid when no format covers it.
QColor colourAt(QTextDocument& document, int line, int column)
{
    const QTextBlock block = document.findBlockByNumber(line);
    const QList<QTextLayout::FormatRange> formats = block.layout()->formats();
    for (const QTextLayout::FormatRange& range : formats)
        if (column >= range.start && column < range.start + range.length)
            return range.format.foreground().color();
    return QColor();
}

/// Column of the first occurrence of `text` on `line`.
int columnOf(QTextDocument& document, int line, const QString& text)
{
    return document.findBlockByNumber(line).text().indexOf(text);
}

} // namespace

class TestJsonHighlighter : public QObject
{
    Q_OBJECT

private slots:
    void tokensGetTheirFormats()
    {
        QTextDocument document;
        document.setPlainText(
            QStringLiteral("{\n"
                           "  \"schemaVersion\": 2,\n"
                           "  \"mediaType\": \"application/vnd.oci.image.manifest.v1+json\",\n"
                           "  \"size\": -1.5e3,\n"
                           "  \"flags\": [true, false, null],\n"
                           "  \"quote\": \"a \\\"b\\\": c\"\n"
                           "}"));
        JsonHighlighter highlighter(&document);
        highlighter.rehighlight();
        const QColor key = highlighter.formatFor(JsonHighlighter::Token::Key).foreground().color();
        const QColor string = highlighter.formatFor(JsonHighlighter::Token::String).foreground().color();
        const QColor number = highlighter.formatFor(JsonHighlighter::Token::Number).foreground().color();
        const QColor keyword = highlighter.formatFor(JsonHighlighter::Token::Keyword).foreground().color();
        QVERIFY(key != string && string != number && number != keyword && key != keyword);

        QCOMPARE(colourAt(document, 1, columnOf(document, 1, QStringLiteral("\"schemaVersion\""))), key);
        QCOMPARE(colourAt(document, 1, columnOf(document, 1, QStringLiteral("Version\""))), key);
        QCOMPARE(colourAt(document, 1, columnOf(document, 1, QStringLiteral("2"))), number);
        QVERIFY(!colourAt(document, 1, columnOf(document, 1, QStringLiteral(":"))).isValid());

        QCOMPARE(colourAt(document, 2, columnOf(document, 2, QStringLiteral("\"mediaType\""))), key);
        QCOMPARE(colourAt(document, 2, columnOf(document, 2, QStringLiteral("application"))), string);
        QCOMPARE(colourAt(document, 2, columnOf(document, 2, QStringLiteral("+json\""))), string);

        const int minus = columnOf(document, 3, QStringLiteral("-1.5e3"));
        for (int column = minus; column < minus + 6; ++column)
            QCOMPARE(colourAt(document, 3, column), number);

        QCOMPARE(colourAt(document, 4, columnOf(document, 4, QStringLiteral("true"))), keyword);
        QCOMPARE(colourAt(document, 4, columnOf(document, 4, QStringLiteral("false"))), keyword);
        QCOMPARE(colourAt(document, 4, columnOf(document, 4, QStringLiteral("null"))), keyword);
        QVERIFY(!colourAt(document, 4, columnOf(document, 4, QStringLiteral("["))).isValid());

        // An escaped quote followed by a colon inside a value stays part of the string.
        QCOMPARE(colourAt(document, 5, columnOf(document, 5, QStringLiteral("\"quote\""))), key);
        QCOMPARE(colourAt(document, 5, columnOf(document, 5, QStringLiteral(": c"))), string);
        QCOMPARE(colourAt(document, 5, columnOf(document, 5, QStringLiteral("c\""))), string);
    }

    void stringAcrossLines()
    {
        QTextDocument document;
        document.setPlainText(QStringLiteral("{\"a\": \"first\nsecond\", \"n\": 7}"));
        JsonHighlighter highlighter(&document);
        highlighter.rehighlight();
        const QColor string = highlighter.formatFor(JsonHighlighter::Token::String).foreground().color();
        const QColor number = highlighter.formatFor(JsonHighlighter::Token::Number).foreground().color();
        const QColor key = highlighter.formatFor(JsonHighlighter::Token::Key).foreground().color();
        QCOMPARE(colourAt(document, 0, columnOf(document, 0, QStringLiteral("first"))), string);
        QCOMPARE(colourAt(document, 1, 0), string);
        QCOMPARE(colourAt(document, 1, columnOf(document, 1, QStringLiteral("\"n\""))), key);
        QCOMPARE(colourAt(document, 1, columnOf(document, 1, QStringLiteral("7"))), number);
    }
};

QTEST_MAIN(TestJsonHighlighter)
#include "tst_jsonhighlighter.moc"
