#include "latencyhistogram.h"

#include <algorithm>

namespace vigil {

// Values below 2^kSubBits get a bucket each; above, a bucket spans 1/64 of its power of two.
int LatencyHistogram::bucketOf(std::uint64_t v) {
    if (v < (1u << kSubBits)) return static_cast<int>(v);
    const int top = 63 - __builtin_clzll(v); // >= kSubBits
    const int shift = top - kSubBits;
    const int sub = static_cast<int>((v >> shift) & ((1u << kSubBits) - 1));
    return std::min(kBuckets - 1, ((shift + 1) << kSubBits) + sub);
}

double LatencyHistogram::bucketMiddle(int bucket) {
    if (bucket < (1 << kSubBits)) return bucket;
    const int shift = (bucket >> kSubBits) - 1;
    const double low = static_cast<double>(((1ull << kSubBits) | (bucket & ((1 << kSubBits) - 1))) << shift);
    return low + static_cast<double>(1ull << shift) / 2;
}

void LatencyHistogram::add(std::int64_t micros) {
    const std::uint64_t v = micros < 0 ? 0 : static_cast<std::uint64_t>(micros);
    ++m_buckets[bucketOf(v)];
    ++m_count;
    m_max = std::max<std::int64_t>(m_max, static_cast<std::int64_t>(v));
}

double LatencyHistogram::percentileMicros(double fraction) const {
    if (m_count == 0) return 0;
    const auto rank = static_cast<std::uint64_t>(std::max(0.0, std::min(1.0, fraction)) * (m_count - 1)) + 1;
    std::uint64_t seen = 0;
    for (int b = 0; b < kBuckets; ++b) {
        seen += m_buckets[b];
        if (seen >= rank) return std::min(bucketMiddle(b), static_cast<double>(m_max));
    }
    return static_cast<double>(m_max);
}

} // namespace vigil
