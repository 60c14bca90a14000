// Main window figures on a large corpus (not a CTest test):
//   bench_mainwindow CORPUS_DIR [--no-export]
// prints time to the first rows painted after opening (the scan still running), re-filter
// by instance and level, substring search over every entry, export (unless --no-export), and
// the longest GUI-thread stall while following at 5,000 entries/s, with the CPU time (user +
// system) beside the wall time of the opening, of each query and of the whole run, and the
// process's peak and resident memory. Run in a Release build, offscreen or on Xvfb.

#include "benchsupport.h"

#include "models/demo/demowriter.h"
#include "models/export/entryexport.h"
#include "models/ingest/processsetup.h"
#include "views/logtableview.h"
#include "views/mainwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QMetaEnum>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <utility>
#include <vector>

#include <sys/resource.h>
#include <time.h>

using namespace vigil;

namespace {
QTextStream out(stdout);

// Times every top-level event dispatch on the GUI thread: the longest one is the longest
// stall our own code caused (a gap between probe ticks also counts time the OS gave to
// other processes on a busy machine).
QString eventName(QEvent::Type type) {
    const char* name = QMetaEnum::fromType<QEvent::Type>().valueToKey(type);
    return name ? QString::fromLatin1(name) : QString::number(int(type));
}

// CPU time of the calling thread: unlike wall time, it does not grow when other processes
// share the cores, so it is the figure to compare between runs on a busy machine.
qint64 threadCpuNs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// Pages the calling thread touched for the first time: each costs the kernel a few µs here.
long threadMinorFaults() {
    rusage usage{};
    getrusage(RUSAGE_THREAD, &usage);
    return usage.ru_minflt;
}

// Nanoseconds the calling thread has waited for a core while runnable (the second field of
// schedstat): what separates "other threads held the cores" from blocking or a slow event.
qint64 threadRunQueueWaitNs() {
    QFile file(QStringLiteral("/proc/thread-self/schedstat"));
    if (!file.open(QIODevice::ReadOnly)) return 0;
    const QList<QByteArray> fields = file.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toLongLong() : 0;
}

// A timer's owner says more than "QTimer".
QString receiverName(QObject* receiver) {
    QString name = QString::fromLatin1(receiver->metaObject()->className());
    if (receiver->parent() && (name == QLatin1String("QTimer") || name == QLatin1String("QSingleShotTimer")))
        name += QStringLiteral(" of ") + QString::fromLatin1(receiver->parent()->metaObject()->className());
    return name;
}

class TimedApplication : public QApplication {
  public:
    using QApplication::QApplication;
    bool measuring = false;
    qint64 longest = 0;
    qint64 longestCpu = 0; // the GUI thread's CPU time in the longest event by that measure
    QString longestWhat, longestCpuWhat;
    bool notify(QObject* receiver, QEvent* event) override {
        if (measuring && m_trace && m_depth > 0 && event->type() == QEvent::Paint)
            return notifyPaint(receiver, event);
        if (!measuring || m_depth > 0) return QApplication::notify(receiver, event);
        // Read before dispatching: a DeferredDelete deletes the receiver and the event with it.
        const QEvent::Type type = event->type();
        const QString className = receiverName(receiver);
        const QString objectName = m_trace ? receiver->objectName() : QString();
        ++m_depth;
        QElapsedTimer t;
        t.start();
        timespec began{};
        clock_gettime(CLOCK_MONOTONIC,
                      &began); // for lining the trace up with `perf record -k CLOCK_MONOTONIC`
        const qint64 cpuStart = threadCpuNs();
        const long faultsStart = threadMinorFaults();
        const qint64 waitStart = m_trace ? threadRunQueueWaitNs() : 0;
        const bool result = QApplication::notify(receiver, event);
        const qint64 cpu = threadCpuNs() - cpuStart;
        const long faults = threadMinorFaults() - faultsStart;
        const qint64 waited = m_trace ? threadRunQueueWaitNs() - waitStart : 0;
        const qint64 ns = t.nsecsElapsed();
        --m_depth;
        if (ns > 4'000'000 && m_trace)
            QTextStream(stderr) << "at " << QString::number(began.tv_sec + began.tv_nsec / 1e9, 'f', 6)
                                << " slow event " << eventName(type) << " to " << className << " "
                                << objectName << ": " << ns / 1e6 << " ms (CPU " << cpu / 1e6
                                << " ms, waiting for a core " << waited / 1e6 << " ms, " << faults
                                << " page faults)" << paintsText() << "\n";
        m_paintCpuNs.clear();
        if (ns > longest) {
            longest = ns;
            longestWhat = QStringLiteral("%1 to %2").arg(eventName(type), className);
        }
        if (cpu > longestCpu) {
            longestCpu = cpu;
            longestCpuWhat = QStringLiteral("%1 to %2").arg(eventName(type), className);
        }
        return result;
    }

