#include "MixedScenarioRunner.h"

#include "HttpConnection.h"
#include "ImagePusher.h"
#include "ParallelRunner.h"
#include "Sha256.h"

#include <atomic>
#include <mutex>
#include <stdexcept>

using Clock = std::chrono::steady_clock;

MixedScenarioRunner::MixedScenarioRunner(ScenarioRunner& runner) : m_runner(runner) {}

std::vector<ScenarioResult> MixedScenarioRunner::run(const ScenarioSpec& spec)
{
    const int concurrency = static_cast<int>(spec.number("concurrency", 8));
    const double seconds = static_cast<double>(spec.number("duration", 10));
    const long long pullPercent = spec.number("pull-percent", 75);
    const auto layerSize = static_cast<std::size_t>(spec.number("layer-size", 16384));
    const long long images = spec.number("images", 16);
    const std::string repository = m_runner.target().repository + "-mixed";
    if (pullPercent < 0 || pullPercent > 100)
        throw std::runtime_error("--pull-percent must be from 0 to 100");

    // Setup (untimed): `images` images tagged i0, i1, ... to pull.
    auto setup = m_runner.connect();
    std::vector<ImagePusher::Image> existing;
    const std::string salt = ImagePusher::salted("mixed");
    for (long long i = 0; i < images; ++i) {
        existing.push_back(
            ImagePusher::prepare(*setup, repository, salt + "-" + std::to_string(i), layerSize));
        std::string error;
        if (!ImagePusher::putManifest(*setup, repository, "i" + std::to_string(i), existing.back(), error))
            throw std::runtime_error("setup failed: " + error);
    }
    // Pushed images share this config's blob push cost only once per image: each push is a new layer + PUT.
    const ImagePusher::Image shared = existing.front();

    std::mutex merge;
    Stats pulls, pushes;
    std::atomic<unsigned long long> pullBytes{0}, pushBytes{0}, pullErrors{0}, pushErrors{0};
    ScenarioResult all;
    all.scenario = "mixed";
    all.label = m_runner.label();
    ParallelRunner::run(
        [this] { return m_runner.connect(); }, concurrency, 0, seconds,
        [&](HttpConnection& connection, long long index, std::string& error) {
            // Every 100 operations in a row hold exactly pullPercent pulls, spread evenly.
            const bool pull = (index % 100) * pullPercent / 100 != ((index % 100) + 1) * pullPercent / 100;
            const Clock::time_point begin = Clock::now();
            bool ok = true;
            if (pull) {
                const ImagePusher::Image& image = existing[static_cast<std::size_t>(index) % existing.size()];
                const std::string tag =
                    "i" + std::to_string(static_cast<std::size_t>(index) % existing.size());
                const HttpResponse manifest = connection.request(
                    "GET", "/v2/" + repository + "/manifests/" + tag, {{"Accept", ImagePusher::kAccept}});
                const HttpResponse layer =
                    manifest.status == 200
                        ? connection.request("GET", "/v2/" + repository + "/blobs/" + image.layerDigest, {})
                        : HttpResponse{};
                if (manifest.status != 200 || layer.status != 200) {
                    error = ParallelRunner::describe(manifest.status != 200 ? manifest : layer,
                                                     "mixed pull of " + repository + ":" + tag);
                    ok = false;
                } else if (Sha256::digestOf(manifest.body.data(), manifest.body.size()) != image.digest ||
                           Sha256::digestOf(layer.body.data(), layer.body.size()) != image.layerDigest) {
                    error = "DIGEST MISMATCH in the mixed pull of " + repository + ":" + tag;
                    ok = false;
                }
                pullBytes += manifest.bodyBytes + layer.bodyBytes;
            } else {
                ImagePusher::Image image =
                    ImagePusher::make(salt + "-push-" + std::to_string(index), layerSize);
                // Reuse the shared config; only the layer and the manifest are new.
                image.config = shared.config;
                image.configDigest = shared.configDigest;
                image = ImagePusher::annotated(image, std::to_string(index));
                ok = ScenarioRunner::pushBlob(connection, repository, {image.layer}, image.layerDigest, 0,
                                              error) &&
                     ImagePusher::putManifest(connection, repository, "p" + std::to_string(index), image,
                                              error);
                pushBytes += image.layer.size() + image.manifest.size();
            }
            const double milliseconds = ParallelRunner::millisecondsSince(begin);
            {
                std::lock_guard<std::mutex> lock(merge);
                (pull ? pulls : pushes).add(milliseconds);
            }
            if (!ok)
                ++(pull ? pullErrors : pushErrors);
            return ok;
        },
        all);

    std::vector<ScenarioResult> results;
    for (const bool pull : {true, false}) {
        ScenarioResult kind;
        kind.scenario = pull ? "mixed-pull" : "mixed-push";
        kind.label = all.label;
        kind.params = {{"concurrency", std::to_string(concurrency)},
                       {"duration", std::to_string(spec.number("duration", 10))},
                       {"pull_percent", std::to_string(pullPercent)},
                       {"layer_size", std::to_string(layerSize)}};
        kind.seconds = all.seconds;
        kind.timings = pull ? pulls : pushes;
        kind.requests = kind.timings.count();
        kind.bytes = pull ? pullBytes.load() : pushBytes.load();
        kind.errors = pull ? pullErrors.load() : pushErrors.load();
        results.push_back(kind);
    }
    return results;
}
