#pragma once

#include "oci/Descriptor.h"

#include <QByteArray>
#include <QList>
#include <QStringList>
#include <utility>

namespace berth {

/// Writes the OCI image manifests an import makes itself (from a classic Docker archive, from a
/// Helm chart), with fields in the order Go's OCI types marshal them (schemaVersion, mediaType,
/// config, layers, annotations; descriptors as mediaType, digest, size), compact as helm and
/// docker write them.
class ImportManifestWriter
{
public:
    using Annotations = QList<std::pair<QString, QString>>;

    /// `withMediaType` false leaves out the mediaType field, as helm does.
    static QByteArray imageManifest(const Descriptor& config, const QList<Descriptor>& layers,
                                    const Annotations& annotations = {}, bool withMediaType = true);
    /// A JSON string literal (quoted and escaped).
    static QByteArray quoted(const QString& text);

private:
    static QByteArray descriptor(const Descriptor& d);
};

} // namespace berth
