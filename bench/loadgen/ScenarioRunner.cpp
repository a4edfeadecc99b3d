#include "ScenarioRunner.h"

#include "GcScenarioRunner.h"
#include "HttpConnection.h"
#include "ImageScenarioRunner.h"
#include "MixedScenarioRunner.h"
#include "ParallelRunner.h"
#include "PipelinedHasher.h"
#include "Sha256.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <mutex>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace {
// The pieces of `pieces` covering bytes [from, to).
std::vector<std::string_view> slice(const std::vector<std::string_view>& pieces, unsigned long long from,
                                    unsigned long long to)
{
    std::vector<std::string_view> out;
    unsigned long long offset = 0;
    for (const auto& piece : pieces) {
        const unsigned long long begin = std::max(from, offset);
        const unsigned long long end = std::min<unsigned long long>(to, offset + piece.size());
        if (begin < end)
            out.push_back(piece.substr(begin - offset, end - begin));
        offset += piece.size();
    }
    return out;
}

} // namespace

long long ScenarioSpec::number(const std::string& key, long long fallback) const
{
    const auto it = options.find(key);
    if (it == options.end())
        return fallback;
    try {
        return std::stoll(it->second);
    } catch (const std::exception&) {
        throw std::runtime_error("--" + key + " needs a whole number, not \"" + it->second + "\"");
    }
}

std::string ScenarioResult::toJson() const
{
    const double megabytesPerSecond = seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0;
    const double requestsPerSecond = seconds > 0 ? static_cast<double>(requests) / seconds : 0;
    std::ostringstream out;
    out.setf(std::ios::fixed);
    out.precision(3);
    out << "{\"scenario\":\"" << scenario << "\",\"target\":\"" << label << "\",\"params\":{";
    bool first = true;
    for (const auto& [key, value] : params) {
        out << (first ? "" : ",") << "\"" << key << "\":\"" << value << "\"";
        first = false;
    }
    out << "},\"seconds\":" << seconds << ",\"bytes\":" << bytes << ",\"mb_per_s\":" << megabytesPerSecond
        << ",\"requests\":" << requests << ",\"requests_per_s\":" << requestsPerSecond
        << ",\"p50_ms\":" << timings.percentile(50) << ",\"p99_ms\":" << timings.percentile(99)
        << ",\"errors\":" << errors << "}";
    return out.str();
}

ScenarioRunner::ScenarioRunner(Target target)
    : m_target(std::move(target)),
      m_auth(std::make_shared<RegistryAuth>(m_target.host, m_target.port, m_target.user, m_target.password,
                                            m_target.authMode)),
      m_runNonce(std::to_string(std::chrono::system_clock::now().time_since_epoch().count()))
{}

std::string ScenarioRunner::label() const
{
    return m_auth->label();
}

std::unique_ptr<HttpConnection> ScenarioRunner::connect() const
{
    return std::make_unique<HttpConnection>(m_target.host, m_target.port, m_auth);
}

std::vector<ScenarioResult> ScenarioRunner::run(const ScenarioSpec& spec)
{
    // Sign in before the clock runs: the first token of a scope costs a password check on the server,
    // which a client pays once per session, not per request (it was the p99 of the first scenario).
    (void)m_auth->authorization("/v2/" + m_target.repository + "/tags/list");
    if (spec.name == "catalog")
        (void)m_auth->authorization("/v2/_catalog");
    if (spec.name == "push-blob")
        return {pushBlobs(spec)};
    if (spec.name == "pull-blob")
        return {pullBlobs(spec)};
    if (spec.name == "mixed")
        return MixedScenarioRunner(*this).run(spec);
    if (spec.name.rfind("gc-", 0) == 0)
        return GcScenarioRunner(*this).run(spec);
    return {ImageScenarioRunner(*this).run(spec)};
}

bool ScenarioRunner::pushBlob(HttpConnection& connection, const std::string& repository,
                              const std::vector<std::string_view>& pieces, const std::string& digest,
                              unsigned long long chunk, std::string& error)
{
    unsigned long long size = 0;
    for (const auto& piece : pieces)
        size += piece.size();
    const HttpResponse started = connection.request("POST", "/v2/" + repository + "/blobs/uploads/", {});
    if (started.status != 202) {
        error = ParallelRunner::describe(started, "POST blobs/uploads/");
        return false;
    }
    std::string location = HttpConnection::targetOf(started.header("location"));
    const HttpHeaders octets{{"Content-Type", "application/octet-stream"}};
    if (chunk == 0) {
        const HttpResponse put = connection.request(
            "PUT", ParallelRunner::withQuery(location, "digest=" + digest), octets, pieces);
        if (put.status != 201) {
            error = ParallelRunner::describe(put, "monolithic PUT");
            return false;
        }
        return true;
    }
    for (unsigned long long offset = 0; offset < size; offset += chunk) {
        const unsigned long long end = std::min(size, offset + chunk);
        const HttpHeaders headers{{"Content-Type", "application/octet-stream"},
                                  {"Content-Range", std::to_string(offset) + "-" + std::to_string(end - 1)}};
        const HttpResponse patch = connection.request("PATCH", location, headers, slice(pieces, offset, end));
        if (patch.status != 202) {
            error = ParallelRunner::describe(patch, "PATCH chunk at " + std::to_string(offset));
            return false;
        }
        location = HttpConnection::targetOf(patch.header("location"));
    }
    const HttpResponse put =
        connection.request("PUT", ParallelRunner::withQuery(location, "digest=" + digest), octets);
    if (put.status != 201) {
        error = ParallelRunner::describe(put, "closing PUT");
        return false;
    }
    return true;
}

