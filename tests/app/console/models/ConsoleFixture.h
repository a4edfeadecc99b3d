#pragma once

#include "data/RegistryBrowser.h"
#include "iam/IdentityService.h"
#include "registry/RegistryService.h"
#include "support/core/VerifyOk.h"

#include <QTemporaryDir>
#include <memory>

namespace berth {

/// A registry, its identity service and a RegistryBrowser over them, in a temporary folder.
struct ConsoleFixture
{
    QTemporaryDir dir;
    std::unique_ptr<RegistryService> registry;
    std::unique_ptr<IdentityService> identity;
    std::unique_ptr<RegistryBrowser> browser;

    /// Empty on success, else what failed.
    QString open()
    {
        if (!dir.isValid())
            return QStringLiteral("no temporary folder");
        RegistryService::Options options;
        options.dataDirectory = dir.path();
        registry = std::make_unique<RegistryService>(options);
        if (auto r = registry->open(); !r)
            return r.error().message;
        identity = std::make_unique<IdentityService>(registry->metadata());
        if (auto r = identity->open(); !r)
            return r.error().message;
        browser = std::make_unique<RegistryBrowser>(*registry, *identity);
        return QString();
    }
    ~ConsoleFixture()
    {
        browser.reset(); // before the services it calls
        identity.reset();
        registry.reset();
    }
};

} // namespace berth
