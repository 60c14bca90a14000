// The rule engine on hand-made entries: thresholds, "for", repeat suppression,
// resolution, silence, authentication failures, scopes, and live/headless agreement.

#include "alertfixture.h"

#include "models/alerts/authfailure.h"

#include <QElapsedTimer>
#include <QtTest>

using namespace vigil;
using namespace vigil::test;

class TestAlertEngine : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void slowRequestFiresAboveThresholdNotAt();
    void escalatesOnTheSameAlert();
    void errorRateFiresAboveThresholdNotAt();
    void minSamplesHoldsBackSmallWindows();
    void forDurationMustHold();
    void resolvesWhenConditionEnds();
    void repeatSuppressedWithinWindowFiresAfter();
    void silentInstance();
    void silenceNeedsOthersWriting();
    void authFailuresPerMinute();
    void authFailureEventText();
    void scopes();
    void liveAndHeadlessAgree();
    void acknowledgeAndRulesReplaced();
    void p95();
    void manyRulesInLinearTime();
};

void TestAlertEngine::slowRequestFiresAboveThresholdNotAt() {
    AlertFixture f;
    f.engine.setRules({rule("slow", AlertMetric::RequestDuration, 5.0, 10.0)});
    f.feed("a", {AlertFixture::request(0, 5.0), AlertFixture::request(1, 1.0)});
    f.feed("a", {AlertFixture::request(2, 4.0, 1), AlertFixture::request(3, 31.0, 1),
                 AlertFixture::request(4, 0.5)});
    QVERIFY2(f.events.isEmpty(), qPrintable(f.events.join(' '))); // exactly 5 s, tools-on durations: no alert
    f.feed("a", {AlertFixture::request(5, 5.01), AlertFixture::request(6, 0.5)});
    QCOMPARE(f.events, QStringList{QStringLiteral("raised:slow:a:warning:1")});
    const Alert a = f.engine.activeAlerts().at(0);
    QCOMPARE(a.raisedUs, at(6));
    QCOMPARE(a.threshold, 5.0);
    QCOMPARE(float(a.value), 5.01f);
    QCOMPARE(f.engine.worstActive(), Severity::Warning);
}

void TestAlertEngine::escalatesOnTheSameAlert() {
    AlertFixture f;
    f.engine.setRules({rule("slow", AlertMetric::RequestDuration, 5.0, 10.0)});
    f.feed("a", {AlertFixture::request(0, 7.0), AlertFixture::request(1, 10.0),
                 AlertFixture::request(2, 10.5), AlertFixture::request(3, 1.0)});
    QCOMPARE(f.events, (QStringList{QStringLiteral("raised:slow:a:warning:1"),
                                    QStringLiteral("raised:slow:a:critical:1")}));
    QCOMPARE(f.engine.history().size(), std::size_t(1));
    QCOMPARE(f.engine.history().front().peakSeverity, Severity::Critical);
    QCOMPARE(f.engine.worstActive(), Severity::Critical);
}

void TestAlertEngine::errorRateFiresAboveThresholdNotAt() {
    AlertFixture f;
    f.engine.setRules({rule("errors", AlertMetric::ErrorRate, 5.0, 10.0, 10)});
    // 20 operations in second 0, one of them a 500: exactly 5 %.
    std::vector<TestEntry> s0;
    for (int k = 0; k < 20; ++k)
        s0.push_back(AlertFixture::request(0.01 * k, 0.1, 0, k == 0 ? 500 : 200));
    f.feed("a", s0);
    f.feed("a", {AlertFixture::request(1, 0.1)}); // completes second 0: 1/20 = 5 %
    QVERIFY2(f.events.isEmpty(), qPrintable(f.events.join(' ')));
    // Second 1 adds a request and an error: 2/22 = 9.1 % -> warning, not critical.
    f.feed("a", {AlertFixture::request(1.5, 0.1, 0, 503), AlertFixture::request(2, 0.1)});
    QCOMPARE(f.events, QStringList{QStringLiteral("raised:errors:a:warning:1")});
    QVERIFY(std::abs(f.engine.activeAlerts().at(0).value - 200.0 / 22) < 1e-9);
    // 3/24 = 12.5 % -> critical.
    f.feed("a", {AlertFixture::request(2.5, 0.1, 0, 500), AlertFixture::request(3, 0.1)});
    QCOMPARE(f.events.last(), QStringLiteral("raised:errors:a:critical:1"));
}