  private:
    // A paint inside a traced event: its CPU time is added to its widget's, so that a slow
    // repaint of the window says which widgets it painted and what each cost.
    bool notifyPaint(QObject* receiver, QEvent* event) {
        QString name = receiverName(receiver);
        if (receiver->parent() && receiver->objectName().startsWith(QLatin1String("qt_")))
            name = receiverName(receiver->parent()); // a view's viewport: the view says more
        else if (name == QLatin1String("QWidget") && receiver->parent()) // a container: where it is
            name += QStringLiteral(" in ") + receiverName(receiver->parent());
        const qint64 cpuStart = threadCpuNs();
        const bool result = QApplication::notify(receiver, event);
        m_paintCpuNs[name] += threadCpuNs() - cpuStart;
        return result;
    }
    // "; painted: QTableView 9.1 ms, QChartView 3.2 ms", largest first, the paints of 0.5 ms and more.
    QString paintsText() const {
        std::vector<std::pair<qint64, QString>> paints;
        for (auto it = m_paintCpuNs.begin(); it != m_paintCpuNs.end(); ++it)
            if (it.value() >= 500'000) paints.emplace_back(it.value(), it.key());
        if (paints.empty()) return QString();
        std::sort(paints.rbegin(), paints.rend());
        QStringList parts;
        for (const auto& [ns, name] : paints)
            parts << QStringLiteral("%1 %2 ms").arg(name, QString::number(ns / 1e6, 'f', 1));
        return QStringLiteral("; painted, CPU: ") + parts.join(QStringLiteral(", "));
    }

    int m_depth = 0;
    const bool m_trace = qEnvironmentVariableIsSet("VIGIL_BENCH_TRACE");
    QHash<QString, qint64> m_paintCpuNs; // widget class → CPU time of its paints in this event
};

// Notes when the table's viewport has painted rows.
class PaintProbe : public QObject {
  public:
    PaintProbe(QAbstractItemView* view) : m_view(view) {}
    bool painted = false;
    qint64 at = 0;
    QElapsedTimer* clock = nullptr;
    bool eventFilter(QObject*, QEvent* e) override {
        if (e->type() == QEvent::Paint && !painted && m_view->model() && m_view->model()->rowCount() > 0) {
            painted = true;
            at = clock->nsecsElapsed();
        }
        return false;
    }

  private:
    QAbstractItemView* m_view;
};

// Waits in an event loop, as the application does between events. A loop of
// processEvents(flags, ms), which returns at once when nothing is pending, kept one of the
// two cores busy, and the queries and searches it waited for ran on the other.
void spin(QApplication&, const std::function<bool()>& done, int timeoutMs) {
    QElapsedTimer t;
    t.start();
    if (done()) return;
    QEventLoop loop;
    QTimer check;
    check.setInterval(1);
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done() || t.elapsed() >= timeoutMs) loop.quit();
    });
    check.start();
    loop.exec();
}

