#pragma once

#include "ScenarioRunner.h"

#include <vector>

// mixed: for a fixed duration, every connection loops over a 3:1 mix of pulls (manifest GET by tag and the
// layer blob GET of an existing image, both verified) and pushes (a new layer blob, then the manifest PUT of
// a new image naming it and a shared config). One result per kind (mixed-pull, mixed-push, mixed-all);
// each pull or push is timed whole.
class MixedScenarioRunner
{
public:
    explicit MixedScenarioRunner(ScenarioRunner& runner);
    std::vector<ScenarioResult> run(const ScenarioSpec& spec);

private:
    ScenarioRunner& m_runner;
};
