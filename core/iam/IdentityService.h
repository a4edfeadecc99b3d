#pragma once

#include "iam/AttachedPolicy.h"
#include "iam/AuthorizationRequest.h"
#include "iam/Authorizer.h"
#include "iam/IdentityTypes.h"
#include "iam/NetworkSource.h"
#include "iam/PasswordHasher.h"
#include "iam/PolicyError.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <QObject>
#include <memory>

namespace berth {

class CompartmentTree;
class MetadataStore;

/// The identity model: compartments, users, groups, auth tokens, network sources and policies, kept in
/// the registry's metadata database (share RegistryService::metadata(): one database, one writer).
/// Every change is one transaction and emits identityEvent() once it has committed. Thread-safe.
///
/// Errors come from IamErrors (detail.reason says which kind). `actor` names the user making a change,
/// for the event; empty means the system.
class IdentityService : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        Clock* clock = &Clock::system();
        int maxAuthTokensPerUser = 2;
        PasswordHasher::Parameters passwordParameters; ///< for new hashes; old ones verify with their own
    };

    static constexpr const char* AdministratorsGroup = "Administrators";
    static constexpr const char* InitialAdministrator = "admin";
    static constexpr int MaxUserNameLength = 64;
    static constexpr int MaxDescriptionLength = 400;

    explicit IdentityService(MetadataStore& metadata, QObject* parent = nullptr);
    IdentityService(MetadataStore& metadata, Options options, QObject* parent = nullptr);
    ~IdentityService() override;

    /// Checks the database has the identity tables (the store must be open and migrated).
    Result<void> open();

    /// First start: when there is no user at all, creates "admin" in Administrators with a random
    /// password (returned once) or with the first line of `passwordFile` (trimmed; password rules apply).
    /// Does nothing when users exist.
    Result<AdministratorBootstrap> ensureAdministrator(const QString& passwordFile = QString());

    /// Why `name` is not a valid user name, or an empty string.
    static QString userNameProblem(const QString& name);

    // ---- compartments
    Result<QList<CompartmentRecord>> compartments() const;
    Result<CompartmentRecord> compartment(const CompartmentPath& path) const;
    Result<CompartmentRecord> compartmentById(const QString& id) const;
    Result<QList<CompartmentRecord>> childCompartments(const CompartmentPath& path) const;
    Result<CompartmentRecord> createCompartment(const CompartmentPath& parent, const QString& name,
                                                const QString& description = QString(),
                                                const QString& actor = QString());
    Result<CompartmentRecord> renameCompartment(const CompartmentPath& path, const QString& newName,
                                                const QString& actor = QString());
    Result<CompartmentRecord> moveCompartment(const CompartmentPath& path, const CompartmentPath& newParent,
                                              const QString& actor = QString());
    Result<CompartmentRecord> setCompartmentDescription(const CompartmentPath& path,
                                                        const QString& description,
                                                        const QString& actor = QString());
    /// Only when it holds no compartments, repositories or policies.
    Result<void> deleteCompartment(const CompartmentPath& path, const QString& actor = QString());

    // ---- users
    struct NewUser
    {
        QString name;
        QString description;
        QString email;
        QString password; ///< empty: the user can sign in with auth tokens only once they have one
    };
    Result<UserRecord> createUser(const NewUser& user, const QString& actor = QString());
    Result<QList<UserRecord>> users() const;
    Result<UserRecord> user(const QString& name) const;
    Result<UserRecord> updateUser(const QString& name, const QString& description, const QString& email,
                                  const QString& actor = QString());
    Result<UserRecord> setUserLocked(const QString& name, bool locked, const QString& actor = QString());
    Result<void> setPassword(const QString& name, const QString& password, const QString& actor = QString());
    /// Refused for the last unlocked administrator.
    Result<void> deleteUser(const QString& name, const QString& actor = QString());

    /// Checks a sign-in: the user's password or one of their active auth tokens. Records the token's use.
    /// CREDENTIALS errors carry detail.why: unknown-user, locked, revoked-token, wrong-secret.
    Result<CredentialMatch> verifyCredentials(const QString& userName, const QString& secret);
    /// The user as the Authorizer sees them (name as stored, groups, administrator). Cached: no SQL
    /// while nothing in identity changes; any change (user, group, membership, lock) drops the cache
    /// before the call that made it returns, so the next request sees it.
    Result<AuthorizationSubject> subject(const QString& userName) const;

    // ---- groups
    Result<QList<GroupRecord>> groups() const;
    Result<GroupRecord> group(const QString& name) const;
    Result<GroupRecord> createGroup(const QString& name, const QString& description = QString(),
                                    const QString& actor = QString());
    Result<GroupRecord> updateGroup(const QString& name, const QString& description,
                                    const QString& actor = QString());
    /// Refused for Administrators.
    Result<void> deleteGroup(const QString& name, const QString& actor = QString());
    Result<GroupRecord> addUserToGroup(const QString& groupName, const QString& userName,
                                       const QString& actor = QString());
    /// Refused when it would leave Administrators without an unlocked member.
    Result<GroupRecord> removeUserFromGroup(const QString& groupName, const QString& userName,
                                            const QString& actor = QString());

    // ---- auth tokens
    int maxAuthTokensPerUser() const { return m_options.maxAuthTokensPerUser; }
    /// The secret is in the result only: it is stored as its SHA-256.
    Result<CreatedAuthToken> createAuthToken(const QString& userName, const QString& description,
                                             const QString& actor = QString());
    /// Active and revoked tokens, oldest first; never secrets.
    Result<QList<AuthTokenRecord>> authTokens(const QString& userName) const;
    /// `userName` empty: whoever owns the token.
    Result<AuthTokenRecord> revokeAuthToken(const QString& userName, const QString& tokenId,
                                            const QString& actor = QString());

    // ---- network sources
    Result<QList<NetworkSourceRecord>> networkSources() const;
    Result<NetworkSourceRecord> networkSource(const QString& name) const;
    Result<NetworkSourceRecord> createNetworkSource(const QString& name, const QStringList& ranges,
                                                    const QString& description = QString(),
                                                    const QString& actor = QString());
    Result<NetworkSourceRecord> updateNetworkSource(const QString& name, const QStringList& ranges,
                                                    const QString& description,
                                                    const QString& actor = QString());
    /// Refused while a policy names it.
    Result<void> deleteNetworkSource(const QString& name, const QString& actor = QString());

    // ---- policies
    Result<QList<PolicyRecord>> policies() const;
    Result<PolicyRecord> policy(const CompartmentPath& compartment, const QString& name) const;
    /// Parses and validates the statements against the groups, compartments and network sources that
    /// exist; refuses with the parser's positioned messages (detail.problems lists them).
    Result<PolicyRecord> createPolicy(const CompartmentPath& compartment, const QString& name,
                                      const QString& description, const QString& statements,
                                      const QString& actor = QString());
    Result<PolicyRecord> updatePolicy(const CompartmentPath& compartment, const QString& name,
                                      const QString& description, const QString& statements,
                                      const QString& actor = QString());
    Result<void> deletePolicy(const CompartmentPath& compartment, const QString& name,
                              const QString& actor = QString());
    /// What createPolicy would say about `statements` attached at `compartment` (empty: fine).
    Result<QVector<PolicyError>> checkPolicy(const CompartmentPath& compartment,
                                             const QString& statements) const;

    /// Every policy, parsed, as the Authorizer wants them. Cached; rebuilt after a change.
    Result<QVector<AttachedPolicy>> attachedPolicies() const;
    Result<QVector<NetworkSource>> networkSourceSet() const;
    /// An Authorizer over the current policies and network sources. Cached; rebuilt after a change.
    Result<std::shared_ptr<const Authorizer>> authorizer() const;
    /// The compartment tree, cached with the policies (rebuilt after a compartment changes).
    Result<std::shared_ptr<const CompartmentTree>> compartmentTree() const;

    Clock& clock() const { return *m_options.clock; }

signals:
    void identityEvent(const berth::IdentityEvent& event);

private:
    struct Private;
    Options m_options;
    std::unique_ptr<Private> d;
};

} // namespace berth
