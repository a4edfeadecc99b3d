#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

namespace berth {

/// Test helper: what a tar file (optionally compressed) holds, read back with libarchive.
struct TarListing
{
    struct Entry
    {
        qint64 size = 0;
        bool isDirectory = false;
        int perm = 0;
        qint64 mtime = -1;
        qint64 uid = -1;
        qint64 gid = -1;
        QString sha256;   ///< hex of the content
        QByteArray bytes; ///< content when at most 64 KiB
    };

    QStringList order;            ///< entry names in archive order
    QMap<QString, Entry> entries; ///< by name
    QString error;                ///< set when the file could not be read

    static TarListing read(const QString& path);
    /// The "<hex>" names under blobs/sha256/.
    QStringList blobHexes() const;
};

} // namespace berth
