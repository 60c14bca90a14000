#include "chartthresholds.h"

namespace vigil {

ChartThresholds chartThresholdsFromRules(const std::vector<AlertRule>& rules) {
    ChartThresholds t;
    bool haveP95 = false, haveErrorRate = false;
    for (const AlertRule& rule : rules) {
        if (!rule.enabled) continue;
        if (rule.metric == AlertMetric::P95 && !haveP95) {
            haveP95 = true;
            if (rule.warning)
                t.p95Seconds = *rule.warning;
            else if (rule.critical)
                t.p95Seconds = *rule.critical;
        } else if (rule.metric == AlertMetric::ErrorRate && !haveErrorRate) {
            haveErrorRate = true; // rules speak in percent, charts in fractions
            if (rule.warning) t.errorRateWarning = *rule.warning / 100.0;
            if (rule.critical) t.errorRateCritical = *rule.critical / 100.0;
        }
    }
    return t;
}

} // namespace vigil
