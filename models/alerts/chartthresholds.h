#pragma once
// The threshold lines the charts draw, taken from the alert rules in force, so a chart
// shows the same limits the alerts fire at.

#include "../metrics/requestrules.h"
#include "alertrule.h"

#include <vector>

namespace vigil {

// The first enabled p95 and error-rate rules give the lines; without such a rule the
// chart keeps the FORMATS.md default.
ChartThresholds chartThresholdsFromRules(const std::vector<AlertRule>& rules);

} // namespace vigil
