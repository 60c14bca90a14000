#include "entryexport.h"

#include "../exec/executor.h"
#include "../query/entryfields.h"
#include "../secrets/safetext.h"

#include <QDateTime>
#include <QIODevice>

#include <cmath>
#include <cstdio>

namespace vigil {

namespace {
QString csvField(QString text) {
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) ||
        text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r')))
        return QLatin1Char('"') + text.replace(QLatin1Char('"'), QLatin1String("\"\"")) + QLatin1Char('"');
    return text;
}

// Appends a JSON string literal (written by hand: a QJsonObject per record cost more than
// reading and masking the entry). Besides what JSON requires, C1 controls, DEL, line
// separators and bidirectional overrides are escaped too: JSON Lines go to terminals.
void appendJsonString(QByteArray& out, const QByteArray& utf8) {
    auto escape = [&out](unsigned code) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", code);
        out += buf;
    };
    out += '"';
    const qsizetype n = utf8.size();
    const char* data = utf8.constData();
    for (qsizetype i = 0; i < n; ++i) {
        // Bytes that need no escape are copied in runs, not one append a byte.
        qsizetype run = i;
        while (run < n && static_cast<unsigned char>(data[run]) >= 0x20 && data[run] != '"' &&
               data[run] != '\\' && data[run] != 0x7f && static_cast<unsigned char>(data[run]) != 0xc2 &&
               static_cast<unsigned char>(data[run]) != 0xe2)
            ++run;
        if (run > i) {
            out.append(data + i, run - i);
            i = run;
            if (i == n) break;
        }
        const char c = utf8[i];
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (u < 0x20 || u == 0x7f) {
                escape(u);
            } else if (u == 0xc2 && i + 1 < n && static_cast<unsigned char>(utf8[i + 1]) <= 0x9f) {
                escape(static_cast<unsigned char>(utf8[++i])); // U+0080..U+009F
            } else if (u == 0xe2 && i + 2 < n) {
                const unsigned code = 0x2000u | ((static_cast<unsigned char>(utf8[i + 1]) & 0x3fu) << 6) |
                                      (static_cast<unsigned char>(utf8[i + 2]) & 0x3fu);
                if (code == 0x200e || code == 0x200f || code == 0x2028 || code == 0x2029 ||
                    (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) {
                    escape(code);
                    i += 2;
                } else {
                    out += c;
                }
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

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
    auto name = [](const std::vector<QString>& names, std::uint32_t id) {
        return id < names.size() ? names[id] : QString();
    };
    // Names as a terminal may show them, and the width that lines them up (text only).
    std::vector<QString> shownInstances;
    int instanceWidth = 0;
    if (format == ExportFormat::Text)
        for (const std::string& n : source.instances) {
            shownInstances.push_back(shownLogValue(n, masker));
            instanceWidth = std::min(24, std::max(instanceWidth, int(shownInstances.back().size())));
        }
    // Formats rows [from, to) into `block`; each thread has its own readers.
    auto format1 = [&](std::size_t from, std::size_t to, QByteArray& block, EntryReader& reader,
                       BlockReader& bytes) {
        for (std::size_t r = from; r < to; ++r) {
            const EntryIndex e = rows[r];
            if (!store.contains(e)) continue;
            std::string_view text;
            const bool readable = bytes.read(store, e, text);
            const EntrySummary summary = reader.summary(readable ? text : std::string_view());
            // The message is part of the text: one cheap test decides for both.
            const bool secretish = readable && !masker.reveals() && SecretMasker::mayHoldSecret(text);
            const std::int64_t t = store.timeUs(e);
            const float d = store.durationSeconds(e);
            QString correlation = view(summary.correlationId);
            if (summary.correlationIsSession)
                correlation = masker.maskField(QStringLiteral("session_id"), correlation);
            const FileId file = store.file(e);
            const QString values[] = {
                t == kNoTime ? QString()
                             : QDateTime::fromMSecsSinceEpoch(t / 1000, Qt::UTC).toString(Qt::ISODateWithMs),
                name(instances, store.instance(e).value),
                view(levelName(store.level(e))),
                name(loggers, store.logger(e).value),
                file.value < source.files.size() ? source.files[file.value] : QString(),
                !std::isfinite(d) ? QString() : QString::number(double(d), 'g', 6),
                store.status(e) ? QString::number(store.status(e)) : QString(),
                correlation,
                secretish ? masker.mask(view(summary.message)) : view(summary.message),
                !readable   ? QString()
                : secretish ? masker.mask(view(text))
                            : view(text),
            };
            QByteArray line;
            if (format == ExportFormat::Text) {
                const std::uint32_t instance = store.instance(e).value;
                // Local time, as the table shows it; the formats for programs carry UTC.
                const QString time = t == kNoTime ? QString()
                                                  : QDateTime::fromMSecsSinceEpoch(t / 1000, Qt::LocalTime)
                                                        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
                QString record;
                appendTextRecord(record, time,
                                 instance < shownInstances.size() ? shownInstances[instance] : QString(),
                                 instanceWidth, values[2], values[8], values[9]);
                line = record.toUtf8();
            } else if (format == ExportFormat::Csv) {
                QStringList fields;
                for (const QString& v : values)
                    fields << csvField(v);
                line = fields.join(QLatin1Char(',')).toUtf8() + "\r\n";
            } else {
                line.reserve(512);
                line += '{';
                for (std::size_t k = 0; k < std::size(kColumns); ++k) {
                    if (values[k].isEmpty()) continue;
                    if (line.size() > 1) line += ',';
                    line += '"';
                    line += kColumns[k];
                    line += "\":";
                    // Duration and status are numbers (written by QString::number, so valid JSON).
                    if (k == kDurationColumn || k == kStatusColumn)
                        line += values[k].toLatin1();
                    else
                        appendJsonString(line, values[k].toUtf8());
                }
                line += "}\n";
            }
            block += line;
        }
    };
    // Blocks of rows formatted side by side, one per core, then written in order.
    constexpr std::size_t kBlock = 4096;
    const int parts = partsFor(executor);
    std::vector<EntryReader> readers(static_cast<std::size_t>(parts));
    std::vector<BlockReader> blockReaders;
    for (int p = 0; p < parts; ++p)
        blockReaders.emplace_back(source.text);
    std::vector<QByteArray> blocks(static_cast<std::size_t>(parts));
    for (std::size_t from = 0; from < rows.size(); from += kBlock * std::size_t(parts)) {
        if (cancel && cancel->load(std::memory_order_relaxed)) return QStringLiteral("cancelled");
        forEachPart(executor, parts, [&](int p) {
            const std::size_t begin = std::min(rows.size(), from + kBlock * std::size_t(p));
            const std::size_t end = std::min(rows.size(), begin + kBlock);
            QByteArray& block = blocks[std::size_t(p)];
            block.clear();
            format1(begin, end, block, readers[std::size_t(p)], blockReaders[std::size_t(p)]);
        });
        for (const QByteArray& block : blocks)
            if (!block.isEmpty() && out.write(block) != block.size()) return out.errorString();
        if (done)
            done->store(std::min(rows.size(), from + kBlock * std::size_t(parts)), std::memory_order_relaxed);
    }
    return {};
}

} // namespace vigil
