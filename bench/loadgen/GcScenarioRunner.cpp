#include "GcScenarioRunner.h"

#include "HttpConnection.h"
#include "ImagePusher.h"
#include "ParallelRunner.h"
#include "Sha256.h"

#include <chrono>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <thread>

namespace {
std::string statePath(const ScenarioSpec& spec)
{
    const auto it = spec.options.find("state");
    if (it == spec.options.end())
        throw std::runtime_error(spec.name + " needs --state FILE");
    return it->second;
}

// The number after "key": in a JSON text (0 when missing).
long long jsonInteger(const std::string& json, const std::string& key)
{
    const auto at = json.find("\"" + key + "\"");
    if (at == std::string::npos)
        return 0;
    try {
        return std::stoll(json.substr(json.find(':', at) + 1));
    } catch (const std::exception&) {
        return 0;
    }
}

std::string jsonText(const std::string& json, const std::string& key)
{
    const auto at = json.find("\"" + key + "\"");
    if (at == std::string::npos)
        return {};
    const auto begin = json.find('"', json.find(':', at) + 1);
    const auto end = json.find('"', begin + 1);
    return json.substr(begin + 1, end - begin - 1);
}
} // namespace

GcScenarioRunner::GcScenarioRunner(ScenarioRunner& runner) : m_runner(runner) {}

std::string GcScenarioRunner::repository(long long index, long long repositories) const
{
    return m_runner.target().repository + "-gc/r" + std::to_string(index % std::max(1LL, repositories));
}

std::vector<ScenarioResult> GcScenarioRunner::run(const ScenarioSpec& spec)
{
    if (spec.name == "gc-setup") {
        setup(spec);
        return {};
    }
    if (spec.name == "gc-run")
        return {collect(spec)};
    if (spec.name == "gc-verify") {
        verify(spec);
        return {};
    }
    throw std::runtime_error("unknown scenario \"" + spec.name + "\"");
}

void GcScenarioRunner::setup(const ScenarioSpec& spec)
{
    const long long images = spec.number("images", 1000);
    const int concurrency = static_cast<int>(spec.number("concurrency", 8));
    const long long repositories = spec.number("repos", 100);
    const std::string salt = ImagePusher::salted("gc");
    std::vector<Entry> entries(static_cast<std::size_t>(images));
    ScenarioResult pushing;
    pushing.scenario = "gc-setup (pushing images)";
    pushing.label = m_runner.label();
    ParallelRunner::run(
        [this] { return m_runner.connect(); }, concurrency, images, 0,
        [&](HttpConnection& connection, long long index, std::string& error) {
            const std::string name = repository(index, repositories);
            const ImagePusher::Image image =
                ImagePusher::prepare(connection, name, salt + "-" + std::to_string(index));
            Entry& entry = entries[static_cast<std::size_t>(index)];
            entry = {index, index % 2 == 0, name, image.digest, image.configDigest, image.layerDigest};
            return ImagePusher::putManifest(connection, name, "g" + std::to_string(index), image, error);
        },
        pushing);
    if (pushing.errors > 0)
        throw std::runtime_error("setup failed: " + std::to_string(pushing.errors) + " images not pushed");
    ScenarioResult deleting;
    deleting.scenario = "gc-setup (deleting manifests)";
    deleting.label = pushing.label;
    ParallelRunner::run([this] { return m_runner.connect(); }, concurrency, images / 2, 0,
                        [&](HttpConnection& connection, long long index, std::string& error) {
                            const Entry& entry = entries[static_cast<std::size_t>(2 * index + 1)];
                            const HttpResponse response = connection.request(
                                "DELETE", "/v2/" + entry.repository + "/manifests/" + entry.digest, {});
                            if (response.status != 202 && response.status != 200 && response.status != 204) {
                                error = ParallelRunner::describe(response, "DELETE manifest " + entry.digest);
                                return false;
                            }
                            return true;
                        },
                        deleting);
    if (deleting.errors > 0)
        throw std::runtime_error("setup failed: " + std::to_string(deleting.errors) +
                                 " manifests not deleted");
    std::ofstream state(statePath(spec));
    for (const Entry& entry : entries)
        state << entry.index << ' ' << (entry.kept ? "kept" : "deleted") << ' ' << entry.repository << ' '
              << entry.digest << ' ' << entry.configDigest << ' ' << entry.layerDigest << '\n';
    if (!state.flush())
        throw std::runtime_error("cannot write " + statePath(spec));
    std::cerr << "berth-loadgen: gc-setup pushed " << images << " images in " << pushing.seconds
              << " s and deleted " << images / 2 << " manifests in " << deleting.seconds << " s\n";
}

