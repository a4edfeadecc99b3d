#include "iam/IamErrors.h"
#include "iam/IdentityServicePrivate.h"
#include "iam/SecretGenerator.h"
#include "metadata/MetadataStore.h"

#include <QFile>
#include <QTextStream>

namespace berth {

// ---- users

QString IdentityService::userNameProblem(const QString& name)
{
    if (name.isEmpty())
        return QStringLiteral("A user name cannot be empty");
    if (name.size() > MaxUserNameLength) {
        return QStringLiteral("The user name '%1...' is %2 characters long; the limit is %3")
            .arg(name.left(20))
            .arg(name.size())
            .arg(MaxUserNameLength);
    }
    for (QChar c : name) {
        const char16_t u = c.unicode();
        const bool ok = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
                        u == '.' || u == '_' || u == '@' || u == '-';
        if (!ok) {
            return QStringLiteral(
                       "The user name '%1' contains '%2'; user names use letters, digits, '.', '_', "
                       "'@' and '-'")
                .arg(name, QString(c));
        }
    }
    return QString();
}

// ---- first start

Result<AdministratorBootstrap> IdentityService::ensureAdministrator(const QString& passwordFile)
{
    auto count = d->store.userCount();
    if (!count)
        return count.error();
    AdministratorBootstrap result;
    if (count.value() > 0)
        return result;
    QString password;
    if (!passwordFile.isEmpty()) {
        QFile file(passwordFile);
        if (!file.open(QIODevice::ReadOnly)) {
            return IamErrors::invalid(QStringLiteral("Could not read the administrator password file %1: %2")
                                          .arg(passwordFile, file.errorString()));
        }
        QTextStream in(&file);
        password = in.readLine().trimmed();
        if (password.isEmpty()) {
            return IamErrors::invalid(
                QStringLiteral(
                    "The administrator password file %1 is empty: put the password on its first line")
                    .arg(passwordFile));
        }
        if (const QString problem = PasswordHasher::passwordProblem(password); !problem.isEmpty()) {
            return IamErrors::invalid(QStringLiteral("The administrator password in %1 cannot be used: %2")
                                          .arg(passwordFile, problem));
        }
        result.passwordFromFile = true;
    } else {
        password = SecretGenerator::password();
        result.password = password;
    }
    auto hash = PasswordHasher::hash(password, m_options.passwordParameters);
    if (!hash)
        return hash.error();
    const QDateTime now = clock().now();
    UserRecord admin;
    admin.id = SecretGenerator::ocid(QStringLiteral("user"));
    admin.name = QString::fromLatin1(InitialAdministrator);
    admin.description = QStringLiteral("The administrator created on first start");
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto again = d->store.userCount();
        if (!again)
            return again.error();
        if (again.value() > 0)
            return {}; // another start won the race
        auto row = d->store.insertUser(admin, hash.value(), now);
        if (!row)
            return row.error();
        auto group = d->findGroup(QString::fromLatin1(AdministratorsGroup));
        if (!group)
            return group.error();
        auto added = d->store.addMember(group->rowId, row.value(), now);
        if (!added)
            return added.error();
        result.created = true;
        return {};
    });
    if (!done)
        return done.error();
    if (!result.created)
        return AdministratorBootstrap();
    result.userName = admin.name;
    emit identityEvent(IdentityEvent{IdentityEventType::UserCreated, QString(), admin.name, admin.id,
                                     QStringLiteral("first start: administrator"), now});
    return result;
}

// ---- users, passwords and sign-in

