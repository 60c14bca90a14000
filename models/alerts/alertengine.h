#pragma once
// Evaluates alert rules on entry time: every second that has entries is evaluated once
// it is complete (a later second has been seen), over the rule's window ending with it.
// Headless evaluation of a whole scan (ingest everything, then flush()) and live
// evaluation of entries arriving in order therefore raise the same alerts.
//
// Alerts fire when a condition has held for the rule's "for" duration, are raised once
// while the condition lasts (escalating from warning to critical on the same alert),
// resolve when it ends, and a recurrence within the rule's repeat window is folded into
// the previous alert instead of raising a new one. Windowed aggregates (error rate, p95)
// come from the MetricsModel, which must have ingested the same entries first; per-entry
// durations, authentication failures and last-seen times are kept here per second.

#include "alert.h"
#include "alertfacts.h"
#include "alertrule.h"

#include "../metrics/metricsmodel.h"
#include "../store/entrystore.h"

#include <QObject>

#include <deque>
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

namespace vigil {

class AlertEngine : public QObject {
    Q_OBJECT
  public:
    explicit AlertEngine(const MetricsModel& metrics, QObject* parent = nullptr);

    // Replaces the rules. Rules keep their state by id; alerts of rules that are gone or
    // disabled resolve.
    void setRules(std::vector<AlertRule> rules);
    const std::vector<AlertRule>& rules() const { return m_rules; }

    // Records the entries [first, end) of the store (after the MetricsModel has them).
    void ingest(const EntryStore& store, EntryIndex first, EntryIndex end);
    // Records facts collected elsewhere (a worker), as ingest() of their entries would;
    // `instances` names them. With a budget (ms, for the thread that paints) it stops after
    // about that long and returns false while some are left; `facts` keeps its place.
    bool ingest(AlertFacts& facts, const InstanceTable& instances, int budgetMs = -1);
    // Evaluates every complete second not evaluated yet (those before the newest entry's).
    void evaluate();
    // Evaluates the newest second too: the end of a headless scan.
    void flush();
    // evaluate() (flush() when `all`) a slice at a time, for the thread that paints:
    // evaluates the oldest pending seconds for about budgetMs and returns false while some
    // are left. Days of history, evaluated at once, took 0.6 s at 4.8 M entries.
    bool evaluateFor(int budgetMs, bool all);
    // Forgets entries, alerts and history; rules stay.
    void clear();

    std::vector<Alert> activeAlerts() const;
    const std::deque<Alert>& history() const { return m_history; } // oldest first, active included
    const Alert* find(std::uint64_t id) const;
    bool acknowledge(std::uint64_t id);
    Severity worstActive() const;
    // Entry time up to which rules have been evaluated (epoch µs), or INT64_MIN.
    std::int64_t evaluatedUpToUs() const;
    std::uint64_t evaluatedSeconds() const { return m_evaluatedSeconds; }

    static constexpr std::size_t kHistoryCap = 5000;

  Q_SIGNALS:
    void alertRaised(const vigil::Alert& alert);  // new, or escalated to a higher severity
    void alertUpdated(const vigil::Alert& alert); // value, folded repeat, acknowledgement
    // The current value of an active alert changed (each evaluated second it moves).
    void alertValueChanged(const vigil::Alert& alert);
    void alertResolved(const vigil::Alert& alert);
    void activeChanged(); // the set or worst state of active alerts may differ

  private:
    // Evaluates the pending seconds before `limit`, then drops what no window needs.
    // False when budgetMs (if >= 0) ran out with seconds before `limit` left.
    bool evaluateSecondsBefore(std::int64_t limit, int budgetMs = -1);
    using SecondFacts = AlertSecondFacts;
    struct InstanceFacts {
        std::map<std::int64_t, SecondFacts> seconds; // by epoch second; every second with entries
        std::int64_t prunedLast = INT64_MIN;         // newest second pruned from the map
    };
    struct KeyState {
        std::int64_t pendingSinceUs = INT64_MIN; // condition true since (INT64_MIN: false)
        std::uint64_t alertId = 0;               // the latest alert of this rule and key
        bool active = false;
        std::int64_t notifiedUs[3] = {INT64_MIN, INT64_MIN, INT64_MIN}; // by Severity
    };
    static constexpr std::uint32_t kAllKey = UINT32_MAX;

    void evaluateSecond(std::int64_t second);
    void evaluateRule(const AlertRule& rule, std::int64_t second, std::map<std::uint32_t, KeyState>& states);
    std::optional<double> valueOf(const AlertRule& rule, std::uint32_t key, std::int64_t second) const;
    void apply(const AlertRule& rule, std::uint32_t key, KeyState& state, std::optional<double> value,
               std::int64_t nowUs);
    void resolve(KeyState& state, std::int64_t nowUs);
    bool hasEntriesAt(std::uint32_t instance, std::int64_t second) const;
    std::int64_t lastSeenAsOf(std::uint32_t instance, std::int64_t second) const;
    void prune();
    Alert* findMutable(std::uint64_t id);
    QString instanceName(std::uint32_t key) const;

    const MetricsModel& m_metrics;
    std::vector<AlertRule> m_rules;
    std::vector<InstanceFacts> m_instances;                        // by InstanceId
    std::vector<QString> m_names;                                  // labels, by InstanceId
    std::vector<QString> m_bareNames;                              // names without their root
    std::vector<bool> m_shared;                                    // whether the label is qualified
    std::map<QString, std::map<std::uint32_t, KeyState>> m_states; // by rule id, then instance or kAllKey
    std::map<std::int64_t, bool> m_pendingSeconds;                 // seconds with entries not yet evaluated
    std::int64_t m_newestSecond = INT64_MIN;
    std::int64_t m_lastEvaluated = INT64_MIN;
    std::uint64_t m_evaluatedSeconds = 0;
    std::deque<Alert> m_history;
    std::uint64_t m_nextId = 1;
    bool m_changed = false;
    // Summaries of the second being evaluated, by instance (or kAllKey) and window.
    mutable std::map<std::pair<std::uint32_t, int>, MetricsBucket> m_summaries;
    mutable std::int64_t m_summarySecond = INT64_MIN;
};

} // namespace vigil
