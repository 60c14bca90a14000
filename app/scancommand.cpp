#include "scancommand.h"

#include "commandline.h"
#include "lokiloader.h"
#include "sinceoption.h"
#include "sourceoptions.h"
#include "terminalprogress.h"

#include "models/ingest/scanner.h"
#include "models/ingest/timewindow.h"
#include "models/report/scanreport.h"
#include "models/secrets/safetext.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>

namespace vigil {

int runScanCommand(const QStringList& arguments) {
    QStringList roots;
    bool json = false;
    QString since;
    CommandLine line(
        QStringLiteral("vigil scan"), QStringLiteral("ROOT... [--json]"),
        QStringLiteral("Reads every log below the roots (folders or files) and prints what they hold."));
    line.flag(QStringLiteral("--json"), &json, QStringLiteral("print the summary as JSON"));
    declareSince(line, &since);
    SourceOptions sourceOptions;
    declareSourceOptions(line, &sourceOptions);
    if (const int code = line.parseOrReport(arguments, &roots); code != CommandLine::kProceed) return code;
    QTextStream err(stderr);
    if (roots.isEmpty()) return line.refuse(QStringLiteral("no root given"));
    QString error;
    const auto window = sinceSeconds(since, &error);
    if (!window) {
        return line.refuse(error);
    }
    roots = applySourceOptions(roots, sourceOptions);
    ScanOptions options;
    options.sinceUs = windowStartUs(*window);
    options.producers = remoteSourceFactory();
    EntryStore store;
    const ScanOutcome outcome = scanShowingProgress(store, roots, options);
    const ReadSummary summary{outcome.files, outcome.errors, outcome.seconds};
    QTextStream out(stdout);
    if (json) {
        QJsonObject report = scanReportJson(store, summary);
        if (*window > 0) {
            report.insert(QStringLiteral("window_seconds"), double(*window));
            report.insert(QStringLiteral("files_skipped"), double(outcome.skipped.size()));
        }
        out << QJsonDocument(report).toJson(QJsonDocument::Compact) << "\n";
    } else {
        out << scanReportText(store, summary);
        if (*window > 0)
            out << "Time window: " << describeWindow(*window) << "; " << outcome.skipped.size()
                << " older files not read\n";
    }
    out.flush();
    if (outcome.readableRoots == 0) {
        err << "vigil: none of the roots could be read:";
        for (const IngestError& e : outcome.errors)
            err << "\n  " << escapeControls(e.path) << ": " << escapeControls(e.message);
        err << "\n";
        return 2;
    }
    return 0;
}

} // namespace vigil
