#include "portal/MarkdownRenderer.h"

#include <cmark.h>
#include <cstdlib>

namespace berth {

QString MarkdownRenderer::toHtml(const QString& markdown)
{
    const QByteArray utf8 = markdown.toUtf8();
    // CMARK_OPT_DEFAULT is the safe mode since cmark 0.29 (CMARK_OPT_UNSAFE is never set here);
    // CMARK_OPT_SAFE is named anyway for older libraries.
    char* html = cmark_markdown_to_html(utf8.constData(), size_t(utf8.size()),
                                        CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8);
    if (!html)
        return QString();
    const QString out = QString::fromUtf8(html);
    std::free(html);
    return out;
}

} // namespace berth
