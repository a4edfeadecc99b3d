#pragma once

#include "oci/Digest.h"

#include <QIODevice>
#include <memory>

namespace berth {

class ReplicaSet;

/// How ReplicatedBlobStore::openRead() picks the copy it serves: missing copies and copies whose size
/// differs from a good one are found and repaired. A copy verified since it last changed (ReplicaSet::
/// isVerified: its device, inode, size and modification time are those it was verified with) is served
/// from its file (sendfile). Otherwise blobs up to verifyBeforeServeBytes are re-hashed (then remembered as
/// verified) and served from memory; larger ones are served through a VerifyingBlobDevice that reports a
/// corrupt stream back to the ReplicaSet (which quarantines and repairs the copy).
class ReplicaReader
{
public:
    static std::unique_ptr<QIODevice> open(const std::shared_ptr<ReplicaSet>& set, const Digest& digest);
};

} // namespace berth
