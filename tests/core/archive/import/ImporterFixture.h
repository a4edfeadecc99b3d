#pragma once

#include "archive/ImageImporter.h"
#include "oci/Manifest.h"
#include "registry/RegistryService.h"

#include <QTemporaryDir>
#include <memory>

/// FIXTURE(var, "name"): the path of test image `name`, or QFAIL saying how to make it.
#define FIXTURE(var, name)                                                                                   \
    const QString var = ImportTestSupport::fixture(QStringLiteral(name));                                    \
    if (var.isEmpty())                                                                                       \
        QFAIL("test fixture " name " is missing: run scripts/prepare-test-tools.sh");

/// What the ImageImporter tests share: a registry on a fresh temporary folder per test function,
/// imports into it, and looks at what it holds. Test classes derive from it next to QObject and call
/// openRegistry() from init() and closeRegistry() from cleanup().
class ImporterFixture
{
protected:
    void openRegistry();
    void closeRegistry();

    /// Imports `path` (into `repository` when given) with a job context that never cancels.
    berth::Result<berth::ImportReport> import(const QString& path, const QString& repository = QString());
    /// The parsed manifest `reference` (tag or digest) of `repository`; empty when there is none.
    berth::Manifest manifestOf(const QString& repository, const QString& reference);
    /// The size of blob `digestText` linked to `repository`; -1 when it is not.
    qint64 blobSize(const QString& repository, const QString& digestText);
    /// Fills the registry with docker-archive.tar in repository "existing" (tag v1).
    void prepareExisting();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<berth::RegistryService> m_registry;
};
