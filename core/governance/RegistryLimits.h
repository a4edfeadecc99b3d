#pragma once

#include <QtGlobal>

namespace berth {

/// The registry's limits: how many repositories it may hold, and how many images each repository may
/// hold. An "image" is a manifest stored in the repository: an image manifest, an index and each
/// platform manifest of an index, a signature or other referrer all count one each.
///
/// berthd's config gives the defaults ("limits": {"repositories": 500, "imagesPerRepository": 100000});
/// an administrator changes them at run time (registry_settings, see LimitSettings); a repository may
/// have a higher image limit of its own (an approved increase request, repositories.image_limit).
struct RegistryLimits
{
    static constexpr qint64 DefaultRepositories = 500;
    static constexpr qint64 DefaultImagesPerRepository = 100000;
    /// Pushes that bring a figure to this share of its limit or above succeed with a warning.
    static constexpr int WarningPercent = 80;
    /// Limits above this are refused (a typing mistake, not a wish).
    static constexpr qint64 Maximum = 1000000000;

    qint64 repositories = DefaultRepositories;
    qint64 imagesPerRepository = DefaultImagesPerRepository;

    /// True when `count` is at or above WarningPercent of `limit`.
    static bool nearLimit(qint64 count, qint64 limit) { return count * 100 >= limit * WarningPercent; }

    friend bool operator==(const RegistryLimits& a, const RegistryLimits& b)
    {
        return a.repositories == b.repositories && a.imagesPerRepository == b.imagesPerRepository;
    }
};

} // namespace berth
