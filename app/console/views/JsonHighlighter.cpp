#include "views/JsonHighlighter.h"

namespace berth {

namespace {

enum BlockState
{
    Normal = 0,
    InString = 1,
};

/// Index just past the closing quote of the string starting at `from` (which is inside the string),
/// or -1 when the string does not end on this line.
int endOfString(const QString& text, int from)
{
    for (int i = from; i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('\\'))
            ++i;
        else if (text.at(i) == QLatin1Char('"'))
            return i + 1;
    }
    return -1;
}

bool followedByColon(const QString& text, int from)
{
    for (int i = from; i < text.size(); ++i) {
        if (text.at(i).isSpace())
            continue;
        return text.at(i) == QLatin1Char(':');
    }
    return false;
}

} // namespace

JsonHighlighter::JsonHighlighter(QTextDocument* document) : QSyntaxHighlighter(document)
{
    m_key.setForeground(QColor(0x1f, 0x4e, 0x9c));
    m_key.setFontWeight(QFont::Bold);
    m_string.setForeground(QColor(0x1a, 0x7f, 0x37));
    m_number.setForeground(QColor(0xa3, 0x4a, 0x00));
    m_keyword.setForeground(QColor(0x8b, 0x1e, 0x8b));
}

QTextCharFormat JsonHighlighter::formatFor(Token token) const
{
    switch (token) {
    case Token::Key:
        return m_key;
    case Token::String:
        return m_string;
    case Token::Number:
        return m_number;
    case Token::Keyword:
        break;
    }
    return m_keyword;
}

void JsonHighlighter::highlightBlock(const QString& text)
{
    setCurrentBlockState(Normal);
    int i = 0;
    if (previousBlockState() == InString) {
        const int end = endOfString(text, 0);
        setFormat(0, end < 0 ? text.size() : end, m_string);
        if (end < 0) {
            setCurrentBlockState(InString);
            return;
        }
        i = end;
    }
    while (i < text.size()) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('"')) {
            const int end = endOfString(text, i + 1);
            if (end < 0) {
                setFormat(i, text.size() - i, m_string);
                setCurrentBlockState(InString);
                return;
            }
            setFormat(i, end - i, followedByColon(text, end) ? m_key : m_string);
            i = end;
        } else if (c == QLatin1Char('-') || c.isDigit()) {
            int end = i + 1;
            while (end < text.size() &&
                   (text.at(end).isDigit() || QStringLiteral(".eE+-").contains(text.at(end))))
                ++end;
            setFormat(i, end - i, m_number);
            i = end;
        } else if (c.isLetter()) {
            int end = i + 1;
            while (end < text.size() && text.at(end).isLetter())
                ++end;
            const QStringView word = QStringView(text).mid(i, end - i);
            if (word == QLatin1String("true") || word == QLatin1String("false") ||
                word == QLatin1String("null"))
                setFormat(i, end - i, m_keyword);
            i = end;
        } else {
            ++i;
        }
    }
}

} // namespace berth
