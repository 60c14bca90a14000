// Scan throughput and memory on a generated corpus (default 200 MB).
//   bench_scan [CORPUS_DIR] [--mb N] [--runs N] [--anchors] [--all-cores-only]
// Prints MB/s and entries/s (warm page cache; cold too when run as root), with one and
// with all cores, the CPU time (user + system) each scan used, peak RSS, and resident bytes
// per entry beyond the page cache (RssAnon). --anchors then runs the shared anchors script
// (lnav, grep, read+memchr floor) on the same corpus, so both come from one run.
// --all-cores-only leaves out the one-core and cold-cache runs (big corpora).
#include "benchsupport.h"

#include "models/ingest/processsetup.h"
#include "models/ingest/scanner.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <unistd.h>

using namespace vigil;

namespace {
struct Run {
    double seconds = 0;
    std::uint64_t bytes = 0, entries = 0;
    double user = 0, system = 0; // CPU seconds of the whole process during the scan
};

Run scanOnce(const QString& dir, int threads) {
    EntryStore store;
    ScanOptions options;
    options.threads = threads;
    const bench::Stopwatch cpu;
    const ScanOutcome outcome = scanInto(store, {dir}, options);
    return {outcome.seconds, outcome.bytes, store.size(), cpu.user(), cpu.system()};
}

Run median(std::vector<Run> runs) {
    std::sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) { return a.seconds < b.seconds; });
    return runs[runs.size() / 2];
}

void print(QTextStream& out, const char* label, const Run& r) {
    out << QString::asprintf("%-28s %7.3f s  %7.0f MB/s  %6.2f M entries/s  CPU %.3f s user + %.3f s sys\n",
                             label, r.seconds, r.bytes / 1e6 / r.seconds, r.entries / 1e6 / r.seconds, r.user,
                             r.system);
}
} // namespace

int main(int argc, char** argv) {
    applyIngestProcessSettings(); // as the vigil executable does
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    int mb = 200, runs = 3;
    bool anchors = false, allCoresOnly = false;
    QString dir = QDir::tempPath() + "/vigil-bench-corpus-200";
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == "--mb" && i + 1 < args.size())
            mb = args[++i].toInt();
        else if (args[i] == "--runs" && i + 1 < args.size())
            runs = std::max(1, args[++i].toInt());
        else if (args[i] == "--anchors")
            anchors = true;
        else if (args[i] == "--all-cores-only")
            allCoresOnly = true;
        else if (!args[i].startsWith(QLatin1Char('-')))
            dir = args[i];
        else {
            // Not a directory to write a corpus into.
            const bool help = args[i] == "--help" || args[i] == "-h";
            QTextStream to(help ? stdout : stderr);
            if (!help) to << "bench_scan: unknown option " << args[i] << "\n";
            to << "usage: bench_scan [CORPUS_DIR] [--mb N] [--runs N] [--anchors] [--all-cores-only]\n";
            return help ? 0 : 2;
        }
    }
    QTextStream out(stdout);
    if (!bench::ensureCorpus(dir, mb)) {
        out << "cannot write the corpus (python3 and " VIGIL_SHARED_DIR "/tools/corpus.py needed)\n";
        return 2;
    }
    const int cores = int(sysconf(_SC_NPROCESSORS_ONLN));
    out << "corpus: " << dir << "  cores: " << cores << "\n";

    // Memory. The first scan of a process pays one-time costs (thread arenas, regex and
    // parser set-up); a second store shows what each further entry costs. Both are printed.
    const std::uint64_t anonStart = bench::procStatusBytes("RssAnon");
    {
        EntryStore warmup;
        scanInto(warmup, {QStringLiteral(VIGIL_SHARED_DIR) + "/samples/deployment"});
    }
    const std::uint64_t anonWarm = bench::procStatusBytes("RssAnon");
    EntryStore store;
    const ScanOutcome outcome = scanInto(store, {dir});
    const std::uint64_t anonFirst = bench::procStatusBytes("RssAnon");
    EntryStore second;
    const ScanOutcome secondOutcome = scanInto(second, {dir});
    const std::uint64_t anonSecond = bench::procStatusBytes("RssAnon");
    const double n = double(store.size());
    out << "entries: " << store.size() << "  bytes: " << outcome.bytes << "  files: " << outcome.files.size()
        << "  problems: " << outcome.errors.size() << "  duplicates: " << store.counters().duplicates << "\n";
    out << QString::asprintf(
        "resident beyond page cache, per entry: %.1f B for a further store (columns %zu B, "
        "store's own accounting %.1f B); %.1f B for the first store after a warm-up scan of the samples "
        "(%.1f MB of one-time set-up), %.1f B including that set-up\n",
        (anonSecond - anonFirst) / n, Segment::kBytesPerEntry, store.memoryBytes() / n,
        (anonFirst - anonWarm) / n, (anonWarm - anonStart) / 1e6, (anonFirst - anonStart) / n);
    Q_UNUSED(secondOutcome);

    std::vector<Run> warmAll, warmOne, cold;
    for (int i = 0; i < runs; ++i)
        warmAll.push_back(scanOnce(dir, 0));
    for (int i = 0; i < runs && !allCoresOnly; ++i)
        warmOne.push_back(scanOnce(dir, 1));
    print(out, "warm, all cores:", median(warmAll));
    if (!allCoresOnly) print(out, "warm, one core:", median(warmOne));
    if (allCoresOnly) {
        // asked for the all-cores figures only
    } else if (bench::dropPageCache()) {
        for (int i = 0; i < runs; ++i) {
            bench::dropPageCache();
            cold.push_back(scanOnce(dir, 0));
        }
        print(out, "cold cache, all cores:", median(cold));
    } else {
        out << "cold cache: skipped (dropping the page cache needs root)\n";
    }
    out << QString::asprintf("peak RSS: %.1f MB\n", bench::procStatusBytes("VmHWM") / 1e6);
    if (anchors) {
        out << "\nanchors (" VIGIL_SHARED_DIR "/tools/anchors.sh), same corpus:\n" << Qt::flush;
        QProcess p;
        p.setProcessChannelMode(QProcess::ForwardedChannels);
        p.start(QStringLiteral("bash"), {QStringLiteral(VIGIL_SHARED_DIR "/tools/anchors.sh"), dir});
        if (!p.waitForFinished(-1) || p.exitCode() != 0)
            out << "anchors.sh failed (lnav, ripgrep, g++ needed)\n";
    }
    return 0;
}
