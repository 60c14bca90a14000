// Incident-answer figures on a large corpus (not a CTest test):
//   bench_insight [CORPUS_DIR]     (default: a 200 MB corpus under the system's temp folder)
// prints the time and memory to group every entry into message patterns, the cost of one
// incremental update while following at 5,000 entries/s (2,500 entries every 500 ms: the
// worker's share and the GUI thread's share), the outliers over each chart window (none
// expected on the generated corpus: its instances agree) and the time of a range diff.

#include "benchsupport.h"

#include "models/ingest/scanner.h"
#include "models/insight/outlierdetector.h"
#include "models/insight/patternlistmodel.h"
#include "models/insight/rangediff.h"
#include "models/insight/siblinggroups.h"
#include "models/metrics/chartwindow.h"

#include <QCoreApplication>
#include <QSortFilterProxyModel>

#include <algorithm>

using namespace vigil;

namespace {
// CPU time of this thread: on a machine shared with other work the wall time of a slice
// also counts the time the thread waited for a core.
double threadCpuSeconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}
} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const QString dir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QDir::tempPath() + "/vigil-bench-c200";
    if (!bench::ensureCorpus(dir, 200)) return 1;

    EntryStore store;
    bench::Stopwatch clock;
    scanInto(store, {dir});
    out << "scan: " << store.size() << " entries, " << clock.text() << "\n" << Qt::flush;
    const TextAccess text = TextAccess::capture(store);

    const std::uint64_t rssBefore = bench::procStatusBytes("VmRSS");
    clock.restart();
    PatternIndex index;
    index.add(store, text, store.beginIndex(), store.endIndex());
    const std::vector<PatternRow> rows = index.rows();
    const double patternSeconds = clock.wall();
    out << "patterns: " << rows.size() << " patterns over " << index.entries() << " entries, " << clock.text()
        << ", " << QString::number(double(index.entries()) / patternSeconds / 1e6, 'f', 2)
        << " M entries/s\n";
    out << "  resident memory: +" << (bench::procStatusBytes("VmRSS") - rssBefore) / 1024
        << " KiB for the index (" << bench::procStatusBytes("VmRSS") / (1024 * 1024)
        << " MiB in all, the mapped corpus included)\n";

    // Following at 5,000 entries/s: every 500 ms a run adds 2,500 entries on the worker,
    // then the GUI thread takes the rows into the model and rechecks the outliers.
    MetricsModel metrics;
    SiblingGroups siblings;
    PatternIndex live;
    PatternListModel model(store.instances());
    constexpr std::uint64_t kSlice = 2500;
    double workerMax = 0, workerSum = 0, guiMax = 0, guiSum = 0, guiCpuMax = 0;
    int slices = 0;
    // The first 80 % arrives as the opening scan; the rest is "followed" slice by slice.
    const std::uint64_t begin = store.beginIndex().value, end = store.endIndex().value;
    const std::uint64_t opened = begin + (end - begin) * 8 / 10;
    live.add(store, text, EntryIndex(begin), EntryIndex(opened));
    metrics.ingest(store, EntryIndex(begin), EntryIndex(opened));
    {
        bench::Stopwatch s;
        siblings.add(store, EntryIndex(begin),
                     EntryIndex(begin + std::min<std::uint64_t>(250'000, opened - begin)));
        out << "sibling groups over 250,000 entries (the most one GUI-thread check takes): "
            << QString::number(s.wall() * 1000, 'f', 2) << " ms\n";
    }
    siblings.add(store, EntryIndex(begin + std::min<std::uint64_t>(250'000, opened - begin)),
                 EntryIndex(opened));
    model.setRows(std::make_shared<const std::vector<PatternRow>>(live.rows()));
    for (std::uint64_t from = opened; from < end && slices < 200; from += kSlice, ++slices) {
        const std::uint64_t to = std::min(end, from + kSlice);
        bench::Stopwatch w;
        live.add(store, text, EntryIndex(from), EntryIndex(to));
        auto published = std::make_shared<const std::vector<PatternRow>>(live.rows());
        const double worker = w.wall();
        bench::Stopwatch g;
        metrics.ingest(store, EntryIndex(from), EntryIndex(to)); // the alert monitor's share, for scale
        const double ingest = g.wall();
        g.restart();
        const double cpu0 = threadCpuSeconds();
        model.setRows(published);
        siblings.add(store, EntryIndex(from), EntryIndex(to));
        const TimeRange range = chartRange(ChartWindow::Minutes15, metrics, metrics.lastTimeUs());
        OutlierDetector().find(metrics, siblings.groups(), range);
        const double gui = g.wall();
        guiCpuMax = std::max(guiCpuMax, threadCpuSeconds() - cpu0);
        (void)ingest;
        workerMax = std::max(workerMax, worker);
        workerSum += worker;
        guiMax = std::max(guiMax, gui);
        guiSum += gui;
    }
    out << "following (" << slices << " updates of " << kSlice << " entries): worker "
        << QString::number(workerSum / slices * 1000, 'f', 2) << " ms mean, "
        << QString::number(workerMax * 1000, 'f', 2)
        << " ms max; GUI thread (model rows + siblings + outliers) "
        << QString::number(guiSum / slices * 1000, 'f', 3) << " ms mean, "
        << QString::number(guiMax * 1000, 'f', 3) << " ms max wall, "
        << QString::number(guiCpuMax * 1000, 'f', 3) << " ms max CPU\n";

    // The worst case the runner publishes: kMaxShown rows, every count changed, re-sorted by
    // the view's proxy, as one live update delivers them to the GUI thread.
    {
        std::vector<PatternRow> many(PatternRunner::kMaxShown);
        for (std::size_t i = 0; i < many.size(); ++i) {
            many[i].pattern = "pattern " + std::to_string(i);
            many[i].count = (i * 7919) % 100'000;
            many[i].sparkline.assign(24, 1);
        }
        PatternListModel big(store.instances());
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&big);
        proxy.setSortRole(PatternListModel::SortRole);
        proxy.setDynamicSortFilter(true);
        proxy.sort(PatternListModel::CountColumn, Qt::DescendingOrder);
        big.setRows(std::make_shared<const std::vector<PatternRow>>(many));
        for (PatternRow& r : many)
            r.count += 13;
        bench::Stopwatch g;
        big.setRows(std::make_shared<const std::vector<PatternRow>>(many));
        out << "one update of " << many.size()
            << " patterns through a sorting proxy: " << QString::number(g.wall() * 1000, 'f', 2) << " ms\n";
    }

    // Outliers over each chart window, as the window would judge them.
    metrics.clear();
    metrics.ingest(store, store.beginIndex(), store.endIndex());
    SiblingGroups all;
    all.add(store, store.beginIndex(), store.endIndex());
    out << "sibling groups:";
    for (const auto& g : all.groups()) {
        out << " [";
        for (InstanceId id : g)
            out << " " << store.instances().label(id.value);
        out << " ]";
    }
    out << "\n";
    for (ChartWindow w : {ChartWindow::Minutes5, ChartWindow::Minutes15, ChartWindow::Hour1,
                          ChartWindow::Hours6, ChartWindow::All}) {
        const TimeRange range = chartRange(w, metrics, metrics.lastTimeUs());
        clock.restart();
        const auto found = OutlierDetector().find(metrics, all.groups(), range);
        out << "outliers over " << chartWindowName(w) << ": " << found.size() << " ("
            << QString::number(clock.wall() * 1000, 'f', 2) << " ms)";
        for (const Outlier& o : found)
            out << "\n  " << describeOutlier(o, store.instances().label(o.instance.value));
        out << "\n";
    }

    const std::int64_t last = metrics.lastTimeUs() + 1;
    clock.restart();
    const auto diff = diffPatterns(store, text, {last - 75 * 60'000'000LL, last - 15 * 60'000'000LL},
                                   {last - 15 * 60'000'000LL, last});
    out << "diff (last 15 min vs the hour before): " << diff->changes.size() << " pattern changes, "
        << clock.text() << "\n";
    return 0;
}
