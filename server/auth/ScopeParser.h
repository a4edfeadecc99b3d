#pragma once

#include "auth/RequestedScope.h"

#include <QStringList>

namespace berth {

/// Parses the `scope` parameters of a token request:
///   repository[(class)]:<name>:<action>[,<action>]...   registry:catalog:*
/// Each parameter may hold several scopes separated by spaces. The repository name is everything
/// between the first ':' and the last one and must be a valid OCI repository name. Known actions
/// are pull, push, delete and '*' (others are dropped); scopes of unknown resource types are
/// ignored (they are granted nothing). Scopes for the same resource are merged.
class ScopeParser
{
public:
    static constexpr int MaxScopes = 64;
    static constexpr int MaxScopeLength = 1024;

    static ScopeParseResult parse(const QStringList& parameters);
    /// One scope ("repository:a/b:pull"); on failure returns false and a reason in `error`.
    /// `ignored` is set for well-formed scopes of an unknown type.
    static bool parseOne(const QString& text, RequestedScope* scope, bool* ignored, QString* error);

    static const QStringList& knownActions();
};

} // namespace berth
