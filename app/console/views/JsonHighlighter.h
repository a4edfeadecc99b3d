#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace berth {

/// Colours JSON text: object keys, string values, numbers, and true/false/null. Works line by line and
/// carries an unterminated string to the next block (manifests are pretty-printed, so that is rare).
class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    enum class Token
    {
        Key,
        String,
        Number,
        Keyword,
    };

    explicit JsonHighlighter(QTextDocument* document);

    QTextCharFormat formatFor(Token token) const;

protected:
    void highlightBlock(const QString& text) override;

private:
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_keyword;
};

} // namespace berth
