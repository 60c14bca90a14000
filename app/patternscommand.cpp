#include "patternscommand.h"

#include "commandline.h"
#include "sinceoption.h"
#include "terminalprogress.h"

#include "models/insight/patternreport.h"
#include "models/secrets/safetext.h"

#include <QElapsedTimer>
#include <QTextStream>

namespace vigil {

int runPatternsCommand(const QStringList& arguments) {
    QStringList roots;
    QString since, sort = QStringLiteral("count");
    double top = 50;
    bool json = false;
    CommandLine line(
        QStringLiteral("vigil patterns"), QStringLiteral("ROOT... [options]"),
        QStringLiteral("Groups the entries below the roots by message pattern (numbers, ids, hex, "
                       "quoted strings,\nIP addresses, durations and the ids in paths masked) and "
                       "prints each pattern with its\ncount, instances and first and last times, "
                       "secrets masked. Exit 0 when a root could be\nread, 2 on bad input."));
    declareSince(line, &since);
    line.text(QStringLiteral("--sort"), QStringLiteral("ORDER"), &sort,
              QStringLiteral("count (most frequent first, default) or new (newest first seen first)"));
    line.number(QStringLiteral("--top"), QStringLiteral("N"), &top, 0, 1e9,
                QStringLiteral("print the first N patterns (default 50; 0: all)"), true);
    line.flag(QStringLiteral("--json"), &json, QStringLiteral("one JSON document, times in UTC"));
    if (const int code = line.parseOrReport(arguments, &roots); code != CommandLine::kProceed) return code;
    if (roots.isEmpty()) return line.refuse(QStringLiteral("no root given"));
    QTextStream err(stderr);
    if (sort != QStringLiteral("count") && sort != QStringLiteral("new"))
        return line.refuse(QStringLiteral("--sort %1 is neither count nor new").arg(escapeControls(sort)));
    QString error;
    const auto window = sinceSeconds(since, &error);
    if (!window) return line.refuse(escapeControls(error));

    ScanOptions options;
    options.sinceUs = windowStartUs(*window);
    EntryStore store;
    const ScanOutcome outcome = scanShowingProgress(store, roots, options);
    for (const IngestError& e : outcome.errors)
        err << "vigil patterns: " << escapeControls(e.path) << ": " << escapeControls(e.message) << "\n";
    err.flush();
    if (outcome.readableRoots == 0) {
        err << "vigil patterns: none of the roots could be read\n";
        return 2;
    }
    QElapsedTimer clock;
    clock.start();
    PatternIndex index;
    if (*window > 0) index.setFromUs(options.sinceUs);
    index.add(store, TextAccess::capture(store), store.beginIndex(), store.endIndex());
    std::vector<PatternRow> rows = index.rows();
    sortPatterns(rows, sort == QStringLiteral("new") ? PatternOrder::Newest : PatternOrder::Count);
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    const std::size_t limit = top > 0 ? std::size_t(top) : rows.size();
    QTextStream out(stdout);
    if (json)
        out << patternsJson(rows, store.instances(), limit, index.entries(), seconds);
    else
        out << patternsText(rows, store.instances(), limit, index.entries(), seconds);
    return 0;
}

} // namespace vigil
