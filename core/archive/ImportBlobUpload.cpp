#include "archive/ImportBlobUpload.h"

#include "registry/RegistryService.h"

namespace berth {

ImportBlobUpload::ImportBlobUpload(RegistryService& registry, QString repository)
    : m_registry(registry), m_repository(std::move(repository))
{}

ImportBlobUpload::~ImportBlobUpload()
{
    abandon();
}

Result<void> ImportBlobUpload::start()
{
    auto started = m_registry.startUpload(m_repository);
    if (!started)
        return started.error();
    m_id = started->id;
    auto lease = m_registry.acquireUpload(m_repository, m_id);
    if (!lease) {
        abandon();
        return lease.error();
    }
    m_lease = std::move(lease).value();
    return {};
}

Result<void> ImportBlobUpload::write(QByteArrayView data)
{
    if (m_head.size() < 16)
        m_head.append(data.first(qMin<qsizetype>(data.size(), 16 - m_head.size())));
    m_digester.update(data);
    m_size += data.size();
    return m_lease->write(data);
}

Digest ImportBlobUpload::finishHash()
{
    return m_digester.finish();
}

Result<BlobInfo> ImportBlobUpload::commit(const Digest& digest)
{
    auto info = m_registry.completeUpload(std::move(m_lease), digest);
    if (!info)
        (void)m_registry.cancelUpload(m_repository, m_id); // when the registry kept the session
    m_id.clear();
    return info;
}

void ImportBlobUpload::abandon()
{
    if (m_id.isEmpty())
        return;
    m_lease.reset();
    (void)m_registry.cancelUpload(m_repository, m_id);
    m_id.clear();
}

} // namespace berth