Result<UserRecord> IdentityService::createUser(const NewUser& user, const QString& actor)
{
    if (const QString problem = userNameProblem(user.name); !problem.isEmpty())
        return IamErrors::invalid(problem);
    if (const QString problem = Private::descriptionProblem(user.description); !problem.isEmpty())
        return IamErrors::invalid(problem);
    if (const QString problem = Private::emailProblem(user.email); !problem.isEmpty())
        return IamErrors::invalid(problem);
    QString hash;
    if (!user.password.isEmpty()) {
        if (const QString problem = PasswordHasher::passwordProblem(user.password); !problem.isEmpty())
            return IamErrors::invalid(problem);
        auto h = PasswordHasher::hash(user.password, m_options.passwordParameters);
        if (!h)
            return h.error();
        hash = h.value();
    }
    const QDateTime now = clock().now();
    UserRecord record;
    record.id = SecretGenerator::ocid(QStringLiteral("user"));
    record.name = user.name;
    record.description = user.description;
    record.email = user.email;
    record.createdAt = now;
    record.hasPassword = !hash.isEmpty();
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto existing = d->store.user(user.name);
        if (!existing)
            return existing.error();
        if (existing.value()) {
            return IamErrors::alreadyExists(
                QStringLiteral("A user named %1 already exists").arg(existing.value()->name));
        }
        auto row = d->store.insertUser(record, hash, now);
        if (!row)
            return row.error();
        record.rowId = row.value();
        return {};
    });
    if (!done)
        return done.error();
    emit identityEvent(
        IdentityEvent{IdentityEventType::UserCreated, actor, record.name, record.id, QString(), now});
    return record;
}

Result<QList<UserRecord>> IdentityService::users() const
{
    return d->store.users();
}

Result<UserRecord> IdentityService::user(const QString& name) const
{
    return d->findUser(name);
}

Result<UserRecord> IdentityService::updateUser(const QString& name, const QString& description,
                                               const QString& email, const QString& actor)
{
    if (const QString problem = Private::descriptionProblem(description); !problem.isEmpty())
        return IamErrors::invalid(problem);
    if (const QString problem = Private::emailProblem(email); !problem.isEmpty())
        return IamErrors::invalid(problem);
    const QDateTime now = clock().now();
    UserRecord record;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto u = d->findUser(name);
        if (!u)
            return u.error();
        record = u.value();
        record.description = description;
        record.email = email;
        return d->store.updateUser(record.rowId, description, email, record.locked);
    });
    if (!done)
        return done.error();
    emit identityEvent(
        IdentityEvent{IdentityEventType::UserUpdated, actor, record.name, record.id, QString(), now});
    return record;
}

Result<UserRecord> IdentityService::setUserLocked(const QString& name, bool locked, const QString& actor)
{
    const QDateTime now = clock().now();
    UserRecord record;
    bool changed = false;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto u = d->findUser(name);
        if (!u)
            return u.error();
        record = u.value();
        if (record.locked == locked)
            return {};
        if (locked && record.administrator) {
            const QString refusal =
                QStringLiteral("%1 is the last unlocked administrator and cannot be locked").arg(record.name);
            if (auto kept = d->requireAnotherAdministrator(record.rowId, refusal); !kept)
                return kept;
        }
        record.locked = locked;
        changed = true;
        return d->store.updateUser(record.rowId, record.description, record.email, locked);
    });
    if (!done)
        return done.error();
    if (changed) {
        emit identityEvent(
            IdentityEvent{locked ? IdentityEventType::UserLocked : IdentityEventType::UserUnlocked, actor,
                          record.name, record.id, QString(), now});
    }
    return record;
}

Result<void> IdentityService::setPassword(const QString& name, const QString& password, const QString& actor)
{
    if (const QString problem = PasswordHasher::passwordProblem(password); !problem.isEmpty())
        return IamErrors::invalid(problem);
    auto hash = PasswordHasher::hash(password, m_options.passwordParameters);
    if (!hash)
        return hash.error();
    const QDateTime now = clock().now();
    UserRecord record;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto u = d->findUser(name);
        if (!u)
            return u.error();
        record = u.value();
        return d->store.setPasswordHash(record.rowId, hash.value());
    });
    if (!done)
        return done;
    emit identityEvent(
        IdentityEvent{IdentityEventType::UserPasswordChanged, actor, record.name, record.id, QString(), now});
    return {};
}

