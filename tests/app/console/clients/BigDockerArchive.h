#pragma once

#include <QString>
#include <QtGlobal>

/// Writes a `docker save` archive (classic layout) holding one image with one layer of `layerBytes`
/// zeros, tagged `repoTag`, without ever holding the layer in memory: the layer is a tar of one big
/// file, generated twice (once to hash it, once to write it).
class BigDockerArchive
{
public:
    static bool write(const QString& path, const QString& repoTag, qint64 layerBytes, QString* error);
};
