#pragma once

#include "http/HttpLimits.h"
#include "http/HttpServer.h"

#include <QByteArray>
#include <memory>

namespace berth::test {

/// Short timeouts and two workers, so the suites stay fast.
HttpLimits testLimits();
/// An HttpServer with TestHandler on 127.0.0.1, port 0.
std::unique_ptr<HttpServer> startTestServer(const HttpLimits& limits = testLimits());
QByteArray sha256Hex(const QByteArray& data);
/// What /echo answers for `body`.
QByteArray echoAnswer(const QByteArray& body);
/// A deterministic body of `size` bytes.
QByteArray bodyOf(qsizetype size, char seed);
/// A POST request with a Content-Length body.
QByteArray post(const QByteArray& path, const QByteArray& body, const QByteArray& extra = QByteArray());
/// This process's resident memory (KiB), 0 when unknown.
qint64 residentKiB();

} // namespace berth::test
