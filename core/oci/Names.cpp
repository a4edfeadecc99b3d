#include "oci/Names.h"

namespace berth::Names {

namespace {

bool isLowerAlnum(char16_t u)
{
    return (u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9');
}

bool isTagFirst(char16_t u)
{
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'_';
}

bool isTagRest(char16_t u)
{
    return isTagFirst(u) || u == u'.' || u == u'-';
}

// One path component: [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*
bool isValidComponent(QStringView c)
{
    const qsizetype n = c.size();
    qsizetype i = 0;
    while (true) {
        // A run of [a-z0-9]+
        const qsizetype runStart = i;
        while (i < n && isLowerAlnum(c[i].unicode()))
            ++i;
        if (i == runStart)
            return false; // empty run: leading, trailing or doubled separator, or a stray character
        if (i == n)
            return true;
        // A separator: '.', '_', '__' or one or more '-'
        const char16_t s = c[i].unicode();
        if (s == u'.') {
            ++i;
        } else if (s == u'_') {
            ++i;
            if (i < n && c[i] == u'_')
                ++i;
        } else if (s == u'-') {
            while (i < n && c[i] == u'-')
                ++i;
        } else {
            return false;
        }
    }
}

} // namespace

bool isValidRepositoryName(QStringView name)
{
    if (name.isEmpty() || name.size() > MaxRepositoryNameLength)
        return false;
    qsizetype start = 0;
    while (true) {
        const qsizetype slash = name.indexOf(u'/', start);
        const QStringView component = slash < 0 ? name.mid(start) : name.mid(start, slash - start);
        if (!isValidComponent(component))
            return false;
        if (slash < 0)
            return true;
        start = slash + 1;
    }
}

bool isValidTag(QStringView tag)
{
    if (tag.isEmpty() || tag.size() > MaxTagLength)
        return false;
    if (!isTagFirst(tag[0].unicode()))
        return false;
    for (qsizetype i = 1; i < tag.size(); ++i) {
        if (!isTagRest(tag[i].unicode()))
            return false;
    }
    return true;
}

} // namespace berth::Names
