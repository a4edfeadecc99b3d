#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

class HttpConnection;

// How berth-loadgen signs in: not at all, HTTP Basic on every request, or (the default with a user) the way
// docker clients do it: the 401 challenge of GET /v2/ names a token realm, a token is fetched from it with
// Basic credentials for the scopes a request needs (one token per repository, registry:catalog:* for the
// catalog), and renewed before it expires. /api/ requests (the management API) always use Basic.
// Thread-safe: one instance is shared by every connection of a run.
class RegistryAuth
{
public:
    enum class Mode
    {
        None,
        Basic,
        Bearer
    };

    RegistryAuth(std::string host, int port, std::string user, std::string password, Mode mode);
    ~RegistryAuth();

    // The Authorization header value for a request to `target` (empty: send none).
    std::string authorization(const std::string& target);
    // The server answered 401 to `target`: drop the token used, so the next authorization() fetches one.
    // False when a retry cannot help (no token was used).
    bool rejected(const std::string& target);
    // "no auth", "Basic auth as admin", "Bearer token as admin"; asks the server which, the first time.
    std::string label();
    std::string basicAuthorization() const;

    // The scope a request target needs: "repository:NAME:pull,push,delete", "registry:catalog:*", or "".
    static std::string scopeFor(const std::string& target);

private:
    struct Token
    {
        std::string value;
        std::chrono::steady_clock::time_point renewAt;
    };

    void discoverLocked();
    Token fetchLocked(const std::string& scope);

    std::string m_host;
    int m_port;
    std::string m_user;
    std::string m_password;
    std::atomic<Mode> m_mode;
    bool m_discovered = false;
    std::string m_realmTarget;
    std::string m_service;
    std::mutex m_mutex;
    std::map<std::string, Token> m_tokens;
    std::unique_ptr<HttpConnection> m_tokenConnection;
};
