// Substring search over every held entry (not a CTest test):
//   bench_search CORPUS_DIR [--runs N] [--warm] [--refilter-only] [--needle TEXT]...
// scans the corpus into a store, then times each search of the main window's search box
// as its query runner runs it (whole store, time order, level counts and per-second
// histogram filled), then the instance and level re-filter, printing the median wall time
// and the CPU time and page faults each used (--warm: after the files are readied for search
// as the window readies them, searchwarmup.h). Each re-filter's rows are given back for the
// next run, as the table gives back the rows a result replaces (sparerows.h).
#include "benchsupport.h"
#include "models/exec/executor.h"

#include "models/ingest/processsetup.h"
#include "models/ingest/scanner.h"
#include "models/query/filtertally.h"
#include "models/query/queryengine.h"
#include "models/query/searchwarmup.h"
#include "models/query/sparerows.h"
#include "models/query/timeorder.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <algorithm>

using namespace vigil;

int main(int argc, char** argv) {
    applyIngestProcessSettings();
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    int runs = 5;
    bool searches = true;
    bool warm = false; // ready the files for search first, as the window does once a scan is done
    QString dir;
    std::vector<QByteArray> needles;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == "--runs" && i + 1 < args.size())
            runs = std::max(1, args[++i].toInt());
        else if (args[i] == "--warm")
            warm = true;
        else if (args[i] == "--refilter-only")
            searches = false;
        else if (args[i] == "--needle" && i + 1 < args.size())
            needles.push_back(args[++i].toUtf8());
        else
            dir = args[i];
    }
    QTextStream out(stdout);
    if (dir.isEmpty() || dir.startsWith(QLatin1Char('-')) || !QFileInfo(dir).isDir()) {
        if (!dir.isEmpty() && !dir.startsWith(QLatin1Char('-'))) out << "not a directory: " << dir << "\n";
        out << "usage: bench_search CORPUS_DIR [--runs N] [--warm] [--refilter-only] [--needle TEXT]...\n";
        return 2;
    }
    EntryStore store;
    bench::Stopwatch scan;
    scanInto(store, {dir});
    out << "scanned " << store.size() << " entries: " << scan.text() << "\n";
    TimeOrder order;
    order.update(store.snapshot());
    const TextAccess text = TextAccess::capture(store);
    Executor executor; // as the window's: one thread per core
    if (warm) {
        bench::Stopwatch t;
        const long f0 = bench::processMinorFaults();
        SearchWarmUp warmUp(executor);
        warmUp.start(store);
        warmUp.wait();
        out << "files readied for search: " << warmUp.readied() / 1e6 << " MB, " << t.text() << ", "
            << bench::processMinorFaults() - f0 << " page faults\n";
    }
    out.flush(); // the searches start here (a profiler attached from now sees only them)
    double worst = 0;
    if (needles.empty())
        needles = {"timeout", "req_4344a3eae4a705f3", "Traceback", "connection refused", "e"};
    for (const QByteArray& needle : needles) {
        if (!searches) break;
        for (bool caseSensitive : {false, true}) {
            FilterSpec spec;
            spec.text = needle.toStdString();
            spec.caseSensitive = caseSensitive;
            const auto query = CompiledQuery::compile(spec, store, nullptr);
            std::vector<double> walls, cpus;
            std::vector<long> pageFaults;
            std::size_t rows = 0;
            for (int r = 0; r < runs; ++r) {
                bench::Stopwatch t;
                const long f0 = bench::processMinorFaults();
                FilterTally tally;
                rows = query->filterInTimeOrder(store.snapshot(), text, order, &executor, nullptr, &tally)
                           ->size();
                walls.push_back(t.wall() * 1e3);
                cpus.push_back((t.user() + t.system()) * 1e3);
                pageFaults.push_back(bench::processMinorFaults() - f0);
            }
            std::sort(walls.begin(), walls.end());
            std::sort(cpus.begin(), cpus.end());
            const double wall = walls[walls.size() / 2];
            worst = std::max(worst, wall);
            std::sort(pageFaults.begin(), pageFaults.end());
            out << QString::asprintf(
                "  %-24s %-6s %8zu rows  %7.1f ms wall (min %.1f)  %7.1f ms CPU  %6ld faults\n",
                (QByteArray("\"") + needle + "\"").constData(), caseSensitive ? "case" : "", rows, wall,
                walls.front(), cpus[cpus.size() / 2], pageFaults[pageFaults.size() / 2]);
        }
    }
    out << QString::asprintf("substring search: worst median %.1f ms over %llu entries\n", worst,
                             static_cast<unsigned long long>(store.size()));
    // The re-filter the window runs when an instance and levels are picked, with the level
    // counts and per-second histogram it fills as the window's query runner does.
    // Then the filter cleared: every entry, counted.
    const std::uint32_t instances = store.instances().size();
    for (std::uint32_t keep = 1; keep <= std::min<std::uint32_t>(instances, 4); ++keep) {
        const bool clear = keep == std::min<std::uint32_t>(instances, 4);
        FilterSpec spec;
        if (!clear) {
            spec.hiddenInstances.assign(instances, true);
            spec.hiddenInstances[keep] = false;
            spec.levelMask = (1u << unsigned(Level::Error)) | (1u << unsigned(Level::Warning)) |
                             (1u << unsigned(Level::Critical));
        }
        const auto query = CompiledQuery::compile(spec, store, nullptr);
        std::vector<double> walls, cpus;
        std::size_t rows = 0;
        for (int r = 0; r < runs; ++r) {
            bench::Stopwatch t;
            FilterTally tally;
            auto result = query->filterInTimeOrder(store.snapshot(), text, order, &executor, nullptr, &tally);
            rows = result->size();
            walls.push_back(t.wall() * 1e3);
            cpus.push_back((t.user() + t.system()) * 1e3);
            SpareRows::give(std::move(*result)); // as the table gives back the rows it replaced
        }
        std::sort(walls.begin(), walls.end());
        std::sort(cpus.begin(), cpus.end());
        const QString what = clear ? QStringLiteral("filter cleared")
                                   : QStringLiteral("instance %1 + WARNING..CRITICAL").arg(keep);
        out << QString::asprintf("  %-32s %8zu rows  %7.1f ms wall (min %.1f)  %7.1f ms CPU\n",
                                 what.toUtf8().constData(), rows, walls[walls.size() / 2], walls.front(),
                                 cpus[cpus.size() / 2]);
    }
    return 0;
}
