#pragma once

#include "ScenarioRunner.h"

#include <string>

// Scenarios over small images: manifest-get / manifest-head by tag, tags-list, catalog. Each pushes what it
// needs first (untimed), then times the requests.
class ImageScenarioRunner
{
public:
    explicit ImageScenarioRunner(const ScenarioRunner& runner);
    ScenarioResult run(const ScenarioSpec& spec);

private:
    struct Image
    {
        std::string manifest;
        std::string digest;
    };

    // Pushes a config and a layer blob into `repository` and returns the manifest naming them (not yet put).
    Image prepareImage(HttpConnection& connection, const std::string& repository, const std::string& salt);
    static bool putManifest(HttpConnection& connection, const std::string& repository, const std::string& tag,
                            const Image& image, std::string& error);
    ScenarioResult manifestRequests(const ScenarioSpec& spec, bool head);
    ScenarioResult tagsList(const ScenarioSpec& spec);
    ScenarioResult catalog(const ScenarioSpec& spec);
    ScenarioResult newResult(const ScenarioSpec& spec) const;

    const ScenarioRunner& m_runner;
};