void TestAlertEngine::minSamplesHoldsBackSmallWindows() {
    AlertFixture f;
    AlertRule r = rule("errors", AlertMetric::ErrorRate, 5.0, 10.0, 10);
    r.minSamples = 5;
    f.engine.setRules({r});
    f.feed("a", {AlertFixture::request(0, 0.1, 0, 500), AlertFixture::request(1, 0.1),
                 AlertFixture::request(2, 0.1), AlertFixture::request(3, 0.1)});
    QVERIFY(f.events.isEmpty()); // 1 error of 4 operations: too few to judge
    f.feed("a", {AlertFixture::request(4, 0.1), AlertFixture::request(5, 0.1)});
    QCOMPARE(f.events, QStringList{QStringLiteral("raised:errors:a:critical:1")}); // 1/5 = 20 %
}

void TestAlertEngine::forDurationMustHold() {
    AlertFixture f;
    f.engine.setRules({rule("slow", AlertMetric::RequestDuration, 5.0, std::nullopt, 1, 5)});
    // Slow for 3 seconds, then normal: never fires.
    for (int s = 0; s < 3; ++s)
        f.feed("a", {AlertFixture::request(s, 6.0)});
    for (int s = 3; s < 6; ++s)
        f.feed("a", {AlertFixture::request(s, 1.0)});
    QVERIFY(f.events.isEmpty());
    // Slow from second 10 on: true at 10..14 (4 s held) no alert; at 15 it has held 5 s.
    for (int s = 10; s <= 15; ++s)
        f.feed("a", {AlertFixture::request(s, 6.0)});
    QVERIFY2(f.events.isEmpty(), qPrintable(f.events.join(' '))); // second 15 not complete yet
    f.feed("a", {AlertFixture::request(16, 6.0)});
    QCOMPARE(f.events, QStringList{QStringLiteral("raised:slow:a:warning:1")});
    QCOMPARE(f.engine.activeAlerts().at(0).raisedUs, at(16));
}

void TestAlertEngine::resolvesWhenConditionEnds() {
    AlertFixture f;
    f.engine.setRules({rule("slow", AlertMetric::RequestDuration, 5.0, 10.0, 10)});
    f.feed("a", {AlertFixture::request(0, 12.0)});
    for (int s = 1; s <= 9; ++s)
        f.feed("a", {AlertFixture::request(s, 1.0)});
    QCOMPARE(f.events.size(), 1);
    QVERIFY(f.engine.activeAlerts().size() == 1);
    f.feed("a", {AlertFixture::request(10, 1.0),
                 AlertFixture::request(11, 1.0)}); // second 10: window (0, 10] no longer holds 0
    QCOMPARE(f.events.last(), QStringLiteral("resolved:slow:a:critical:1"));
    QVERIFY(f.engine.activeAlerts().empty());
    QCOMPARE(f.engine.history().front().resolvedUs, at(11));
    QCOMPARE(f.engine.worstActive(), Severity::None);
}

