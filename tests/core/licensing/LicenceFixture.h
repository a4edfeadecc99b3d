#pragma once

#include "iam/IdentityService.h"
#include "licensing/LicenceStore.h"
#include "registry/RegistryService.h"
#include "util/Clock.h"

#include <QTemporaryDir>
#include <memory>

namespace berth {

/// A registry in a temporary directory (real SQLite) with a manual clock and the identity model on the
/// same database, for creating compartments and repositories in them.
class LicenceFixture
{
public:
    LicenceFixture();
    ~LicenceFixture();

    bool ok() const { return m_error.isEmpty(); }
    const QString& error() const { return m_error; }

    RegistryService& registry() { return *m_registry; }
    IdentityService& identity() { return *m_identity; }
    LicenceStore& licences() { return m_registry->licences(); }
    ManualClock& clock() { return m_clock; }
    const QString& dataDirectory() const { return m_dataDirectory; }

    /// Creates "A:B:C" and every compartment above it that is missing.
    Result<void> compartment(const QString& path);
    /// Creates the repository in the compartment "A:B" ("" for the tenancy), creating the compartment.
    Result<void> repository(const QString& name, const QString& compartment = QString());

    /// A valid version of a licence: title "<title>", text "<title> version <version>" unless given.
    static LicenceVersion version(const QString& version,
                                  const QString& title = QStringLiteral("Example Licence"),
                                  const QString& text = QString());
    static LicenceScope repositoryScope(const QString& name) { return LicenceScope::ofRepository(name); }
    static LicenceScope compartmentScope(const QString& path);

private:
    QTemporaryDir m_dir;
    QString m_dataDirectory;
    ManualClock m_clock;
    std::unique_ptr<RegistryService> m_registry;
    std::unique_ptr<IdentityService> m_identity;
    QString m_error;
};

} // namespace berth
