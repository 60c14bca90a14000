#pragma once
// One alert rule: what to measure, over which instances and window, the warning and
// critical thresholds, how long the condition must hold before it fires and how long a
// repeat stays folded into the previous alert. Defaults are FORMATS.md's figures.
//
// What each metric measures at an evaluation time t, over the window (t - window, t]:
// - request_duration / request_duration_tools: the longest request duration (seconds) of
//   an entry with tools off or unknown / with tools on (seed 000's "[tools]" marker or
//   tools_enabled), so a single slow entry fires;
// - error_rate: errors / operations in percent, as requestrules.h counts them;
// - auth_failures: authentication failures per minute. An entry is an authentication
//   failure when its HTTP status is 401, or when it is an EVENT payload with
//   "event_type": "authentication" whose payload says it failed ("success": false, or a
//   "failed"/"failure"/"invalid"/"denied" word). 403 is an authorisation refusal of an
//   authenticated caller and does not count;
// - p95: the 95th percentile of request durations in seconds;
// - instance_silent: seconds since the instance's last entry, evaluated only while other
//   instances write (a deployment that is wholly quiet is not "silent").
// A condition holds when the value is above a threshold (strictly, as FORMATS.md's "> 5 s").

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace vigil {

enum class AlertMetric {
    RequestDuration,
    RequestDurationTools,
    ErrorRate,
    AuthFailures,
    P95,
    InstanceSilent,
};
constexpr AlertMetric kAlertMetrics[] = {AlertMetric::RequestDuration,
                                         AlertMetric::RequestDurationTools,
                                         AlertMetric::ErrorRate,
                                         AlertMetric::AuthFailures,
                                         AlertMetric::P95,
                                         AlertMetric::InstanceSilent};

QString metricKey(AlertMetric m); // "error_rate"
std::optional<AlertMetric> metricFromKey(const QString& key);
QString metricTitle(AlertMetric m);                     // "Error rate"
QString metricUnit(AlertMetric m);                      // "s", "%", "/min"
QString formatMetricValue(AlertMetric m, double value); // "12.3 s", "14.2 %"
// A threshold as a rule states it, without trailing zeros: "2 s", "10%", "0.5 s".
QString formatThreshold(AlertMetric m, double threshold);
// A value that crossed `threshold`, with the digits it takes to read as above it: 2.0043
// against 2 s is "2.004 s" (formatMetricValue's "2.00 s" would read as equal).
QString formatAboveThreshold(AlertMetric m, double value, double threshold);

enum class Severity { None = 0, Warning = 1, Critical = 2 };
QString severityName(Severity s); // "ok", "warning", "critical"

enum class ScopeKind { All, Each, List };

struct AlertRule {
    QString id;   // unique, stable: the key of repeat suppression and of snoozes
    QString name; // shown to people
    AlertMetric metric = AlertMetric::ErrorRate;
    ScopeKind scope = ScopeKind::Each;
    QStringList instances; // for ScopeKind::List
    int windowSeconds = 60;
    std::optional<double> warning, critical; // at least one
    int forSeconds = 0;
    int repeatSeconds = 15 * 60;
    int minSamples = 0; // error_rate: operations, p95: timed requests; fewer gives no value
    bool enabled = true;

    QString displayName() const { return name.isEmpty() ? id : name; }
    // The severity a value reaches (None when below both thresholds).
    Severity severityOf(double value) const;
    double thresholdFor(Severity s) const;
};

// Problems of one rule, each naming the field: "window: must be at least 1 second".
QStringList validateRule(const AlertRule& rule);

// FORMATS.md's table plus "instance silent for 5 minutes".
std::vector<AlertRule> defaultAlertRules();

} // namespace vigil