Result<void> IdentityService::deleteUser(const QString& name, const QString& actor)
{
    const QDateTime now = clock().now();
    UserRecord record;
    auto done = d->metadata.transaction([&]() -> Result<void> {
        auto u = d->findUser(name);
        if (!u)
            return u.error();
        record = u.value();
        if (record.administrator && !record.locked) {
            const QString refusal =
                QStringLiteral("%1 is the last unlocked administrator and cannot be deleted")
                    .arg(record.name);
            if (auto kept = d->requireAnotherAdministrator(record.rowId, refusal); !kept)
                return kept;
        }
        return d->store.deleteUser(record.rowId);
    });
    if (!done)
        return done;
    emit identityEvent(
        IdentityEvent{IdentityEventType::UserDeleted, actor, record.name, record.id, QString(), now});
    return {};
}

Result<CredentialMatch> IdentityService::verifyCredentials(const QString& userName, const QString& secret)
{
    auto wrongBecause = [](const QString& why) {
        return IamErrors::credentials(QStringLiteral("Wrong user name or password"), why);
    };
    QString hash;
    auto u = d->store.user(userName, &hash);
    if (!u)
        return u.error();
    if (!u.value()) {
        // Spend the time a real check would, so the answer does not tell which user names exist.
        static const QString dummy =
            PasswordHasher::hashWithSalt(QStringLiteral("berth-dummy-password"), QByteArray(16, 'b'),
                                         m_options.passwordParameters)
                .value();
        PasswordHasher::verify(secret, dummy);
        return wrongBecause(QStringLiteral("unknown-user"));
    }
    const UserRecord& user = *u.value();
    if (user.locked) {
        return IamErrors::credentials(QStringLiteral("The account %1 is locked").arg(user.name),
                                      QStringLiteral("locked"));
    }
    bool revokedToken = false;
    if (secret.startsWith(QLatin1String(SecretGenerator::AuthTokenPrefix))) {
        qint64 owner = 0;
        auto token = d->store.authTokenByHash(SecretGenerator::sha256Hex(secret), &owner);
        if (!token)
            return token.error();
        if (token.value() && owner == user.rowId) {
            if (!token.value()->revoked) {
                const QDateTime now = clock().now();
                const qint64 tokenRow = token.value()->rowId;
                auto touched =
                    d->metadata.transaction([&] { return d->store.touchAuthToken(tokenRow, now); });
                if (!touched)
                    qWarning("berth: could not record the use of an auth token: %s",
                             qPrintable(touched.error().message));
                return CredentialMatch{CredentialMatch::Kind::AuthToken, user.name, token.value()->id};
            }
            revokedToken = true;
        }
    }
    if (!hash.isEmpty() && PasswordHasher::verify(secret, hash)) {
        if (PasswordHasher::needsRehash(hash, m_options.passwordParameters)) {
            if (auto fresh = PasswordHasher::hash(secret, m_options.passwordParameters)) {
                auto stored = d->metadata.transaction(
                    [&] { return d->store.setPasswordHash(user.rowId, fresh.value()); });
                Q_UNUSED(stored);
            }
        }
        return CredentialMatch{CredentialMatch::Kind::Password, user.name, QString()};
    }
    return wrongBecause(revokedToken ? QStringLiteral("revoked-token") : QStringLiteral("wrong-secret"));
}

Result<AuthorizationSubject> IdentityService::subject(const QString& userName) const
{
    quint64 startedAt = 0;
    {
        std::lock_guard lock(d->subjectMutex);
        const auto cached = d->subjects.constFind(userName);
        if (cached != d->subjects.constEnd())
            return *cached;
        startedAt = d->subjectGeneration;
    }
    auto u = d->findUser(userName);
    if (!u)
        return u.error();
    if (u->locked) {
        return IamErrors::credentials(QStringLiteral("The account %1 is locked").arg(u->name),
                                      QStringLiteral("locked"));
    }
    AuthorizationSubject found = AuthorizationSubject::user(u->name, u->groups, u->administrator);
    std::lock_guard lock(d->subjectMutex);
    // Kept only when no change committed while it was read; a bounded cache (one entry per user name
    // asked for, so a flood of made-up names cannot grow it without end: unknown names are not kept).
    if (d->subjectGeneration == startedAt) {
        if (d->subjects.size() >= 10000)
            d->subjects.clear();
        d->subjects.insert(userName, found);
    }
    return found;
}

} // namespace berth
