#include "showcommand.h"

#include "commandline.h"
#include "stopsignals.h"
#include "terminalprogress.h"

#include "models/exec/executor.h"
#include "models/export/entryexport.h"
#include "models/ingest/liveingest.h"
#include "models/ingest/scanner.h"
#include "models/query/fieldexpression.h"
#include "models/query/queryengine.h"
#include "models/query/timeorder.h"
#include "models/secrets/safetext.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <set>
#include <unistd.h>

namespace vigil {

namespace {

// What the options asked for, turned into the window's filter once the store knows the
// instances (new ones appear while following, so it is rebuilt for every batch).
struct ShowRequest {
    FilterSpec base;       // levels, time range, text, field conditions
    QStringList instances; // empty: all
    ExportFormat format = ExportFormat::Text;

    std::shared_ptr<const CompiledQuery> compile(const EntryStore& store, QString* error) const {
        FilterSpec spec = base;
        if (!instances.isEmpty()) {
            spec.hiddenInstances.assign(store.instances().size(), true);
            for (std::uint32_t id = 0; id < store.instances().size(); ++id) {
                // A bare name picks that instance in every root; ROOT/name one of them.
                const std::string_view name = store.instances().text(id);
                if (instances.contains(QString::fromUtf8(name.data(), qsizetype(name.size()))) ||
                    instances.contains(store.instances().label(id)))
                    spec.hiddenInstances[id] = false;
            }
        }
        return CompiledQuery::compile(spec, store, error);
    }
};

// Prints entries as they reach the store: writes to standard output, flushed per batch so
// that a pipe or a terminal sees each batch at once.
class EntryPrinter {
  public:
    explicit EntryPrinter(const ShowRequest& request) : m_request(request) {
        m_out.open(STDOUT_FILENO, QIODevice::WriteOnly);
    }

    // The matches among `candidates` (in time order), the last `limit` of them (-1: all).
    bool print(const EntryStore& store, const std::vector<EntryIndex>& candidates, std::int64_t limit) {
        QString error;
        const auto query = m_request.compile(store, &error);
        if (!query) return false;
        const TextAccess text = TextAccess::capture(store);
        std::vector<EntryIndex> rows = *query->filter(store, text, candidates, &m_executor);
        if (limit >= 0 && std::int64_t(rows.size()) > limit)
            rows.erase(rows.begin(), rows.end() - std::ptrdiff_t(limit));
        if (rows.empty()) return true;
        exportEntries(ExportSource::capture(store), rows, m_request.format, m_masker, m_out);
        m_out.flush();
        return true;
    }

