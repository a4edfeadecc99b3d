#include "backup/BackupManifest.h"

#include "backup/BackupFiles.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace berth {

namespace {

Error invalid(const QString& path, const QString& what)
{
    return Error(
        ErrorCode::Internal,
        QStringLiteral("%1 is not a Berth backup description (%2). Take a new backup.").arg(path, what));
}

} // namespace

QJsonObject BackupManifest::toJson() const
{
    QJsonArray blobList;
    for (const BackupBlob& b : blobs)
        blobList.append(
            QJsonObject{{QStringLiteral("digest"), b.digest.toString()}, {QStringLiteral("size"), b.size}});
    return QJsonObject{{QStringLiteral("formatVersion"), formatVersion},
                       {QStringLiteral("berthVersion"), berthVersion},
                       {QStringLiteral("schemaVersion"), schemaVersion},
                       {QStringLiteral("auditSchemaVersion"), auditSchemaVersion},
                       {QStringLiteral("createdAt"), createdAt.toUTC().toString(Qt::ISODateWithMs)},
                       {QStringLiteral("repositories"), repositories},
                       {QStringLiteral("manifests"), manifests},
                       {QStringLiteral("tags"), tags},
                       {QStringLiteral("blobCount"), blobs.size()},
                       {QStringLiteral("blobBytes"), blobBytes},
                       {QStringLiteral("hasAudit"), hasAudit},
                       {QStringLiteral("keyFiles"), QJsonArray::fromStringList(keyFiles)},
                       {QStringLiteral("blobs"), blobList}};
}

Result<BackupManifest> BackupManifest::fromJson(const QJsonObject& json)
{
    BackupManifest m;
    const QString name = fileName();
    if (!json.value(QStringLiteral("formatVersion")).isDouble())
        return invalid(name, QStringLiteral("no formatVersion"));
    m.formatVersion = json.value(QStringLiteral("formatVersion")).toInt();
    m.berthVersion = json.value(QStringLiteral("berthVersion")).toString();
    m.schemaVersion = json.value(QStringLiteral("schemaVersion")).toInt();
    m.auditSchemaVersion = json.value(QStringLiteral("auditSchemaVersion")).toInt();
    m.createdAt =
        QDateTime::fromString(json.value(QStringLiteral("createdAt")).toString(), Qt::ISODateWithMs);
    m.repositories = json.value(QStringLiteral("repositories")).toInteger();
    m.manifests = json.value(QStringLiteral("manifests")).toInteger();
    m.tags = json.value(QStringLiteral("tags")).toInteger();
    m.blobBytes = json.value(QStringLiteral("blobBytes")).toInteger();
    m.hasAudit = json.value(QStringLiteral("hasAudit")).toBool();
    for (const QJsonValue& v : json.value(QStringLiteral("keyFiles")).toArray()) {
        const QString path = v.toString();
        if (path.isEmpty() || path.startsWith(QLatin1Char('/')) ||
            path.split(QLatin1Char('/')).contains(QStringLiteral("..")))
            return invalid(name, QStringLiteral("key file \"%1\" is not a plain relative path").arg(path));
        m.keyFiles << path;
    }
    if (m.formatVersion > CurrentFormatVersion)
        return m; // the caller refuses it with a clear message; the rest may mean something else
    for (const QJsonValue& v : json.value(QStringLiteral("blobs")).toArray()) {
        const QJsonObject o = v.toObject();
        const auto digest = Digest::parse(o.value(QStringLiteral("digest")).toString());
        const qint64 size = o.value(QStringLiteral("size")).toInteger(-1);
        if (!digest || size < 0)
            return invalid(name, QStringLiteral("blob entry \"%1\" is malformed")
                                     .arg(o.value(QStringLiteral("digest")).toString()));
        m.blobs.append(BackupBlob{*digest, size});
    }
    if (m.blobs.size() != json.value(QStringLiteral("blobCount")).toInteger(-1))
        return invalid(name, QStringLiteral("the blob list does not match blobCount"));
    return m;
}

Result<BackupManifest> BackupManifest::read(const QString& backupDirectory)
{
    const QString path = QDir(backupDirectory).filePath(fileName());
    QFile file(path);
    if (!file.exists()) {
        return Error(
            ErrorCode::NameUnknown,
            QStringLiteral("%1 is not a complete backup: it has no %2 (the backup was interrupted or "
                           "cancelled, or this is not a backup directory). Use a backup that finished.")
                .arg(backupDirectory, fileName()));
    }
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Internal, QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject())
        return invalid(path, parseError.errorString());
    return fromJson(doc.object());
}

Result<void> BackupManifest::write(const QString& backupDirectory) const
{
    return BackupFiles::writeDurably(QDir(backupDirectory).filePath(fileName()),
                                     QJsonDocument(toJson()).toJson(QJsonDocument::Indented));
}

QString BackupManifest::blobPath(const QString& backupDirectory, const Digest& digest)
{
    return QStringLiteral("%1/blobs/%2/%3/%4")
        .arg(backupDirectory, digest.algorithmName(), digest.hex().left(2), digest.hex());
}

QString BackupManifest::metadataPath(const QString& backupDirectory)
{
    return QDir(backupDirectory).filePath(QStringLiteral("metadata/berth.db"));
}

QString BackupManifest::auditPath(const QString& backupDirectory)
{
    return QDir(backupDirectory).filePath(QStringLiteral("metadata/audit.db"));
}

QString BackupManifest::auditAnchorPath(const QString& backupDirectory)
{
    return QDir(backupDirectory).filePath(QStringLiteral("metadata/audit.anchor"));
}

QString BackupManifest::keysPath(const QString& backupDirectory)
{
    return QDir(backupDirectory).filePath(QStringLiteral("keys"));
}

} // namespace berth
