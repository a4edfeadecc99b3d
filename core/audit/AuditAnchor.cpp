#include "audit/AuditAnchor.h"

#include "audit/AuditChain.h"
#include "storage/FileSystem.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace berth {

namespace {

const QString kFormat = QStringLiteral("berth-audit-anchor-v1");

} // namespace

Result<std::optional<AuditAnchor>> AuditAnchor::read(const QString& path)
{
    QFile file(path);
    if (!file.exists())
        return std::optional<AuditAnchor>();
    if (!file.open(QIODevice::ReadOnly)) {
        return Error(ErrorCode::Internal,
                     QStringLiteral("The audit anchor %1 cannot be read: %2").arg(path, file.errorString()));
    }
    const QByteArray bytes = file.read(64 * 1024);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    const QJsonObject o = doc.object();
    const QJsonValue sequence = o.value(QLatin1String("sequence"));
    AuditAnchor anchor;
    anchor.sequence = sequence.toInteger(-1);
    anchor.hash = o.value(QLatin1String("hash")).toString();
    if (parseError.error != QJsonParseError::NoError || !doc.isObject() ||
        o.value(QLatin1String("format")).toString() != kFormat || !sequence.isDouble() ||
        anchor.sequence < 0 || !AuditChain::isWellFormedHash(anchor.hash)) {
        return Error(ErrorCode::Internal,
                     QStringLiteral("The audit anchor %1 is damaged: it should be a JSON object with format "
                                    "\"%2\", a sequence number and a 64-digit hex hash")
                         .arg(path, kFormat));
    }
    return std::optional<AuditAnchor>(anchor);
}

Result<void> AuditAnchor::write(const QString& path) const
{
    const QByteArray text = QJsonDocument(QJsonObject{{QStringLiteral("format"), kFormat},
                                                      {QStringLiteral("sequence"), sequence},
                                                      {QStringLiteral("hash"), hash}})
                                .toJson(QJsonDocument::Indented);
    const QString temporary = path + QStringLiteral(".tmp");
    const QByteArray nativeTemporary = QFile::encodeName(temporary);
    const int fd = ::open(nativeTemporary.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return FileSystem::errorFromErrno(errno,
                                          QStringLiteral("creating the audit anchor %1").arg(temporary));
    auto fail = [&](const QString& what) -> Result<void> {
        const int saved = errno;
        ::close(fd);
        ::unlink(nativeTemporary.constData());
        return FileSystem::errorFromErrno(saved, what);
    };
    qsizetype written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(fd, text.constData() + written, static_cast<size_t>(text.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return fail(QStringLiteral("writing the audit anchor %1").arg(temporary));
        written += n;
    }
    int rc;
    do {
        rc = ::fsync(fd);
    } while (rc != 0 && errno == EINTR);
    if (rc != 0)
        return fail(QStringLiteral("syncing the audit anchor %1").arg(temporary));
    ::close(fd);
    if (std::rename(nativeTemporary.constData(), QFile::encodeName(path).constData()) != 0) {
        const int saved = errno;
        ::unlink(nativeTemporary.constData());
        return FileSystem::errorFromErrno(saved,
                                          QStringLiteral("renaming the audit anchor into %1").arg(path));
    }
    return FileSystem::syncDirectory(QFileInfo(path).absolutePath());
}

} // namespace berth
