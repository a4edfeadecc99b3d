#include "ImageScenarioRunner.h"

#include "HttpConnection.h"
#include "ImagePusher.h"
#include "ParallelRunner.h"
#include "Sha256.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <stdexcept>

namespace {
// The strings of the JSON array `key` in `body` (names of tags or repositories: no escapes in them).
std::vector<std::string> listed(const std::string& body, const std::string& key)
{
    std::vector<std::string> out;
    const auto open = body.find("\"" + key + "\"");
    if (open == std::string::npos)
        return out;
    const auto begin = body.find('[', open);
    const auto end = body.find(']', begin);
    if (begin == std::string::npos || end == std::string::npos)
        return out;
    for (auto quote = body.find('"', begin); quote != std::string::npos && quote < end;) {
        const auto close = body.find('"', quote + 1);
        out.push_back(body.substr(quote + 1, close - quote - 1));
        quote = body.find('"', close + 1);
    }
    return out;
}

std::string tagName(long long index)
{
    char tag[24];
    std::snprintf(tag, sizeof tag, "t%07lld", index);
    return tag;
}
} // namespace

ImageScenarioRunner::ImageScenarioRunner(ScenarioRunner& runner) : m_runner(runner) {}

ScenarioResult ImageScenarioRunner::run(const ScenarioSpec& spec)
{
    if (spec.name == "manifest-get")
        return manifestRequests(spec, false);
    if (spec.name == "manifest-head")
        return manifestRequests(spec, true);
    if (spec.name == "manifest-push")
        return manifestPush(spec);
    if (spec.name == "tags-list")
        return tagsList(spec);
    if (spec.name == "catalog")
        return catalog(spec);
    throw std::runtime_error("unknown scenario \"" + spec.name + "\"");
}

ScenarioResult ImageScenarioRunner::newResult(const ScenarioSpec& spec) const
{
    ScenarioResult result;
    result.scenario = spec.name;
    result.label = m_runner.label();
    return result;
}

ScenarioResult ImageScenarioRunner::manifestRequests(const ScenarioSpec& spec, bool head)
{
    const int concurrency = static_cast<int>(spec.number("concurrency", 1));
    const long long count = spec.number("count", 0);
    const double seconds = static_cast<double>(spec.number("duration", 5));
    const std::string repository = m_runner.target().repository + "-manifest";
    ScenarioResult result = newResult(spec);
    result.params = {{"concurrency", std::to_string(concurrency)}, {"tag", "bench"}};
    result.params[count > 0 ? "count" : "duration"] =
        count > 0 ? std::to_string(count) : std::to_string(spec.number("duration", 5));

    auto setup = m_runner.connect();
    const ImagePusher::Image image = ImagePusher::prepare(*setup, repository, "manifest");
    std::string error;
    if (!ImagePusher::putManifest(*setup, repository, "bench", image, error))
        throw std::runtime_error("setup failed: " + error);

    const std::string target = "/v2/" + repository + "/manifests/bench";
    ParallelRunner::run(
        [this] { return m_runner.connect(); }, concurrency, count, seconds,
        [&](HttpConnection& connection, long long, std::string& failure) {
            const HttpResponse response =
                connection.request(head ? "HEAD" : "GET", target, {{"Accept", ImagePusher::kAccept}});
            if (response.status != 200) {
                failure = ParallelRunner::describe(response, (head ? "HEAD " : "GET ") + target);
                return false;
            }
            const std::string headerDigest = response.header("docker-content-digest");
            const std::string bodyDigest =
                head ? headerDigest : Sha256::digestOf(response.body.data(), response.body.size());
            if (bodyDigest != image.digest || (!headerDigest.empty() && headerDigest != image.digest)) {
                failure = "DIGEST MISMATCH on " + target + ": expected " + image.digest + ", body " +
                          bodyDigest + ", Docker-Content-Digest " + headerDigest;
                return false;
            }
            return true;
        },
        result);
    result.bytes = head ? 0 : result.requests * image.manifest.size();
    return result;
}

ScenarioResult ImageScenarioRunner::manifestPush(const ScenarioSpec& spec)
{
    const int concurrency = static_cast<int>(spec.number("concurrency", 1));
    const long long count = spec.number("count", 1000);
    const std::string repository = m_runner.target().repository + "-manifest-push";
    ScenarioResult result = newResult(spec);
    result.params = {{"concurrency", std::to_string(concurrency)}, {"count", std::to_string(count)}};

    // One config and layer, pushed once; every manifest names them and differs by an annotation.
    auto setup = m_runner.connect();
    const ImagePusher::Image image = ImagePusher::prepare(*setup, repository, "manifest-push");
    const std::string run = ImagePusher::salted("p"); // tags p-<time>-<i>, as docker push puts them
    ParallelRunner::run([this] { return m_runner.connect(); }, concurrency, count, 0,
                        [&](HttpConnection& connection, long long index, std::string& error) {
                            const ImagePusher::Image distinct =
                                ImagePusher::annotated(image, run + "-" + std::to_string(index));
                            const HttpResponse put = connection.request(
                                "PUT",
                                "/v2/" + repository + "/manifests/" + run + "-" + std::to_string(index),
                                {{"Content-Type", ImagePusher::kManifestType}}, {distinct.manifest});
                            if (put.status != 201) {
                                error = ParallelRunner::describe(put, "PUT manifest " + distinct.digest);
                                return false;
                            }
                            const std::string answered = put.header("docker-content-digest");
                            if (!answered.empty() && answered != distinct.digest) {
                                error = "DIGEST MISMATCH: PUT manifest " + distinct.digest +
                                        " answered Docker-Content-Digest " + answered;
                                return false;
                            }
                            return true;
                        },
                        result);
    result.bytes = result.requests * image.manifest.size();
    return result;
}

