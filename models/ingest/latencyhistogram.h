#pragma once
// Counts latencies in fixed logarithmic buckets (64 per power of two: under 1.6 % error)
// so percentiles over days of following cost a constant 20 KB.

#include <array>
#include <cstdint>

namespace vigil {

class LatencyHistogram {
public:
    void add(std::int64_t micros);
    // The value below which `fraction` (0..1) of the samples lie, in microseconds.
    double percentileMicros(double fraction) const;
    std::uint64_t count() const { return m_count; }
    std::int64_t maxMicros() const { return m_max; }
    void clear() { *this = LatencyHistogram(); }

private:
    static constexpr int kSubBits = 6;
    static constexpr int kBuckets = (40 - kSubBits + 1) << kSubBits; // up to 2^40 us (12 days)
    static int bucketOf(std::uint64_t micros);
    static double bucketMiddle(int bucket);

    std::array<std::uint64_t, kBuckets> m_buckets{};
    std::uint64_t m_count = 0;
    std::int64_t m_max = 0;
};

} // namespace vigil
