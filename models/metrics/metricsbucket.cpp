#include "metricsbucket.h"

#include <algorithm>

namespace vigil {

void EndpointTally::merge(const EndpointTally& o) {
    count += o.count;
    errors += o.errors;
    timed += o.timed;
    sumSeconds += o.sumSeconds;
    minSeconds = std::min(minSeconds, o.minSeconds);
    maxSeconds = std::max(maxSeconds, o.maxSeconds);
    slow += o.slow;
    verySlow += o.verySlow;
    toolsOn += o.toolsOn;
    slowTools += o.slowTools;
    verySlowTools += o.verySlowTools;
}

void MetricsBucket::add(const EntryFacts& e, const LatencyThresholds& thresholds) {
    ++levels[static_cast<std::size_t>(e.level)];
    if (e.duplicate) return;
    ++entries;
    const bool request = isRequest(e.durationSeconds, e.status);
    const bool error = isErrorEntry(e.level, e.status);
    if (error) ++errors;
    if (request || error) ++operations;
    if (!request) return;
    ++requests;
    const bool timed = !std::isnan(e.durationSeconds) && e.durationSeconds >= 0;
    if (timed) latency.add(e.durationSeconds);
    if (e.endpoint == kNoId) return;

    auto it = std::lower_bound(endpoints.begin(), endpoints.end(), e.endpoint,
                               [](const EndpointTally& t, std::uint32_t id) { return t.endpoint < id; });
    if (it == endpoints.end() || it->endpoint != e.endpoint) {
        it = endpoints.insert(it, EndpointTally());
        it->endpoint = e.endpoint;
    }
    EndpointTally& t = *it;
    ++t.count;
    if (error) ++t.errors;
    if (e.toolsOn) ++t.toolsOn;
    if (!timed) return;
    const double d = e.durationSeconds;
    ++t.timed;
    t.sumSeconds += d;
    t.minSeconds = std::min(t.minSeconds, d);
    t.maxSeconds = std::max(t.maxSeconds, d);
    switch (classifyDuration(d, e.toolsOn, thresholds)) {
    case Slowness::Slow:
        ++(e.toolsOn ? t.slowTools : t.slow);
        break;
    case Slowness::VerySlow:
        ++(e.toolsOn ? t.verySlowTools : t.verySlow);
        break;
    case Slowness::Normal:
        break;
    }
}

void MetricsBucket::merge(const MetricsBucket& o, unsigned parts) {
    for (int i = 0; i < kLevelCount; ++i)
        levels[i] += o.levels[i];
    entries += o.entries;
    requests += o.requests;
    errors += o.errors;
    operations += o.operations;
    if (parts & WithLatency) latency.merge(o.latency);
    if (!(parts & WithEndpoints) || o.endpoints.empty()) return;
    std::vector<EndpointTally> merged;
    merged.reserve(endpoints.size() + o.endpoints.size());
    auto a = endpoints.begin();
    auto b = o.endpoints.begin();
    while (a != endpoints.end() || b != o.endpoints.end()) {
        if (b == o.endpoints.end() || (a != endpoints.end() && a->endpoint < b->endpoint)) {
            merged.push_back(*a++);
        } else if (a == endpoints.end() || b->endpoint < a->endpoint) {
            merged.push_back(*b++);
        } else {
            merged.push_back(*a++);
            merged.back().merge(*b++);
        }
    }
    endpoints.swap(merged);
}

std::uint64_t MetricsBucket::volume() const {
    std::uint64_t n = 0;
    for (auto c : levels)
        n += c;
    return n;
}

} // namespace vigil
