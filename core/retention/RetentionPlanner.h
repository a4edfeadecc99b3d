#pragma once

#include "retention/RetentionPlan.h"
#include "retention/RetentionPolicy.h"
#include "retention/RetentionSnapshot.h"

namespace berth {

/// Decides, in memory, what retention deletes in one repository. A pure function: the dry run and the
/// real run ask the same question.
///
/// How rules combine:
///  0. Immutable tags (tag immutability on the repository, minus its exclusions) are always kept.
///  1. Keep rules win. A tag matching a keepTags pattern of any policy that applies is kept; the
///     keepLastPushed most recently pushed tagged images of any such policy are kept with all their tags.
///  2. A tag goes when a delete rule of a deleting policy selects it (notTaggedForDays for the tag,
///     notPulledForDays for the tag's image; both only for tags selectTags admits) and no keep rule keeps
///     it. An image whose tags all go is deleted; when some of its tags stay, only the others are removed
///     and the image stays (a digest shared by two tags is never deleted for one of them).
///  3. An untagged manifest that no index lists and that is no referrer of a present manifest is deleted
///     by untaggedOlderThanDays.
///  4. Multi-arch: an index and its children stay or go together. Everything a kept manifest lists
///     (recursively) is kept; the untagged children of a deleted index are deleted with it, unless another
///     kept index lists them.
///  5. Referrers: with deleteReferrers (the default) the referrers of a deleted image are deleted with it;
///     without it an image with referrers is kept. The referrers of a kept image are always kept.
/// Everything else is kept ("notSelected").
class RetentionPlanner
{
public:
    /// `deleting`: the policies whose delete rules run; `keeping`: the policies whose keep rules protect
    /// (every enabled policy that applies to the repository, and the deleting ones).
    static RepositoryRetentionPlan plan(const RetentionSnapshot& snapshot,
                                        const QList<RetentionPolicy>& deleting,
                                        const QList<RetentionPolicy>& keeping, const QDateTime& now);
};

} // namespace berth
