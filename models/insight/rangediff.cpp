#include "rangediff.h"

#include "../ingest/timewindow.h"
#include "../parse/parsedline.h"
#include "../query/entryfields.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

namespace vigil {

namespace {

bool inRange(std::int64_t t, TimeRange r) {
    return t >= r.fromUs && t < r.toUs;
}

double minutes(TimeRange r) {
    return std::max(1e-9, double(r.toUs - r.fromUs) / 60e6);
}

// Add-one smoothing: a pattern never seen has a rate of "one entry in the range", so a new
// pattern's ratio is finite and grows with its count.
double changeScore(std::uint64_t before, std::uint64_t after, TimeRange b, TimeRange a) {
    const double rb = (double(before) + 1) / minutes(b), ra = (double(after) + 1) / minutes(a);
    return std::abs(std::log(ra / rb)) * std::sqrt(double(before + after));
}

PatternChange::Kind kindOf(std::uint64_t before, std::uint64_t after) {
    if (before == 0) return PatternChange::Kind::New;
    if (after == 0) return PatternChange::Kind::Gone;
    return PatternChange::Kind::Changed;
}

int kindRank(PatternChange::Kind k) {
    return k == PatternChange::Kind::New ? 0 : k == PatternChange::Kind::Changed ? 1 : 2;
}

bool readsFirst(const PatternChange& a, const PatternChange& b) {
    if (a.kind != b.kind) return kindRank(a.kind) < kindRank(b.kind);
    if (a.kind == PatternChange::Kind::New) {
        const bool ea = isErrorOrAbove(a.highest), eb = isErrorOrAbove(b.highest);
        if (ea != eb) return ea;
        if (a.after != b.after) return a.after > b.after;
    }
    if (a.score != b.score) return a.score > b.score;
    return a.pattern < b.pattern;
}

struct Counts {
    std::uint64_t before = 0, after = 0;
    Level highest = Level::None;
    std::map<std::uint32_t, std::pair<std::uint64_t, std::uint64_t>> instances;
};

} // namespace

std::optional<PatternDiff> diffPatterns(const SegmentedColumns& columns, const TextAccess& text,
                                        TimeRange before, TimeRange after, const std::atomic<bool>* cancel) {
    PatternDiff diff;
    std::unordered_map<std::string, Counts> counts;
    MessagePattern masker;
    EntryReader reader;
    BlockReader bytes(text);
    std::string pattern;
    std::string_view entry;
    for (std::uint64_t i = columns.beginIndex().value; i < columns.endIndex().value; ++i) {
        if (cancel && (i & 4095) == 0 && cancel->load(std::memory_order_relaxed)) return std::nullopt;
        const EntryIndex e(i);
        const std::int64_t t = columns.timeUs(e);
        const bool b = inRange(t, before), a = inRange(t, after);
        if (!b && !a) continue;
        if (!bytes.read(columns, e, entry)) entry = {};
        masker.of(reader.summary(entry).message, pattern);
        Counts& c = counts[pattern];
        auto& perInstance = c.instances[columns.instance(e).value];
        c.highest = std::max(c.highest, columns.level(e));
        if (b) ++c.before, ++perInstance.first, ++diff.entriesBefore;
        if (a) ++c.after, ++perInstance.second, ++diff.entriesAfter;
    }
    for (auto& [text, c] : counts) {
        PatternChange change;
        change.pattern = text;
        change.before = c.before;
        change.after = c.after;
        change.beforePerMinute = double(c.before) / minutes(before);
        change.afterPerMinute = double(c.after) / minutes(after);
        change.highest = c.highest;
        change.kind = kindOf(c.before, c.after);
        change.score = changeScore(c.before, c.after, before, after);
        change.instances.assign(c.instances.begin(), c.instances.end());
        for (const auto& [id, n] : c.instances) {
            // Worth its own line when the instance's story differs from the whole's.
            const PatternChange::Kind kind = kindOf(n.first, n.second);
            if (kind == change.kind || kind == PatternChange::Kind::Changed) continue;
            InstancePatternChange ic;
            ic.instance = id;
            ic.change.pattern = text;
            ic.change.kind = kind;
            ic.change.before = n.first;
            ic.change.after = n.second;
            ic.change.beforePerMinute = double(n.first) / minutes(before);
            ic.change.afterPerMinute = double(n.second) / minutes(after);
            ic.change.highest = c.highest;
            ic.change.score = changeScore(n.first, n.second, before, after);
            diff.perInstance.push_back(std::move(ic));
        }
        // A pattern whose rate held steady is no change at all.
        const double ratio = (change.afterPerMinute + 1e-9) / (change.beforePerMinute + 1e-9);
        if (change.kind == PatternChange::Kind::Changed && ratio < 1.5 && ratio > 1 / 1.5) continue;
        diff.changes.push_back(std::move(change));
    }
    std::sort(diff.changes.begin(), diff.changes.end(), readsFirst);
    std::sort(diff.perInstance.begin(), diff.perInstance.end(),
              [](const InstancePatternChange& a, const InstancePatternChange& b) {
                  return readsFirst(a.change, b.change);
              });
    if (diff.perInstance.size() > PatternDiff::kMaxPerInstance)
        diff.perInstance.resize(PatternDiff::kMaxPerInstance);
    return diff;
}

namespace {
QString percent(double v) {
    return QStringLiteral("%1 %").arg(v * 100, 0, 'f', 1);
}
QString seconds(double v) {
    return QStringLiteral("%1 s").arg(v, 0, 'g', 3);
}
QString perSecond(double v) {
    return QStringLiteral("%1/s").arg(v, 0, 'g', 3);
}

void addChange(std::vector<MetricChange>& out, const QString& scope, const QString& metric, double before,
               double after, QString (*format)(double), double absoluteFloor, double relativeFloor) {
    const double delta = std::abs(after - before);
    if (delta < absoluteFloor || delta < relativeFloor * std::max(std::abs(before), std::abs(after))) return;
    MetricChange c;
    c.scope = scope;
    c.metric = metric;
    c.before = before;
    c.after = after;
    c.beforeText = format(before);
    c.afterText = format(after);
    c.score = delta / std::max({std::abs(before), std::abs(after), 1e-9});
    out.push_back(c);
}

void compareBuckets(std::vector<MetricChange>& out, const QString& scope, const MetricsBucket& b,
                    const MetricsBucket& a, TimeRange before, TimeRange after) {
    if (b.operations >= 20 && a.operations >= 20)
        addChange(out, scope, QStringLiteral("error rate"), b.errorRate(), a.errorRate(), percent, 0.02,
                  0.25);
    if (b.latency.count() >= 20 && a.latency.count() >= 20)
        addChange(out, scope, QStringLiteral("p95"), b.latency.quantileSeconds(0.95),
                  a.latency.quantileSeconds(0.95), seconds, 0.1, 0.25);
    const double rb = double(b.requests) / (minutes(before) * 60),
                 ra = double(a.requests) / (minutes(after) * 60);
    if (b.requests + a.requests >= 20)
        addChange(out, scope, QStringLiteral("request rate"), rb, ra, perSecond, 0.01, 0.5);
}
} // namespace

std::vector<MetricChange> diffMetrics(const MetricsModel& metrics, const InstanceTable& instances,
                                      const StringInterner& endpoints, TimeRange before, TimeRange after) {
    std::vector<MetricChange> out;
    compareBuckets(out, QStringLiteral("all instances"),
                   metrics.summaryAll(before, MetricsBucket::WithLatency),
                   metrics.summaryAll(after, MetricsBucket::WithLatency), before, after);
    for (InstanceId id : metrics.instances())
        compareBuckets(out, instances.label(id.value),
                       metrics.summary(id, before, MetricsBucket::WithLatency),
                       metrics.summary(id, after, MetricsBucket::WithLatency), before, after);
    std::map<std::uint32_t, EndpointTally> b, a;
    for (const EndpointStats& s : metrics.endpointStats(before))
        b[s.endpoint.value] = s.tally;
    for (const EndpointStats& s : metrics.endpointStats(after))
        a[s.endpoint.value] = s.tally;
    for (const auto& [id, tb] : b) {
        const auto it = a.find(id);
        if (it == a.end()) continue;
        const EndpointTally& ta = it->second;
        const std::string_view name = endpoints.text(id);
        const QString scope = QString::fromUtf8(name.data(), qsizetype(name.size()));
        if (tb.count >= 20 && ta.count >= 20)
            addChange(out, scope, QStringLiteral("error rate"), double(tb.errors) / double(tb.count),
                      double(ta.errors) / double(ta.count), percent, 0.02, 0.25);
        if (tb.timed >= 20 && ta.timed >= 20)
            addChange(out, scope, QStringLiteral("mean latency"), tb.sumSeconds / double(tb.timed),
                      ta.sumSeconds / double(ta.timed), seconds, 0.1, 0.25);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const MetricChange& x, const MetricChange& y) { return x.score > y.score; });
    return out;
}

