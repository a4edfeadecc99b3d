#pragma once

// Internal to ImageCatalog.cpp and ImageCatalogDetail.cpp: not part of core's interface.

#include "metadata/MetadataStore.h"
#include "util/Result.h"

#include <QString>

namespace berth::imagecatalog {

/// The largest config blob read to learn an image's platform or show its settings.
constexpr qint64 MaxConfigRead = 4 * 1024 * 1024;

/// The row id of `repository`; NameUnknown when there is no such repository.
inline Result<qint64> existingRepositoryId(const MetadataStore& metadata, const QString& repository)
{
    auto repoId = metadata.repositoryId(repository);
    if (!repoId)
        return repoId.error();
    if (!repoId.value())
        return Error(ErrorCode::NameUnknown, QStringLiteral("There is no repository %1.").arg(repository));
    return *repoId.value();
}

} // namespace berth::imagecatalog
