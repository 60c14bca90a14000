#include "entryexport.h"

#include "../query/entryfields.h"

#include <QDateTime>
#include <QIODevice>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace vigil {

namespace {
QString csvField(QString text) {
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) ||
        text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r')))
        return QLatin1Char('"') + text.replace(QLatin1Char('"'), QLatin1String("\"\"")) + QLatin1Char('"');
    return text;
}

QString view(std::string_view s) {
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}
} // namespace

ExportFormat exportFormatFor(const QString& fileName) {
    return fileName.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive) ? ExportFormat::Csv
                                                                         : ExportFormat::JsonLines;
}

QString exportEntries(const EntryStore& store, const std::vector<EntryIndex>& rows, ExportFormat format,
                      const SecretMasker& masker, QIODevice& out) {
    static const char* const kColumns[] = {
        "time",   "instance",       "level",   "logger", "file", "duration_seconds",
        "status", "correlation_id", "message", "text"};
    if (format == ExportFormat::Csv) {
        QStringList header;
        for (const char* c : kColumns)
            header << QString::fromLatin1(c);
        if (out.write(header.join(QLatin1Char(',')).toUtf8() + "\r\n") < 0) return out.errorString();
    }
    EntryReader reader;
    std::string text;
    for (EntryIndex e : rows) {
        if (!store.contains(e)) continue;
        const bool readable = store.readText(e, text);
        const EntrySummary summary = reader.summary(text);
        const std::int64_t t = store.timeUs(e);
        const float d = store.durationSeconds(e);
        QString correlation = view(summary.correlationId);
        if (summary.correlationIsSession)
            correlation = masker.maskField(QStringLiteral("session_id"), correlation);
        const QString values[] = {
            t == kNoTime ? QString()
                         : QDateTime::fromMSecsSinceEpoch(t / 1000, Qt::UTC).toString(Qt::ISODateWithMs),
            view(store.instances().text(store.instance(e).value)),
            view(levelName(store.level(e))),
            view(store.loggers().text(store.logger(e).value)),
            store.sources()[store.file(e)].relativePath,
            std::isnan(d) ? QString() : QString::number(double(d), 'g', 6),
            store.status(e) ? QString::number(store.status(e)) : QString(),
            correlation,
            masker.mask(view(summary.message)),
            readable ? masker.mask(view(text)) : QString(),
        };
        QByteArray line;
        if (format == ExportFormat::Csv) {
            QStringList fields;
            for (const QString& v : values)
                fields << csvField(v);
            line = fields.join(QLatin1Char(',')).toUtf8() + "\r\n";
        } else {
            QJsonObject o;
            for (std::size_t k = 0; k < std::size(kColumns); ++k)
                if (!values[k].isEmpty()) o.insert(QString::fromLatin1(kColumns[k]), values[k]);
            line = QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
        }
        if (out.write(line) != line.size()) return out.errorString();
    }
    return {};
}

} // namespace vigil
