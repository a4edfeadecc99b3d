#include "ImageScenarioRunner.h"

#include "HttpConnection.h"
#include "ParallelRunner.h"
#include "Sha256.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace {
const char* const kManifestType = "application/vnd.oci.image.manifest.v1+json";
const char* const kAccept = "application/vnd.oci.image.manifest.v1+json, "
                            "application/vnd.docker.distribution.manifest.v2+json";

std::size_t countTags(const std::string& body, const std::string& key)
{
    const auto open = body.find("\"" + key + "\"");
    if (open == std::string::npos)
        return 0;
    const auto begin = body.find('[', open);
    const auto end = body.find(']', begin);
    if (begin == std::string::npos || end == std::string::npos)
        return 0;
    return static_cast<std::size_t>(std::count(body.begin() + static_cast<long>(begin),
                                               body.begin() + static_cast<long>(end), '"')) /
           2;
}

std::string salted(const std::string& salt)
{
    return salt + "-" + std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
}
} // namespace

ImageScenarioRunner::ImageScenarioRunner(const ScenarioRunner& runner) : m_runner(runner) {}

ScenarioResult ImageScenarioRunner::run(const ScenarioSpec& spec)
{
    if (spec.name == "manifest-get")
        return manifestRequests(spec, false);
    if (spec.name == "manifest-head")
        return manifestRequests(spec, true);
    if (spec.name == "tags-list")
        return tagsList(spec);
    return catalog(spec);
}

ScenarioResult ImageScenarioRunner::newResult(const ScenarioSpec& spec) const
{
    ScenarioResult result;
    result.scenario = spec.name;
    result.label = m_runner.label();
    return result;
}

ImageScenarioRunner::Image ImageScenarioRunner::prepareImage(HttpConnection& connection,
                                                             const std::string& repository,
                                                             const std::string& salt)
{
    const std::string layer = "layer " + salted(salt) + std::string(1024, 'x');
    const std::string layerDigest = Sha256::digestOf(layer.data(), layer.size());
    const std::string config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
                               "\"diff_ids\":[\"" +
                               layerDigest + "\"]}}";
    const std::string configDigest = Sha256::digestOf(config.data(), config.size());
    std::string error;
    if (!ScenarioRunner::pushBlob(connection, repository, {layer}, layerDigest, 0, error) ||
        !ScenarioRunner::pushBlob(connection, repository, {config}, configDigest, 0, error))
        throw std::runtime_error("setup failed, cannot push a blob to " + repository + ": " + error);
    Image image;
    image.manifest =
        std::string("{\"schemaVersion\":2,\"mediaType\":\"") + kManifestType +
        "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" +
        configDigest + "\",\"size\":" + std::to_string(config.size()) +
        "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" +
        layerDigest + "\",\"size\":" + std::to_string(layer.size()) + "}]}";
    image.digest = Sha256::digestOf(image.manifest.data(), image.manifest.size());
    return image;
}

bool ImageScenarioRunner::putManifest(HttpConnection& connection, const std::string& repository,
                                      const std::string& tag, const Image& image, std::string& error)
{
    const HttpResponse put = connection.request("PUT", "/v2/" + repository + "/manifests/" + tag,
                                                {{"Content-Type", kManifestType}}, {image.manifest});
    if (put.status != 201) {
        error = ParallelRunner::describe(put, "PUT manifest " + repository + ":" + tag);
        return false;
    }
    return true;
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
    const Image image = prepareImage(*setup, repository, "manifest");
    std::string error;
    if (!putManifest(*setup, repository, "bench", image, error))
        throw std::runtime_error("setup failed: " + error);

    const std::string target = "/v2/" + repository + "/manifests/bench";
    ParallelRunner::run(
        [this] { return m_runner.connect(); }, concurrency, count, seconds,
        [&](HttpConnection& connection, long long, std::string& failure) {
            const HttpResponse response =
                connection.request(head ? "HEAD" : "GET", target, {{"Accept", kAccept}});
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

ScenarioResult ImageScenarioRunner::tagsList(const ScenarioSpec& spec)
{
    const long long tags = spec.number("tags", 1000);
    const long long page = spec.number("page", 1000);
    const long long count = spec.number("count", 200);
    const int concurrency = static_cast<int>(spec.number("concurrency", 1));
    const std::string repository = m_runner.target().repository + "-tags";
    ScenarioResult result = newResult(spec);
    result.params = {{"tags", std::to_string(tags)},
                     {"page", page > 0 ? std::to_string(page) : "all"},
                     {"count", std::to_string(count)},
                     {"concurrency", std::to_string(concurrency)}};

    auto setup = m_runner.connect();
    const Image image = prepareImage(*setup, repository, "tags");
    ScenarioResult tagging = newResult(spec);
    tagging.scenario = "tags-list (setup: tagging)";
    ParallelRunner::run([this] { return m_runner.connect(); }, std::max(concurrency, 4), tags, 0,
                        [&](HttpConnection& connection, long long index, std::string& error) {
                            char tag[16];
                            std::snprintf(tag, sizeof tag, "t%07lld", index);
                            return putManifest(connection, repository, tag, image, error);
                        },
                        tagging);
    if (tagging.errors > 0)
        throw std::runtime_error("setup failed: " + std::to_string(tagging.errors) +
                                 " tags could not be pushed");

    const std::string target =
        "/v2/" + repository + "/tags/list" + (page > 0 ? "?n=" + std::to_string(page) : "");
    const std::size_t expected = static_cast<std::size_t>(page > 0 ? std::min(page, tags) : tags);
    std::atomic<unsigned long long> bytes{0};
    std::atomic<std::size_t> returned{0};
    ParallelRunner::run(
        [this] { return m_runner.connect(); }, concurrency, count, 0,
        [&](HttpConnection& connection, long long, std::string& error) {
            const HttpResponse response = connection.request("GET", target, {});
            bytes += response.bodyBytes;
            const std::size_t got = countTags(response.body, "tags");
            returned = got;
            // docker-registry 2.8 ignores ?n= on tags/list and answers with the whole list.
            if (response.status != 200 || (got != expected && got != static_cast<std::size_t>(tags))) {
                error = ParallelRunner::describe(response, "GET " + target) + " (" + std::to_string(got) +
                        " tags, expected " + std::to_string(expected) + ")";
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
    const std::string prefix = m_runner.target().repository + "-catalog-" + salted("c") + "/r";
    ScenarioResult result = newResult(spec);
    result.params = {{"repos", std::to_string(repositories)},
                     {"page", std::to_string(page)},
                     {"count", std::to_string(count)}};

    ScenarioResult pushing = newResult(spec);
    pushing.scenario = "catalog (setup: repositories)";
    ParallelRunner::run([this] { return m_runner.connect(); }, 4, repositories, 0,
                        [&](HttpConnection& connection, long long index, std::string& error) {
                            const std::string repository = prefix + std::to_string(index);
                            const Image image = prepareImage(connection, repository, repository);
                            return putManifest(connection, repository, "latest", image, error);
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
                            returned = countTags(response.body, "repositories");
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
