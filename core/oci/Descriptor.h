#pragma once

#include "oci/Digest.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace berth {

struct Platform
{
    QString architecture;
    QString os;
    QString osVersion;
    QStringList osFeatures;
    QString variant;
};

/// An OCI content descriptor as it appears inside a manifest.
struct Descriptor
{
    QString mediaType;
    Digest digest;
    qint64 size = 0;
    QString artifactType;
    std::optional<Platform> platform;
    QJsonObject annotations;
};

} // namespace berth
