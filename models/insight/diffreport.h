#pragma once
// What changed between two ranges as `vigil diff` prints it: text for a terminal or a
// ticket, JSON for scripts. Patterns come from log text: masked by the one secrets policy
// and, in text, with control characters escaped.

#include "rangediff.h"

#include <QByteArray>
#include <QString>

namespace vigil {

struct RangeDiffReport {
    TimeRange before, after;
    PatternDiff patterns;
    std::vector<MetricChange> metrics;
    double seconds = 0;
};

// One line per change: "new      +48  (0 → 3.2/min)  ERROR  Payment {id} declined by {str}".
QString patternChangeLine(const PatternChange& change);

QString diffText(const RangeDiffReport& report, const InstanceTable& instances, std::size_t limit);
QByteArray diffJson(const RangeDiffReport& report, const InstanceTable& instances, std::size_t limit);

} // namespace vigil
