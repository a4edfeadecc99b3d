// berth-loadgen: load for `make bench`. See docs/performance.md.
#include "MachineCeilings.h"
#include "ScenarioRunner.h"

#include <fstream>
#include <iostream>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace {
const std::set<std::string> kScenarios = {
    "push-blob", "pull-blob",    "manifest-get", "manifest-head",    "manifest-push",
    "tags-list", "catalog",      "mixed",        "gc-setup",         "gc-run",
    "gc-verify", "sha256-speed", "loopback",     "verified-loopback"};

void printUsage()
{
    std::cerr
        << "usage: berth-loadgen [--url http://HOST:PORT] [--user USER[:PASSWORD]] [--password-file FILE]\n"
           "                     [--auth bearer|basic] [--repo NAME] [--label TEXT] SCENARIO [OPTIONS]...\n"
           "With a user, requests carry a Bearer token from the realm of the server's 401 challenge (fetched "
           "with\n"
           "Basic credentials, one per repository, renewed before it expires), or Basic credentials with\n"
           "--auth basic or when the server asks for no token. Scenarios run in order; one JSON object per "
           "result\n"
           "on standard output:\n"
           "  push-blob --size BYTES --count N --concurrency C [--chunked CHUNK]\n"
           "  pull-blob [--concurrency C]     pulls what the last push-blob pushed, verifies SHA-256\n"
           "  manifest-get|manifest-head [--concurrency C] [--duration S | --count N]\n"
           "  manifest-push [--concurrency C] [--count N]   PUT by tag of distinct manifests naming pushed "
           "blobs\n"
           "  tags-list --tags N --page P [--after I] [--count N] [--setup-concurrency C]\n"
           "                                  page 0: the whole list; --after I: the page after tag I "
           "(last=)\n"
           "  catalog --repos N [--page P] [--count N]\n"
           "  mixed [--concurrency C] [--duration S] [--pull-percent P] [--layer-size B] [--images N]\n"
           "  gc-setup --images N [--concurrency C] --state FILE    gc-run --state FILE (Berth's API)\n"
           "  gc-verify --state FILE [--sample N]\n"
           "  sha256-speed [--size BYTES] [--duration S]   loopback [--size BYTES]\n"
           "  verified-loopback [--size BYTES]   loopback with the receiver hashing as pull-blob does\n"
           "Exits 1 on any error or digest mismatch.\n";
}

void parseUrl(const std::string& url, Target& target)
{
    std::string rest = url;
    if (rest.rfind("http://", 0) == 0)
        rest = rest.substr(7);
    else if (rest.find("://") != std::string::npos)
        throw std::runtime_error("only http:// URLs are supported, not \"" + url + "\"");
    rest = rest.substr(0, rest.find('/'));
    const auto colon = rest.rfind(':');
    if (colon == std::string::npos)
        throw std::runtime_error("--url needs a port, e.g. http://127.0.0.1:5000");
    target.host = rest.substr(0, colon);
    target.port = std::stoi(rest.substr(colon + 1));
}
} // namespace

int main(int argc, char** argv)
{
    Target target;
    std::string label;
    std::vector<ScenarioSpec> specs;
    try {
        for (int i = 1; i < argc; ++i) {
            const std::string argument = argv[i];
            if (argument == "--help" || argument == "-h") {
                printUsage();
                return 0;
            }
            if (kScenarios.count(argument)) {
                specs.push_back({argument, {}});
                continue;
            }
            if (argument.rfind("--", 0) != 0 || i + 1 >= argc)
                throw std::runtime_error("unexpected argument \"" + argument + "\" (options take a value)");
            const std::string key = argument.substr(2);
            const std::string value = argv[++i];
            if (!specs.empty()) {
                specs.back().options[key] = value;
            } else if (key == "url") {
                parseUrl(value, target);
            } else if (key == "user") {
                const auto colon = value.find(':');
                target.user = value.substr(0, colon);
                if (colon != std::string::npos)
                    target.password = value.substr(colon + 1);
            } else if (key == "password-file") {
                std::ifstream file(value);
                if (!std::getline(file, target.password))
                    throw std::runtime_error("cannot read a password from " + value);
            } else if (key == "auth") {
                if (value != "bearer" && value != "basic")
                    throw std::runtime_error("--auth is bearer or basic, not \"" + value + "\"");
                target.authMode = value == "basic" ? RegistryAuth::Mode::Basic : RegistryAuth::Mode::Bearer;
            } else if (key == "repo") {
                target.repository = value;
            } else if (key == "label") {
                label = value;
            } else {
                throw std::runtime_error("unknown option --" + key);
            }
        }
        if (specs.empty())
            throw std::runtime_error("no scenario given");
    } catch (const std::exception& e) {
        std::cerr << "berth-loadgen: " << e.what() << "\n";
        printUsage();
        return 2;
    }

    unsigned long long errors = 0;
    ScenarioRunner runner(target);
    for (const ScenarioSpec& spec : specs) {
        try {
            std::vector<ScenarioResult> results;
            if (spec.name == "sha256-speed")
                results = {MachineCeilings::sha256Speed(spec.number("size", 1 << 20),
                                                        static_cast<double>(spec.number("duration", 2)))};
            else if (spec.name == "loopback")
                results = {MachineCeilings::loopback(spec.number("size", 2LL << 30), false)};
            else if (spec.name == "verified-loopback")
                results = {MachineCeilings::loopback(spec.number("size", 2LL << 30), true)};
            else
                results = runner.run(spec);
            for (ScenarioResult& result : results) {
                if (!label.empty() && result.label != "machine")
                    result.label = label + " (" + result.label + ")";
                errors += result.errors;
                std::cout << result.toJson() << std::endl;
            }
        } catch (const std::exception& e) {
            std::cerr << "berth-loadgen: ERROR: scenario " << spec.name << " failed: " << e.what() << "\n";
            ++errors;
        }
    }
    if (errors > 0) {
        std::cerr << "\nberth-loadgen: FAILED: " << errors
                  << " error(s) or digest mismatch(es); the figures above are not valid.\n";
        return 1;
    }
    return 0;
}
