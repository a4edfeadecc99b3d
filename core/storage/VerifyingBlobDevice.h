#pragma once

#include "oci/Digester.h"

#include <QFile>
#include <QIODevice>
#include <functional>

namespace berth {

/// Reads one copy of a blob and hashes it as it goes. The read that would deliver the copy's last bytes
/// first finishes the hash: when the digest does not match, that read fails (the reader never gets a
/// complete wrong blob) and `onFinished(false)` is called; a match calls `onFinished(true)`. A seek
/// forward hashes the bytes skipped, so ranged reads that reach the end are verified too; ranges that
/// end earlier are served as read.
class VerifyingBlobDevice final : public QIODevice
{
public:
    VerifyingBlobDevice(const QString& path, Digest digest, std::function<void(bool good)> onFinished);
    ~VerifyingBlobDevice() override;

    /// Opens the copy (ReadOnly; Unbuffered is added so that nothing is read ahead of the caller).
    bool open(OpenMode mode) override;
    void close() override;
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_size; }
    bool seek(qint64 pos) override;

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    bool hashUpTo(qint64 position);
    bool finish();

    QFile m_file;
    Digest m_digest;
    std::function<void(bool)> m_onFinished;
    Digester m_digester;
    qint64 m_size = 0;
    qint64 m_hashed = 0; ///< bytes [0, m_hashed) went into m_digester
    bool m_finished = false;
    bool m_failed = false;
};

} // namespace berth
