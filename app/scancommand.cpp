#include "scancommand.h"

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
    for (const QString& a : arguments) {
        if (a == QLatin1String("--json")) json = true;
        else roots << a;
    }
    QTextStream err(stderr);
    if (roots.isEmpty()) {
        err << "usage: vigil scan ROOT... [--json]\n";
        return 2;
    }
    EntryStore store;
    const ScanOutcome outcome = scanInto(store, roots);
    const ReadSummary summary{outcome.files, outcome.errors, outcome.seconds};
    QTextStream out(stdout);
    if (json) out << QJsonDocument(scanReportJson(store, summary)).toJson(QJsonDocument::Compact) << "\n";
    else out << scanReportText(store, summary);
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