namespace {
std::optional<std::int64_t> parseInstant(const QString& text, std::int64_t newestUs) {
    const QString t = text.trimmed();
    if (t.isEmpty()) return newestUs == kNoTime ? std::nullopt : std::optional<std::int64_t>(newestUs + 1);
    if (t.startsWith(QLatin1Char('-'))) {
        const auto back = parseWindowSeconds(t.mid(1));
        if (!back || newestUs == kNoTime) return std::nullopt;
        return newestUs + 1 - *back * 1'000'000;
    }
    QDateTime when = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!when.isValid()) when = QDateTime::fromString(t, Qt::ISODate);
    if (!when.isValid()) return std::nullopt;
    if (when.timeSpec() == Qt::LocalTime) when.setTimeSpec(Qt::UTC);
    return when.toMSecsSinceEpoch() * 1000;
}
} // namespace

std::optional<TimeRange> parseTimeRange(const QString& text, std::int64_t newestUs, QString* error) {
    const int dots = text.indexOf(QStringLiteral(".."));
    if (dots < 0) {
        if (error) *error = QStringLiteral("%1 is not a range FROM..TO").arg(text.left(60));
        return std::nullopt;
    }
    const auto from = parseInstant(text.left(dots), newestUs),
               to = parseInstant(text.mid(dots + 2), newestUs);
    if (!from || !to || text.left(dots).trimmed().isEmpty()) {
        if (error)
            *error = QStringLiteral(
                         "%1 is not a range (try 2025-11-10T10:20:00Z..2025-11-10T10:35:00Z or -75m..-15m)")
                         .arg(text.left(60));
        return std::nullopt;
    }
    if (*to <= *from) {
        if (error) *error = QStringLiteral("%1 ends before it starts").arg(text.left(60));
        return std::nullopt;
    }
    return TimeRange{*from, *to};
}

QString patternChangeKindName(PatternChange::Kind kind) {
    switch (kind) {
    case PatternChange::Kind::New:
        return QStringLiteral("new");
    case PatternChange::Kind::Gone:
        return QStringLiteral("gone");
    case PatternChange::Kind::Changed:
        return QStringLiteral("changed");
    }
    return {};
}

} // namespace vigil
