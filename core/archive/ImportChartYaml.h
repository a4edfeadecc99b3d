#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <utility>

namespace berth {

/// The parts of a Chart.yaml a Helm OCI artifact carries, read without a YAML library: top-level
/// `key: value` scalars (plain, single- or double-quoted, or `|` / `>` blocks), the string lists
/// `sources` and `keywords`, and the string map `annotations`. Anything else (maintainers,
/// dependencies, anchors, flow collections) is skipped.
class ImportChartYaml
{
public:
    static ImportChartYaml parse(const QByteArray& yaml);

    QString value(const QString& key) const { return m_scalars.value(key); }
    QString name() const { return value(QStringLiteral("name")); }
    QString version() const { return value(QStringLiteral("version")); }

    /// The config blob `helm push` writes: Chart.yaml's fields as JSON, in the order and with the
    /// omissions of helm's chart.Metadata type.
    QByteArray configJson() const;
    /// The manifest annotations `helm push` sets (sorted by key, as Go writes a map).
    QList<std::pair<QString, QString>> manifestAnnotations(const QString& created) const;

private:
    QMap<QString, QString> m_scalars;
    QMap<QString, QStringList> m_lists;
    QMap<QString, QString> m_annotations;
};

} // namespace berth
