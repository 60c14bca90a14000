// Alert evaluation over a scanned deployment's whole history (not a CTest test):
//   bench_alerts CORPUS_DIR [--runs N]
// scans the corpus, feeds the metrics and the alert engine as the window's catch-up does
// (every entry, then every second evaluated with the default rules), and prints the CPU
// time of the evaluation alone: the window does it on its GUI thread in slices of a few
// milliseconds, so its total is the time those slices take from painting.
#include "benchsupport.h"

#include "models/alerts/alertengine.h"
#include "models/ingest/processsetup.h"
#include "models/ingest/scanner.h"
#include "models/metrics/metricsmodel.h"

#include <QCoreApplication>

#include <algorithm>

using namespace vigil;

int main(int argc, char** argv) {
    applyIngestProcessSettings();
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    int runs = 3;
    QString dir;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == "--runs" && i + 1 < args.size())
            runs = std::max(1, args[++i].toInt());
        else
            dir = args[i];
    }
    QTextStream out(stdout);
    if (dir.isEmpty()) {
        out << "usage: bench_alerts CORPUS_DIR [--runs N]\n";
        return 2;
    }
    EntryStore store;
    const bench::Stopwatch scan;
    scanInto(store, {dir});
    out << "scanned " << store.size() << " entries: " << scan.text() << "\n";
    MetricsModel metrics;
    metrics.ingest(store, store.beginIndex(), store.endIndex());
    for (int r = 0; r < runs; ++r) {
        AlertEngine engine(metrics);
        engine.setRules(defaultAlertRules());
        const bench::Stopwatch facts;
        engine.ingest(store, store.beginIndex(), store.endIndex());
        const double factsCpu = facts.user() + facts.system();
        const bench::Stopwatch evaluation;
        engine.flush();
        out << QString::asprintf("facts %.0f ms CPU; evaluation of %llu seconds: %.0f ms wall, %.0f ms CPU, "
                                 "%zu alerts\n",
                                 factsCpu * 1e3, static_cast<unsigned long long>(engine.evaluatedSeconds()),
                                 evaluation.wall() * 1e3, (evaluation.user() + evaluation.system()) * 1e3,
                                 engine.history().size());
    }
    return 0;
}
