#pragma once

#include <vector>

// Per-request timings in milliseconds; percentiles by nearest rank.
class Stats
{
public:
    void add(double milliseconds) { m_samples.push_back(milliseconds); }
    void merge(const Stats& other);
    std::size_t count() const { return m_samples.size(); }
    // p in [0, 100]; 0 when there are no samples.
    double percentile(double p) const;

private:
    std::vector<double> m_samples;
};
