#include "latencyhistogram.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace vigil {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

inline int log2Floor(std::uint64_t v) {
    return 63 - __builtin_clzll(v);
}
} // namespace

std::uint32_t LatencyHistogram::indexOf(std::uint64_t ns) {
    if (ns < kSubCount) return static_cast<std::uint32_t>(ns);
    int octave = log2Floor(ns); // >= kSubBits
    if (octave > kMaxOctave) {
        octave = kMaxOctave;
        ns = (std::uint64_t(1) << (kMaxOctave + 1)) - 1;
    }
    const std::uint32_t sub = static_cast<std::uint32_t>(ns >> (octave - kSubBits)) - kSubCount;
    return kSubCount + static_cast<std::uint32_t>(octave - kSubBits) * kSubCount + sub;
}

std::uint64_t LatencyHistogram::lowerNs(std::uint32_t index) {
    if (index < kSubCount) return index;
    const std::uint32_t octave = (index - kSubCount) / kSubCount + kSubBits;
    const std::uint32_t sub = (index - kSubCount) % kSubCount;
    return std::uint64_t(kSubCount + sub) << (octave - kSubBits);
}

std::uint64_t LatencyHistogram::widthNs(std::uint32_t index) {
    if (index < kSubCount) return 1;
    const std::uint32_t octave = (index - kSubCount) / kSubCount + kSubBits;
    return std::uint64_t(1) << (octave - kSubBits);
}

template <typename Fn> void LatencyHistogram::forEachBin(Fn&& fn) const {
    if (m_dense.empty()) {
        for (const Bin& bin : m_bins)
            fn(bin.index, bin.count);
        return;
    }
    for (std::size_t k = 0; k < m_dense.size(); ++k)
        if (m_dense[k] != 0) fn(m_denseFirst + std::uint32_t(k), m_dense[k]);
}

std::size_t LatencyHistogram::binCount() const {
    if (m_dense.empty()) return m_bins.size();
    return std::size_t(m_dense.size() - std::count(m_dense.begin(), m_dense.end(), 0u));
}

void LatencyHistogram::add(double seconds, std::uint32_t times) {
    if (!(seconds >= 0) || times == 0) return; // NaN and negative durations are not latencies
    const double nsd = seconds * 1e9;
    const std::uint64_t ns = nsd >= 9.0e18 ? std::uint64_t(9.0e18) : static_cast<std::uint64_t>(nsd + 0.5);
    addToBin(indexOf(ns), times);
    if (m_count == 0) {
        m_min = m_max = seconds;
    } else {
        m_min = std::min(m_min, seconds);
        m_max = std::max(m_max, seconds);
    }
    m_count += times;
    m_sum += seconds * times;
}

void LatencyHistogram::addToBin(std::uint32_t index, std::uint32_t times) {
    if (!m_dense.empty()) {
        addToDense(index, times);
        return;
    }
    // Entries mostly repeat recent latencies: check the last bin before searching.
    auto it = (!m_bins.empty() && m_bins.back().index < index)
                  ? m_bins.end()
                  : std::lower_bound(m_bins.begin(), m_bins.end(), index,
                                     [](const Bin& b, std::uint32_t i) { return b.index < i; });
    if (it != m_bins.end() && it->index == index) {
        it->count += times;
        return;
    }
    m_bins.insert(it, Bin{index, times});
    makeDenseWhenCompact();
}

void LatencyHistogram::addToDense(std::uint32_t index, std::uint32_t times) {
    if (index < m_denseFirst) {
        m_dense.insert(m_dense.begin(), m_denseFirst - index, 0u);
        m_denseFirst = index;
    } else if (index - m_denseFirst >= m_dense.size()) {
        m_dense.resize(std::size_t(index - m_denseFirst) + 1, 0u);
    }
    m_dense[index - m_denseFirst] += times;
}

void LatencyHistogram::makeDenseWhenCompact() {
    if (m_bins.size() < kDenseFrom) return;
    const std::size_t span = std::size_t(m_bins.back().index - m_bins.front().index) + 1;
    // 4 bytes a bin of the span against 8 a sparse bin: at most twice the memory.
    if (span <= 4 * m_bins.size()) makeDense();
}

void LatencyHistogram::makeDense() {
    m_denseFirst = m_bins.front().index;
    m_dense.assign(std::size_t(m_bins.back().index - m_denseFirst) + 1, 0u);
    for (const Bin& bin : m_bins)
        m_dense[bin.index - m_denseFirst] = bin.count;
    m_bins.clear();
    m_bins.shrink_to_fit();
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
    if (other.m_count == 0) return;
    if (m_count == 0) {
        *this = other;
        return;
    }
    if (m_dense.empty() && other.m_dense.empty()) {
        std::vector<Bin> merged;
        merged.reserve(m_bins.size() + other.m_bins.size());
        auto a = m_bins.cbegin();
        auto b = other.m_bins.cbegin();
        while (a != m_bins.cend() || b != other.m_bins.end()) {
            if (b == other.m_bins.end() || (a != m_bins.cend() && a->index < b->index)) {
                merged.push_back(*a++);
            } else if (a == m_bins.cend() || b->index < a->index) {
                merged.push_back(*b++);
            } else {
                merged.push_back(Bin{a->index, a->count + b->count});
                ++a;
                ++b;
            }
        }
        m_bins.swap(merged);
        makeDenseWhenCompact();
    } else {
        if (m_dense.empty()) makeDense(); // the other is dense: so is the sum
        other.forEachBin([this](std::uint32_t index, std::uint32_t count) { addToDense(index, count); });
    }
    m_count += other.m_count;
    m_sum += other.m_sum;
    m_min = std::min(m_min, other.m_min);
    m_max = std::max(m_max, other.m_max);
}

void LatencyHistogram::clear() {
    m_bins.clear();
    m_dense.clear();
    m_denseFirst = 0;
    m_count = 0;
    m_sum = 0;
    m_min = m_max = 0;
}

double LatencyHistogram::meanSeconds() const {
    return m_count ? m_sum / double(m_count) : kNaN;
}

double LatencyHistogram::quantileSeconds(double q) const {
    if (m_count == 0) return kNaN;
    q = std::clamp(q, 0.0, 1.0);
    const std::uint64_t rank =
        std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::ceil(q * double(m_count))));
    std::uint64_t seen = 0;
    double found = m_max;
    bool done = false;
    forEachBin([&](std::uint32_t index, std::uint32_t count) {
        if (done) return;
        seen += count;
        if (seen >= rank) {
            const double mid = (double(lowerNs(index)) + double(widthNs(index) - 1) / 2.0) / 1e9;
            found = std::clamp(mid, m_min, m_max);
            done = true;
        }
    });
    return found;
}

} // namespace vigil
