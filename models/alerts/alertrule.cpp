#include "alertrule.h"

#include <cmath>

namespace vigil {

QString metricKey(AlertMetric m) {
    switch (m) {
    case AlertMetric::RequestDuration:
        return QStringLiteral("request_duration");
    case AlertMetric::RequestDurationTools:
        return QStringLiteral("request_duration_tools");
    case AlertMetric::ErrorRate:
        return QStringLiteral("error_rate");
    case AlertMetric::AuthFailures:
        return QStringLiteral("auth_failures");
    case AlertMetric::P95:
        return QStringLiteral("p95");
    case AlertMetric::InstanceSilent:
        return QStringLiteral("instance_silent");
    }
    return {};
}

std::optional<AlertMetric> metricFromKey(const QString& key) {
    for (AlertMetric m : kAlertMetrics)
        if (metricKey(m) == key) return m;
    return std::nullopt;
}

QString metricTitle(AlertMetric m) {
    switch (m) {
    case AlertMetric::RequestDuration:
        return QStringLiteral("Request duration (tools off)");
    case AlertMetric::RequestDurationTools:
        return QStringLiteral("Request duration (tools on)");
    case AlertMetric::ErrorRate:
        return QStringLiteral("Error rate");
    case AlertMetric::AuthFailures:
        return QStringLiteral("Authentication failures");
    case AlertMetric::P95:
        return QStringLiteral("p95 response time");
    case AlertMetric::InstanceSilent:
        return QStringLiteral("Instance silent");
    }
    return {};
}

QString metricUnit(AlertMetric m) {
    switch (m) {
    case AlertMetric::ErrorRate:
        return QStringLiteral("%");
    case AlertMetric::AuthFailures:
        return QStringLiteral("/min");
    default:
        return QStringLiteral("s");
    }
}

namespace {
int defaultDecimals(AlertMetric m, double value) {
    return m == AlertMetric::InstanceSilent ? 0 : (m == AlertMetric::AuthFailures ? 1 : (value < 10 ? 2 : 1));
}
QString withUnit(AlertMetric m, const QString& number) {
    const QString unit = metricUnit(m);
    return number + (unit == QLatin1String("%") ? QString() : QStringLiteral(" ")) + unit;
}
} // namespace

QString formatMetricValue(AlertMetric m, double value) {
    return withUnit(m, QString::number(value, 'f', defaultDecimals(m, value)));
}

QString formatThreshold(AlertMetric m, double threshold) {
    QString s = QString::number(threshold, 'f', 3);
    while (s.endsWith(QLatin1Char('0')))
        s.chop(1);
    if (s.endsWith(QLatin1Char('.'))) s.chop(1);
    return withUnit(m, s);
}

QString formatAboveThreshold(AlertMetric m, double value, double threshold) {
    if (!(value > threshold)) return formatMetricValue(m, value);
    for (int decimals = defaultDecimals(m, value); decimals <= 9; ++decimals) {
        const QString s = QString::number(value, 'f', decimals);
        if (s.toDouble() > threshold) return withUnit(m, s);
    }
    return withUnit(m, QString::number(value, 'g', 17));
}

QString severityName(Severity s) {
    switch (s) {
    case Severity::None:
        return QStringLiteral("ok");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Critical:
        return QStringLiteral("critical");
    }
    return {};
}

Severity AlertRule::severityOf(double value) const {
    if (std::isnan(value)) return Severity::None;
    if (critical && value > *critical) return Severity::Critical;
    if (warning && value > *warning) return Severity::Warning;
    return Severity::None;
}

double AlertRule::thresholdFor(Severity s) const {
    if (s == Severity::Critical && critical) return *critical;
    if (warning) return *warning;
    return critical.value_or(0);
}

QStringList validateRule(const AlertRule& r) {
    QStringList problems;
    if (r.id.trimmed().isEmpty()) problems << QStringLiteral("id: must not be empty");
    if (!r.warning && !r.critical)
        problems << QStringLiteral("warning/critical: at least one threshold is needed");
    if (r.warning && (!std::isfinite(*r.warning) || *r.warning < 0))
        problems << QStringLiteral("warning: must be a number of at least 0");
    if (r.critical && (!std::isfinite(*r.critical) || *r.critical < 0))
        problems << QStringLiteral("critical: must be a number of at least 0");
    if (r.warning && r.critical && *r.warning > *r.critical)
        problems << QStringLiteral("warning: %1 is above critical %2").arg(*r.warning).arg(*r.critical);
    if (r.metric == AlertMetric::ErrorRate && r.critical && *r.critical > 100)
        problems << QStringLiteral("critical: an error rate is a percentage (0-100)");
    if (r.metric == AlertMetric::ErrorRate && r.warning && *r.warning > 100)
        problems << QStringLiteral("warning: an error rate is a percentage (0-100)");
    if (r.windowSeconds < 1) problems << QStringLiteral("window: must be at least 1 second");
    if (r.windowSeconds > 24 * 3600)
        problems << QStringLiteral("window: must be at most 86400 seconds (1 day)");
    if (r.forSeconds < 0) problems << QStringLiteral("for: must not be negative");
    if (r.repeatSeconds < 0) problems << QStringLiteral("repeat: must not be negative");
    if (r.minSamples < 0) problems << QStringLiteral("min_samples: must not be negative");
    if (r.scope == ScopeKind::List && r.instances.isEmpty())
        problems << QStringLiteral("instances: a list scope needs at least one instance name");
    if (r.scope == ScopeKind::All && r.metric == AlertMetric::InstanceSilent)
        problems << QStringLiteral("scope: instance_silent is per instance: use \"each\" or a list");
    return problems;
}

std::vector<AlertRule> defaultAlertRules() {
    std::vector<AlertRule> rules;
    auto add = [&](const char* id, const char* name, AlertMetric m, int window, std::optional<double> warn,
                   std::optional<double> crit, int minSamples = 0) {
        AlertRule r;
        r.id = QString::fromLatin1(id);
        r.name = QString::fromLatin1(name);
        r.metric = m;
        r.windowSeconds = window;
        r.warning = warn;
        r.critical = crit;
        r.minSamples = minSamples;
        rules.push_back(r);
    };
    // FORMATS.md: seed 000 (durations, authentication), seeds 002/004 (error rate), seed 004 (p95).
    add("slow-requests", "Slow requests", AlertMetric::RequestDuration, 60, 5.0, 10.0);
    add("slow-requests-tools", "Slow requests with tools", AlertMetric::RequestDurationTools, 60, 30.0, 60.0);
    add("error-rate", "Error rate", AlertMetric::ErrorRate, 60, 5.0, 10.0, 20);
    add("auth-failures", "Authentication failures", AlertMetric::AuthFailures, 60, 10.0, std::nullopt);
    add("p95-latency", "p95 response time", AlertMetric::P95, 60, 2.0, std::nullopt, 20);
    add("instance-silent", "Instance silent", AlertMetric::InstanceSilent, 300, 300.0, std::nullopt);
    return rules;
}

} // namespace vigil