struct FilterTime {
    double wall = 0;   // ms until the table holds the result
    double worker = 0; // ms the query took on its worker
    double cpu = 0;    // ms of CPU time (user + system, all threads) meanwhile
    long faults = 0;   // page faults of the whole process meanwhile: fresh memory, files mapped
};

FilterTime timeFilter(QApplication& app, LogTableModel& model, const FilterSpec& spec) {
    QSignalSpy finished(&model, &LogTableModel::queryFinished);
    const bench::Stopwatch t;
    const long faults = bench::processMinorFaults();
    model.setFilter(spec);
    spin(
        app, [&] { return finished.count() > 0; }, 120000);
    return {t.wall() * 1000, finished.isEmpty() ? -1 : finished.at(0).at(0).toDouble() * 1000,
            (t.user() + t.system()) * 1000, bench::processMinorFaults() - faults};
}
} // namespace

int main(int argc, char** argv) {
    const bench::Stopwatch total;
    applyIngestProcessSettings();
    TimedApplication app(argc, argv);
    QString corpus;
    bool exportAll = true;
    for (const QString& arg : app.arguments().mid(1)) {
        if (arg == QLatin1String("--no-export"))
            exportAll = false;
        else
            corpus = arg;
    }
    if (corpus.isEmpty()) {
        QTextStream(stderr) << "usage: bench_mainwindow CORPUS_DIR [--no-export]\n";
        return 2;
    }
    const std::uint64_t anonStart = bench::procStatusBytes("RssAnon");
    QTemporaryDir settings;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings.path());

    MainWindow window;
    window.resize(1500, 900);
    window.show();
    spin(
        app, [] { return false; }, 200);

    // 1. Time to first rows painted.
    PaintProbe probe(window.table()->body());
    QElapsedTimer clock;
    probe.clock = &clock;
    window.table()->viewport()->installEventFilter(&probe);
    clock.start();
    const bench::Stopwatch openingCpu; // the process's CPU time while opening
    app.measuring = true;
    // A second root, written live by a DemoWriter on its own thread in phase 5.
    QTemporaryDir liveDir;
    auto* live = new DemoWriter(liveDir.path(), 13);
    live->writeHistory(10, 10);
    QThread liveThread;
    live->moveToThread(&liveThread);
    QObject::connect(&liveThread, &QThread::finished, live, &QObject::deleteLater);
    liveThread.start();
    window.openRoots({corpus, liveDir.path()});
    Workspace& ws = *window.workspace();
    spin(
        app, [&] { return probe.painted; }, 30000);
    const bool scanRunning = !ws.ingest().initialScanDone();
    out << "first rows painted:        " << probe.at / 1e6
        << " ms (scan still running: " << (scanRunning ? "yes" : "no") << ", " << ws.store().size()
        << " entries stored then)\n";
    out.flush();
    spin(
        app, [&] { return ws.ingest().initialScanDone() && ws.table().settled(); }, 120000);
    app.measuring = false;
    out << "scan finished:             " << clock.nsecsElapsed() / 1e6 << " ms, " << ws.store().size()
        << " entries, " << ws.table().rowCount() << " rows shown (" << openingCpu.text() << ")\n";
    out << "longest GUI event while opening: " << app.longest / 1e6 << " ms (" << app.longestWhat << ")\n";
    out << "  by CPU time of the GUI thread: " << app.longestCpu / 1e6 << " ms (" << app.longestCpuWhat
        << ")\n";
    out << QString::asprintf("resident beyond page cache after opening: %.1f MB, %.1f B per entry\n",
                             (bench::procStatusBytes("RssAnon") - anonStart) / 1e6,
                             double(bench::procStatusBytes("RssAnon") - anonStart) /
                                 double(ws.store().size()));
    app.longest = app.longestCpu = 0;
    out.flush();

    // 2. Re-filter by instance and level.
    LogTableModel& model = ws.table();
    std::vector<double> walls, cpus;
    const std::uint32_t instances = ws.store().instances().size();
    // Twice: the second pass finds the memory of the first (sparebuffers.h).
    for (int pass = 0; pass < 2; ++pass)
        for (std::uint32_t keep = 1; keep < std::min<std::uint32_t>(instances, 6); ++keep) {
            FilterSpec spec;
            spec.hiddenInstances.assign(instances, true);
            spec.hiddenInstances[keep] = false;
            spec.levelMask = (1u << unsigned(Level::Error)) | (1u << unsigned(Level::Warning)) |
                             (1u << unsigned(Level::Critical));
            const FilterTime f = timeFilter(app, model, spec);
            walls.push_back(f.wall);
            cpus.push_back(f.cpu);
            out << "  instance " << keep << " + WARNING..CRITICAL" << (pass ? " again" : "") << ": "
                << model.rowCount() << " rows, " << f.wall << " ms (query " << f.worker << " ms, CPU "
                << f.cpu << " ms, " << f.faults << " page faults)\n";
        }
    {
        const FilterTime f = timeFilter(app, model, FilterSpec());
        out << "  clear filter: " << model.rowCount() << " rows, " << f.wall << " ms (query " << f.worker
            << " ms, CPU " << f.cpu << " ms)\n";
    }
    out << "re-filter instance+level:  max " << *std::max_element(walls.begin(), walls.end())
        << " ms (CPU max " << *std::max_element(cpus.begin(), cpus.end()) << " ms)\n";
    out.flush();

    // 3. Substring search over every entry's text.
    double worstSearch = 0, worstSearchCpu = 0;
    for (const char* needle : {"timeout", "req_4344a3eae4a705f3", "Traceback", "connection refused"}) {
        for (bool caseSensitive : {false, true}) {
            FilterSpec spec;
            spec.text = needle;
            spec.caseSensitive = caseSensitive;
            const FilterTime f = timeFilter(app, model, spec);
            worstSearch = std::max(worstSearch, f.wall);
            worstSearchCpu = std::max(worstSearchCpu, f.cpu);
            out << "  search \"" << needle << "\"" << (caseSensitive ? " (case)" : "") << ": "
                << model.rowCount() << " rows, " << f.wall << " ms (query " << f.worker << " ms, CPU "
                << f.cpu << " ms, " << f.faults << " page faults)\n";
        }
    }
    out << "substring search:          max " << worstSearch << " ms (CPU max " << worstSearchCpu << " ms)\n";
    if (exportAll) {
        // Export of every entry (masked), as the File menu runs it on a worker.
        QTemporaryDir exportDir;
        QFile file(exportDir.filePath(QStringLiteral("all.jsonl")));
        file.open(QIODevice::WriteOnly);
        timeFilter(app, model, FilterSpec());
        const bench::Stopwatch t;
        const ExportSource source = ExportSource::capture(ws.store());
        const double captureMs = t.wall() * 1000;
        exportEntries(source, model.rows(), ExportFormat::JsonLines, model.masker(), file, nullptr, nullptr,
                      &ws.executor());
        out << "export " << model.rowCount() << " entries as JSON Lines: " << t.text() << " ("
            << file.size() / 1e6 << " MB; capture on the GUI thread " << captureMs << " ms)\n";
    }
    timeFilter(app, model, FilterSpec());
    out.flush();

    // 4. Following at 5,000 entries/s: batches of 100 every 20 ms, appended as the ingest
    // appends them, copies of stored entries (their bytes stay readable) with current times.
    EntryStore& store = ws.store();
    SourceInfo info = store.sources()[store.file(store.beginIndex())];
    info.relativePath = QStringLiteral("follow.log");
    const FileId followFile = store.sources().add(info);
    std::vector<EntryIndex> templates;
    for (std::uint64_t i = store.beginIndex().value; i < store.endIndex().value && templates.size() < 5000;
         ++i)
        if (store.file(EntryIndex(i)) == store.file(store.beginIndex())) templates.emplace_back(i);
    window.followAction()->setChecked(true);
    std::size_t next = 0;
    bool first = true;
    QTimer writer;
    writer.setInterval(20);
    QObject::connect(&writer, &QTimer::timeout, [&] {
        EntryBatch batch;
        batch.file = followFile;
        if (first) batch.newInstances = {"follow"};
        first = false;
        const std::int64_t now = QDateTime::currentMSecsSinceEpoch() * 1000;
        for (int k = 0; k < 100; ++k, ++next) {
            const EntryIndex t = templates[next % templates.size()];
            batch.timeUs.push_back(now + k);
            batch.offset.push_back(store.offset(t));
            batch.length.push_back(store.length(t));
            batch.instance.push_back(1);
            batch.logger.push_back(0);
            batch.endpoint.push_back(0);
            batch.durationSeconds.push_back(store.durationSeconds(t));
            batch.status.push_back(store.status(t));
            batch.level.push_back(std::uint8_t(store.level(t)));
            batch.format.push_back(std::uint8_t(store.format(t)));
            batch.flags.push_back(0);
            batch.contentHash.push_back(0);
            ++batch.lines;
        }
        const EntryIndex begin = store.append(batch);
        Q_EMIT ws.ingest().entriesAppended(begin.value, store.endIndex().value);
    });
    // The stall probe: a 1 ms timer; the longest gap between its ticks is the longest
    // time the GUI thread did not get back to its event loop.
    QElapsedTimer gap;
    qint64 last = 0, worst = 0;
    std::vector<qint64> gaps;
    QTimer probeTimer;
    probeTimer.setInterval(1);
    probeTimer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probeTimer, &QTimer::timeout, [&] {
        const qint64 now = gap.nsecsElapsed();
        gaps.push_back(now - last);
        worst = std::max(worst, now - last);
        last = now;
    });
    // Phase 4 appends copies itself; phase 5 writes real files the ingest follows.
    auto measure = [&](const char* what, const std::function<void()>& startWriting,
                       const std::function<void()>& stopWriting) {
        const std::uint64_t before = store.counters().entries;
        startWriting();
        spin(
            app, [] { return false; }, 500); // warm up
        gap.start();
        last = 0;
        worst = 0;
        gaps.clear();
        app.longest = app.longestCpu = 0;
        probeTimer.start();
        app.measuring = true;
        spin(
            app, [] { return false; }, 5000);
        app.measuring = false;
        probeTimer.stop();
        stopWriting();
        std::sort(gaps.begin(), gaps.end());
        const double appended = double(store.counters().entries - before);
        out << what << ": " << appended / 5.5 << " entries/s appended, table at row " << model.rowCount()
            << ", following "
            << (window.table()->following() && !window.table()->followPaused() ? "yes" : "no") << "\n";
        out << "  longest event handled on the GUI thread: " << app.longest / 1e6 << " ms ("
            << app.longestWhat << ")\n";
        out << "    by CPU time of the GUI thread: " << app.longestCpu / 1e6 << " ms (" << app.longestCpuWhat
            << ")\n";
        out << "  longest gap between 1 ms probe ticks: " << worst / 1e6 << " ms (p99 gap "
            << gaps[gaps.size() * 99 / 100] / 1e6 << " ms, median " << gaps[gaps.size() / 2] / 1e6
            << " ms)\n";
        out.flush();
    };
    measure(
        "following, appends in process", [&] { writer.start(); }, [&] { writer.stop(); });
    measure(
        "following, files written by another thread",
        [&] {
            QMetaObject::invokeMethod(
                live, [live] { live->start(5000, 20); }, Qt::QueuedConnection);
        },
        [&] {
            QMetaObject::invokeMethod(
                live, [live] { live->stop(); }, Qt::BlockingQueuedConnection);
        });
    liveThread.quit();
    liveThread.wait();
    out << QString::asprintf("peak RSS: %.1f MB\n", bench::procStatusBytes("VmHWM") / 1e6);
    out << "whole benchmark: " << total.text() << "\n";
    return 0;
}
