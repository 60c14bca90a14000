#pragma once
// A mergeable log-linear histogram of durations: exact below 64 ns, then 64 linear
// sub-buckets per power of two, so any quantile it reports is within 1/128 (0.8 %) of
// a value that was recorded. Sparse, so a one-second bucket with a few distinct
// latencies costs a few bytes, and merging two histograms is one linear pass. A histogram
// whose bins come close together (an hour of a busy instance: hundreds of them) turns
// dense, an array of counts: adding to the sorted bins was a binary search per duration,
// 10 % of all CPU time while a 1 GB deployment opened.

#include <cstdint>
#include <limits>
#include <vector>

namespace vigil {

class LatencyHistogram {
  public:
    static constexpr int kSubBits = 6; // 64 sub-buckets per octave
    static constexpr std::uint32_t kSubCount = 1u << kSubBits;
    static constexpr int kMaxOctave = 52; // 2^52 ns is about 52 days: longer is clamped

    void add(double seconds, std::uint32_t times = 1);
    void merge(const LatencyHistogram& other);
    void clear();

    std::uint64_t count() const { return m_count; }
    bool empty() const { return m_count == 0; }
    double sumSeconds() const { return m_sum; }
    double minSeconds() const { return m_count ? m_min : std::numeric_limits<double>::quiet_NaN(); } // exact
    double maxSeconds() const { return m_count ? m_max : std::numeric_limits<double>::quiet_NaN(); } // exact
    double meanSeconds() const;

    // The q-quantile (0 < q <= 1): the value of rank ceil(q * count), as the midpoint of
    // its bucket clamped to the exact min and max. NaN when empty.
    double quantileSeconds(double q) const;

    // Bucket index of a duration in nanoseconds, and the bounds of a bucket.
    static std::uint32_t indexOf(std::uint64_t ns);
    static std::uint64_t lowerNs(std::uint32_t index);
    static std::uint64_t widthNs(std::uint32_t index);

    // Bins that hold a duration.
    std::size_t binCount() const;

  private:
    struct Bin {
        std::uint32_t index;
        std::uint32_t count;
    };
    // Dense from this many bins on, when the array is at most twice the sparse bins' bytes.
    static constexpr std::size_t kDenseFrom = 64;
    void addToBin(std::uint32_t index, std::uint32_t times);
    void addToDense(std::uint32_t index, std::uint32_t times);
    void makeDenseWhenCompact();
    void makeDense(); // of the sparse bins, of which there is at least one
    // fn(index, count) for every bin that holds a duration, by increasing index.
    template <typename Fn> void forEachBin(Fn&& fn) const;

    std::vector<Bin> m_bins;            // sorted by index, while sparse
    std::vector<std::uint32_t> m_dense; // once dense: the counts of bins m_denseFirst, m_denseFirst + 1, ...
    std::uint32_t m_denseFirst = 0;
    std::uint64_t m_count = 0;
    double m_sum = 0;
    double m_min = 0, m_max = 0;
};

} // namespace vigil
