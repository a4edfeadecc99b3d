#include "archive/ImportImageName.h"

#include "oci/Names.h"

#include <QFileInfo>
#include <cstring>

namespace berth {

ImportImageName ImportImageName::fromReference(const QString& reference)
{
    QString rest = reference.trimmed();
    const int at = rest.indexOf(QLatin1Char('@'));
    if (at >= 0)
        rest.truncate(at);
    ImportImageName name;
    const int slash = rest.lastIndexOf(QLatin1Char('/'));
    const int colon = rest.lastIndexOf(QLatin1Char(':'));
    if (colon > slash) {
        name.tag = rest.mid(colon + 1);
        rest.truncate(colon);
    }
    const int firstSlash = rest.indexOf(QLatin1Char('/'));
    if (firstSlash > 0) {
        const QString first = rest.left(firstSlash);
        if (first.contains(QLatin1Char('.')) || first.contains(QLatin1Char(':')) ||
            first == QLatin1String("localhost"))
            rest.remove(0, firstSlash + 1);
    }
    name.repository = rest;
    return name;
}

ImportImageName ImportImageName::fromRefName(const QString& refName)
{
    if (!refName.contains(QLatin1Char('/')) && !refName.contains(QLatin1Char(':')) &&
        !refName.contains(QLatin1Char('@')) && Names::isValidTag(refName))
        return ImportImageName{QString(), refName};
    return fromReference(refName);
}

QString ImportImageName::repositoryFromFileName(const QString& path)
{
    QString base = QFileInfo(path).fileName().toLower();
    for (const char* suffix : {".gz", ".tgz", ".bz2", ".xz", ".zst", ".tar"}) {
        if (base.endsWith(QLatin1String(suffix)) && base.size() > static_cast<int>(strlen(suffix)))
            base.chop(static_cast<int>(strlen(suffix)));
    }
    QString out;
    for (const QChar c : base) {
        const bool allowed = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                             (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('.') ||
                             c == QLatin1Char('_');
        out += allowed ? c : QLatin1Char('-');
    }
    // Separators may only sit between alphanumerics: squeeze runs and trim the ends.
    QString squeezed;
    for (const QChar c : out) {
        const bool separator = !c.isLetterOrNumber();
        if (separator && (squeezed.isEmpty() || !squeezed.back().isLetterOrNumber()))
            continue;
        squeezed += c;
    }
    while (!squeezed.isEmpty() && !squeezed.back().isLetterOrNumber())
        squeezed.chop(1);
    return Names::isValidRepositoryName(squeezed) ? squeezed : QString();
}

} // namespace berth
