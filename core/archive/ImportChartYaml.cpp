#include "archive/ImportChartYaml.h"

#include "archive/ImportManifestWriter.h"

#include <optional>

namespace berth {

namespace {

int indentOf(const QString& line)
{
    int n = 0;
    while (n < line.size() && line[n] == QLatin1Char(' '))
        ++n;
    return n;
}

bool isBlank(const QString& line)
{
    const QString t = line.trimmed();
    return t.isEmpty() || t.startsWith(QLatin1Char('#'));
}

/// A scalar written on one line: quoted (with escapes) or plain (comment stripped). nullopt for
/// what is not a scalar (flow collections, anchors, aliases, tags).
std::optional<QString> scalar(const QString& text)
{
    const QString t = text.trimmed();
    if (t.startsWith(QLatin1Char('"'))) {
        QString out;
        for (int i = 1; i < t.size(); ++i) {
            const QChar c = t[i];
            if (c == QLatin1Char('"'))
                return out;
            if (c == QLatin1Char('\\') && i + 1 < t.size()) {
                const QChar e = t[++i];
                out += e == QLatin1Char('n')   ? QChar(QLatin1Char('\n'))
                       : e == QLatin1Char('t') ? QChar(QLatin1Char('\t'))
                                               : e;
                continue;
            }
            out += c;
        }
        return std::nullopt; // unterminated
    }
    if (t.startsWith(QLatin1Char('\''))) {
        QString out;
        for (int i = 1; i < t.size(); ++i) {
            if (t[i] == QLatin1Char('\'')) {
                if (i + 1 < t.size() && t[i + 1] == QLatin1Char('\'')) {
                    out += QLatin1Char('\'');
                    ++i;
                    continue;
                }
                return out;
            }
            out += t[i];
        }
        return std::nullopt;
    }
    if (t.startsWith(QLatin1Char('[')) || t.startsWith(QLatin1Char('{')) || t.startsWith(QLatin1Char('&')) ||
        t.startsWith(QLatin1Char('*')) || t.startsWith(QLatin1Char('!')))
        return std::nullopt;
    QString plain = t;
    const int comment = plain.indexOf(QLatin1String(" #"));
    if (comment >= 0)
        plain.truncate(comment);
    plain = plain.trimmed();
    if (plain == QLatin1String("~") || plain == QLatin1String("null"))
        return QString();
    return plain;
}

/// Splits "key: value" (value may be empty); nullopt when the line is not a mapping entry.
std::optional<std::pair<QString, QString>> keyValue(const QString& line)
{
    const QString t = line.trimmed();
    int colon = t.indexOf(QLatin1String(": "));
    if (colon < 0 && t.endsWith(QLatin1Char(':')))
        colon = t.size() - 1;
    if (colon <= 0)
        return std::nullopt;
    QString key = t.left(colon).trimmed();
    if (auto unquoted = scalar(key);
        unquoted && (key.startsWith(QLatin1Char('"')) || key.startsWith(QLatin1Char('\''))))
        key = *unquoted;
    return std::make_pair(key, t.mid(colon + 1).trimmed());
}

} // namespace

ImportChartYaml ImportChartYaml::parse(const QByteArray& yaml)
{
    ImportChartYaml chart;
    const QStringList lines = QString::fromUtf8(yaml).split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        QString line = lines[i];
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (isBlank(line) || indentOf(line) > 0 || line.startsWith(QLatin1Char('-')))
            continue;
        const auto entry = keyValue(line);
        if (!entry)
            continue;
        const QString& key = entry->first;
        const QString& rest = entry->second;
        // Lines indented under this key (blocks, lists, maps).
        QStringList nested;
        while (i + 1 < lines.size() && (isBlank(lines[i + 1]) || indentOf(lines[i + 1]) > 0 ||
                                        (lines[i + 1].startsWith(QLatin1String("- ")) && rest.isEmpty()))) {
            nested << lines[++i];
            if (nested.last().endsWith(QLatin1Char('\r')))
                nested.last().chop(1);
        }
        if (rest.startsWith(QLatin1Char('|')) || rest.startsWith(QLatin1Char('>'))) {
            const bool folded = rest.startsWith(QLatin1Char('>'));
            const bool strip = rest.contains(QLatin1Char('-'));
            const bool keep = rest.contains(QLatin1Char('+'));
            while (!nested.isEmpty() && nested.last().trimmed().isEmpty())
                nested.removeLast();
            int indent = -1;
            QString text;
            for (const QString& n : std::as_const(nested)) {
                if (n.trimmed().isEmpty()) {
                    text += QLatin1Char('\n');
                    continue;
                }
                if (indent < 0)
                    indent = indentOf(n);
                const QString content = n.mid(qMin(indent, indentOf(n)));
                if (!text.isEmpty() && !text.endsWith(QLatin1Char('\n')))
                    text += folded ? QLatin1Char(' ') : QLatin1Char('\n');
                text += content;
            }
            if (!strip && !text.isEmpty())
                text += QLatin1Char('\n');
            Q_UNUSED(keep)
            chart.m_scalars.insert(key, text);
            continue;
        }
        if (!rest.isEmpty()) {
            if (auto value = scalar(rest))
                chart.m_scalars.insert(key, *value);
            continue;
        }
        for (const QString& n : std::as_const(nested)) {
            if (isBlank(n))
                continue;
            const QString t = n.trimmed();
            if (t.startsWith(QLatin1String("- "))) {
                if (auto value = scalar(t.mid(2)))
                    chart.m_lists[key] << *value;
            } else if (key == QLatin1String("annotations")) {
                if (auto kv = keyValue(t)) {
                    if (auto value = scalar(kv->second))
                        chart.m_annotations.insert(kv->first, *value);
                }
            }
        }
    }
    return chart;
}

