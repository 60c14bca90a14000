#include "scanreport.h"

#include "../parse/formatregistry.h"
#include "../secrets/safetext.h"
#include "../secrets/secretmasker.h"
#include "../store/retention.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QSet>
#include <QTextStream>
#include <algorithm>

#include <map>

namespace vigil {

namespace {
QString formatLabel(FormatId format) {
    const std::string_view name = formatName(format);
    return QString::fromUtf8(name.data(), qsizetype(name.size()));
}
} // namespace

namespace {

struct Totals {
    std::uint64_t entries = 0, lines = 0, bytes = 0;
};

Totals totalsOf(const EntryStore& store, const ReadSummary& summary) {
    Totals t;
    for (FileId id : summary.files) {
        const SourceInfo& s = store.sources()[id];
        t.entries += s.entries;
        t.lines += s.lines;
        t.bytes += s.byteCount;
    }
    return t;
}

// Relative paths, prefixed with their root's name when two roots hold the same path.
std::vector<QString> displayNames(const EntryStore& store, const ReadSummary& summary) {
    QSet<QString> seen, clashing;
    for (FileId id : summary.files) {
        const QString& rel = store.sources()[id].relativePath;
        if (seen.contains(rel)) clashing.insert(rel);
        seen.insert(rel);
    }
    std::vector<QString> names;
    for (FileId id : summary.files) {
        const SourceInfo& s = store.sources()[id];
        names.push_back(clashing.contains(s.relativePath)
                            ? QFileInfo(s.root).fileName() + QLatin1Char('/') + s.relativePath
                            : s.relativePath);
    }
    return names;
}

double megabytesPerSecond(std::uint64_t bytes, double seconds) {
    return seconds > 0 ? bytes / 1e6 / seconds : 0;
}

} // namespace

QJsonObject scanReportJson(const EntryStore& store, const ReadSummary& summary) {
    QJsonObject files;
    const std::vector<QString> names = displayNames(store, summary);
    for (std::size_t i = 0; i < summary.files.size(); ++i) {
        const SourceInfo& s = store.sources()[summary.files[i]];
        files.insert(names[i], QJsonObject{{QStringLiteral("entries"), double(s.entries)},
                                           {QStringLiteral("lines"), double(s.lines)},
                                           {QStringLiteral("bytes"), double(s.byteCount)},
                                           {QStringLiteral("format"), formatLabel(s.dominantFormat())},
                                           {QStringLiteral("instance"),
                                            SecretMasker().mask(QString::fromStdString(s.defaultInstance))}});
    }
    const StoreCounters& c = store.counters();
    QJsonObject levels;
    for (int l = 1; l < kLevelCount; ++l)
        if (c.byLevel[l] > 0)
            levels.insert(QString::fromUtf8(levelName(static_cast<Level>(l)).data()), double(c.byLevel[l]));
    QJsonObject instances, errorsByInstance;
    for (std::size_t i = 0; i < c.entriesByInstance.size(); ++i) {
        if (c.entriesByInstance[i] == 0) continue;
        // Names read from logs, masked like every other output of log text; same-named
        // instances of two roots are two keys: "ROOT/instance".
        const QString name = SecretMasker().mask(store.instances().label(static_cast<std::uint32_t>(i)));
        instances.insert(name, double(c.entriesByInstance[i]));
        errorsByInstance.insert(name, double(c.errorsByInstance[i]));
    }
    QJsonArray errors;
    for (const IngestError& e : summary.errors)
        errors.append(QJsonObject{{QStringLiteral("path"), e.path}, {QStringLiteral("message"), e.message}});
    const Totals t = totalsOf(store, summary);
    return QJsonObject{{QStringLiteral("files"), files},
                       {QStringLiteral("entries"), double(t.entries)},
                       {QStringLiteral("lines"), double(t.lines)},
                       {QStringLiteral("bytes"), double(t.bytes)},
                       {QStringLiteral("levels"), levels},
                       {QStringLiteral("instances"), instances},
                       {QStringLiteral("errors_by_instance"), errorsByInstance},
                       {QStringLiteral("unparsed"), double(c.unparsed)},
                       {QStringLiteral("duplicates"), double(c.duplicates)},
                       {QStringLiteral("not_held"), double(entriesNotHeld(store))},
                       {QStringLiteral("errors"), errors},
                       {QStringLiteral("seconds"), summary.seconds},
                       {QStringLiteral("mb_per_s"), megabytesPerSecond(t.bytes, summary.seconds)}};
}

QString scanReportText(const EntryStore& store, const ReadSummary& summary) {
    QString text;
    QTextStream out(&text);
    const Totals t = totalsOf(store, summary);
    const StoreCounters& c = store.counters();
    out << "Read " << summary.files.size() << " files: " << t.entries << " entries, " << t.lines << " lines, "
        << QString::number(t.bytes / 1e6, 'f', 1) << " MB in " << QString::number(summary.seconds, 'f', 3)
        << " s (" << QString::number(megabytesPerSecond(t.bytes, summary.seconds), 'f', 0) << " MB/s)\n\n";
    std::vector<QString> names = displayNames(store, summary);
    int width = 4;
    for (QString& n : names) {
        n = escapeControls(n); // a file name may hold a newline
        width = std::max(width, int(n.size()));
    }
    out << QStringLiteral("file").leftJustified(width) << "  " << QStringLiteral("format").leftJustified(17)
        << QStringLiteral("entries").rightJustified(10) << QStringLiteral("lines").rightJustified(10) << "\n";
    for (std::size_t i = 0; i < summary.files.size(); ++i) {
        const SourceInfo& s = store.sources()[summary.files[i]];
        out << names[i].leftJustified(width) << "  " << formatLabel(s.dominantFormat()).leftJustified(17)
            << QString::number(s.entries).rightJustified(10) << QString::number(s.lines).rightJustified(10)
            << "\n";
    }
    out << "\nLevels:";
    for (int l = 1; l < kLevelCount; ++l)
        if (c.byLevel[l] > 0) out << "  " << levelName(static_cast<Level>(l)).data() << " " << c.byLevel[l];
    out << "\nInstances (entries / errors):";
    // By name: ids follow whichever file the parallel scan met first, which varies by run.
    std::vector<std::pair<QString, std::size_t>> instances;
    for (std::size_t i = 0; i < c.entriesByInstance.size(); ++i)
        if (c.entriesByInstance[i] > 0)
            instances.emplace_back(shownLogValue(store.instances().label(std::uint32_t(i)), SecretMasker()),
                                   i);
    std::sort(instances.begin(), instances.end());
    for (const auto& [name, i] : instances)
        out << "\n  " << name << "  " << c.entriesByInstance[i] << " / " << c.errorsByInstance[i];
    out << "\nUnparsed entries: " << c.unparsed << "    Duplicates: " << c.duplicates << "\n";
    if (const std::uint64_t notHeld = entriesNotHeld(store))
        out << "Not held in memory: " << notHeld
            << " entries (the oldest, beyond the memory limit; counted above)\n";
    if (!summary.errors.empty()) {
        out << "\nProblems:\n";
        for (const IngestError& e : summary.errors)
            out << "  " << escapeControls(e.path) << ": " << escapeControls(e.message) << "\n";
    }
    return text;
}

} // namespace vigil
