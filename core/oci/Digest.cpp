#include "oci/Digest.h"

#include "oci/Digester.h"

namespace berth {

namespace {

bool isLowerHex(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f');
}

bool isAlnum(char16_t u)
{
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9');
}

// algorithm-component ::= [a-z0-9]+
bool isAlgorithmComponentChar(char16_t u)
{
    return (u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9');
}

// algorithm-separator ::= [+._-]
bool isAlgorithmSeparator(char16_t u)
{
    return u == u'+' || u == u'.' || u == u'_' || u == u'-';
}

// encoded ::= [a-zA-Z0-9=_-]+
bool isEncodedChar(char16_t u)
{
    return isAlnum(u) || u == u'=' || u == u'_' || u == u'-';
}

bool allLowerHex(QStringView s)
{
    for (QChar c : s) {
        if (!isLowerHex(c))
            return false;
    }
    return true;
}

} // namespace

std::optional<Digest> Digest::parse(QStringView text)
{
    const qsizetype colon = text.indexOf(u':');
    if (colon < 0)
        return std::nullopt;
    const QStringView algorithm = text.left(colon);
    const QStringView encoded = text.mid(colon + 1);
    if (algorithm == u"sha256") {
        if (encoded.size() != 64 || !allLowerHex(encoded))
            return std::nullopt;
        return Digest(DigestAlgorithm::Sha256, encoded.toString());
    }
    if (algorithm == u"sha512") {
        if (encoded.size() != 128 || !allLowerHex(encoded))
            return std::nullopt;
        return Digest(DigestAlgorithm::Sha512, encoded.toString());
    }
    return std::nullopt;
}

bool Digest::isWellFormed(QStringView text)
{
    // digest ::= algorithm ":" encoded
    // algorithm ::= algorithm-component (algorithm-separator algorithm-component)*
    const qsizetype colon = text.indexOf(u':');
    if (colon <= 0 || colon == text.size() - 1)
        return false;
    bool expectComponent = true; // at the start, and right after a separator
    for (qsizetype i = 0; i < colon; ++i) {
        const char16_t u = text[i].unicode();
        if (isAlgorithmComponentChar(u)) {
            expectComponent = false;
        } else if (isAlgorithmSeparator(u)) {
            if (expectComponent)
                return false; // leading or doubled separator
            expectComponent = true;
        } else {
            return false;
        }
    }
    if (expectComponent)
        return false; // trailing separator
    for (qsizetype i = colon + 1; i < text.size(); ++i) {
        if (!isEncodedChar(text[i].unicode()))
            return false;
    }
    return true;
}

Digest Digest::compute(QByteArrayView data, DigestAlgorithm algorithm)
{
    Digester d(algorithm);
    d.update(data);
    return d.finish();
}

QString Digest::algorithmName() const
{
    return m_algorithm == DigestAlgorithm::Sha512 ? QStringLiteral("sha512") : QStringLiteral("sha256");
}

QString Digest::toString() const
{
    if (!isValid())
        return QString();
    return algorithmName() + u':' + m_hex;
}

} // namespace berth
