#include "http/HttpFileSender.h"

#include <QFile>
#include <QSocketNotifier>
#include <cerrno>
#include <fcntl.h>
#include <sys/sendfile.h>
#include <unistd.h>

namespace berth {

namespace {
constexpr qint64 MaxPerCall = 4 << 20;
}

std::unique_ptr<HttpFileSender> HttpFileSender::open(const QString& path, qintptr socketDescriptor,
                                                     qint64 offset, qint64 length, std::function<void()> wake)
{
    if (socketDescriptor < 0 || offset < 0 || length < 0)
        return nullptr;
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return nullptr;
    return std::unique_ptr<HttpFileSender>(
        new HttpFileSender(fd, socketDescriptor, offset, length, std::move(wake)));
}

HttpFileSender::HttpFileSender(int fileDescriptor, qintptr socketDescriptor, qint64 offset, qint64 length,
                               std::function<void()> wake)
    : m_file(fileDescriptor), m_socket(socketDescriptor), m_offset(offset), m_remaining(length),
      m_wake(std::move(wake))
{}

HttpFileSender::~HttpFileSender()
{
    m_notifier.reset();
    ::close(m_file);
}

HttpFileSender::Result HttpFileSender::send()
{
    m_waiting = false;
    while (m_remaining > 0) {
        off_t offset = static_cast<off_t>(m_offset);
        const ssize_t n = ::sendfile(static_cast<int>(m_socket), m_file, &offset,
                                     static_cast<size_t>(qMin(m_remaining, MaxPerCall)));
        if (n > 0) {
            m_offset += n;
            m_remaining -= n;
            m_sent += n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            m_waiting = true;
            if (!m_notifier) {
                m_notifier = std::make_unique<QSocketNotifier>(m_socket, QSocketNotifier::Write);
                QObject::connect(m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(), [this] {
                    m_notifier->setEnabled(false);
                    if (m_wake)
                        m_wake();
                });
            }
            m_notifier->setEnabled(true);
            return Result::Waiting;
        }
        return Result::Failed; // n == 0: the file is shorter than announced; or a socket error
    }
    if (m_notifier)
        m_notifier->setEnabled(false);
    return Result::Done;
}

} // namespace berth
