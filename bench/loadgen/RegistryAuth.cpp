#include "RegistryAuth.h"

#include "HttpConnection.h"
#include "ParallelRunner.h"

#include <cctype>
#include <openssl/evp.h>
#include <stdexcept>

namespace {
std::string base64(const std::string& text)
{
    std::string out(4 * ((text.size() + 2) / 3) + 1, '\0');
    const int length =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                        reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    out.resize(static_cast<std::size_t>(length));
    return out;
}

// The value of key="value" in a WWW-Authenticate challenge.
std::string challengeParameter(const std::string& challenge, const std::string& key)
{
    const auto at = challenge.find(key + "=\"");
    if (at == std::string::npos)
        return {};
    const auto begin = at + key.size() + 2;
    const auto end = challenge.find('"', begin);
    return end == std::string::npos ? std::string() : challenge.substr(begin, end - begin);
}

// The string value of "key" in a flat JSON object (token answers carry no escapes in their values).
std::string jsonString(const std::string& json, const std::string& key)
{
    const auto at = json.find("\"" + key + "\"");
    if (at == std::string::npos)
        return {};
    const auto begin = json.find('"', json.find(':', at) + 1);
    const auto end = json.find('"', begin + 1);
    return begin == std::string::npos || end == std::string::npos ? std::string()
                                                                  : json.substr(begin + 1, end - begin - 1);
}

double jsonNumber(const std::string& json, const std::string& key, double fallback)
{
    const auto at = json.find("\"" + key + "\"");
    if (at == std::string::npos)
        return fallback;
    try {
        return std::stod(json.substr(json.find(':', at) + 1));
    } catch (const std::exception&) {
        return fallback;
    }
}

std::string percentEncoded(const std::string& text)
{
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/' || c == ':' ||
            c == ',')
            out += static_cast<char>(c);
        else
            out += {'%', hex[c >> 4], hex[c & 15]};
    }
    return out;
}
} // namespace

RegistryAuth::RegistryAuth(std::string host, int port, std::string user, std::string password, Mode mode)
    : m_host(std::move(host)), m_port(port), m_user(std::move(user)), m_password(std::move(password)),
      m_mode(m_user.empty() ? Mode::None : mode)
{}

RegistryAuth::~RegistryAuth() = default;

std::string RegistryAuth::basicAuthorization() const
{
    return m_user.empty() ? std::string() : "Basic " + base64(m_user + ":" + m_password);
}

std::string RegistryAuth::scopeFor(const std::string& target)
{
    std::string path = target.substr(0, target.find('?'));
    if (path.rfind("/v2/_catalog", 0) == 0)
        return "registry:catalog:*";
    if (path.rfind("/v2/", 0) != 0)
        return {};
    path = path.substr(4);
    for (const char* marker : {"/blobs/", "/manifests/", "/tags/", "/referrers/"}) {
        const auto at = path.find(marker);
        if (at != std::string::npos)
            return "repository:" + path.substr(0, at) + ":pull,push,delete";
    }
    return {};
}

void RegistryAuth::discoverLocked()
{
    if (m_discovered)
        return;
    HttpConnection probe(m_host, m_port, nullptr);
    const HttpResponse response = probe.request("GET", "/v2/", {});
    const std::string challenge = response.header("www-authenticate");
    if (response.status == 401 && challenge.rfind("Bearer ", 0) == 0) {
        const std::string realm = challengeParameter(challenge, "realm");
        if (realm.empty())
            throw std::runtime_error("the Bearer challenge of GET /v2/ names no realm: " + challenge);
        m_realmTarget = HttpConnection::targetOf(realm);
        m_service = challengeParameter(challenge, "service");
    } else if (m_mode == Mode::Bearer) {
        // The server asks for no token (Basic challenge, or no auth at all): send Basic credentials.
        m_mode = Mode::Basic;
    }
    m_discovered = true;
}

RegistryAuth::Token RegistryAuth::fetchLocked(const std::string& scope)
{
    if (!m_tokenConnection)
        m_tokenConnection = std::make_unique<HttpConnection>(m_host, m_port, nullptr);
    std::string target = m_realmTarget + (m_realmTarget.find('?') == std::string::npos ? "?" : "&") +
                         "service=" + percentEncoded(m_service);
    if (!scope.empty())
        target += "&scope=" + percentEncoded(scope);
    const HttpResponse response =
        m_tokenConnection->request("GET", target, {{"Authorization", basicAuthorization()}});
    std::string token = jsonString(response.body, "token");
    if (token.empty())
        token = jsonString(response.body, "access_token");
    if (response.status != 200 || token.empty())
        throw std::runtime_error(ParallelRunner::describe(response, "the token request GET " + target));
    const double lifetime = jsonNumber(response.body, "expires_in", 60);
    // Renewed after three quarters of its lifetime, so no request goes out with an expired token.
    const auto renewIn = std::chrono::duration<double>(std::max(1.0, lifetime * 0.75));
    return {"Bearer " + token, std::chrono::steady_clock::now() +
                                   std::chrono::duration_cast<std::chrono::steady_clock::duration>(renewIn)};
}

std::string RegistryAuth::authorization(const std::string& target)
{
    if (m_mode == Mode::None)
        return {};
    if (target.rfind("/api/", 0) == 0)
        return basicAuthorization();
    std::lock_guard<std::mutex> lock(m_mutex);
    discoverLocked();
    if (m_mode == Mode::Basic)
        return basicAuthorization();
    const std::string scope = scopeFor(target);
    auto it = m_tokens.find(scope);
    if (it == m_tokens.end() || std::chrono::steady_clock::now() >= it->second.renewAt)
        it = m_tokens.insert_or_assign(scope, fetchLocked(scope)).first;
    return it->second.value;
}

bool RegistryAuth::rejected(const std::string& target)
{
    if (target.rfind("/api/", 0) == 0)
        return false;
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_mode == Mode::Bearer && m_tokens.erase(scopeFor(target)) > 0;
}

std::string RegistryAuth::label()
{
    if (m_mode == Mode::None)
        return "no auth";
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        discoverLocked();
    }
    return (m_mode == Mode::Bearer ? "Bearer token as " : "Basic auth as ") + m_user;
}
