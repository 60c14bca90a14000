#include "diffcommand.h"

#include "commandline.h"
#include "terminalprogress.h"

#include "models/insight/diffreport.h"
#include "models/secrets/safetext.h"

#include <QElapsedTimer>
#include <QTextStream>

namespace vigil {

int runDiffCommand(const QStringList& arguments) {
    QStringList roots;
    QString beforeText, afterText;
    double top = 30;
    bool json = false;
    CommandLine line(
        QStringLiteral("vigil diff"), QStringLiteral("ROOT... --before FROM..TO --after FROM..TO [options]"),
        QStringLiteral(
            "Compares two time ranges of the deployment below the roots: the message patterns that\n"
            "are new, changed in rate most or gone (overall and per instance), then the metrics\n"
            "that moved (error rate, p95 and request rate per instance, error rate and mean\n"
            "latency per endpoint). Times are ISO 8601 (UTC unless an offset is given) or\n"
            "durations back from the newest entry: --before -75m..-15m --after -15m..\n"
            "Exit 0 when a root could be read, 2 on bad input."));
    line.text(QStringLiteral("--before"), QStringLiteral("FROM..TO"), &beforeText,
              QStringLiteral("the range to compare with (the baseline)"));
    line.text(QStringLiteral("--after"), QStringLiteral("FROM..TO"), &afterText,
              QStringLiteral("the range under suspicion"));
    line.number(QStringLiteral("--top"), QStringLiteral("N"), &top, 0, 1e9,
                QStringLiteral("print the first N pattern changes (default 30; 0: all)"), true);
    line.flag(QStringLiteral("--json"), &json, QStringLiteral("one JSON document, times in UTC"));
    if (const int code = line.parseOrReport(arguments, &roots); code != CommandLine::kProceed) return code;
    if (roots.isEmpty()) return line.refuse(QStringLiteral("no root given"));
    QTextStream err(stderr);
    if (beforeText.isEmpty() || afterText.isEmpty())
        return line.refuse(QStringLiteral("--before and --after are needed"));
    // The syntax is checked before anything is read (relative ranges need the newest entry).
    QString error;
    if (!parseTimeRange(beforeText, 0, &error)) return line.refuse(escapeControls(error));
    if (!parseTimeRange(afterText, 0, &error)) return line.refuse(escapeControls(error));

    EntryStore store;
    const ScanOutcome outcome = scanShowingProgress(store, roots, ScanOptions());
    for (const IngestError& e : outcome.errors)
        err << "vigil diff: " << escapeControls(e.path) << ": " << escapeControls(e.message) << "\n";
    err.flush();
    if (outcome.readableRoots == 0) {
        err << "vigil diff: none of the roots could be read\n";
        return 2;
    }
    QElapsedTimer clock;
    clock.start();
    MetricsModel metrics;
    metrics.ingest(store, store.beginIndex(), store.endIndex());
    const std::int64_t newest = metrics.hasData() ? metrics.lastTimeUs() : 0;
    RangeDiffReport report;
    const auto before = parseTimeRange(beforeText, newest, &error);
    if (!before) return line.refuse(escapeControls(error));
    const auto after = parseTimeRange(afterText, newest, &error);
    if (!after) return line.refuse(escapeControls(error));
    report.before = *before;
    report.after = *after;
    report.patterns = *diffPatterns(store, TextAccess::capture(store), report.before, report.after);
    report.metrics = diffMetrics(metrics, store.instances(), store.endpoints(), report.before, report.after);
    report.seconds = double(clock.nsecsElapsed()) / 1e9;
    const std::size_t limit = top > 0 ? std::size_t(top) : report.patterns.changes.size();
    QTextStream out(stdout);
    if (json)
        out << diffJson(report, store.instances(), limit);
    else
        out << diffText(report, store.instances(), limit);
    return 0;
}

} // namespace vigil