std::vector<GcScenarioRunner::Entry> GcScenarioRunner::readState(const ScenarioSpec& spec) const
{
    std::ifstream state(statePath(spec));
    std::vector<Entry> entries;
    Entry entry;
    std::string kept;
    while (state >> entry.index >> kept >> entry.repository >> entry.digest >> entry.configDigest >>
           entry.layerDigest) {
        entry.kept = kept == "kept";
        entries.push_back(entry);
    }
    if (entries.empty())
        throw std::runtime_error("no images in " + statePath(spec) + "; run gc-setup first");
    return entries;
}

ScenarioResult GcScenarioRunner::collect(const ScenarioSpec& spec)
{
    const std::vector<Entry> entries = readState(spec);
    ScenarioResult result;
    result.scenario = "gc";
    result.label = m_runner.label();
    result.params = {{"images", std::to_string(entries.size())},
                     {"deleted", std::to_string(entries.size() / 2)},
                     {"how", "POST /api/v1/gc (job), deleteUntagged"}};
    auto connection = m_runner.connect();
    const auto start = std::chrono::steady_clock::now();
    const HttpResponse started =
        connection->request("POST", "/api/v1/gc", {{"Content-Type", "application/json"}},
                            {R"({"deleteUntagged":true,"gracePeriodSeconds":0,"wait":false})"});
    const long long job = jsonInteger(started.body, "id");
    if (started.status != 202 || job <= 0)
        throw std::runtime_error(ParallelRunner::describe(started, "POST /api/v1/gc"));
    std::string state;
    for (;;) {
        const HttpResponse polled = connection->request("GET", "/api/v1/jobs/" + std::to_string(job), {});
        if (polled.status != 200)
            throw std::runtime_error(
                ParallelRunner::describe(polled, "GET /api/v1/jobs/" + std::to_string(job)));
        state = jsonText(polled.body, "state");
        if (state == "succeeded" || state == "failed" || state == "cancelled")
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    result.seconds = ParallelRunner::millisecondsSince(start) / 1000.0;
    result.requests = 1;
    result.timings.add(result.seconds * 1000.0);
    if (state != "succeeded")
        throw std::runtime_error("the garbage collection job " + std::to_string(job) + " ended " + state);
    const HttpResponse runs = connection->request("GET", "/api/v1/gc/runs?limit=1", {});
    if (runs.status != 200)
        throw std::runtime_error(ParallelRunner::describe(runs, "GET /api/v1/gc/runs"));
    result.params["blobs_freed"] = std::to_string(jsonInteger(runs.body, "blobCount"));
    result.params["bytes_freed"] = std::to_string(jsonInteger(runs.body, "bytes"));
    result.params["manifests_deleted"] = std::to_string(jsonInteger(runs.body, "manifestCount"));
    return result;
}

void GcScenarioRunner::verify(const ScenarioSpec& spec)
{
    const std::vector<Entry> entries = readState(spec);
    const auto sample = static_cast<std::size_t>(std::max(2LL, spec.number("sample", 20)));
    auto connection = m_runner.connect();
    unsigned long long errors = 0;
    const std::size_t step = std::max<std::size_t>(1, entries.size() / sample);
    auto fail = [&](const std::string& what) {
        if (errors++ < 5)
            std::cerr << "berth-loadgen: ERROR in gc-verify (" << m_runner.label() << "): " << what << "\n";
    };
    for (std::size_t i = 0; i < entries.size(); i += step) {
        for (const Entry& entry : {entries[i], entries[std::min(i + 1, entries.size() - 1)]}) {
            const std::string base = "/v2/" + entry.repository;
            if (entry.kept) {
                const HttpResponse manifest =
                    connection->request("GET", base + "/manifests/g" + std::to_string(entry.index),
                                        {{"Accept", ImagePusher::kAccept}});
                if (manifest.status != 200 ||
                    Sha256::digestOf(manifest.body.data(), manifest.body.size()) != entry.digest)
                    fail(
                        ParallelRunner::describe(manifest, "GET kept image g" + std::to_string(entry.index)));
                for (const std::string& blob : {entry.configDigest, entry.layerDigest}) {
                    const HttpResponse got = connection->request("GET", base + "/blobs/" + blob, {});
                    if (got.status != 200 || Sha256::digestOf(got.body.data(), got.body.size()) != blob)
                        fail(ParallelRunner::describe(got, "GET blob " + blob + " of kept image g" +
                                                               std::to_string(entry.index)));
                }
            } else {
                const HttpResponse manifest = connection->request("GET", base + "/manifests/" + entry.digest,
                                                                  {{"Accept", ImagePusher::kAccept}});
                const HttpResponse layer =
                    connection->request("GET", base + "/blobs/" + entry.layerDigest, {});
                if (manifest.status != 404 || layer.status != 404)
                    fail("deleted image g" + std::to_string(entry.index) + " still answers: manifest HTTP " +
                         std::to_string(manifest.status) + ", layer HTTP " + std::to_string(layer.status) +
                         " (expected 404 after garbage collection)");
            }
        }
    }
    if (errors > 0)
        throw std::runtime_error(std::to_string(errors) + " check(s) after garbage collection failed");
}
