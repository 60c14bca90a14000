// Live-charts benchmark: 3 instances writing 5,000 entries/s each, appended to the store
// every 100 ms on the GUI thread (as LiveIngest does) and ingested by the metrics, with the
// charts panel open on the 1 h window. Prints the time per chart update (ChartsPanel::
// refresh: chart data, bulk replace() of every series, endpoint table) and the longest
// GUI-thread stall, measured by a 2 ms heartbeat timer (it includes painting).
//
// benchcharts [--seconds 60] [--rate 5000] [--instances 3] [--prefill-minutes 0] [--prefill-rate 20]
//   --prefill-minutes fills the window's past first (at --prefill-rate entries/s per
//   instance) so that every bucket of the 1 h window holds data.

#include "models/endpointtablemodel.h"
#include "models/metrics/metricsmodel.h"
#include "models/store/entryflags.h"
#include "views/charts/chartspanel.h"
#include "views/charts/timechartview.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>
#include <QTimer>

#include <time.h>

#include <algorithm>
#include <cmath>
#include <random>

using namespace vigil;

namespace {

// Generates one source's entries: seed 000-like request lines, event payloads and errors.
class SourceGenerator {
  public:
    SourceGenerator(EntryStore& store, const QString& instance, unsigned seed) : m_rng(seed) {
        SourceInfo info;
        info.relativePath = QStringLiteral("instances/%1/logs/app.log").arg(instance);
        info.defaultInstance = instance.toStdString();
        m_file = store.sources().add(info);
        m_instance = instance.toStdString();
    }

    EntryBatch batch(std::int64_t fromUs, std::int64_t toUs, int count) {
        EntryBatch b;
        b.file = m_file;
        b.reserve(std::size_t(count));
        if (m_first) {
            b.newInstances.push_back(m_instance);
            for (const char* e : kEndpoints)
                b.newEndpoints.emplace_back(e);
            m_first = false;
        }
        std::uniform_real_distribution<double> unit(0, 1);
        std::lognormal_distribution<double> latency(std::log(0.8), 0.9);
        for (int i = 0; i < count; ++i) {
            const double u = unit(m_rng);
            b.timeUs.push_back(fromUs + (toUs - fromUs) * i / std::max(1, count));
            b.offset.push_back(m_offset);
            b.length.push_back(180);
            m_offset += 181;
            b.instance.push_back(1);
            b.logger.push_back(0);
            const bool request = u < 0.7;
            b.endpoint.push_back(request ? 1 + std::uint32_t(m_rng() % std::size(kEndpoints)) : 0);
            b.durationSeconds.push_back(request ? float(latency(m_rng))
                                                : std::numeric_limits<float>::quiet_NaN());
            b.status.push_back(request ? (unit(m_rng) < 0.03 ? 503 : 200) : 0);
            const Level level = u < 0.05   ? Level::Error
                                : u < 0.12 ? Level::Warning
                                : u < 0.9  ? Level::Info
                                           : Level::Debug;
            b.level.push_back(std::uint8_t(level));
            b.format.push_back(1);
            b.flags.push_back(request && (m_rng() & 1) ? FlagToolsKnown | FlagToolsOn : 0);
            b.contentHash.push_back(level >= Level::Warning ? m_rng() | 1 : 0);
        }
        b.lines = std::uint64_t(count);
        b.bytes = std::uint64_t(count) * 181;
        return b;
    }

  private:
    static constexpr const char* kEndpoints[] = {
        "POST /v1/chat/completions", "GET /v1/models",  "GET /health",
        "POST /v1/auth/status",      "GET /v1/metrics", "POST /api/v1/tasks"};
    std::mt19937_64 m_rng;
    FileId m_file;
    std::string m_instance;
    std::uint64_t m_offset = 0;
    bool m_first = true;
};

// CPU time of the calling thread: the part of a stall the GUI thread spent working, as
// opposed to waiting for a core the machine gave to another process.
double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

QString loadAverage() {
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()).section(QLatin1Char(' '), 0, 2)
                                       : QStringLiteral("unknown");
}

