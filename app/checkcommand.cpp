#include "checkcommand.h"

#include "commandline.h"
#include "lokiloader.h"
#include "sinceoption.h"
#include "sourceoptions.h"

#include "models/alerts/alertengine.h"
#include "models/alerts/alertjson.h"
#include "models/alerts/rulesfile.h"
#include "models/ingest/scanner.h"
#include "models/metrics/metricsmodel.h"
#include "models/secrets/safetext.h"

#include <QFileInfo>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>
#include <algorithm>

namespace vigil {

namespace {
QString shortTime(std::int64_t us) {
    return isoTime(us)
        .replace(QLatin1Char('T'), QLatin1Char(' '))
        .replace(QLatin1String(".000Z"), QLatin1String("Z"));
}
} // namespace

int runCheckCommand(const QStringList& arguments) {
    QStringList roots;
    QString rulesPath;
    bool json = false;
    QString since;
    CommandLine line(
        QStringLiteral("vigil check"), QStringLiteral("ROOT... [--rules FILE] [--json]"),
        QStringLiteral("Evaluates the alert rules over the entries on their own timestamps and prints "
                       "the alerts that would have fired.\nExit status: 1 if any was critical, 0 if "
                       "none, 2 on bad input."));
    line.text(QStringLiteral("--rules"), QStringLiteral("FILE"), &rulesPath,
              QStringLiteral("the rules file (default: the user's rules.json, else the built-in rules)"));
    line.flag(QStringLiteral("--json"), &json, QStringLiteral("print the alerts as JSON"));
    declareSince(line, &since);
    SourceOptions sourceOptions;
    declareSourceOptions(line, &sourceOptions);
    if (const int code = line.parseOrReport(arguments, &roots); code != CommandLine::kProceed) return code;
    QTextStream err(stderr);
    if (roots.isEmpty()) return line.refuse(QStringLiteral("no root given"));
    for (const QString& r : roots) {
        const QFileInfo info(r);
        if (!info.exists() || !info.isReadable()) {
            err << "vigil check: cannot read " << r
                << (info.exists() ? ": permission denied\n" : ": no such file or folder\n");
            return 2;
        }
    }

    // Without --rules: the user's rules file when there is one (never created from here),
    // else the defaults.
    std::vector<AlertRule> rules = defaultAlertRules();
    QString rulesSource = QStringLiteral("built-in defaults");
    if (rulesPath.isEmpty() && QFileInfo::exists(defaultRulesPath())) rulesPath = defaultRulesPath();
    if (!rulesPath.isEmpty()) {
        const RulesParseResult parsed = loadRulesFile(rulesPath, false);
        if (!parsed.ok()) {
            err << "vigil check: the rules file is not usable:\n";
            for (const QString& e : parsed.errors)
                err << "  " << escapeControls(e) << "\n";
            return 2;
        }
        rules = parsed.document.rules;
        rulesSource = rulesPath;
    }

    QString sinceError;
    const auto window = sinceSeconds(since, &sinceError);
    if (!window) {
        return line.refuse(sinceError);
    }
    roots = applySourceOptions(roots, sourceOptions);
    ScanOptions options;
    options.sinceUs = windowStartUs(*window);
    options.producers = remoteSourceFactory();
    EntryStore store;
    const ScanOutcome outcome = scanInto(store, roots, options);
    if (outcome.readableRoots == 0) {
        err << "vigil check: none of the roots could be read:";
        for (const IngestError& e : outcome.errors)
            err << "\n  " << escapeControls(e.path) << ": " << escapeControls(e.message);
        err << "\n";
        return 2;
    }
    MetricsModel metrics;
    metrics.ingest(store, store.beginIndex(), store.endIndex());
    AlertEngine engine(metrics);
    engine.setRules(rules);
    engine.ingest(store, store.beginIndex(), store.endIndex());
    engine.flush();

    // Files are scanned in parallel, so instance ids (and the order of alerts raised in
    // the same second) vary from run to run: print in an order that does not.
    std::vector<Alert> fired(engine.history().begin(), engine.history().end());
    std::stable_sort(fired.begin(), fired.end(), [](const Alert& a, const Alert& b) {
        if (a.raisedUs != b.raisedUs) return a.raisedUs < b.raisedUs;
        if (a.ruleId != b.ruleId) return a.ruleId < b.ruleId;
        return a.instance < b.instance;
    });
    int critical = 0, warning = 0;
    for (const Alert& a : fired)
        (a.peakSeverity == Severity::Critical ? critical : warning)++;
    QTextStream out(stdout);
    if (json) {
        QJsonArray alerts;
        for (Alert a : fired) {
            a.id = 0; // run-dependent; the position says the same
            QJsonObject o = alertToJson(a);
            o.remove(QStringLiteral("id"));
            alerts.append(o);
        }
        QJsonObject o{{QStringLiteral("rules"), rulesSource},
                      {QStringLiteral("entries"), double(store.size())},
                      {QStringLiteral("evaluated_seconds"), double(engine.evaluatedSeconds())},
                      {QStringLiteral("critical"), critical},
                      {QStringLiteral("warning"), warning},
                      {QStringLiteral("alerts"), alerts}};
        out << QJsonDocument(o).toJson(QJsonDocument::Indented);
    } else {
        out << "vigil check: " << fired.size() << " alerts (" << critical << " critical, " << warning
            << " warning) over " << store.size() << " entries; rules: " << escapeControls(rulesSource)
            << "\n";
        // Instances come from log text: masked, one line each (a forged "CRITICAL ..." line
        // or a terminal escape inside a name stays visible as text).
        for (const Alert& a : fired) {
            out << severityName(a.peakSeverity).toUpper().leftJustified(9) << ' ' << shortTime(a.raisedUs)
                << "  "
                << (a.instance.isEmpty() ? QStringLiteral("(all)") : a.shownInstance()).leftJustified(22)
                << ' ' << escapeControls(a.ruleName).leftJustified(26) << ' '
                << formatAboveThreshold(a.metric, a.peakValue, a.threshold) << " > "
                << formatThreshold(a.metric, a.threshold);
            if (a.active())
                out << "  (still active at the last entry)";
            else
                out << "  resolved " << shortTime(a.resolvedUs);
            if (a.repeats) out << "  +" << a.repeats << " repeats suppressed";
            out << "\n";
        }
    }
    out.flush();
    return critical > 0 ? 1 : 0;
}

} // namespace vigil
