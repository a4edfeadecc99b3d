#include "TarListing.h"

#include <QCryptographicHash>
#include <QFile>
#include <archive.h>
#include <archive_entry.h>

namespace berth {

TarListing TarListing::read(const QString& path)
{
    TarListing listing;
    struct archive* a = archive_read_new();
    archive_read_support_filter_all(a);
    archive_read_support_format_all(a);
    if (archive_read_open_filename(a, QFile::encodeName(path).constData(), 64 * 1024) != ARCHIVE_OK) {
        listing.error = QString::fromLocal8Bit(archive_error_string(a));
        archive_read_free(a);
        return listing;
    }
    struct archive_entry* e = nullptr;
    int rc = ARCHIVE_OK;
    while ((rc = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
        Entry entry;
        const QString name = QString::fromUtf8(archive_entry_pathname(e));
        entry.size = archive_entry_size(e);
        entry.isDirectory = archive_entry_filetype(e) == AE_IFDIR;
        entry.perm = int(archive_entry_perm(e));
        entry.mtime = archive_entry_mtime(e);
        entry.uid = archive_entry_uid(e);
        entry.gid = archive_entry_gid(e);
        QCryptographicHash hash(QCryptographicHash::Sha256);
        QByteArray buffer(256 * 1024, Qt::Uninitialized);
        qint64 total = 0;
        for (;;) {
            const la_ssize_t n = archive_read_data(a, buffer.data(), size_t(buffer.size()));
            if (n < 0) {
                listing.error = QString::fromLocal8Bit(archive_error_string(a));
                break;
            }
            if (n == 0)
                break;
            hash.addData(QByteArrayView(buffer.constData(), n));
            if (total + n <= 64 * 1024)
                entry.bytes.append(buffer.constData(), n);
            total += n;
        }
        if (total != entry.size && listing.error.isEmpty())
            listing.error = QStringLiteral("%1: read %2 of %3 bytes").arg(name).arg(total).arg(entry.size);
        if (total > 64 * 1024)
            entry.bytes.clear();
        entry.sha256 = QString::fromLatin1(hash.result().toHex());
        listing.order.append(name);
        listing.entries.insert(name, entry);
    }
    if (rc != ARCHIVE_EOF && listing.error.isEmpty())
        listing.error = QString::fromLocal8Bit(archive_error_string(a));
    archive_read_free(a);
    return listing;
}

QStringList TarListing::blobHexes() const
{
    QStringList hexes;
    const QString prefix = QStringLiteral("blobs/sha256/");
    for (const QString& name : order)
        if (name.startsWith(prefix) && name.size() > prefix.size())
            hexes.append(name.mid(prefix.size()));
    return hexes;
}

} // namespace berth