void ImageScenarioRunner::tagRepository(const std::string& repository, long long tags, int concurrency)
{
    long long& tagged = m_runner.taggedCount(repository);
    if (tagged >= tags)
        return;
    auto setup = m_runner.connect();
    const ImagePusher::Image image = ImagePusher::prepare(*setup, repository, "tags");
    ScenarioResult tagging;
    tagging.scenario = "tags-list (setup: tagging)";
    tagging.label = m_runner.label();
    ParallelRunner::run([this] { return m_runner.connect(); }, concurrency, tags, 0,
                        [&](HttpConnection& connection, long long index, std::string& error) {
                            return ImagePusher::putManifest(connection, repository, tagName(index), image,
                                                            error);
                        },
                        tagging);
    if (tagging.errors > 0)
        throw std::runtime_error("setup failed: " + std::to_string(tagging.errors) +
                                 " tags could not be pushed");
    tagged = tags;
}

ScenarioResult ImageScenarioRunner::tagsList(const ScenarioSpec& spec)
{
    const long long tags = spec.number("tags", 1000);
    const long long page = spec.number("page", 1000);
    const long long after = spec.number("after", -1); // page after tag number `after` (last=)
    const long long count = spec.number("count", 200);
    const int concurrency = static_cast<int>(spec.number("concurrency", 1));
    const std::string repository = m_runner.target().repository + "-tags-" + std::to_string(tags);
    ScenarioResult result = newResult(spec);
    result.params = {{"tags", std::to_string(tags)},
                     {"page", page > 0 ? std::to_string(page) : "all"},
                     {"count", std::to_string(count)},
                     {"concurrency", std::to_string(concurrency)}};
    if (after >= 0)
        result.params["last"] = tagName(after);

    // Untimed, once per run for a given number of tags: the same manifest tagged `tags` times.
    tagRepository(repository, tags, static_cast<int>(spec.number("setup-concurrency", 8)));

    std::string target = "/v2/" + repository + "/tags/list";
    if (page > 0)
        target += "?n=" + std::to_string(page) + (after >= 0 ? "&last=" + tagName(after) : "");
    const long long first = after >= 0 ? after + 1 : 0;
    const std::size_t expected =
        static_cast<std::size_t>(page > 0 ? std::max(0LL, std::min(page, tags - first)) : tags);
    std::atomic<unsigned long long> bytes{0};
    std::atomic<std::size_t> returned{0};
    ParallelRunner::run([this] { return m_runner.connect(); }, concurrency, count, 0,
                        [&](HttpConnection& connection, long long, std::string& error) {
                            const HttpResponse response = connection.request("GET", target, {});
                            bytes += response.bodyBytes;
                            const std::vector<std::string> got = listed(response.body, "tags");
                            returned = got.size();
                            // docker-registry 2.8 ignores ?n= and last= on tags/list and answers with the
                            // whole list.
                            const bool wholeList = got.size() == static_cast<std::size_t>(tags);
                            const bool rightPage =
                                got.size() == expected && (expected == 0 || got.front() == tagName(first));
                            if (response.status != 200 || !(rightPage || wholeList)) {
                                error = ParallelRunner::describe(response, "GET " + target) + " (" +
                                        std::to_string(got.size()) + " tags, first " +
                                        (got.empty() ? "none" : got.front()) + ", expected " +
                                        std::to_string(expected) + " from " + tagName(first) + ")";
                                return false;
                            }
                            return true;
                        },
                        result);
    result.bytes = bytes.load();
    result.params["tags_returned"] = std::to_string(returned.load());
    return result;
}

ScenarioResult ImageScenarioRunner::catalog(const ScenarioSpec& spec)
{
    const long long repositories = spec.number("repos", 100);
    const long long page = spec.number("page", 1000);
    const long long count = spec.number("count", 100);
    const std::string prefix = m_runner.target().repository + "-catalog-" + ImagePusher::salted("c") + "/r";
    ScenarioResult result = newResult(spec);
    result.params = {{"repos", std::to_string(repositories)},
                     {"page", std::to_string(page)},
                     {"count", std::to_string(count)}};

    ScenarioResult pushing = newResult(spec);
    pushing.scenario = "catalog (setup: repositories)";
    ParallelRunner::run([this] { return m_runner.connect(); }, 4, repositories, 0,
                        [&](HttpConnection& connection, long long index, std::string& error) {
                            const std::string repository = prefix + std::to_string(index);
                            const ImagePusher::Image image =
                                ImagePusher::prepare(connection, repository, repository);
                            return ImagePusher::putManifest(connection, repository, "latest", image, error);
                        },
                        pushing);
    if (pushing.errors > 0)
        throw std::runtime_error("setup failed: " + std::to_string(pushing.errors) +
                                 " repositories not pushed");

    const std::string target = "/v2/_catalog?n=" + std::to_string(page);
    std::atomic<unsigned long long> bytes{0};
    std::atomic<std::size_t> returned{0};
    ParallelRunner::run([this] { return m_runner.connect(); }, 1, count, 0,
                        [&](HttpConnection& connection, long long, std::string& error) {
                            const HttpResponse response = connection.request("GET", target, {});
                            bytes += response.bodyBytes;
                            returned = listed(response.body, "repositories").size();
                            if (response.status != 200 || returned == 0) {
                                error = ParallelRunner::describe(response, "GET " + target);
                                return false;
                            }
                            return true;
                        },
                        result);
    result.bytes = bytes.load();
    result.params["repos_returned"] = std::to_string(returned.load());
    return result;
}
