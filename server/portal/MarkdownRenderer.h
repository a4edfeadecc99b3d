#pragma once

#include <QString>

namespace berth {

/// Turns a licence's CommonMark text into HTML with libcmark in its safe mode: raw HTML in the text
/// is left out (cmark writes a comment in its place) and links or images with javascript:, vbscript:,
/// file: or data: (other than images) addresses lose their address. Thread-safe (no shared state).
class MarkdownRenderer
{
public:
    static QString toHtml(const QString& markdown);
};

} // namespace berth
