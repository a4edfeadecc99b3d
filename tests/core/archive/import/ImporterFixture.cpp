#include "ImporterFixture.h"

#include "ImportTestSupport.h"
#include "jobs/JobContext.h"
#include "oci/ManifestParser.h"
#include "oci/Reference.h"
#include "support/core/VerifyOk.h"

#include <QTest>

using namespace berth;

void ImporterFixture::openRegistry()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    RegistryService::Options options;
    options.dataDirectory = m_dir->filePath(QStringLiteral("data"));
    m_registry = std::make_unique<RegistryService>(options);
    VERIFY_OK(m_registry->open());
}

void ImporterFixture::closeRegistry()
{
    m_registry.reset();
    m_dir.reset();
}

Result<ImportReport> ImporterFixture::import(const QString& path, const QString& repository)
{
    ImportTarget target;
    target.repository = repository;
    NullJobContext context;
    return ImageImporter(*m_registry).importPath(path, target, context);
}

Manifest ImporterFixture::manifestOf(const QString& repository, const QString& reference)
{
    auto content = m_registry->getManifest(repository, *Reference::parse(reference), false);
    if (!content) {
        qWarning("%s", qPrintable(content.error().message));
        return Manifest();
    }
    auto parsed = ManifestParser::parse(content->bytes, content->mediaType);
    return parsed ? parsed.value() : Manifest();
}

qint64 ImporterFixture::blobSize(const QString& repository, const QString& digestText)
{
    auto info = m_registry->statBlob(repository, *Digest::parse(digestText));
    return info ? info->size : -1;
}

void ImporterFixture::prepareExisting()
{
    const QString archive = ImportTestSupport::fixture(QStringLiteral("docker-archive.tar"));
    auto seeded = import(archive, QStringLiteral("existing"));
    QVERIFY2(seeded.ok(), qPrintable(seeded.error().message));
}
