#pragma once

#include "auth/AuthEventSink.h"
#include "auth/CredentialVerifier.h"
#include "auth/ScopeAuthorizer.h"

#include <QHash>
#include <QMutex>
#include <QStringList>
#include <QVector>

namespace berth::test {

/// Users with passwords, groups and a disabled flag, in memory.
class FakeCredentialVerifier final : public CredentialVerifier
{
public:
    void addUser(const QString& name, const QString& password, const QStringList& groups = {},
                 bool admin = false);
    void setDisabled(const QString& name, bool disabled);
    void removeUser(const QString& name);
    int verifyCalls() const;

    Result<AuthorizationSubject> verify(const QString& userName, const QString& secret,
                                        const QString& clientAddress) override;
    Result<AuthorizationSubject> resolve(const QString& userName, const QString& clientAddress) override;

private:
    struct User
    {
        QString password;
        QStringList groups;
        bool admin = false;
        bool disabled = false;
    };
    mutable QMutex m_mutex;
    QHash<QString, User> m_users;
    int m_verifyCalls = 0;
};

/// Grants by rules: (user name or "" for anonymous or "*" for any signed-in user, repository name
/// or "*", actions). The catalog is granted to administrators only.
class FakeScopeAuthorizer final : public ScopeAuthorizer
{
public:
    void allow(const QString& user, const QString& repository, const QStringList& actions);

    QStringList grant(const AuthorizationSubject& subject, const RequestedScope& scope,
                      const QString& clientAddress) override;

private:
    struct Rule
    {
        QString user;
        QString repository;
        QStringList actions;
    };
    mutable QMutex m_mutex;
    QVector<Rule> m_rules;
};

/// Records what the audit log would see.
class RecordingSink final : public AuthEventSink
{
public:
    void signInSucceeded(const QString& userName, const QString& clientAddress,
                         const QString& method) override;
    void signInFailed(const QString& userName, const QString& clientAddress, const QString& method,
                      const QString& reason) override;
    void signInThrottled(const QString& userName, const QString& clientAddress, const QString& method,
                         qint64 retryAfterSeconds) override;
    void tokenIssued(const QString& userName, const QString& clientAddress,
                     const QVector<AccessEntry>& access) override;

    QStringList events() const;
    void clear();

private:
    mutable QMutex m_mutex;
    QStringList m_events; ///< "succeeded alice basic", "failed alice token-get: ...", ...
};

} // namespace berth::test
