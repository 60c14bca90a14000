#include "scancommand.h"

#include "commandline.h"

#include "models/ingest/scanner.h"
#include "models/report/scanreport.h"
#include "models/secrets/safetext.h"

#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>

namespace vigil {

int runScanCommand(const QStringList& arguments) {
    QStringList roots;
    bool json = false;
    CommandLine line(
        QStringLiteral("vigil scan"), QStringLiteral("ROOT... [--json]"),
        QStringLiteral("Reads every log below the roots (folders or files) and prints what they hold."));
    line.flag(QStringLiteral("--json"), &json, QStringLiteral("print the summary as JSON"));
    if (const int code = line.parseOrReport(arguments, &roots); code != CommandLine::kProceed) return code;
    QTextStream err(stderr);
    if (roots.isEmpty()) {
        err << "vigil scan: no root given\n" << line.usage();
        return 2;
    }
    EntryStore store;
    const ScanOutcome outcome = scanInto(store, roots);
    const ReadSummary summary{outcome.files, outcome.errors, outcome.seconds};
    QTextStream out(stdout);
    if (json)
        out << QJsonDocument(scanReportJson(store, summary)).toJson(QJsonDocument::Compact) << "\n";
    else
        out << scanReportText(store, summary);
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
