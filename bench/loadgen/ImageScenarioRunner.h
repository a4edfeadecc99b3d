#pragma once

#include "ScenarioRunner.h"

#include <string>

// Scenarios over small images: manifest-get / manifest-head by tag, manifest-push, tags-list, catalog. Each
// pushes what it needs first (untimed), then times the requests.
class ImageScenarioRunner
{
public:
    explicit ImageScenarioRunner(ScenarioRunner& runner);
    ScenarioResult run(const ScenarioSpec& spec);

private:
    ScenarioResult manifestRequests(const ScenarioSpec& spec, bool head);
    ScenarioResult manifestPush(const ScenarioSpec& spec);
    ScenarioResult tagsList(const ScenarioSpec& spec);
    void tagRepository(const std::string& repository, long long tags, int concurrency);
    ScenarioResult catalog(const ScenarioSpec& spec);
    ScenarioResult newResult(const ScenarioSpec& spec) const;

    ScenarioRunner& m_runner;
};
