#pragma once

#include "util/Result.h"

#include <QByteArrayView>
#include <QString>

#include <functional>

namespace berth {

class BlobWriter;

/// Exclusive use of one upload session for the length of one request. While a lease is held no
/// other request can write to the session; destroying the lease hands the session back.
class UploadLease
{
public:
    UploadLease(QString id, QString repository, BlobWriter* writer, std::function<void()> release);
    ~UploadLease();
    UploadLease(const UploadLease&) = delete;
    UploadLease& operator=(const UploadLease&) = delete;

    const QString& id() const { return m_id; }
    const QString& repository() const { return m_repository; }
    /// Bytes the session holds; the next chunk must start here.
    qint64 offset() const;
    /// Appends bytes (streamed straight to disk).
    Result<void> write(QByteArrayView data);
    /// Drops bytes after offset (to undo a chunk that failed half-way).
    Result<void> truncate(qint64 offset);
    BlobWriter* writer() const { return m_writer; }

private:
    QString m_id;
    QString m_repository;
    BlobWriter* m_writer;
    std::function<void()> m_release;
};

} // namespace berth
