#include "oci/Reference.h"

#include "oci/Names.h"

namespace berth {

std::optional<Reference> Reference::parse(QStringView text)
{
    if (Names::isValidTag(text))
        return fromTag(text.toString());
    if (text.contains(u':')) {
        if (auto digest = Digest::parse(text))
            return fromDigest(std::move(*digest));
    }
    return std::nullopt;
}

Reference Reference::fromTag(QString tag)
{
    Reference r;
    r.m_tag = std::move(tag);
    return r;
}

Reference Reference::fromDigest(Digest digest)
{
    Reference r;
    r.m_digest = std::move(digest);
    return r;
}

} // namespace berth
