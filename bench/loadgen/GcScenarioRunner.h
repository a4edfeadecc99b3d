#pragma once

#include "ScenarioRunner.h"

#include <vector>

// Garbage collection over many small images, in three steps so scripts/bench.sh can run the reference's
// offline collector between them:
//   gc-setup --images N [--repos R] [--concurrency C] --state FILE   pushes N distinct images (config + layer
//   +
//                     manifest, tagged g<i>) spread over R repositories (default 100: docker-registry looks
//                     at every tag of the repository on each DELETE by digest, so one repository of 10,000
//                     tags makes the deletes quadratic), deletes the manifests of every odd one by digest,
//                     writes FILE (no result)
//   gc-run --state FILE   Berth only: POST /api/v1/gc as a job (deleteUntagged, no grace period), polls the
//                     job until it ends; one result "gc" (seconds, blobs and bytes freed)
//   gc-verify --state FILE [--sample N]   kept images still pull (manifest and blobs verified), deleted
//                     ones answer 404 for their manifest and layer; no result, errors fail the run
class GcScenarioRunner
{
public:
    explicit GcScenarioRunner(ScenarioRunner& runner);
    std::vector<ScenarioResult> run(const ScenarioSpec& spec);

private:
    struct Entry
    {
        long long index = 0;
        bool kept = true;
        std::string repository;
        std::string digest;
        std::string configDigest;
        std::string layerDigest;
    };

    void setup(const ScenarioSpec& spec);
    ScenarioResult collect(const ScenarioSpec& spec);
    void verify(const ScenarioSpec& spec);
    std::vector<Entry> readState(const ScenarioSpec& spec) const;
    std::string repository(long long index, long long repositories) const;

    ScenarioRunner& m_runner;
};
