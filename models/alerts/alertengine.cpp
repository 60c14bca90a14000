#include "alertengine.h"

#include <QElapsedTimer>

#include "../metrics/timemath.h"

#include <algorithm>
#include <cmath>

namespace vigil {

AlertEngine::AlertEngine(const MetricsModel& metrics, QObject* parent)
    : QObject(parent), m_metrics(metrics) {}

void AlertEngine::setRules(std::vector<AlertRule> rules) {
    m_rules = std::move(rules);
    const std::int64_t nowUs = m_lastEvaluated == INT64_MIN ? 0 : (m_lastEvaluated + 1) * kUsPerSecond;
    for (auto it = m_states.begin(); it != m_states.end();) {
        const auto rule = std::find_if(m_rules.begin(), m_rules.end(),
                                       [&](const AlertRule& r) { return r.id == it->first; });
        const bool keep = rule != m_rules.end() && rule->enabled;
        if (keep) {
            ++it;
            continue;
        }
        for (auto& [key, state] : it->second)
            resolve(state, nowUs);
        it = m_states.erase(it);
    }
    if (m_changed) Q_EMIT activeChanged();
    m_changed = false;
}

void AlertEngine::ingest(const EntryStore& store, EntryIndex first, EntryIndex end) {
    AlertFacts facts;
    facts.collect(store, TextAccess::capture(store), first, end);
    ingest(facts, store.instances());
}

bool AlertEngine::ingest(AlertFacts& facts, const InstanceTable& instances, int budgetMs) {
    QElapsedTimer clock;
    clock.start();
    unsigned merged = 0;
    for (; facts.mergeInstance < facts.instances.size(); ++facts.mergeInstance) {
        const std::uint32_t instance = std::uint32_t(facts.mergeInstance);
        auto& seconds = facts.instances[instance];
        if (seconds.empty()) continue;
        if (instance >= m_instances.size()) {
            m_instances.resize(instance + 1);
            m_names.resize(instance + 1);
            m_bareNames.resize(instance + 1);
            m_shared.resize(instance + 1);
        }
        // The label is qualified once another root shows a same-named instance.
        const bool shared = instances.nameShared(instance);
        if (m_names[instance].isEmpty() || shared != m_shared[instance]) {
            m_names[instance] = instances.label(instance);
            const std::string_view name = instances.text(instance);
            m_bareNames[instance] = QString::fromUtf8(name.data(), int(name.size()));
            m_shared[instance] = shared;
        }
        auto& target = m_instances[instance].seconds;
        while (!seconds.empty()) {
            auto node = seconds.extract(seconds.begin());
            const std::int64_t second = node.key();
            m_newestSecond = std::max(m_newestSecond, second);
            if (second > m_lastEvaluated) m_pendingSeconds[second] = true;
            const auto at = target.lower_bound(second);
            if (at != target.end() && at->first == second)
                at->second.merge(node.mapped());
            else
                target.insert(at, std::move(node));
            if (budgetMs >= 0 && ++merged % 16 == 0 && clock.elapsed() >= budgetMs) return false;
        }
    }
    return true;
}

void AlertEngine::evaluate() {
    evaluateSecondsBefore(m_newestSecond);
}

void AlertEngine::flush() {
    evaluateSecondsBefore(INT64_MAX);
}

bool AlertEngine::evaluateFor(int budgetMs, bool all) {
    return evaluateSecondsBefore(all ? INT64_MAX : m_newestSecond, budgetMs);
}

bool AlertEngine::evaluateSecondsBefore(std::int64_t limit, int budgetMs) {
    QElapsedTimer clock;
    clock.start();
    bool done = true;
    while (!m_pendingSeconds.empty() && m_pendingSeconds.begin()->first < limit) {
        if (budgetMs >= 0 && clock.elapsed() >= budgetMs) {
            done = false;
            break;
        }
        const std::int64_t second = m_pendingSeconds.begin()->first;
        m_pendingSeconds.erase(m_pendingSeconds.begin());
        evaluateSecond(second);
    }
    prune();
    if (m_changed) Q_EMIT activeChanged();
    m_changed = false;
    return done;
}

void AlertEngine::clear() {
    m_summaries.clear();
    m_summarySecond = INT64_MIN;
    m_instances.clear();
    m_names.clear();
    m_bareNames.clear();
    m_shared.clear();
    m_states.clear();
    m_pendingSeconds.clear();
    m_newestSecond = m_lastEvaluated = INT64_MIN;
    m_evaluatedSeconds = 0;
    m_history.clear();
    Q_EMIT activeChanged();
}

void AlertEngine::evaluateSecond(std::int64_t second) {
    m_summaries.clear();
    m_summarySecond = second;
    m_lastEvaluated = second;
    ++m_evaluatedSeconds;
    for (const AlertRule& rule : m_rules)
        if (rule.enabled) evaluateRule(rule, second, m_states[rule.id]);
}

void AlertEngine::evaluateRule(const AlertRule& rule, std::int64_t second,
                               std::map<std::uint32_t, KeyState>& states) {
    const std::int64_t nowUs = (second + 1) * kUsPerSecond;
    auto run = [&](std::uint32_t key) { apply(rule, key, states[key], valueOf(rule, key, second), nowUs); };
    switch (rule.scope) {
    case ScopeKind::All:
        run(kAllKey);
        break;
    case ScopeKind::Each:
        for (std::uint32_t k = 0; k < m_instances.size(); ++k)
            if (!m_instances[k].seconds.empty() || m_instances[k].prunedLast != INT64_MIN) run(k);
        break;
    case ScopeKind::List:
        for (std::uint32_t k = 0; k < m_names.size(); ++k)
            if (rule.instances.contains(m_names[k]) || rule.instances.contains(m_bareNames[k])) run(k);
        break;
    }
}

bool AlertEngine::hasEntriesAt(std::uint32_t instance, std::int64_t second) const {
    return instance < m_instances.size() && m_instances[instance].seconds.count(second) > 0;
}

std::int64_t AlertEngine::lastSeenAsOf(std::uint32_t instance, std::int64_t second) const {
    const InstanceFacts& f = m_instances[instance];
    auto it = f.seconds.upper_bound(second);
    if (it != f.seconds.begin()) return std::prev(it)->first;
    return f.prunedLast;
}

// nullopt: no value at this second (too few samples, nothing to measure): the
// condition is false.
std::optional<double> AlertEngine::valueOf(const AlertRule& rule, std::uint32_t key,
                                           std::int64_t second) const {
    const std::int64_t fromSecond = second + 1 - rule.windowSeconds;
    switch (rule.metric) {
    case AlertMetric::ErrorRate:
    case AlertMetric::P95: {
        // Rules over the same instance and window (error rate and p95 by default) share
        // one summary per evaluated second.
        const std::pair<std::uint32_t, int> cacheKey{key, rule.windowSeconds};
        if (m_summarySecond != second) {
            m_summaries.clear();
            m_summarySecond = second;
        }
        auto cached = m_summaries.find(cacheKey);
        if (cached == m_summaries.end()) {
            const TimeRange range{fromSecond * kUsPerSecond, (second + 1) * kUsPerSecond};
            // Counts and latency only: a rule reads nothing else, and the endpoint tallies
            // are what costs most to merge (metricsbucket.h).
            constexpr unsigned parts = MetricsBucket::WithLatency;
            cached = m_summaries
                         .emplace(cacheKey, key == kAllKey ? m_metrics.summaryAll(range, parts)
                                                           : m_metrics.summary(InstanceId(key), range, parts))
                         .first;
        }
        const MetricsBucket& b = cached->second;
        if (rule.metric == AlertMetric::ErrorRate) {
            if (b.operations == 0 || b.operations < std::uint64_t(rule.minSamples)) return std::nullopt;
            return 100.0 * b.errorRate();
        }
        if (b.latency.count() == 0 || b.latency.count() < std::uint64_t(rule.minSamples)) return std::nullopt;
        return b.latency.quantileSeconds(0.95);
    }
    case AlertMetric::RequestDuration:
    case AlertMetric::RequestDurationTools:
    case AlertMetric::AuthFailures: {
        double maxDuration = -1;
        std::uint64_t auth = 0;
        auto scan = [&](const InstanceFacts& f) {
            for (auto it = f.seconds.lower_bound(fromSecond), stop = f.seconds.upper_bound(second);
                 it != stop; ++it) {
                maxDuration = std::max<double>(maxDuration, rule.metric == AlertMetric::RequestDurationTools
                                                                ? it->second.maxOn
                                                                : it->second.maxOff);
                auth += it->second.authFailures;
            }
        };
        if (key == kAllKey) {
            for (const InstanceFacts& f : m_instances)
                scan(f);
        } else {
            scan(m_instances[key]);
        }
        if (rule.metric == AlertMetric::AuthFailures) return double(auth) * 60.0 / double(rule.windowSeconds);
        if (maxDuration < 0) return std::nullopt;
        return maxDuration;
    }
    case AlertMetric::InstanceSilent: {
        if (key == kAllKey) return std::nullopt;
        const std::int64_t last = lastSeenAsOf(key, second);
        if (last == INT64_MIN) return std::nullopt; // not started yet
        bool othersWrite = false;
        for (std::uint32_t k = 0; k < m_instances.size() && !othersWrite; ++k)
            othersWrite = k != key && hasEntriesAt(k, second);
        if (!othersWrite && last != second) return std::nullopt; // all quiet: no judgement
        return double(second - last);
    }
    }
    return std::nullopt;
}

void AlertEngine::apply(const AlertRule& rule, std::uint32_t key, KeyState& state,
                        std::optional<double> value, std::int64_t nowUs) {
    // No judgement possible (silence while nobody writes): leave the state as it is.
    if (!value && rule.metric == AlertMetric::InstanceSilent) return;
    const Severity severity = value ? rule.severityOf(*value) : Severity::None;
    if (value && state.active && state.alertId) {
        Alert* current = findMutable(state.alertId);
        if (current && current->currentValue != *value) {
            current->currentValue = *value;
            if (severity != Severity::None) Q_EMIT alertValueChanged(*current);
        }
    }
    if (severity == Severity::None) {
        state.pendingSinceUs = INT64_MIN;
        if (state.active) resolve(state, nowUs);
        return;
    }
    if (state.pendingSinceUs == INT64_MIN) state.pendingSinceUs = nowUs;
    if (nowUs - state.pendingSinceUs < std::int64_t(rule.forSeconds) * kUsPerSecond) return;

    const std::int64_t repeatUs = std::int64_t(rule.repeatSeconds) * kUsPerSecond;
    auto recentlyNotified = [&](Severity s) {
        for (int k = int(s); k <= int(Severity::Critical); ++k)
            if (state.notifiedUs[k] != INT64_MIN && nowUs - state.notifiedUs[k] < repeatUs) return true;
        return false;
    };
    Alert* alert = state.alertId ? findMutable(state.alertId) : nullptr;
    if (state.active && alert) {
        bool raised = false;
        if (severity != alert->severity) {
            raised = severity > alert->peakSeverity && !recentlyNotified(severity);
            alert->severity = severity;
            alert->threshold = rule.thresholdFor(severity);
            alert->value = *value;
            m_changed = true;
        }
        if (*value > alert->peakValue) alert->peakValue = *value;
        if (severity > alert->peakSeverity) alert->peakSeverity = severity;
        if (raised) {
            state.notifiedUs[int(severity)] = nowUs;
            Q_EMIT alertRaised(*alert);
        }
        return;
    }
    if (alert && recentlyNotified(severity)) {
        // A repeat within the suppression window: the previous alert is active again.
        alert->resolvedUs = 0;
        alert->severity = severity;
        alert->value = alert->currentValue = *value;
        alert->peakValue = std::max(alert->peakValue, *value);
        alert->threshold = rule.thresholdFor(severity);
        ++alert->repeats;
        state.active = true;
        m_changed = true;
        Q_EMIT alertUpdated(*alert);
        return;
    }
    Alert a;
    a.id = m_nextId++;
    a.ruleId = rule.id;
    a.ruleName = rule.displayName();
    a.metric = rule.metric;
    a.instance = instanceName(key);
    a.severity = a.peakSeverity = severity;
    a.value = a.peakValue = a.currentValue = *value;
    a.threshold = rule.thresholdFor(severity);
    a.raisedUs = nowUs;
    a.windowUs =
        std::int64_t(rule.metric == AlertMetric::InstanceSilent ? std::max<double>(*value, rule.windowSeconds)
                                                                : rule.windowSeconds) *
        kUsPerSecond;
    m_history.push_back(a);
    while (m_history.size() > kHistoryCap && !m_history.front().active())
        m_history.pop_front();
    state.alertId = a.id;
    state.active = true;
    state.notifiedUs[int(severity)] = nowUs;
    m_changed = true;
    Q_EMIT alertRaised(a);
}

void AlertEngine::resolve(KeyState& state, std::int64_t nowUs) {
    state.active = false;
    state.pendingSinceUs = INT64_MIN;
    Alert* alert = state.alertId ? findMutable(state.alertId) : nullptr;
    if (!alert || !alert->active()) return;
    alert->resolvedUs = nowUs;
    m_changed = true;
    Q_EMIT alertResolved(*alert);
}

void AlertEngine::prune() {
    if (m_lastEvaluated == INT64_MIN) return;
    int maxWindow = 1;
    for (const AlertRule& r : m_rules)
        maxWindow = std::max(maxWindow, r.windowSeconds);
    const std::int64_t cutoff = m_lastEvaluated - maxWindow - 1;
    for (InstanceFacts& f : m_instances) {
        auto stop = f.seconds.lower_bound(cutoff);
        if (stop == f.seconds.begin()) continue;
        f.prunedLast = std::max(f.prunedLast, std::prev(stop)->first);
        f.seconds.erase(f.seconds.begin(), stop);
    }
}

std::vector<Alert> AlertEngine::activeAlerts() const {
    std::vector<Alert> out;
    for (const Alert& a : m_history)
        if (a.active()) out.push_back(a);
    return out;
}

const Alert* AlertEngine::find(std::uint64_t id) const {
    return const_cast<AlertEngine*>(this)->findMutable(id);
}

Alert* AlertEngine::findMutable(std::uint64_t id) {
    // Ids are handed out one by one, alerts are appended and only ever dropped from the
    // front: the history holds consecutive ids, so an id is its own index. (A search from
    // the newest end made every evaluation of a rule walk past the alerts of the rules
    // after it: 2,000 rules took 1.6 s, 20,000 minutes.)
    if (m_history.empty() || id < m_history.front().id || id > m_history.back().id) return nullptr;
    Alert& a = m_history[std::size_t(id - m_history.front().id)];
    return a.id == id ? &a : nullptr;
}

bool AlertEngine::acknowledge(std::uint64_t id) {
    Alert* a = findMutable(id);
    if (!a || a->acknowledged) return false;
    a->acknowledged = true;
    Q_EMIT alertUpdated(*a);
    Q_EMIT activeChanged();
    return true;
}

Severity AlertEngine::worstActive() const {
    Severity worst = Severity::None;
    for (const Alert& a : m_history)
        if (a.active() && a.severity > worst) worst = a.severity;
    return worst;
}

std::int64_t AlertEngine::evaluatedUpToUs() const {
    return m_lastEvaluated == INT64_MIN ? INT64_MIN : (m_lastEvaluated + 1) * kUsPerSecond;
}

QString AlertEngine::instanceName(std::uint32_t key) const {
    return key == kAllKey || key >= m_names.size() ? QString() : m_names[key];
}

} // namespace vigil
