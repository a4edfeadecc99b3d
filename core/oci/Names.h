#pragma once

#include <QString>

namespace berth {

/// Repository names and tags by the grammar of the OCI distribution spec.
namespace Names {

/// Longest repository name accepted (the spec lets registries limit it; clients limit to 255).
constexpr int MaxRepositoryNameLength = 255;
/// Longest tag: one leading [a-zA-Z0-9_] then up to 127 of [a-zA-Z0-9._-].
constexpr int MaxTagLength = 128;

/// [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*  and at most 255 chars.
bool isValidRepositoryName(QStringView name);
/// [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}
bool isValidTag(QStringView tag);

} // namespace Names
} // namespace berth