  private:
    const ShowRequest& m_request;
    Executor m_executor;         // filters a big deployment on every core
    const SecretMasker m_masker; // never revealed on a terminal
    QFile m_out;
};

// Levels at and above `word` ("warning" shows warnings, errors and critical entries).
std::optional<std::uint32_t> levelsFrom(const QString& word) {
    const Level lowest = parseLevel(word.toStdString());
    if (lowest == Level::None) return std::nullopt;
    std::uint32_t mask = 0;
    for (int l = int(lowest); l < kLevelCount; ++l)
        mask |= 1u << unsigned(l);
    return mask;
}

// Names asked for that no entry carries: probably mistyped, so say so (while following they
// may still appear).
void warnUnknownInstances(const EntryStore& store, const QStringList& wanted, QTextStream& err) {
    std::set<QString> known;
    for (std::uint32_t id = 0; id < store.instances().size(); ++id) {
        const std::string_view name = store.instances().text(id);
        if (name.empty()) continue;
        known.insert(QString::fromUtf8(name.data(), qsizetype(name.size())));
        known.insert(store.instances().label(id));
    }
    for (const QString& name : wanted)
        if (!known.count(name)) {
            QStringList all(known.begin(), known.end());
            err << "vigil show: no instance named " << escapeControls(name)
                << " (instances: " << escapeControls(all.join(QStringLiteral(", "))) << ")\n";
        }
    err.flush();
}

std::vector<EntryIndex> inTimeOrder(const EntryStore& store) {
    TimeOrder order;
    order.update(store);
    return order.order();
}

int followRoots(const QStringList& roots, const ShowRequest& request, std::int64_t lines, QTextStream& err) {
    bool anyReadable = false;
    for (const QString& root : roots) {
        const QFileInfo info(root);
        if (info.exists() && info.isReadable())
            anyReadable = true;
        else
            err << "vigil show: cannot read " << escapeControls(root) << "\n";
    }
    if (!anyReadable) return 2;

    EntryStore store;
    LiveIngest ingest(store);
    EntryPrinter printer(request);
    std::uint64_t printedEnd = 0; // entries before it were printed or passed over
    std::size_t problemsSaid = 0;
    QObject::connect(&ingest, &LiveIngest::problemsChanged, &ingest, [&] {
        for (; problemsSaid < ingest.problems().size(); ++problemsSaid) {
            const IngestError& e = ingest.problems()[problemsSaid];
            err << "vigil show: " << escapeControls(e.path) << ": " << escapeControls(e.message) << "\n";
        }
        err.flush();
    });
    QObject::connect(&ingest, &LiveIngest::initialScanFinished, &ingest, [&] {
        if (!request.instances.isEmpty()) warnUnknownInstances(store, request.instances, err);
        printer.print(store, inTimeOrder(store), lines);
        printedEnd = store.endIndex().value;
    });
    QObject::connect(&ingest, &LiveIngest::entriesAppended, &ingest, [&](quint64, quint64 end) {
        if (!ingest.initialScanDone()) return;
        std::vector<EntryIndex> fresh;
        for (std::uint64_t i = std::max(printedEnd, store.beginIndex().value); i < end; ++i)
            fresh.emplace_back(i);
        printedEnd = std::max<std::uint64_t>(printedEnd, end);
        TimeOrder::sortByTime(store, fresh);
        printer.print(store, fresh, -1);
    });
    QObject::connect(&ingest, &LiveIngest::followingFinished, &ingest, [] { QCoreApplication::exit(0); });
    onStopSignals(&ingest, [&ingest] { ingest.finishFollowing(); });
    ingest.open(roots);
    return QCoreApplication::exec();
}

} // namespace

int runShowCommand(const QStringList& arguments) {
    QStringList roots, instances;
    QString level, since, grep, fields;
    double lines = -1;
    bool json = false, follow = false, regex = false, caseSensitive = false, utc = false;
    CommandLine line(
        QStringLiteral("vigil show"), QStringLiteral("ROOT... [options]"),
        QStringLiteral(
            "Prints the entries below the roots (folders or files) that match, in time order, with\n"
            "the window's filters: every match, or the last N; with --follow the last 10, then each\n"
            "new one as it is written, through rotation, until Ctrl+C. One entry per line (time,\n"
            "instance, level, message), a traceback's lines indented below it; secrets masked,\n"
            "control characters escaped. Exit 0 when a root could be read, match or not; 2 on bad\n"
            "input."));
    line.text(QStringLiteral("--level"), QStringLiteral("LEVEL"), &level,
              QStringLiteral("this level and above: trace, debug, info, warning, error, critical"));
    line.textList(QStringLiteral("--instance"), QStringLiteral("NAME"), &instances,
                  QStringLiteral("only this instance (repeat for several)"));
    line.text(QStringLiteral("--since"), QStringLiteral("DURATION"), &since,
              QStringLiteral("only entries of the last DURATION before now: 90s, 30m, 6h, 2d"));
    line.text(QStringLiteral("--grep"), QStringLiteral("TEXT"), &grep,
              QStringLiteral("entries whose text (any line) contains TEXT, ignoring case"));
    line.flag(QStringLiteral("--regex"), &regex, QStringLiteral("--grep is a regular expression"));
    line.flag(QStringLiteral("--case-sensitive"), &caseSensitive, QStringLiteral("--grep minds case"));
    line.text(QStringLiteral("--fields"), QStringLiteral("EXPR"), &fields,
              QStringLiteral("field conditions, as in the window: 'status>=500 duration>5s logger~auth'"));
    line.number(QStringLiteral("--lines"), QStringLiteral("N"), &lines, 0, 1e12,
                QStringLiteral("only the last N matching entries (default: all; 10 with --follow)"), true);
    line.flag(QStringLiteral("--follow"), &follow,
              QStringLiteral("keep printing new matching entries as they are written"));
    line.flag(QStringLiteral("--json"), &json,
              QStringLiteral("one JSON object per entry (JSON Lines), times in UTC, numbers as numbers"));
    line.flag(QStringLiteral("--utc"), &utc, QStringLiteral("print times in UTC (default: local time)"));
    if (const int code = line.parseOrReport(arguments, &roots); code != CommandLine::kProceed) return code;
    if (roots.isEmpty()) return line.refuse(QStringLiteral("no root given"));
    QTextStream err(stderr);

    ShowRequest request;
    request.format = json ? ExportFormat::JsonLines : ExportFormat::Text;
    request.instances = instances;
    if (!level.isEmpty()) {
        const auto mask = levelsFrom(level);
        if (!mask) return line.refuse(QStringLiteral("%1 is not a level").arg(escapeControls(level)));
        request.base.levelMask = *mask;
    }
    if (!since.isEmpty()) {
        const auto seconds = parseDurationSeconds(since);
        // Up to a century back, so that the microsecond arithmetic cannot overflow.
        if (!seconds || !std::isfinite(*seconds) || *seconds < 0 || *seconds > 100 * 366 * 86400.0)
            return line.refuse(QStringLiteral("--since %1 is not a duration (try 90s, 30m, 6h or 2d)")
                                   .arg(escapeControls(since)));
        request.base.fromUs = QDateTime::currentMSecsSinceEpoch() * 1000 - std::int64_t(*seconds * 1e6);
    }
    request.base.text = grep.toStdString();
    request.base.regex = regex;
    request.base.caseSensitive = caseSensitive;
    if (!fields.isEmpty()) {
        const FieldExpression expression = parseFieldExpression(fields);
        if (!expression.ok())
            return line.refuse(QStringLiteral("--fields: %1").arg(escapeControls(expression.error)));
        request.base.fields = expression.conditions;
    }
    {
        // A bad regular expression is refused before anything is read.
        QString error;
        if (!CompiledQuery::compile(request.base, EntryStore(), &error))
            return line.refuse(QStringLiteral("--grep: %1").arg(escapeControls(error)));
    }
    // Text output follows the local time zone; --utc makes that zone UTC.
    if (utc) qputenv("TZ", "UTC");

    if (follow) return followRoots(roots, request, lines >= 0 ? std::int64_t(lines) : 10, err);

    ScanOptions options;
    if (request.base.fromUs != FilterSpec().fromUs) options.sinceUs = request.base.fromUs;
    EntryStore store;
    const ScanOutcome outcome = scanShowingProgress(store, roots, options);
    for (const IngestError& e : outcome.errors)
        err << "vigil show: " << escapeControls(e.path) << ": " << escapeControls(e.message) << "\n";
    err.flush();
    if (outcome.readableRoots == 0) {
        err << "vigil show: none of the roots could be read\n";
        return 2;
    }
    if (!instances.isEmpty()) warnUnknownInstances(store, instances, err);
    EntryPrinter printer(request);
    printer.print(store, inTimeOrder(store), lines >= 0 ? std::int64_t(lines) : -1);
    return 0;
}

} // namespace vigil
