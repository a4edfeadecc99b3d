#pragma once

#include "iam/IdentityService.h"
#include "metadata/MetadataStore.h"
#include "registry/RegistryService.h"
#include "util/Clock.h"

#include <QTemporaryDir>
#include <QtGlobal>
#include <memory>

namespace berth {

/// The metering tests' registry: a RegistryService and an IdentityService on one temporary data
/// directory, with a ManualClock (at 2026-03-10 12:00:00 UTC unless told otherwise).
struct MeteringRig
{
    QTemporaryDir dir;
    ManualClock clock{QDateTime(QDate(2026, 3, 10), QTime(12, 0), Qt::UTC)};
    std::unique_ptr<RegistryService> registry;
    std::unique_ptr<IdentityService> identity;

    MeteringRig() { open(); }

    void open()
    {
        RegistryService::Options o;
        o.dataDirectory = dir.path();
        o.clock = &clock;
        registry = std::make_unique<RegistryService>(o);
        if (auto opened = registry->open(); !opened)
            qFatal("%s", qPrintable(opened.error().message));
        IdentityService::Options io;
        io.clock = &clock;
        io.passwordParameters.log2N = 10;
        identity = std::make_unique<IdentityService>(registry->metadata(), io);
        if (auto opened = identity->open(); !opened)
            qFatal("%s", qPrintable(opened.error().message));
    }

    /// Closes and opens the registry again (what a restart does).
    void reopen()
    {
        identity.reset();
        registry.reset();
        open();
    }

    MetadataStore& metadata() { return registry->metadata(); }
};

} // namespace berth