void TestAlertEngine::repeatSuppressedWithinWindowFiresAfter() {
    AlertFixture f;
    f.engine.setRules({rule("slow", AlertMetric::RequestDuration, 5.0, 10.0, 1, 0, 900)});
    auto burst = [&](int s) {
        f.feed("a", {AlertFixture::request(s, 7.0)});
        f.feed("a", {AlertFixture::request(s + 1, 1.0), AlertFixture::request(s + 2, 1.0)});
    };
    burst(0); // raised, then resolved
    QCOMPARE(f.events, (QStringList{QStringLiteral("raised:slow:a:warning:1"),
                                    QStringLiteral("resolved:slow:a:warning:1")}));
    burst(600); // within 15 min of the notification: folded into alert 1
    QCOMPARE(f.events.mid(2), (QStringList{QStringLiteral("updated:slow:a:warning:1"),
                                           QStringLiteral("resolved:slow:a:warning:1")}));
    QCOMPARE(f.engine.history().size(), std::size_t(1));
    QCOMPARE(f.engine.history().front().repeats, 1);
    burst(898); // 899 s after the notification at 1 s: still within
    QCOMPARE(f.engine.history().size(), std::size_t(1));
    burst(901); // 901 s after it: a new alert
    QCOMPARE(f.events.mid(6), (QStringList{QStringLiteral("raised:slow:a:warning:2"),
                                           QStringLiteral("resolved:slow:a:warning:2")}));
    QCOMPARE(f.engine.history().size(), std::size_t(2));
    // Escalation is never suppressed by an earlier warning.
    f.feed("a", {AlertFixture::request(950, 12.0), AlertFixture::request(951, 1.0)});
    QCOMPARE(f.events.at(8), QStringLiteral("raised:slow:a:critical:3"));
}

void TestAlertEngine::silentInstance() {
    AlertFixture f;
    f.engine.setRules({rule("silent", AlertMetric::InstanceSilent, 300.0, std::nullopt)});
    for (int s = 0; s <= 10; ++s) {
        f.feed("a", {AlertFixture::info(s)});
        f.feed("b", {AlertFixture::info(s)});
    }
    // b stops after second 10; a goes on writing every 10 s.
    for (int s = 20; s <= 310; s += 10)
        f.feed("a", {AlertFixture::info(s)});
    QVERIFY2(f.events.isEmpty(), qPrintable(f.events.join(' '))); // 300 s of silence is not above 300
    f.feed("a", {AlertFixture::info(311), AlertFixture::info(312)});
    QCOMPARE(f.events, QStringList{QStringLiteral("raised:silent:b:warning:1")});
    QCOMPARE(f.engine.activeAlerts().at(0).value, 301.0);
    f.feed("b", {AlertFixture::info(320)});
    f.feed("a", {AlertFixture::info(321)});
    QCOMPARE(f.events.last(), QStringLiteral("resolved:silent:b:warning:1"));
}

void TestAlertEngine::silenceNeedsOthersWriting() {
    AlertFixture f;
    f.engine.setRules({rule("silent", AlertMetric::InstanceSilent, 300.0, std::nullopt)});
    f.feed("a", {AlertFixture::info(0)});
    f.feed("b", {AlertFixture::info(0)});
    // Everybody quiet for an hour, then b alone writes once: a has been silent while b
    // was silent too, but at second 3600 b writes and a has not for 3600 s.
    f.feed("b", {AlertFixture::info(3600), AlertFixture::info(3601)});
    QCOMPARE(f.events, QStringList{QStringLiteral("raised:silent:a:warning:1")});
    // Not b: it wrote at 3600.
    QCOMPARE(f.engine.activeAlerts().size(), std::size_t(1));
}

void TestAlertEngine::authFailuresPerMinute() {
    AlertFixture f;
    f.engine.setRules({rule("auth", AlertMetric::AuthFailures, 10.0, std::nullopt, 60)});
    std::vector<TestEntry> e;
    for (int k = 0; k < 10; ++k)
        e.push_back(AlertFixture::request(k * 5, 0.2, 0, 401));
    e.push_back(AlertFixture::request(51, 0.2, 0, 403)); // authorisation, not authentication
    e.push_back(AlertFixture::request(52, 0.2));
    f.feed("a", e);
    QVERIFY2(f.events.isEmpty(), qPrintable(f.events.join(' '))); // 10 per minute: not above 10
    f.feed("a", {AlertFixture::request(55, 0.2, 0, 401), AlertFixture::request(56, 0.2)});
    QCOMPARE(f.events, QStringList{QStringLiteral("raised:auth:a:warning:1")});
    QCOMPARE(f.engine.activeAlerts().at(0).value, 11.0);
}

