#include "archive/ImportManifestWriter.h"

#include "oci/MediaTypes.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace berth {

QByteArray ImportManifestWriter::quoted(const QString& text)
{
    // QJsonDocument escapes a one-element array; strip the brackets.
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

QByteArray ImportManifestWriter::descriptor(const Descriptor& d)
{
    return "{\"mediaType\":" + quoted(d.mediaType) + ",\"digest\":" + quoted(d.digest.toString()) +
           ",\"size\":" + QByteArray::number(d.size) + '}';
}

QByteArray ImportManifestWriter::imageManifest(const Descriptor& config, const QList<Descriptor>& layers,
                                               const Annotations& annotations, bool withMediaType)
{
    QByteArray out = "{\"schemaVersion\":2";
    if (withMediaType)
        out += ",\"mediaType\":" + quoted(MediaTypes::OciImageManifest);
    out += ",\"config\":" + descriptor(config) + ",\"layers\":[";
    for (int i = 0; i < layers.size(); ++i) {
        if (i > 0)
            out += ',';
        out += descriptor(layers[i]);
    }
    out += ']';
    if (!annotations.isEmpty()) {
        out += ",\"annotations\":{";
        for (int i = 0; i < annotations.size(); ++i) {
            if (i > 0)
                out += ',';
            out += quoted(annotations[i].first) + ':' + quoted(annotations[i].second);
        }
        out += '}';
    }
    out += '}';
    return out;
}

} // namespace berth
