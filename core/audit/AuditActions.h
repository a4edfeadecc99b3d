#pragma once

namespace berth {

/// The audit log's action identifiers. They are stored and queried by prefix ("auth." finds every
/// sign-in event), so they never change once released; add new ones here rather than spelling them at
/// call sites.
namespace AuditActions {

inline constexpr char signIn[] = "auth.signin";
inline constexpr char signInFailed[] = "auth.signin.failed";
inline constexpr char signInThrottled[] = "auth.signin.throttled";
inline constexpr char tokenIssued[] = "auth.token.issued";
inline constexpr char tokenRefused[] = "auth.token.refused";
inline constexpr char accessDenied[] = "access.denied";

inline constexpr char repositoryCreate[] = "repository.create";
inline constexpr char repositoryDelete[] = "repository.delete";
inline constexpr char repositoryMove[] = "repository.move";
inline constexpr char repositoryUpdate[] = "repository.update";
inline constexpr char imageDelete[] = "image.delete";
inline constexpr char imageUntag[] = "image.untag";

inline constexpr char compartmentCreate[] = "compartment.create";
inline constexpr char compartmentRename[] = "compartment.rename";
inline constexpr char compartmentMove[] = "compartment.move";
inline constexpr char compartmentDelete[] = "compartment.delete";

inline constexpr char policyCreate[] = "policy.create";
inline constexpr char policyUpdate[] = "policy.update";
inline constexpr char policyDelete[] = "policy.delete";
inline constexpr char networkSourceUpdate[] = "networksource.update";

inline constexpr char userCreate[] = "user.create";
inline constexpr char userUpdate[] = "user.update";
inline constexpr char userDelete[] = "user.delete";
inline constexpr char groupCreate[] = "group.create";
inline constexpr char groupUpdate[] = "group.update";
inline constexpr char groupDelete[] = "group.delete";

inline constexpr char authTokenCreate[] = "authtoken.create";
inline constexpr char authTokenRevoke[] = "authtoken.revoke";

/// Written by the audit log itself when, on opening, the log and its anchor disagree.
inline constexpr char integrityFailed[] = "audit.integrity.failed";

} // namespace AuditActions
} // namespace berth
