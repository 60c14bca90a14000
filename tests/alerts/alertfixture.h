#pragma once
// Test helper: a store, its metrics and an alert engine fed exactly as the application
// feeds them (store append, MetricsModel::ingest, AlertEngine::ingest), with the signals
// recorded in order.

#include "../metrics/storefeeder.h"

#include "models/alerts/alertengine.h"

#include <QStringList>

#include <map>

namespace vigil::test {

constexpr std::int64_t kT0 = 1762770000LL * 1000000; // 2025-11-10 10:20:00 UTC
inline std::int64_t at(double seconds) {
    return kT0 + std::int64_t(seconds * 1e6);
}

struct AlertFixture {
    EntryStore store;
    StoreFeeder feeder{store};
    MetricsModel metrics;
    AlertEngine engine{metrics};
    std::map<std::string, FileId> files;
    QStringList events; // "raised:<rule>:<instance>:<severity>:<id>", "updated:...", "resolved:..."

    AlertFixture() {
        auto record = [this](const char* what) {
            return [this, what](const Alert& a) {
                events << QStringLiteral("%1:%2:%3:%4:%5")
                              .arg(QLatin1String(what), a.ruleId, a.instance, severityName(a.severity))
                              .arg(a.id);
            };
        };
        QObject::connect(&engine, &AlertEngine::alertRaised, record("raised"));
        QObject::connect(&engine, &AlertEngine::alertUpdated, record("updated"));
        QObject::connect(&engine, &AlertEngine::alertResolved, record("resolved"));
    }

    FileId file(const std::string& instance) {
        auto it = files.find(instance);
        if (it != files.end()) return it->second;
        const FileId id = feeder.addFile(QString::fromStdString(instance + "/app.log"), instance);
        files.emplace(instance, id);
        return id;
    }
    // Appends and evaluates like the live application: complete seconds only.
    void feed(const std::string& instance, const std::vector<TestEntry>& entries, bool evaluate = true) {
        const auto [first, end] = feeder.append(file(instance), entries);
        metrics.ingest(store, first, end);
        engine.ingest(store, first, end);
        if (evaluate) engine.evaluate();
    }
    static TestEntry request(double second, double duration, int tools = 0, std::uint16_t status = 200) {
        TestEntry e;
        e.timeUs = at(second);
        e.durationSeconds = float(duration);
        e.tools = tools;
        e.status = status;
        e.level = status >= 500 ? Level::Error : Level::Info;
        return e;
    }
    static TestEntry info(double second) {
        TestEntry e;
        e.timeUs = at(second);
        return e;
    }
};

inline AlertRule rule(const char* id, AlertMetric metric, std::optional<double> warning,
                      std::optional<double> critical, int window = 60, int forSeconds = 0, int repeat = 900) {
    AlertRule r;
    r.id = QString::fromLatin1(id);
    r.metric = metric;
    r.warning = warning;
    r.critical = critical;
    r.windowSeconds = window;
    r.forSeconds = forSeconds;
    r.repeatSeconds = repeat;
    return r;
}

} // namespace vigil::test
