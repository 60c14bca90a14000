#pragma once
// Test helper: compares two MetricsModels bucket by bucket at every resolution, for every
// instance (by label, so two stores that numbered them differently still compare), with
// endpoints by name. Counts, extremes and quantiles must be equal; sums of durations only to
// the last bits, since they may add in another order.

#include "models/metrics/metricsmodel.h"
#include "models/store/entrystore.h"

#include <QString>
#include <QStringList>

#include <cmath>
#include <map>

namespace vigil::test {

inline bool sameSum(double a, double b) {
    return a == b || std::abs(a - b) <= 1e-12 * std::max(std::abs(a), std::abs(b));
}

inline bool sameQuantile(double a, double b) {
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

// Empty when equal, else what differs (the first few differences).
inline QStringList metricsDifferences(const MetricsModel& a, const EntryStore& storeA, const MetricsModel& b,
                                      const EntryStore& storeB) {
    QStringList out;
    auto note = [&](const QString& what) {
        if (out.size() < 10) out << what;
    };
    if (a.ingestedEntries() != b.ingestedEntries()) note(QStringLiteral("ingested entries"));
    if (a.untimedEntries() != b.untimedEntries()) note(QStringLiteral("untimed entries"));
    if (a.firstTimeUs() != b.firstTimeUs() || a.lastTimeUs() != b.lastTimeUs())
        note(QStringLiteral("time span"));
    std::map<QString, InstanceId> byLabelB;
    for (InstanceId id : b.instances())
        byLabelB[storeB.instances().label(id.value)] = id;
    if (a.instances().size() != b.instances().size()) note(QStringLiteral("instance count"));
    auto endpointName = [](const EntryStore& s, std::uint32_t id) {
        const std::string_view t = s.endpoints().text(id);
        return QString::fromUtf8(t.data(), qsizetype(t.size()));
    };
    for (InstanceId ia : a.instances()) {
        const QString label = storeA.instances().label(ia.value);
        if (!byLabelB.count(label)) {
            note(QStringLiteral("instance %1 missing").arg(label));
            continue;
        }
        const InstanceId ib = byLabelB.at(label);
        for (std::int64_t r : MetricsModel::kResolutionsSeconds) {
            const auto sa = a.series(ia, r, TimeRange::everything());
            const auto sb = b.series(ib, r, TimeRange::everything());
            const QString where = QStringLiteral("%1 at %2 s").arg(label).arg(r);
            if (sa.size() != sb.size()) {
                note(QStringLiteral("%1: %2 buckets against %3").arg(where).arg(sa.size()).arg(sb.size()));
                continue;
            }
            for (std::size_t k = 0; k < sa.size(); ++k) {
                const MetricsBucket& x = *sa[k].bucket;
                const MetricsBucket& y = *sb[k].bucket;
                const QString at = QStringLiteral("%1, bucket %2").arg(where).arg(sa[k].startUs);
                if (sa[k].startUs != sb[k].startUs) note(at + QStringLiteral(": start"));
                if (x.levels != y.levels || x.entries != y.entries || x.requests != y.requests ||
                    x.errors != y.errors || x.operations != y.operations)
                    note(at + QStringLiteral(": counts"));
                if (x.latency.count() != y.latency.count() ||
                    !sameSum(x.latency.sumSeconds(), y.latency.sumSeconds()) ||
                    !sameQuantile(x.latency.minSeconds(), y.latency.minSeconds()) ||
                    !sameQuantile(x.latency.maxSeconds(), y.latency.maxSeconds()))
                    note(at + QStringLiteral(": latency"));
                for (double q : {0.5, 0.9, 0.95, 0.99})
                    if (!sameQuantile(x.latency.quantileSeconds(q), y.latency.quantileSeconds(q)))
                        note(at + QStringLiteral(": quantile %1").arg(q));
                std::map<QString, EndpointTally> ea, eb;
                for (const EndpointTally& t : x.endpoints)
                    ea[endpointName(storeA, t.endpoint)] = t;
                for (const EndpointTally& t : y.endpoints)
                    eb[endpointName(storeB, t.endpoint)] = t;
                if (ea.size() != eb.size()) note(at + QStringLiteral(": endpoints"));
                for (const auto& [name, t] : ea) {
                    if (!eb.count(name)) {
                        note(at + QStringLiteral(": endpoint %1 missing").arg(name));
                        continue;
                    }
                    const EndpointTally& u = eb.at(name);
                    if (t.count != u.count || t.errors != u.errors || t.timed != u.timed ||
                        !sameSum(t.sumSeconds, u.sumSeconds) || t.minSeconds != u.minSeconds ||
                        t.maxSeconds != u.maxSeconds || t.slow != u.slow || t.verySlow != u.verySlow ||
                        t.toolsOn != u.toolsOn || t.slowTools != u.slowTools ||
                        t.verySlowTools != u.verySlowTools)
                        note(at + QStringLiteral(": endpoint %1").arg(name));
                }
            }
        }
    }
    return out;
}

} // namespace vigil::test
