#include "entryexport.h"

#include "../query/entryfields.h"

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
// reading and masking the entry).
void appendJsonString(QByteArray& out, const QByteArray& utf8) {
    out += '"';
    for (const char c : utf8) {
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
            if (static_cast<unsigned char>(c) < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(static_cast<unsigned char>(c)));
                out += buf;
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

QString view(std::string_view s) {
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}
} // namespace

ExportFormat exportFormatFor(const QString& fileName) {
    return fileName.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive) ? ExportFormat::Csv
                                                                         : ExportFormat::JsonLines;
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
                      std::atomic<std::size_t>* done) {
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
    auto name = [](const std::vector<std::string>& names, std::uint32_t id) {
        return id < names.size() ? view(names[id]) : QString();
    };
    EntryReader reader;
    BlockReader bytes(source.text);
    std::size_t written = 0;
    for (EntryIndex e : rows) {
        if (cancel && cancel->load(std::memory_order_relaxed)) return QStringLiteral("cancelled");
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
            name(source.instances, store.instance(e).value),
            view(levelName(store.level(e))),
            name(source.loggers, store.logger(e).value),
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
        if (format == ExportFormat::Csv) {
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
        if (out.write(line) != line.size()) return out.errorString();
        if (done) done->store(++written, std::memory_order_relaxed);
    }
    return {};
}

} // namespace vigil
