#include "followcommand.h"

#include "models/ingest/liveingest.h"
#include "models/report/scanreport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimer>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace vigil {

namespace {

const char* const kUsage =
    "usage: vigil follow ROOT... [--seconds N] [--json] [--poll-ms N] [--quiet-ms N] [--retain ENTRIES]\n";

int g_signalPipe[2] = {-1, -1};

void onSignal(int) {
    const char c = 1;
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[0], &c, 1);
}

// Ctrl-C and SIGTERM finish following (the report is still printed) instead of killing.
void finishOnSignals(LiveIngest& ingest) {
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0) return;
    auto* notifier = new QSocketNotifier(g_signalPipe[1], QSocketNotifier::Read, &ingest);
    QObject::connect(notifier, &QSocketNotifier::activated, &ingest, [&ingest, notifier] {
        char c;
        [[maybe_unused]] const ssize_t n = ::read(g_signalPipe[1], &c, 1);
        notifier->setEnabled(false);
        ingest.finishFollowing();
    });
    struct sigaction action {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

template <typename T> bool readNumber(const QStringList& arguments, int& i, T& out) {
    if (i + 1 >= arguments.size()) return false;
    bool ok = false;
    const double value = arguments[++i].toDouble(&ok);
    if (!ok || value < 0) return false;
    out = static_cast<T>(value);
    return true;
}

} // namespace

int runFollowCommand(const QStringList& arguments) {
    QStringList roots;
    bool json = false;
    double seconds = -1;
    LiveIngestOptions options;
    QTextStream err(stderr);
    for (int i = 0; i < arguments.size(); ++i) {
        const QString& a = arguments[i];
        bool ok = true;
        if (a == QLatin1String("--json")) json = true;
        else if (a == QLatin1String("--seconds")) ok = readNumber(arguments, i, seconds);
        else if (a == QLatin1String("--poll-ms")) ok = readNumber(arguments, i, options.following.pollIntervalMs);
        else if (a == QLatin1String("--quiet-ms")) ok = readNumber(arguments, i, options.following.timings.quietPeriodMs);
        else if (a == QLatin1String("--retain")) ok = readNumber(arguments, i, options.retainEntries);
        else if (a.startsWith(QLatin1String("--"))) ok = false;
        else roots << a;
        if (!ok) {
            err << "vigil follow: bad argument " << a << "\n" << kUsage;
            return 2;
        }
    }
    if (roots.isEmpty()) {
        err << kUsage;
        return 2;
    }

    EntryStore store;
    LiveIngest ingest(store, options);
    QElapsedTimer clock;
    clock.start();
    QObject::connect(&ingest, &LiveIngest::initialScanFinished, &ingest, [&] {
        err << "vigil: following " << roots.join(QLatin1Char(' ')) << " (" << store.sources().size() << " files, "
            << store.size() << " entries read)\n";
        err.flush();
        if (seconds >= 0)
            QTimer::singleShot(int(seconds * 1000), &ingest, [&ingest] { ingest.finishFollowing(); });
    });
    QObject::connect(&ingest, &LiveIngest::followingFinished, &ingest, [] { QCoreApplication::exit(0); });
    finishOnSignals(ingest);
    ingest.open(roots);
    QCoreApplication::exec();

    ReadSummary summary;
    for (std::uint32_t i = 0; i < store.sources().size(); ++i) summary.files.push_back(FileId(i));
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
    for (const QString& root : roots) anyRoot = anyRoot || QFileInfo::exists(root);
    if (!anyRoot) {
        err << "vigil: none of the roots could be read\n";
        return 2;
    }
    return 0;
}

} // namespace vigil
