#pragma once

#include "util/Result.h"

#include <QString>

namespace berth {

/// Small POSIX helpers the file blob store needs for durability (Qt offers no fsync of a directory).
namespace FileSystem {

/// fsyncs a directory so that a rename or unlink inside it survives a crash.
Result<void> syncDirectory(const QString& path);
/// Creates the directory and its parents; an existing directory (even one a concurrent caller just
/// created) counts as success. The parent of every directory it creates is fsynced, so the new entry
/// is durable before anything is renamed into it.
Result<void> makePath(const QString& path);
/// The error for an errno value from a write-side call: InsufficientStorage for ENOSPC/EDQUOT, else
/// Internal. `what` says what was being done ("writing upload data to /x").
Error errorFromErrno(int error, const QString& what);

} // namespace FileSystem
} // namespace berth
