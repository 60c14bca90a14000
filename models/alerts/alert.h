#pragma once
// One alert as the engine raised it: which rule, which instance (empty for a rule over
// all instances), when (entry time, epoch µs), how bad and what value crossed which
// threshold. A repeat within the rule's suppression window is folded into it (repeats).

#include "alertrule.h"

#include <QString>

#include <cstdint>

namespace vigil {

struct Alert {
    std::uint64_t id = 0;
    QString ruleId, ruleName;
    AlertMetric metric = AlertMetric::ErrorRate;
    QString instance;                   // empty: all instances together
    Severity severity = Severity::None; // now (or when it resolved)
    Severity peakSeverity = Severity::None;
    double value = 0; // when it fired: raised, or last escalated to its severity
    double peakValue = 0;
    double currentValue = 0;     // the latest evaluated (while active), or the last before it resolved
    double threshold = 0;        // of the severity reached
    std::int64_t raisedUs = 0;   // entry time the condition fired
    std::int64_t resolvedUs = 0; // 0 while active
    std::int64_t windowUs = 0;   // the rule's window, for "show the entries"
    int repeats = 0;             // recurrences folded in by repeat suppression
    bool acknowledged = false;

    bool active() const { return resolvedUs == 0; }
    // The entries that made it: from the window before it fired to its end (or now).
    std::int64_t rangeFromUs() const { return raisedUs - windowUs; }
    // Every output shows these: the instance comes from log text (a [tag], a JSON
    // "service"), so it is masked and kept on one line (secrets/safetext.h).
    QString shownInstance() const; // masked, escaped; "all instances" when empty
    // "14.2% > 10% when it fired, now 31.0%": the value at firing with the threshold it
    // crossed, and the current (or, once resolved, last) value, each labelled. The tray,
    // the alert list and the chart tooltips all show this.
    QString valuesText() const;
    QString summary() const; // "Error rate on eco-backend: " + valuesText()
};

} // namespace vigil
