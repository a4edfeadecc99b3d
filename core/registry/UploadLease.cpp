#include "registry/UploadLease.h"

#include "storage/BlobWriter.h"

namespace berth {

UploadLease::UploadLease(QString id, QString repository, BlobWriter* writer, std::function<void()> release)
    : m_id(std::move(id)), m_repository(std::move(repository)), m_writer(writer),
      m_release(std::move(release))
{}

UploadLease::~UploadLease()
{
    if (m_release)
        m_release();
}

qint64 UploadLease::offset() const
{
    return m_writer ? m_writer->size() : 0;
}

Result<void> UploadLease::write(QByteArrayView data)
{
    if (!m_writer)
        return Error(ErrorCode::BlobUploadUnknown, QStringLiteral("Upload %1 has ended").arg(m_id));
    return m_writer->write(data);
}

Result<void> UploadLease::truncate(qint64 offset)
{
    if (!m_writer)
        return Error(ErrorCode::BlobUploadUnknown, QStringLiteral("Upload %1 has ended").arg(m_id));
    return m_writer->truncate(offset);
}

} // namespace berth
