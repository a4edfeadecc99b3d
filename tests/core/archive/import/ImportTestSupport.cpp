#include "ImportTestSupport.h"

#include "metadata/MetadataStore.h"
#include "registry/RegistryService.h"
#include "support/core/OciLayoutPusher.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>
#include <archive.h>
#include <archive_entry.h>

namespace ImportTestSupport {

QString fixture(const QString& name)
{
    QString error;
    const QString path = berth::OciLayoutPusher::fixture(name, &error);
    if (path.isEmpty())
        qWarning("%s", qPrintable(error));
    return path;
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeTar(const QString& path, const QList<std::pair<QString, QByteArray>>& entries)
{
    struct archive* a = archive_write_new();
    archive_write_set_format_ustar(a);
    const QByteArray encoded = QFile::encodeName(path);
    bool ok = archive_write_open_filename(a, encoded.constData()) == ARCHIVE_OK;
    for (const auto& [name, bytes] : entries) {
        if (!ok)
            break;
        struct archive_entry* e = archive_entry_new();
        const QByteArray utf8 = name.toUtf8();
        archive_entry_set_pathname(e, utf8.constData());
        archive_entry_set_size(e, bytes.size());
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_perm(e, 0644);
        ok = archive_write_header(a, e) == ARCHIVE_OK &&
             archive_write_data(a, bytes.constData(), static_cast<size_t>(bytes.size())) == bytes.size();
        archive_entry_free(e);
    }
    ok = archive_write_close(a) == ARCHIVE_OK && ok;
    archive_write_free(a);
    return ok;
}

QList<std::pair<QString, QByteArray>> folderEntries(const QString& folder)
{
    QStringList paths;
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        paths << QDir(folder).relativeFilePath(it.next());
    paths.sort();
    QList<std::pair<QString, QByteArray>> out;
    for (const QString& path : std::as_const(paths)) {
        QFile file(QDir(folder).filePath(path));
        if (file.open(QIODevice::ReadOnly))
            out << std::make_pair(path, file.readAll());
    }
    return out;
}

bool gzipFile(const QString& from, const QString& to)
{
    QFile in(from);
    if (!in.open(QIODevice::ReadOnly))
        return false;
    const QByteArray bytes = in.readAll();
    struct archive* a = archive_write_new();
    archive_write_add_filter_gzip(a);
    archive_write_set_format_raw(a);
    const QByteArray encoded = QFile::encodeName(to);
    bool ok = archive_write_open_filename(a, encoded.constData()) == ARCHIVE_OK;
    if (ok) {
        struct archive_entry* e = archive_entry_new();
        archive_entry_set_filetype(e, AE_IFREG);
        ok = archive_write_header(a, e) == ARCHIVE_OK &&
             archive_write_data(a, bytes.constData(), static_cast<size_t>(bytes.size())) == bytes.size();
        archive_entry_free(e);
    }
    ok = archive_write_close(a) == ARCHIVE_OK && ok;
    archive_write_free(a);
    return ok;
}

QStringList snapshot(berth::RegistryService& registry)
{
    QStringList out;
    const QStringList queries{
        QStringLiteral("SELECT 'repository', name FROM repositories ORDER BY name"),
        QStringLiteral("SELECT 'blob', r.name, b.digest, b.size FROM repository_blobs b JOIN repositories r "
                       "ON r.id = b.repository_id ORDER BY r.name, b.digest"),
        QStringLiteral("SELECT 'manifest', r.name, m.digest, m.media_type, m.subject FROM manifests m JOIN "
                       "repositories r ON r.id = m.repository_id ORDER BY r.name, m.digest"),
        QStringLiteral("SELECT 'tag', r.name, t.name, m.digest FROM tags t JOIN repositories r ON r.id = "
                       "t.repository_id JOIN manifests m ON m.id = t.manifest_id ORDER BY r.name, t.name"),
        QStringLiteral("SELECT 'upload', id FROM uploads ORDER BY id"),
    };
    for (const QString& sql : queries) {
        auto query = registry.metadata().exec(sql);
        if (!query) {
            out << QStringLiteral("error: ") + query.error().message;
            continue;
        }
        QSqlQuery& q = query.value();
        while (q.next()) {
            QStringList row;
            for (int i = 0; i < q.record().count(); ++i)
                row << q.value(i).toString();
            out << row.join(QLatin1Char(' '));
        }
    }
    return out;
}

} // namespace ImportTestSupport
