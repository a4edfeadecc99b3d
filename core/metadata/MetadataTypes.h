#pragma once

#include "oci/Digest.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace berth {

/// One row of the manifests table.
struct ManifestRecord
{
    qint64 id = 0;
    qint64 repositoryId = 0;
    Digest digest;
    QString mediaType;
    QString artifactType; ///< the effective artifact type (what the referrers API reports)
    qint64 size = 0;
    std::optional<Digest> subject;
    QJsonObject annotations;
    QDateTime pushedAt;
    QDateTime lastPulledAt; ///< null when never pulled
};

/// One row of the uploads table: a session a client started and has not finished.
struct UploadRecord
{
    QString id;
    QString repository;
    QDateTime startedAt;
};

/// A pull to record later in one transaction (see MetadataStore::recordPulls).
struct PullRecord
{
    QString repository;
    Digest digest;
    QDateTime at;
};

} // namespace berth
