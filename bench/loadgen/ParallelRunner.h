#pragma once

#include "Stats.h"

#include <chrono>
#include <functional>
#include <memory>
#include <string>

class HttpConnection;
struct HttpResponse;
struct ScenarioResult;

// Runs the same work on N threads, each with its own keep-alive connection, and times every item.
class ParallelRunner
{
public:
    // One work item; returns false (with `error` set) when it failed.
    using Work = std::function<bool(HttpConnection&, long long index, std::string& error)>;
    using Connect = std::function<std::unique_ptr<HttpConnection>()>;

    // Until `count` items are done (count > 0) or `seconds` have passed. Fills result's seconds, requests,
    // timings and errors; prints the first few errors loudly on standard error.
    static void run(const Connect& connect, int concurrency, long long count, double seconds,
                    const Work& work, ScenarioResult& result);

    // "<what> answered HTTP <status> <start of body>".
    static std::string describe(const HttpResponse& response, const std::string& what);
    static std::string withQuery(const std::string& target, const std::string& query);
    static double millisecondsSince(std::chrono::steady_clock::time_point start);
};