ScenarioResult ScenarioRunner::pushBlobs(const ScenarioSpec& spec)
{
    const unsigned long long size =
        static_cast<unsigned long long>(std::max(16LL, spec.number("size", 1 << 20)));
    const long long count = spec.number("count", 8);
    const int concurrency = static_cast<int>(spec.number("concurrency", 1));
    const unsigned long long chunk = static_cast<unsigned long long>(spec.number("chunked", 0));
    ScenarioResult result;
    result.scenario = spec.name;
    result.label = label();
    result.params = {{"size", std::to_string(size)},
                     {"count", std::to_string(count)},
                     {"concurrency", std::to_string(concurrency)},
                     {"chunked", std::to_string(chunk)}};

    // Every blob is a shared random body with its own 16-byte tail, so the common part is hashed once.
    if (m_blobBase.size() < size) {
        m_blobBase.resize(size);
        std::mt19937_64 random(12345);
        for (std::size_t i = 0; i + 8 <= m_blobBase.size(); i += 8) {
            const unsigned long long value = random();
            std::memcpy(m_blobBase.data() + i, &value, 8);
        }
    }
    const std::string_view body(m_blobBase.data(), size - 16);
    Sha256 prefix;
    prefix.update(body.data(), body.size());
    std::vector<std::string> tails(static_cast<std::size_t>(count));
    std::vector<std::string> digests(static_cast<std::size_t>(count));
    for (long long i = 0; i < count; ++i) {
        // Unique across the whole run (every push scenario gets new blobs) and across runs (the nonce).
        char tail[17];
        std::snprintf(tail, sizeof tail, "%016llx",
                      static_cast<unsigned long long>(std::hash<std::string>()(m_runNonce)) + m_blobsMade++);
        tails[static_cast<std::size_t>(i)].assign(tail, 16);
        Sha256 hasher = prefix;
        hasher.update(tail, 16);
        digests[static_cast<std::size_t>(i)] = hasher.finishDigest();
    }
    ParallelRunner::run(
        [this] { return connect(); }, concurrency, count, 0,
        [&](HttpConnection& connection, long long index, std::string& error) {
            const auto i = static_cast<std::size_t>(index);
            return pushBlob(connection, m_target.repository, {body, tails[i]}, digests[i], chunk, error);
        },
        result);
    result.bytes = size * static_cast<unsigned long long>(count);
    m_pushed.clear();
    for (const auto& digest : digests)
        m_pushed.push_back({digest, size});
    return result;
}

ScenarioResult ScenarioRunner::pullBlobs(const ScenarioSpec& spec)
{
    if (m_pushed.empty())
        throw std::runtime_error(
            "pull-blob pulls the blobs of the push-blob before it; give a push-blob first");
    const int concurrency = static_cast<int>(spec.number("concurrency", 1));
    const std::vector<PushedBlob> blobs = m_pushed;
    ScenarioResult result;
    result.scenario = spec.name;
    result.label = label();
    result.params = {{"count", std::to_string(blobs.size())},
                     {"size", std::to_string(blobs.front().size)},
                     {"concurrency", std::to_string(concurrency)},
                     {"verify", "sha256"}};
    std::atomic<unsigned long long> bytes{0};
    ParallelRunner::run([this] { return connect(); }, concurrency, static_cast<long long>(blobs.size()), 0,
                        [&](HttpConnection& connection, long long index, std::string& error) {
                            const PushedBlob& blob = blobs[static_cast<std::size_t>(index)];
                            // Received on this thread, hashed on a second one (see PipelinedHasher).
                            thread_local PipelinedHasher hasher;
                            hasher.start();
                            const HttpResponse response = connection.requestInto(
                                "GET", "/v2/" + m_target.repository + "/blobs/" + blob.digest, {}, hasher);
                            const std::string got = hasher.finishDigest();
                            bytes += response.bodyBytes;
                            if (response.status != 200) {
                                error = ParallelRunner::describe(response, "GET blob " + blob.digest);
                                return false;
                            }
                            if (got != blob.digest || response.bodyBytes != blob.size) {
                                error = "DIGEST MISMATCH: pulled " + blob.digest + " but received " +
                                        std::to_string(response.bodyBytes) + " bytes hashing to " + got;
                                return false;
                            }
                            return true;
                        },
                        result);
    result.bytes = bytes.load();
    return result;
}