void TestAlertEngine::authFailureEventText() {
    const char* failed =
        R"(2025-10-10 12:00:00 - [eco-backend] - middleware.event_logger - WARNING - [event_logger:log_event:57] - EVENT: {"timestamp": "2025-10-10T12:00:00Z", "instance": "eco-backend", "event_type": "authentication", "data": {"user": "u1", "success": false, "reason": "invalid api key"}})";
    const char* ok =
        R"(2025-10-10 12:00:00 - [eco-backend] - middleware.event_logger - INFO - [event_logger:log_event:57] - EVENT: {"event_type":"authentication","data":{"user":"u1","success":true}})";
    const char* words =
        R"(... - EVENT: {"event_type": "authentication", "data": {"result": "login failed"}})";
    const char* other =
        R"(... - EVENT: {"event_type": "chat_completion_error", "data": {"error": "auth failed"}})";
    QVERIFY(isAuthFailureEventText(failed));
    QVERIFY(!isAuthFailureEventText(ok));
    QVERIFY(isAuthFailureEventText(words));
    QVERIFY(!isAuthFailureEventText(other));
    QVERIFY(isAuthFailureStatus(401));
    QVERIFY(!isAuthFailureStatus(403));
}

void TestAlertEngine::scopes() {
    AlertFixture f;
    AlertRule listed = rule("listed", AlertMetric::RequestDuration, 5.0, std::nullopt);
    listed.scope = ScopeKind::List;
    listed.instances = {QStringLiteral("b")};
    AlertRule all = rule("all", AlertMetric::ErrorRate, 30.0, std::nullopt, 60);
    all.scope = ScopeKind::All;
    f.engine.setRules({listed, all});
    f.feed("a", {AlertFixture::request(0, 7.0), AlertFixture::request(0.5, 0.1, 0, 500)});
    f.feed("b", {AlertFixture::request(0, 0.1), AlertFixture::request(0.5, 0.1)});
    f.feed("b", {AlertFixture::request(1, 0.1)});
    QVERIFY2(f.events.isEmpty(), qPrintable(f.events.join(' '))); // a is not listed; 1/4 = 25 % overall
    f.feed("b", {AlertFixture::request(1.5, 6.0, 0, 500), AlertFixture::request(2, 0.1)});
    // Second 1: b's 6 s request; 2 errors of 6 operations over a and b together = 33 %.
    QCOMPARE(f.events, (QStringList{QStringLiteral("raised:listed:b:warning:1"),
                                    QStringLiteral("raised:all::warning:2")}));
}

void TestAlertEngine::liveAndHeadlessAgree() {
    // The same entries: fed second by second per instance (live), and in one batch per
    // instance, instance after instance, evaluated once at the end (a scan).
    std::vector<std::pair<std::string, TestEntry>> entries;
    std::mt19937 random(3);
    for (int s = 0; s < 400; ++s)
        for (const char* inst : {"a", "b", "c"}) {
            if (std::string(inst) == "c" && s > 30 && s < 380) continue; // c goes silent
            const int n = 1 + int(random() % 3);
            for (int k = 0; k < n; ++k) {
                const bool bad = (s / 50) % 3 == 1 && random() % 4 == 0;
                const double duration = (s % 97 == 0) ? 12.0 : 0.1 + (random() % 100) / 50.0;
                entries.push_back(
                    {inst, AlertFixture::request(s + k * 0.3, duration, 0,
                                                 bad ? 500 : (random() % 40 == 0 ? 401 : 200))});
            }
        }
    std::vector<AlertRule> rules = defaultAlertRules();
    for (AlertRule& r : rules)
        r.repeatSeconds = 60;

    AlertFixture live;
    live.engine.setRules(rules);
    for (const auto& [inst, e] : entries)
        live.feed(inst, {e});
    live.engine.flush();

    AlertFixture scan;
    scan.engine.setRules(rules);
    for (const char* inst : {"c", "a", "b"}) {
        std::vector<TestEntry> mine;
        for (const auto& [i, e] : entries)
            if (i == inst) mine.push_back(e);
        scan.feed(inst, mine, false);
    }
    scan.engine.flush();

    auto describe = [](const AlertFixture& f) {
        QStringList out;
        for (const Alert& a : f.engine.history())
            out << QStringLiteral("%1 %2 %3 %4 %5 %6")
                       .arg(a.ruleId, a.instance, severityName(a.peakSeverity))
                       .arg(a.raisedUs)
                       .arg(a.resolvedUs)
                       .arg(a.repeats);
        return out;
    };
    // Alerts raised in the same second may list in another order (instance ids differ).
    QStringList a = describe(live), b = describe(scan);
    a.sort();
    b.sort();
    QVERIFY(a.size() >= 4);
    QVERIFY(!a.filter(QStringLiteral("instance-silent c")).isEmpty());
    QVERIFY(!a.filter(QStringLiteral("error-rate")).isEmpty());
    QVERIFY(!a.filter(QStringLiteral("slow-requests ")).isEmpty());
    QCOMPARE(a, b);
}

