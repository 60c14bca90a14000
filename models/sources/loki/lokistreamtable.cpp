#include "lokistreamtable.h"

#include "models/store/entryflags.h"

namespace vigil {

std::string LokiStreamTable::instanceOf(const LokiStream& stream, const QString& instanceLabel) {
    if (!instanceLabel.isEmpty()) {
        const std::string_view v = stream.label(instanceLabel.toStdString());
        if (!v.empty()) return std::string(v);
    }
    for (const QString& name : LokiTarget::instanceLabels()) {
        const std::string_view v = stream.label(name.toStdString());
        if (!v.empty()) return std::string(v);
    }
    for (const char* name : {"service_name", "job", "app"}) {
        const std::string_view v = stream.label(name);
        if (!v.empty()) return std::string(v);
    }
    return stream.key;
}

LokiStreamTable::Stream& LokiStreamTable::streamFor(const LokiStream& stream,
                                                    const EntryProducer::Sink& sink) {
    auto it = m_streams.find(stream.key);
    if (it != m_streams.end()) return it->second;
    SourceInfo info;
    info.root = m_target.displayName();
    info.relativePath = QString::fromStdString(stream.key);
    info.absolutePath = info.root + QLatin1Char(' ') + info.relativePath;
    info.defaultInstance = instanceOf(stream, m_target.instanceLabel);
    Stream s;
    s.id = m_sources.add(std::move(info));
    s.assembler = std::make_unique<EntryAssembler>(s.id, m_sources[s.id].defaultInstance);
    s.text = std::make_shared<LokiTextSource>();
    for (const char* name : {"level", "detected_level", "severity", "lvl"}) {
        const std::string_view v = stream.label(name);
        if (!v.empty() && (s.level = parseLevel(v)) != Level::None) break;
    }
    Stream& added = m_streams.emplace(stream.key, std::move(s)).first->second;
    if (sink.sourceAdded) sink.sourceAdded(added.id, added.text);
    return added;
}

void LokiStreamTable::complete(Stream& s, EntryBatch& batch, std::size_t from) {
    for (std::size_t i = from; i < batch.size(); ++i) {
        if (batch.level[i] == std::uint8_t(Level::None) && s.level != Level::None)
            batch.level[i] = std::uint8_t(s.level);
        const auto it = s.entryTimes.find(batch.offset[i]);
        if ((batch.flags[i] & FlagInheritedTime) && it != s.entryTimes.end()) {
            batch.timeUs[i] = it->second;
            batch.flags[i] &= std::uint8_t(~FlagInheritedTime);
        }
    }
    if (batch.size() > from)
        s.entryTimes.erase(s.entryTimes.begin(), s.entryTimes.upper_bound(batch.offset.back()));
}

void LokiStreamTable::add(const LokiStream& stream, const std::vector<const LokiEntry*>& entries,
                          const EntryProducer::Sink& sink, std::int64_t changeTimeUs) {
    if (entries.empty()) return;
    Stream& s = streamFor(stream, sink);
    EntryBatch batch;
    batch.file = s.id;
    batch.changeTimeUs = changeTimeUs;
    for (const LokiEntry* e : entries) {
        std::string_view rest = e->line;
        if (!rest.empty() && rest.back() == '\n') rest.remove_suffix(1);
        bool first = true;
        // An entry may hold several lines (a traceback pushed whole): each is a line, as in a file.
        do {
            const std::size_t cut = rest.find('\n');
            std::string_view line = rest.substr(0, cut);
            rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 1);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            const std::uint64_t offset = s.text->append(line);
            if (first) s.entryTimes.emplace(offset, e->ns / 1000);
            first = false;
            const std::size_t before = batch.size();
            s.assembler->addLine(line, offset, line.size(), batch);
            complete(s, batch, before);
            ++batch.lines;
            batch.bytes += line.size() + 1;
        } while (!rest.empty());
    }
    m_bytes += batch.bytes;
    s.assembler->exportNewStrings(batch);
    if (sink.batch) sink.batch(std::move(batch));
}

void LokiStreamTable::commitOpen(const EntryProducer::Sink& sink) {
    for (auto& [key, s] : m_streams) {
        if (!s.assembler->hasOpenEntry()) continue;
        EntryBatch batch;
        batch.file = s.id;
        s.assembler->commitOpen(batch);
        complete(s, batch, 0);
        s.assembler->exportNewStrings(batch);
        if (sink.batch) sink.batch(std::move(batch));
    }
}

} // namespace vigil
