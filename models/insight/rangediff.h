#pragma once
// What changed between two time ranges: the message patterns that are new, gone or
// changed in rate most (overall and per instance), and the metrics that moved (error
// rate, p95 and request rate per instance, error rate and mean latency per endpoint).
// The first question of an incident, "what is new since it started?", is the first
// section: new patterns, errors first. Patterns are mined from the entries' text on any
// thread (a snapshot); metrics are read from the MetricsModel on its own thread.

#include "messagepattern.h"

#include "../metrics/metricsmodel.h"
#include "../query/textaccess.h"
#include "../store/instancetable.h"
#include "../store/stringinterner.h"

#include <QString>

#include <atomic>
#include <optional>
#include <vector>

namespace vigil {

struct PatternChange {
    enum class Kind { New, Gone, Changed };
    std::string pattern;
    Kind kind = Kind::Changed;
    std::uint64_t before = 0, after = 0; // entries in each range
    double beforePerMinute = 0, afterPerMinute = 0;
    Level highest = Level::None;
    double score = 0; // how surprising the change is (log rate ratio weighed by volume)
    std::vector<std::pair<std::uint32_t, std::pair<std::uint64_t, std::uint64_t>>>
        instances; // id: before, after
};

// A pattern's change on one instance where it differs from the pattern's change overall
// ("new on eco-diagnostics" while the others always had it).
struct InstancePatternChange {
    std::uint32_t instance = 0;
    PatternChange change;
};

struct PatternDiff {
    std::vector<PatternChange> changes; // new (errors first, then by count), changed (by score), gone
    std::vector<InstancePatternChange> perInstance; // by score, at most kMaxPerInstance
    std::uint64_t entriesBefore = 0, entriesAfter = 0;
    static constexpr std::size_t kMaxPerInstance = 20;
};

struct MetricChange {
    QString scope;  // instance label, "all instances" or the endpoint
    QString metric; // "error rate", "p95", "request rate", "mean latency"
    double before = 0, after = 0;
    QString beforeText, afterText;
    double score = 0;
};

// Counts every entry of `columns` whose time falls in one of the ranges. Nothing when cancelled.
std::optional<PatternDiff> diffPatterns(const SegmentedColumns& columns, const TextAccess& text,
                                        TimeRange before, TimeRange after,
                                        const std::atomic<bool>* cancel = nullptr);

std::vector<MetricChange> diffMetrics(const MetricsModel& metrics, const InstanceTable& instances,
                                      const StringInterner& endpoints, TimeRange before, TimeRange after);

// "2025-11-10T10:20:00Z..2025-11-10T10:35:00Z" (UTC unless an offset is given), or
// durations back from `newestUs`, the newest entry: "-75m..-15m", "-15m.." (to the newest).
std::optional<TimeRange> parseTimeRange(const QString& text, std::int64_t newestUs, QString* error);

QString patternChangeKindName(PatternChange::Kind kind); // "new", "gone", "changed"

} // namespace vigil