void TestAlertEngine::acknowledgeAndRulesReplaced() {
    AlertFixture f;
    f.engine.setRules({rule("slow", AlertMetric::RequestDuration, 5.0, 10.0)});
    f.feed("a", {AlertFixture::request(0, 12.0), AlertFixture::request(1, 0.1)});
    const std::uint64_t id = f.engine.activeAlerts().at(0).id;
    QSignalSpy changed(&f.engine, &AlertEngine::activeChanged);
    QVERIFY(f.engine.acknowledge(id));
    QVERIFY(!f.engine.acknowledge(id));
    QVERIFY(f.engine.find(id)->acknowledged);
    QCOMPARE(changed.count(), 1);
    // Replacing the rules without "slow" resolves its alert.
    f.engine.setRules({rule("other", AlertMetric::ErrorRate, 5.0, 10.0)});
    QVERIFY(f.engine.activeAlerts().empty());
    QCOMPARE(f.events.last(), QStringLiteral("resolved:slow:a:critical:1"));
}

void TestAlertEngine::p95() {
    AlertFixture f;
    AlertRule r = rule("p95", AlertMetric::P95, 2.0, std::nullopt, 10);
    r.minSamples = 20;
    f.engine.setRules({r});
    std::vector<TestEntry> e;
    for (int k = 0; k < 19; ++k)
        e.push_back(AlertFixture::request(k * 0.05, k < 17 ? 0.5 : 3.0));
    f.feed("a", e);
    f.feed("a", {AlertFixture::request(1, 0.5)});
    QVERIFY(f.events.isEmpty()); // second 0 had 19 timed requests: fewer than min_samples
    f.feed("a", {AlertFixture::request(2, 0.5)});
    QCOMPARE(f.events, QStringList{QStringLiteral("raised:p95:a:warning:1")});
    QVERIFY(std::abs(f.engine.activeAlerts().at(0).value - 3.0) < 0.03);
}

void TestAlertEngine::manyRulesInLinearTime() {
    // 20,000 rules that all fire on 4 instances: 80,000 alerts, each looked up every second.
    // The lookup walked the history from its newest end: 2,000 rules took 1.6 s, 20,000
    // over 300 s (sanitizers).
    AlertFixture f;
    std::vector<AlertRule> rules;
    for (int i = 0; i < 20000; ++i)
        rules.push_back(rule(("errors-" + std::to_string(i)).c_str(), AlertMetric::ErrorRate, 5.0, 10.0, 10));
    f.engine.setRules(rules);
    QElapsedTimer timer;
    timer.start();
    for (int second = 0; second < 6; ++second)
        for (const char* instance : {"a", "b", "c", "d"})
            f.feed(instance, {AlertFixture::request(second, 0.1, 0, 500)}, false);
    f.engine.flush();
    const qint64 ms = timer.elapsed();
    QCOMPARE(f.engine.history().size(), std::size_t(80000));
    // Under a second in Release; generous for sanitizer builds on a busy machine.
    QVERIFY2(ms < 30000, qPrintable(QStringLiteral("%1 ms").arg(ms)));
    qInfo("20,000 rules over 4 instances and 6 seconds in %lld ms", ms);
}

QTEST_GUILESS_MAIN(TestAlertEngine)
#include "tst_alertengine.moc"