struct Stats {
    std::vector<double> values;
    void add(double v) { values.push_back(v); }
    double percentile(double q) {
        if (values.empty()) return 0;
        std::sort(values.begin(), values.end());
        return values[std::min(values.size() - 1, std::size_t(q * double(values.size())))];
    }
    double max() { return values.empty() ? 0 : *std::max_element(values.begin(), values.end()); }
    double mean() {
        double s = 0;
        for (double v : values)
            s += v;
        return values.empty() ? 0 : s / double(values.size());
    }
};

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const auto option = [&](const char* name, double fallback) {
        const int i = args.indexOf(QLatin1String(name));
        return i > 0 && i + 1 < args.size() ? args[i + 1].toDouble() : fallback;
    };
    const double seconds = option("--seconds", 60);
    const int rate = int(option("--rate", 5000));
    const int instanceCount = int(option("--instances", 3));
    const double prefillMinutes = option("--prefill-minutes", 0);
    const int prefillRate = int(option("--prefill-rate", 20));
    const double warmupSeconds = option("--warmup", 2);
    const bool verbose = args.contains(QStringLiteral("--verbose"));
    QTextStream out(stdout);

    EntryStore store;
    MetricsModel metrics;
    std::vector<SourceGenerator> sources;
    for (int i = 0; i < instanceCount; ++i)
        sources.emplace_back(store, QStringLiteral("bench-%1").arg(i + 1), unsigned(1000 + i));

    const auto nowUs = [] { return QDateTime::currentMSecsSinceEpoch() * 1000; };
    if (prefillMinutes > 0) {
        const std::int64_t end = nowUs(), start = end - std::int64_t(prefillMinutes * 60e6);
        for (std::int64_t t = start; t < end; t += 1000000)
            for (auto& s : sources) {
                const EntryIndex first = store.append(s.batch(t, t + 1000000, prefillRate));
                metrics.ingest(store, first, store.endIndex());
            }
        out << "prefilled " << store.size() << " entries over " << prefillMinutes << " min\n";
    }
    { out << "load average at the start: " << loadAverage() << "\n"; }

    QElapsedTimer clock;
    clock.start();
    const auto nowS = [&] { return double(clock.nsecsElapsed()) / 1e9; };
    EndpointTableModel endpoints(metrics, store.endpoints());
    ChartsPanel panel(store, metrics, endpoints);
    panel.resize(1400, 1000);
    panel.show();
    panel.setWindow(ChartWindow::Hour1);
    // The panel refreshes itself once a second, staggered over event-loop turns as in the
    // application; each refresh reports the GUI-thread time its steps took.
    Stats updateWall, updateCpu, ingest, gaps, busy;
    double maxUpdateWall = 0, maxUpdateCpu = 0, longestStall = 0, longestBusy = 0;
    QObject::connect(&panel, &ChartsPanel::refreshed, [&] {
        const double wall = panel.lastRefreshMs(), cpu = panel.lastRefreshCpuMs();
        maxUpdateWall = std::max(maxUpdateWall, wall);
        maxUpdateCpu = std::max(maxUpdateCpu, cpu);
        if (nowS() >= warmupSeconds) {
            updateWall.add(wall);
            updateCpu.add(cpu);
        }
        if (verbose) out << "  update at " << nowS() << " s: " << wall << " ms wall, " << cpu << " ms CPU\n";
    });

    // Heartbeat: the longest gap between two 2 ms ticks is the longest time the GUI thread
    // could not react (wall clock, so it includes time the machine gave to other
    // processes); the thread CPU time between two ticks is the GUI thread's own work.
    qint64 lastBeat = -1;
    double lastCpu = 0;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(2);
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        const double cpu = threadCpuMs();
        if (lastBeat >= 0 && nowS() >= warmupSeconds) {
            const double gap = double(now - lastBeat) / 1e6 - 2.0, worked = cpu - lastCpu;
            gaps.add(gap);
            busy.add(worked);
            longestStall = std::max(longestStall, gap);
            longestBusy = std::max(longestBusy, worked);
            if (verbose && gap > 8)
                out << "  stall at " << nowS() << " s: " << gap << " ms wall, " << worked << " ms CPU\n";
        }
        lastBeat = now;
        lastCpu = cpu;
    });

    // Producer: every 100 ms, each instance's entries for the time since the last batch,
    // appended and ingested on the GUI thread as LiveIngest delivers them.
    std::int64_t produced = 0;
    std::int64_t lastUs = nowUs();
    QTimer producer;
    producer.setTimerType(Qt::PreciseTimer);
    producer.setInterval(100);
    QObject::connect(&producer, &QTimer::timeout, [&] {
        const std::int64_t now = nowUs();
        const int count = int(double(rate) * double(now - lastUs) / 1e6);
        if (count <= 0) return;
        QElapsedTimer t;
        t.start();
        for (auto& s : sources) {
            const EntryIndex first = store.append(s.batch(lastUs, now, count));
            metrics.ingest(store, first, store.endIndex());
            produced += count;
        }
        ingest.add(double(t.nsecsElapsed()) / 1e6);
        lastUs = now;
    });

    heartbeat.start();
    producer.start();
    QTimer::singleShot(int(seconds * 1000), &app, &QApplication::quit);
    app.exec();

    const double elapsed = nowS();
    out << "platform " << QGuiApplication::platformName() << ", OpenGL line series "
        << (TimeChartView::openGlAllowed() ? "on" : "off") << "\n";
    out << "ran " << elapsed << " s: " << produced << " entries (" << qint64(double(produced) / elapsed)
        << "/s over " << instanceCount << " instances), store " << store.size() << " entries\n";
    out << "window 1 h: lines at " << panel.data().resolutionSeconds << " s, bars at "
        << panel.data().volumeResolutionSeconds << " s, " << panel.data().instances.size()
        << " instances charted\n";
    out << "after a " << warmupSeconds << " s warm-up:\n";
    out << "  chart update (" << updateWall.values.size() << " updates), wall ms: mean " << updateWall.mean()
        << ", p50 " << updateWall.percentile(0.5) << ", p95 " << updateWall.percentile(0.95) << ", max "
        << updateWall.max() << "\n";
    out << "  chart update, GUI-thread CPU ms: mean " << updateCpu.mean() << ", p50 "
        << updateCpu.percentile(0.5) << ", p95 " << updateCpu.percentile(0.95) << ", max " << updateCpu.max()
        << "\n";
    out << "  append+ingest per 100 ms batch ms: mean " << ingest.mean() << ", p95 "
        << ingest.percentile(0.95) << ", max " << ingest.max() << "\n";
    out << "  GUI-thread stall (heartbeat gap beyond 2 ms) ms: p99 " << gaps.percentile(0.99) << ", p99.9 "
        << gaps.percentile(0.999) << ", longest " << longestStall << "\n";
    out << "  GUI-thread work between two heartbeats (thread CPU) ms: p99 " << busy.percentile(0.99)
        << ", longest " << longestBusy << "\n";
    out << "including warm-up: longest update " << maxUpdateWall << " ms wall, " << maxUpdateCpu
        << " ms CPU\n";
    out << "load average at the end (other processes share the cores): " << loadAverage() << "\n";
    // CPU figures decide: wall figures also hold whatever time the machine gave elsewhere.
    const bool ok = updateCpu.max() < 5.0 && longestBusy < 16.0;
    out << (ok ? "targets met" : "targets missed")
        << " (every update < 5 ms and GUI-thread work between two heartbeats < 16 ms, in thread CPU time)\n";
    return ok ? 0 : 1;
}
