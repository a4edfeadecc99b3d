#include "ParallelRunner.h"

#include "HttpConnection.h"
#include "ScenarioRunner.h"

#include <algorithm>
#include <atomic>
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

using Clock = std::chrono::steady_clock;

double ParallelRunner::millisecondsSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void ParallelRunner::run(const Connect& connect, int concurrency, long long count, double seconds,
                         const Work& work, ScenarioResult& result)
{
    std::atomic<long long> next{0};
    std::atomic<unsigned long long> errors{0};
    std::mutex merge;
    Stats timings;
    unsigned long long done = 0;
    const Clock::time_point start = Clock::now();
    const Clock::time_point deadline = start + std::chrono::duration_cast<Clock::duration>(
                                                   std::chrono::duration<double>(std::max(0.0, seconds)));
    std::vector<std::thread> threads;
    for (int t = 0; t < std::max(1, concurrency); ++t) {
        threads.emplace_back([&] {
            Stats local;
            unsigned long long localDone = 0;
            std::unique_ptr<HttpConnection> connection = connect();
            for (;;) {
                const long long index = next.fetch_add(1);
                if (count > 0 ? index >= count : Clock::now() >= deadline)
                    break;
                std::string error;
                const Clock::time_point begin = Clock::now();
                bool ok = false;
                try {
                    ok = work(*connection, index, error);
                } catch (const std::exception& e) {
                    error = e.what();
                    connection = connect();
                }
                local.add(millisecondsSince(begin));
                ++localDone;
                if (!ok && errors.fetch_add(1) < 5)
                    std::cerr << "berth-loadgen: ERROR in " << result.scenario << " (" << result.label
                              << "): " << error << "\n";
            }
            std::lock_guard<std::mutex> lock(merge);
            timings.merge(local);
            done += localDone;
        });
    }
    for (auto& thread : threads)
        thread.join();
    result.seconds = millisecondsSince(start) / 1000.0;
    result.errors += errors.load();
    result.requests = done;
    result.timings = timings;
}

std::string ParallelRunner::describe(const HttpResponse& response, const std::string& what)
{
    std::string body = response.body.substr(0, 200);
    std::replace(body.begin(), body.end(), '\n', ' ');
    return what + " answered HTTP " + std::to_string(response.status) + " " + body;
}

std::string ParallelRunner::withQuery(const std::string& target, const std::string& query)
{
    return target + (target.find('?') == std::string::npos ? "?" : "&") + query;
}
