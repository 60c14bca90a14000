#pragma once
// The aggregates of one instance over one time bucket (or of any merge of buckets): log
// volume by level, requests, errors, a latency histogram and per-endpoint tallies.
// Counting rules are in requestrules.h.

#include "latencyhistogram.h"
#include "requestrules.h"

#include "../store/ids.h"
#include "../store/level.h"

#include <array>
#include <cstdint>
#include <limits>
#include <vector>

namespace vigil {

struct EndpointTally {
    std::uint32_t endpoint = 0; // EndpointId value
    std::uint64_t count = 0;    // requests
    std::uint64_t errors = 0;
    std::uint64_t timed = 0; // requests with a duration
    double sumSeconds = 0;
    double minSeconds = std::numeric_limits<double>::infinity();
    double maxSeconds = -std::numeric_limits<double>::infinity();
    std::uint64_t slow = 0, verySlow = 0;           // tools off or unknown
    std::uint64_t toolsOn = 0;                      // requests with tools on
    std::uint64_t slowTools = 0, verySlowTools = 0; // tools on

    void merge(const EndpointTally& o);
};

struct MetricsBucket {
    std::array<std::uint64_t, kLevelCount> levels{}; // every entry, duplicates included: the log volume
    std::uint64_t entries = 0;                       // entries that are not duplicates
    std::uint64_t requests = 0;
    std::uint64_t errors = 0;
    std::uint64_t operations = 0; // requests + errors that are not requests
    LatencyHistogram latency;
    std::vector<EndpointTally> endpoints; // sorted by endpoint id

    struct EntryFacts {
        Level level;
        bool duplicate;
        float durationSeconds;
        std::uint16_t status;
        std::uint32_t endpoint;
        bool toolsOn;
    };
    void add(const EntryFacts& e, const LatencyThresholds& thresholds);
    // What a merge carries: counts always; the histogram and endpoint tallies on request,
    // since they are what costs.
    enum Parts : unsigned { CountsOnly = 0, WithLatency = 1, WithEndpoints = 2, Everything = 3 };
    void merge(const MetricsBucket& o, unsigned parts = Everything);

    std::uint64_t volume() const;
    // errors / operations in [0, 1]; 0 when there were no operations.
    double errorRate() const { return operations ? double(errors) / double(operations) : 0.0; }
};

} // namespace vigil
