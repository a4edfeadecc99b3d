#pragma once

#include "RegistryAuth.h"
#include "Stats.h"

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

class HttpConnection;

// Where the load goes.
struct Target
{
    std::string host = "127.0.0.1";
    int port = 5000;
    std::string user; // empty: no authentication
    std::string password;
    RegistryAuth::Mode authMode =
        RegistryAuth::Mode::Bearer; // with a user: tokens, or Basic on every request
    std::string repository = "bench/load";
};

// One scenario from the command line: its name and its options (without the leading "--").
struct ScenarioSpec
{
    std::string name;
    std::map<std::string, std::string> options;

    long long number(const std::string& key, long long fallback) const;
};

struct ScenarioResult
{
    std::string scenario;
    std::map<std::string, std::string> params;
    double seconds = 0;
    unsigned long long bytes = 0;
    unsigned long long requests = 0;
    unsigned long long errors = 0;
    Stats timings;
    std::string label; // free text, e.g. "berth (Bearer token as admin)"

    std::string toJson() const;
};

// Runs registry scenarios against one target (see main.cpp's usage). The blobs of the last push-blob are
// remembered so a following pull-blob pulls them; a repository tagged by tags-list is tagged only once.
class ScenarioRunner
{
public:
    explicit ScenarioRunner(Target target);
    // One result for most scenarios; mixed gives one per kind; gc-setup and gc-verify give none.
    std::vector<ScenarioResult> run(const ScenarioSpec& spec);

    std::unique_ptr<HttpConnection> connect() const;
    const Target& target() const { return m_target; }
    std::string label() const;
    // How many tags tags-list setup already put into `repository` (0: none).
    long long& taggedCount(const std::string& repository) { return m_tagged[repository]; }
    // Pushes one blob (monolithic when chunk is 0, else PATCH chunks of that size); false with `error` set
    // when the registry refused.
    static bool pushBlob(HttpConnection& connection, const std::string& repository,
                         const std::vector<std::string_view>& pieces, const std::string& digest,
                         unsigned long long chunk, std::string& error);

private:
    struct PushedBlob
    {
        std::string digest;
        unsigned long long size;
    };

    ScenarioResult pushBlobs(const ScenarioSpec& spec);
    ScenarioResult pullBlobs(const ScenarioSpec& spec);

    Target m_target;
    std::shared_ptr<RegistryAuth> m_auth;
    std::vector<PushedBlob> m_pushed; // by the last push-blob
    std::map<std::string, long long> m_tagged;
    std::vector<char> m_blobBase;
    std::string m_runNonce;
    unsigned long long m_blobsMade = 0;
};
