#include "storage/VerifyingBlobDevice.h"

#include <cerrno>
#include <unistd.h>

namespace berth {

namespace {

qint64 preadRetry(int fd, char* buffer, qint64 size, qint64 offset)
{
    ssize_t n;
    do {
        n = ::pread(fd, buffer, static_cast<size_t>(size), offset);
    } while (n < 0 && errno == EINTR);
    return n;
}

} // namespace

VerifyingBlobDevice::VerifyingBlobDevice(const QString& path, Digest digest,
                                         std::function<void(bool good)> onFinished)
    : m_file(path), m_digest(std::move(digest)), m_onFinished(std::move(onFinished)),
      m_digester(m_digest.algorithm())
{}

VerifyingBlobDevice::~VerifyingBlobDevice()
{
    m_file.close();
}

bool VerifyingBlobDevice::open(OpenMode mode)
{
    if ((mode & WriteOnly) || !m_file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        setErrorString(m_file.errorString());
        return false;
    }
    m_size = m_file.size();
    return QIODevice::open(mode | Unbuffered);
}

void VerifyingBlobDevice::close()
{
    m_file.close();
    QIODevice::close();
}

bool VerifyingBlobDevice::seek(qint64 pos)
{
    if (pos < 0 || pos > m_size)
        return false;
    return QIODevice::seek(pos);
}

bool VerifyingBlobDevice::hashUpTo(qint64 position)
{
    if (position < m_hashed) { // a seek back: start over
        m_digester = Digester(m_digest.algorithm());
        m_hashed = 0;
    }
    QByteArray buffer(qMin<qint64>(position - m_hashed, 1 << 20), Qt::Uninitialized);
    while (m_hashed < position) {
        const qint64 n = preadRetry(m_file.handle(), buffer.data(),
                                    qMin<qint64>(buffer.size(), position - m_hashed), m_hashed);
        if (n <= 0)
            return false;
        m_digester.update(buffer.constData(), n);
        m_hashed += n;
    }
    return true;
}

bool VerifyingBlobDevice::finish()
{
    m_finished = true;
    const bool good = m_digester.finish() == m_digest;
    if (m_onFinished)
        m_onFinished(good);
    return good;
}

qint64 VerifyingBlobDevice::readData(char* data, qint64 maxSize)
{
    if (m_failed)
        return -1;
    const qint64 position = pos();
    if (position >= m_size || maxSize <= 0)
        return 0;
    if (position != m_hashed && !m_finished && !hashUpTo(position)) {
        m_failed = true;
        setErrorString(QStringLiteral("Reading %1 failed").arg(m_file.fileName()));
        return -1;
    }
    const qint64 n = preadRetry(m_file.handle(), data, qMin(maxSize, m_size - position), position);
    if (n <= 0) {
        m_failed = true;
        setErrorString(QStringLiteral("Reading %1 failed").arg(m_file.fileName()));
        return -1;
    }
    if (m_finished)
        return n; // verified already (a second pass over the same device)
    m_digester.update(data, n);
    m_hashed += n;
    if (m_hashed == m_size && !finish()) {
        m_failed = true;
        setErrorString(QStringLiteral("The stored copy of %1 is corrupt; retry to get another copy")
                           .arg(m_digest.toString()));
        return -1;
    }
    return n;
}

} // namespace berth
