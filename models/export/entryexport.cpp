#include "entryexport.h"

#include "recordtext.h"

#include "../exec/executor.h"
#include "../metrics/timemath.h"
#include "../query/entryfields.h"
#include "../secrets/safetext.h"

#include <QDateTime>
#include <QIODevice>

#include <cmath>
#include <cstdio>

namespace vigil {

namespace {
// One entry for a terminal: "TIME  INSTANCE  LEVEL  message", then the entry's further lines
// (a traceback) indented by two spaces, each escaped on its own.
void appendTextRecord(QString& out, const QString& time, const QString& instance, int instanceWidth,
                      const QString& level, const QString& message, const QString& text) {
    out += time.leftJustified(23);
    out += QLatin1String("  ");
    out += instance.leftJustified(instanceWidth);
    out += QLatin1String("  ");
    out += level.leftJustified(8);
    out += QLatin1String("  ");
    out += escapeControls(message);
    out += QLatin1Char('\n');
    qsizetype lineEnd = text.indexOf(QLatin1Char('\n'));
    while (lineEnd >= 0) {
        const qsizetype start = lineEnd + 1;
        lineEnd = text.indexOf(QLatin1Char('\n'), start);
        QStringView line = QStringView(text).mid(start, (lineEnd < 0 ? text.size() : lineEnd) - start);
        if (line.endsWith(QLatin1Char('\r'))) line.chop(1);
        if (lineEnd < 0 && line.isEmpty()) break;
        out += QLatin1String("  ");
        out += escapeControls(line.toString());
        out += QLatin1Char('\n');
    }
}

QString view(std::string_view s) {
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}
} // namespace

ExportFormat exportFormatFor(const QString& fileName) {
    if (fileName.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)) return ExportFormat::Csv;
    if (fileName.endsWith(QLatin1String(".txt"), Qt::CaseInsensitive)) return ExportFormat::Text;
    return ExportFormat::JsonLines;
}

ExportSource ExportSource::capture(const EntryStore& store) {
    ExportSource source;
    source.columns = store.snapshot();
    source.text = TextAccess::capture(store);
    for (std::uint32_t i = 0; i < store.instances().size(); ++i)
        source.instances.emplace_back(store.instances().label(i).toStdString());
    for (std::uint32_t i = 0; i < store.loggers().size(); ++i)
        source.loggers.emplace_back(store.loggers().text(i));
    for (std::uint32_t f = 0; f < store.sources().size(); ++f)
        source.files.push_back(store.sources()[FileId(f)].relativePath);
    return source;
}

QString exportEntries(const EntryStore& store, const std::vector<EntryIndex>& rows, ExportFormat format,
                      const SecretMasker& masker, QIODevice& out) {
    return exportEntries(ExportSource::capture(store), rows, format, masker, out);
}