QByteArray ImportChartYaml::configJson() const
{
    QByteArray out = "{";
    auto add = [&out](const QString& key, const QByteArray& json) {
        if (out.size() > 1)
            out += ',';
        out += ImportManifestWriter::quoted(key) + ':' + json;
    };
    auto addString = [&](const char* key) {
        const QString v = value(QLatin1String(key));
        if (!v.isEmpty())
            add(QLatin1String(key), ImportManifestWriter::quoted(v));
    };
    auto addList = [&](const char* key) {
        const QStringList items = m_lists.value(QLatin1String(key));
        if (items.isEmpty())
            return;
        QByteArray list = "[";
        for (int i = 0; i < items.size(); ++i)
            list += (i ? "," : "") + ImportManifestWriter::quoted(items[i]);
        add(QLatin1String(key), list + ']');
    };
    addString("name");
    addString("home");
    addList("sources");
    addString("version");
    addString("description");
    addList("keywords");
    addString("icon");
    addString("apiVersion");
    addString("condition");
    addString("tags");
    addString("appVersion");
    if (value(QStringLiteral("deprecated")) == QLatin1String("true"))
        add(QStringLiteral("deprecated"), "true");
    if (!m_annotations.isEmpty()) {
        QByteArray map = "{";
        for (auto it = m_annotations.cbegin(); it != m_annotations.cend(); ++it)
            map += (map.size() > 1 ? "," : "") + ImportManifestWriter::quoted(it.key()) + ':' +
                   ImportManifestWriter::quoted(it.value());
        add(QStringLiteral("annotations"), map + '}');
    }
    addString("kubeVersion");
    addString("type");
    return out + '}';
}

QList<std::pair<QString, QString>> ImportChartYaml::manifestAnnotations(const QString& created) const
{
    QMap<QString, QString> map;
    auto put = [&map](const QString& key, const QString& v) {
        if (!v.isEmpty())
            map.insert(key, v);
    };
    put(QStringLiteral("org.opencontainers.image.description"), value(QStringLiteral("description")));
    put(QStringLiteral("org.opencontainers.image.title"), name());
    put(QStringLiteral("org.opencontainers.image.version"), version());
    put(QStringLiteral("org.opencontainers.image.url"), value(QStringLiteral("home")));
    put(QStringLiteral("org.opencontainers.image.created"), created);
    const QStringList sources = m_lists.value(QStringLiteral("sources"));
    if (!sources.isEmpty())
        put(QStringLiteral("org.opencontainers.image.source"), sources.first());
    for (auto it = m_annotations.cbegin(); it != m_annotations.cend(); ++it) {
        if (it.key() != QLatin1String("org.opencontainers.image.version") &&
            it.key() != QLatin1String("org.opencontainers.image.title"))
            map.insert(it.key(), it.value());
    }
    QList<std::pair<QString, QString>> out;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        out << std::make_pair(it.key(), it.value());
    return out;
}

} // namespace berth
