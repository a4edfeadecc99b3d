#include "MachineCeilings.h"

#include "ParallelRunner.h"
#include "PipelinedHasher.h"
#include "Sha256.h"

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <netinet/in.h>
#include <stdexcept>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using Clock = std::chrono::steady_clock;

ScenarioResult MachineCeilings::sha256Speed(long long size, double seconds)
{
    ScenarioResult result;
    result.scenario = "sha256-speed";
    result.label = "machine";
    result.params = {{"buffer", std::to_string(size)}};
    std::vector<char> buffer(static_cast<std::size_t>(size), 'b');
    const Clock::time_point start = Clock::now();
    Sha256 hasher;
    while (ParallelRunner::millisecondsSince(start) < seconds * 1000.0) {
        hasher.update(buffer.data(), buffer.size());
        result.bytes += buffer.size();
        ++result.requests;
    }
    hasher.finishDigest();
    result.seconds = ParallelRunner::millisecondsSince(start) / 1000.0;
    return result;
}

ScenarioResult MachineCeilings::loopback(long long total, bool verified)
{
    ScenarioResult result;
    result.scenario = verified ? "verified-loopback" : "loopback";
    result.label = "machine";
    result.params = {{"total", std::to_string(total)}};
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (listener < 0 || ::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener, 1) != 0 ||
        ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) != 0)
        throw std::runtime_error(std::string("cannot listen on 127.0.0.1 for the loopback test: ") +
                                 std::strerror(errno));
    std::vector<char> buffer(256 * 1024, 'l');
    const Clock::time_point start = Clock::now();
    std::thread sender([&] {
        const int socket = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (::connect(socket, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
            long long left = total;
            while (left > 0) {
                const ssize_t sent =
                    ::send(socket, buffer.data(),
                           static_cast<std::size_t>(std::min<long long>(left, 256 * 1024)), MSG_NOSIGNAL);
                if (sent <= 0)
                    break;
                left -= sent;
            }
        }
        ::close(socket);
    });
    const int receiver = ::accept(listener, nullptr, nullptr);
    std::vector<char> in(256 * 1024);
    PipelinedHasher hasher;
    hasher.start();
    for (;;) {
        const auto [into, room] = verified ? hasher.space() : std::make_pair(in.data(), in.size());
        const ssize_t received = receiver < 0 ? -1 : ::recv(receiver, into, room, 0);
        if (received <= 0)
            break;
        if (verified)
            hasher.received(static_cast<std::size_t>(received));
        result.bytes += static_cast<unsigned long long>(received);
    }
    if (verified)
        result.params["sha256"] = hasher.finishDigest();
    sender.join();
    result.seconds = ParallelRunner::millisecondsSince(start) / 1000.0;
    result.requests = 1;
    if (receiver >= 0)
        ::close(receiver);
    ::close(listener);
    if (result.bytes != static_cast<unsigned long long>(total))
        result.errors = 1;
    return result;
}
