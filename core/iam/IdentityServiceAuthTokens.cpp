#include "iam/IamErrors.h"
#include "iam/IdentityServicePrivate.h"
#include "iam/SecretGenerator.h"
#include "metadata/MetadataStore.h"

namespace berth {

// ---- auth tokens

Result<CreatedAuthToken> IdentityService::createAuthToken(const QString& userName, const QString& description,
                                                          const QString& actor)
{
    if (const QString problem = Private::descriptionProblem(description); !problem.isEmpty())
        return IamErrors::invalid(problem);
    const QDateTime now = clock().now();
    CreatedAuthToken created;
    created.secret = SecretGenerator::authTokenSecret();
    created.token.id = SecretGenerator::ocid(QStringLiteral("authtoken"));
    created.token.description = description;
    created.token.createdAt = now;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto u = d->findUser(userName);
        if (!u)
            return u.error();
        created.token.userName = u->name;
        auto active = d->store.activeAuthTokenCount(u->rowId);
        if (!active)
            return active.error();
        if (active.value() >= m_options.maxAuthTokensPerUser) {
            return IamErrors::limitReached(
                QStringLiteral(
                    "User %1 already has %2 active auth tokens, the most allowed; revoke one first")
                    .arg(u->name)
                    .arg(active.value()));
        }
        auto row = d->store.insertAuthToken(created.token.id, u->rowId,
                                            SecretGenerator::sha256Hex(created.secret), description, now);
        if (!row)
            return row.error();
        created.token.rowId = row.value();
        return {};
    });
    if (!done)
        return done.error();
    emit identityEvent(IdentityEvent{IdentityEventType::AuthTokenCreated, actor, created.token.userName,
                                     created.token.id, description, now});
    return created;
}

Result<QList<AuthTokenRecord>> IdentityService::authTokens(const QString& userName) const
{
    auto u = d->findUser(userName);
    if (!u)
        return u.error();
    return d->store.authTokens(u->rowId);
}

Result<AuthTokenRecord> IdentityService::revokeAuthToken(const QString& userName, const QString& tokenId,
                                                         const QString& actor)
{
    const QDateTime now = clock().now();
    AuthTokenRecord token;
    bool revoked = false;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto q = d->metadata.exec(
            QStringLiteral(
                "SELECT u.name FROM auth_tokens t JOIN users u ON u.id = t.user_id WHERE t.ocid = ?"),
            {tokenId});
        if (!q)
            return q.error();
        const Error unknown = IamErrors::notFound(
            userName.isEmpty()
                ? QStringLiteral("There is no auth token %1").arg(tokenId.left(100))
                : QStringLiteral("User %1 has no auth token %2").arg(userName.left(100), tokenId.left(100)));
        if (!q->next())
            return unknown;
        const QString owner = q->value(0).toString();
        auto u = d->findUser(owner);
        if (!u)
            return u.error();
        if (!userName.isEmpty() && owner.compare(userName, Qt::CaseInsensitive) != 0)
            return unknown;
        auto tokens = d->store.authTokens(u->rowId);
        if (!tokens)
            return tokens.error();
        for (const AuthTokenRecord& t : tokens.value()) {
            if (t.id != tokenId)
                continue;
            token = t;
            auto r = d->store.revokeAuthToken(t.rowId, now);
            if (!r)
                return r.error();
            revoked = r.value();
            if (revoked) {
                token.revoked = true;
                token.revokedAt = now;
            }
            return {};
        }
        return unknown;
    });
    if (!done)
        return done.error();
    if (revoked) {
        emit identityEvent(IdentityEvent{IdentityEventType::AuthTokenRevoked, actor, token.userName, token.id,
                                         QString(), now});
    }
    return token;
}

} // namespace berth
