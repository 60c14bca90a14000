#pragma once
// Finds the instance that behaves unlike its siblings: for error rate, p95 latency,
// request rate, log volume and silence it compares each instance of a sibling group with
// the group's median, in units of the median absolute deviation (MAD × 1.4826, a robust
// standard deviation that one odd instance cannot inflate), with a floor per metric so
// that siblings agreeing closely (errors 2 %, 3 %, 4 %) are never called apart. Pure: fed
// the metrics and a window, returns findings such as "eco-diagnostics: error rate 38 %,
// siblings 2–4 %".

#include "../metrics/metricsmodel.h"

#include <QString>

#include <vector>

namespace vigil {

enum class OutlierMetric { ErrorRate, P95Latency, RequestRate, LogVolume, Silence };

struct Outlier {
    InstanceId instance;
    OutlierMetric metric;
    double value = 0;                         // the instance's
    double siblingsLow = 0, siblingsHigh = 0; // the range of the other instances of its group
    double median = 0;
    double score = 0; // deviations from the median, in robust standard deviations

    // Every field: the window rebuilds its list only when findings differ in any of them.
    bool operator==(const Outlier& o) const {
        return instance == o.instance && metric == o.metric && value == o.value &&
               siblingsLow == o.siblingsLow && siblingsHigh == o.siblingsHigh && median == o.median &&
               score == o.score;
    }
};

struct OutlierOptions {
    double threshold = 4.0;           // robust standard deviations
    std::uint64_t minOperations = 20; // for error rate and p95, per instance
};

class OutlierDetector {
  public:
    explicit OutlierDetector(OutlierOptions options = {}) : m_options(options) {}

    // Findings over `window` for each group of sibling instances (3 or more compare; with
    // two, neither can be told the odd one). Most deviant first.
    std::vector<Outlier> find(const MetricsModel& metrics, const std::vector<std::vector<InstanceId>>& groups,
                              TimeRange window) const;

  private:
    OutlierOptions m_options;
};

QString outlierMetricName(OutlierMetric metric);                // "error rate"
QString formatOutlierValue(OutlierMetric metric, double value); // "38 %", "2.4 s", "12.5/s"
// "eco-diagnostics: error rate 38 %, siblings 2–4 %"
QString describeOutlier(const Outlier& outlier, const QString& instanceLabel);

} // namespace vigil