QString exportEntries(const ExportSource& source, const std::vector<EntryIndex>& rows, ExportFormat format,
                      const SecretMasker& masker, QIODevice& out, const std::atomic<bool>* cancel,
                      std::atomic<std::size_t>* done, Executor* executor) {
    static const char* const kColumns[] = {
        "time",   "instance",       "level",   "logger", "file", "duration_seconds",
        "status", "correlation_id", "message", "text"};
    constexpr std::size_t kDurationColumn = 5, kStatusColumn = 6;
    if (format == ExportFormat::Csv) {
        QStringList header;
        for (const char* c : kColumns)
            header << QString::fromLatin1(c);
        if (out.write(header.join(QLatin1Char(',')).toUtf8() + "\r\n") < 0) return out.errorString();
    }
    const StoreSnapshot& store = source.columns;
    // Instance and logger names come from log text too: masked once, not per entry.
    auto maskedNames = [&masker](const std::vector<std::string>& names) {
        std::vector<QString> out;
        out.reserve(names.size());
        for (const std::string& n : names)
            out.push_back(masker.mask(view(n)));
        return out;
    };
    const std::vector<QString> instances = maskedNames(source.instances),
                               loggers = maskedNames(source.loggers);
    auto utf8Names = [](const std::vector<QString>& names) {
        std::vector<std::string> out;
        for (const QString& n : names)
            out.push_back(n.toStdString());
        return out;
    };
    const std::vector<std::string> instances8 = utf8Names(instances), loggers8 = utf8Names(loggers),
                                   files8 = utf8Names(source.files);
    auto name = [](const std::vector<std::string>& names, std::uint32_t id) {
        return id < names.size() ? std::string_view(names[id]) : std::string_view();
    };
    // Names as a terminal may show them, and the width that lines them up (text only).
    std::vector<QString> shownInstances;
    int instanceWidth = 0;
    if (format == ExportFormat::Text)
        for (const std::string& n : source.instances) {
            shownInstances.push_back(shownLogValue(n, masker));
            instanceWidth = std::min(24, std::max(instanceWidth, int(shownInstances.back().size())));
        }
    // One entry's fields as UTF-8, masked; the buffers are the formatting thread's own.
    struct Fields {
        std::string time, duration, status, correlation, message, text;
        std::string validMessage, validText; // where invalid UTF-8 was replaced
        EntrySummary summary;
        std::string_view values[std::size(kColumns)];
    };
    auto fill = [&](EntryIndex e, EntryReader& reader, BlockReader& bytes, Fields& f) {
        std::string_view raw;
        const bool readable = bytes.read(store, e, raw);
        f.summary = reader.summary(readable ? raw : std::string_view());
        const EntrySummary& summary = f.summary;
        const std::string_view text = readable ? validUtf8(raw, f.validText) : std::string_view();
        const std::string_view message = validUtf8(summary.message, f.validMessage);
        // The message is part of the text: one cheap test decides for both.
        const bool secretish = readable && !masker.reveals() && SecretMasker::mayHoldSecret(text);
        const std::int64_t t = store.timeUs(e);
        const float d = store.durationSeconds(e);
        f.time.clear();
        if (t != kNoTime) appendIsoUtcMillis(f.time, t);
        f.duration = !std::isfinite(d) ? std::string() : QByteArray::number(double(d), 'g', 6).toStdString();
        f.status = store.status(e) ? std::to_string(store.status(e)) : std::string();
        f.correlation.assign(summary.correlationId);
        if (summary.correlationIsSession)
            f.correlation = masker.maskField(QStringLiteral("session_id"), view(f.correlation)).toStdString();
        if (secretish) {
            f.message = masker.maskFlagged(message);
            f.text = masker.maskFlagged(text);
        }
        const FileId file = store.file(e);
        const std::string_view values[] = {
            f.time,
            name(instances8, store.instance(e).value),
            levelName(store.level(e)),
            name(loggers8, store.logger(e).value),
            name(files8, file.value),
            f.duration,
            f.status,
            f.correlation,
            secretish ? std::string_view(f.message) : message,
            secretish ? std::string_view(f.text) : text,
        };
        std::copy(std::begin(values), std::end(values), f.values);
    };
    // Formats rows [from, to) into `block`; each thread has its own readers.
    auto format1 = [&](std::size_t from, std::size_t to, std::string& block, EntryReader& reader,
                       BlockReader& bytes) {
        Fields f;
        for (std::size_t r = from; r < to; ++r) {
            const EntryIndex e = rows[r];
            if (!store.contains(e)) continue;
            fill(e, reader, bytes, f);
            if (format == ExportFormat::Text) {
                const std::int64_t t = store.timeUs(e);
                const std::uint32_t instance = store.instance(e).value;
                // Local time, as the table shows it; the formats for programs carry UTC.
                const QString time = t == kNoTime ? QString()
                                                  : QDateTime::fromMSecsSinceEpoch(msFromUs(t), Qt::LocalTime)
                                                        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
                QString record;
                appendTextRecord(record, time,
                                 instance < shownInstances.size() ? shownInstances[instance] : QString(),
                                 instanceWidth, view(f.values[2]), view(f.values[8]), view(f.values[9]));
                block += record.toStdString();
            } else if (format == ExportFormat::Csv) {
                for (std::size_t k = 0; k < std::size(kColumns); ++k) {
                    if (k > 0) block += ',';
                    appendCsvField(block, f.values[k]);
                }
                block += "\r\n";
            } else {
                block += '{';
                bool first = true;
                for (std::size_t k = 0; k < std::size(kColumns); ++k) {
                    if (f.values[k].empty()) continue;
                    if (!first) block += ',';
                    first = false;
                    block += '"';
                    block += kColumns[k];
                    block += "\":";
                    // Duration and status are numbers (written by QByteArray::number, so valid JSON).
                    if (k == kDurationColumn || k == kStatusColumn)
                        block.append(f.values[k]);
                    else
                        appendJsonString(block, f.values[k]);
                }
                block += "}\n";
            }
        }
    };
    // Blocks of rows formatted side by side, one per core, then written in order.
    constexpr std::size_t kBlock = 4096;
    const int parts = partsFor(executor);
    std::vector<EntryReader> readers(static_cast<std::size_t>(parts));
    std::vector<BlockReader> blockReaders;
    for (int p = 0; p < parts; ++p)
        blockReaders.emplace_back(source.text);
    std::vector<std::string> blocks(static_cast<std::size_t>(parts));
    for (std::size_t from = 0; from < rows.size(); from += kBlock * std::size_t(parts)) {
        if (cancel && cancel->load(std::memory_order_relaxed)) return QStringLiteral("cancelled");
        forEachPart(executor, parts, [&](int p) {
            const std::size_t begin = std::min(rows.size(), from + kBlock * std::size_t(p));
            const std::size_t end = std::min(rows.size(), begin + kBlock);
            std::string& block = blocks[std::size_t(p)];
            block.clear();
            format1(begin, end, block, readers[std::size_t(p)], blockReaders[std::size_t(p)]);
        });
        for (const std::string& block : blocks)
            if (!block.empty() && out.write(block.data(), qint64(block.size())) != qint64(block.size()))
                return out.errorString();
        if (done)
            done->store(std::min(rows.size(), from + kBlock * std::size_t(parts)), std::memory_order_relaxed);
    }
    return {};
}

} // namespace vigil
