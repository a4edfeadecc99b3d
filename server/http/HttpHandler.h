#pragma once

#include "http/HttpRequest.h"
#include "http/HttpResponder.h"

#include <QByteArrayView>
#include <functional>
#include <memory>

namespace berth {

/// Handles one request. The server creates it when the head has arrived, feeds it the body as the
/// bytes come in (never buffering the whole body) and asks it to respond. Runs on a worker thread.
class HttpHandler
{
public:
    virtual ~HttpHandler() = default;

    /// The head is complete. A handler that can already tell the request will fail responds here;
    /// the body is then drained (or the connection closed) without reaching onBody.
    virtual void onHeaders(const HttpRequest& request, HttpResponder& responder) {}
    /// The next piece of the body, in order. Return false after responding to stop reading.
    virtual bool onBody(QByteArrayView chunk, HttpResponder& responder) { return true; }
    /// The whole request has arrived; respond if not done yet.
    virtual void onComplete(const HttpRequest& request, HttpResponder& responder) = 0;
    /// The client disconnected or timed out before the request was complete: undo what is partial.
    virtual void onAborted() {}
};

/// Makes the handler for a request, from its head. Called on the connection's worker thread.
using HttpHandlerFactory = std::function<std::unique_ptr<HttpHandler>(const HttpRequest&)>;

} // namespace berth
