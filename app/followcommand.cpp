#include "followcommand.h"

#include "commandline.h"
#include "lokiloader.h"
#include "sinceoption.h"
#include "sourceoptions.h"
#include "stopsignals.h"

#include "models/ingest/liveingest.h"
#include "models/report/scanreport.h"

#include <QCoreApplication>

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTextStream>
#include <QTimer>
#include <algorithm>

namespace vigil {

int runFollowCommand(const QStringList& arguments) {
    QStringList roots;
    bool json = false;
    QString since;
    double seconds = -1, pollMs = -1, quietMs = -1, retain = -1;
    // A timer takes at most INT_MAX milliseconds: about 24 days.
    constexpr double kMaxSeconds = 2'000'000;
    CommandLine line(
        QStringLiteral("vigil follow"), QStringLiteral("ROOT... [--seconds N] [options]"),
        QStringLiteral("Reads the roots, follows them (until Ctrl+C, or N seconds), then prints what "
                       "was read as `vigil scan` does, with the write-to-store latency."));
    line.number(QStringLiteral("--seconds"), QStringLiteral("N"), &seconds, 0, kMaxSeconds,
                QStringLiteral("stop following after N seconds"));
    line.flag(QStringLiteral("--json"), &json, QStringLiteral("print the summary as JSON"));
    line.number(QStringLiteral("--poll-ms"), QStringLiteral("MS"), &pollMs, 1, 3'600'000,
                QStringLiteral("interval of the stat poll that backs up file-change notifications"), true);
    line.number(QStringLiteral("--quiet-ms"), QStringLiteral("MS"), &quietMs, 0, 3'600'000,
                QStringLiteral("how long a multi-line entry waits for more lines before it is stored"), true);
    line.number(QStringLiteral("--retain"), QStringLiteral("ENTRIES"), &retain, 0, 4e9,
                QStringLiteral("the most entries held, the oldest going first (0: no limit)"), true);
    declareSince(line, &since);
    SourceOptions sourceOptions;
    declareSourceOptions(line, &sourceOptions);
    if (const int code = line.parseOrReport(arguments, &roots); code != CommandLine::kProceed) return code;
    QTextStream err(stderr);
    if (roots.isEmpty()) return line.refuse(QStringLiteral("no root given"));
    QString sinceError;
    const auto window = sinceSeconds(since, &sinceError);
    if (!window) {
        return line.refuse(sinceError);
    }
    roots = applySourceOptions(roots, sourceOptions);
    LiveIngestOptions options;
    options.windowSeconds = *window;
    options.producers = remoteSourceFactory();
    if (pollMs >= 0) options.following.pollIntervalMs = int(pollMs);
    if (quietMs >= 0) options.following.timings.quietPeriodMs = int(quietMs);
    if (retain >= 0) options.retainEntries = decltype(options.retainEntries)(retain);

    EntryStore store;
    LiveIngest ingest(store, options);
    QElapsedTimer clock;
    clock.start();
    QObject::connect(&ingest, &LiveIngest::initialScanFinished, &ingest, [&] {
        err << "vigil: following " << roots.join(QLatin1Char(' ')) << " (" << store.sources().size()
            << " files, " << store.size() << " entries read)\n";
        err.flush();
        if (seconds >= 0)
            QTimer::singleShot(int(seconds * 1000), &ingest, [&ingest] { ingest.finishFollowing(); });
    });
    QObject::connect(&ingest, &LiveIngest::followingFinished, &ingest, [] { QCoreApplication::exit(0); });
    onStopSignals(&ingest, [&ingest] { ingest.finishFollowing(); });
    ingest.open(roots);
    QCoreApplication::exec();

    ReadSummary summary;
    for (std::uint32_t i = 0; i < store.sources().size(); ++i)
        summary.files.push_back(FileId(i));
    summary.errors = ingest.problems();
    summary.seconds = clock.nsecsElapsed() / 1e9;
    const LatencySummary latency = ingest.latency();
    QTextStream out(stdout);
    if (json) {
        QJsonObject report = scanReportJson(store, summary);
        report.insert(QStringLiteral("latency_ms"),
                      QJsonObject{{QStringLiteral("p50"), latency.p50Ms},
                                  {QStringLiteral("p99"), latency.p99Ms},
                                  {QStringLiteral("max"), latency.maxMs},
                                  {QStringLiteral("entries"), double(latency.entries)},
                                  {QStringLiteral("from_timestamps"), double(latency.fromTimestamps)},
                                  {QStringLiteral("from_change_time"), double(latency.fromChangeTime)}});
        out << QJsonDocument(report).toJson(QJsonDocument::Compact) << "\n";
    } else {
        out << scanReportText(store, summary);
        out << "Write-to-store latency over " << latency.entries << " followed entries: p50 "
            << QString::number(latency.p50Ms, 'f', 1) << " ms, p99 " << QString::number(latency.p99Ms, 'f', 1)
            << " ms, max " << QString::number(latency.maxMs, 'f', 1) << " ms\n";
    }
    out.flush();
    bool anyRoot = false;
    for (const QString& root : roots) {
        // A remote root was read unless it reported a problem (unreachable, refused).
        const bool remoteRead = isProducerRoot(root) &&
                                std::none_of(ingest.problems().begin(), ingest.problems().end(),
                                             [&](const IngestError& e) { return root.startsWith(e.path); });
        anyRoot = anyRoot || QFileInfo::exists(root) || remoteRead;
    }
    if (!anyRoot) {
        err << "vigil: none of the roots could be read\n";
        return 2;
    }
    return 0;
}

} // namespace vigil
