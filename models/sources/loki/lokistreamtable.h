#pragma once
// Where Loki entries meet the parsers: each stream ({job="api", pod="api-7f9c"}) is one
// source of the store, and its entries' lines go through the same EntryAssembler, and so
// the same format detection and traceback joining, as a file's lines. The stream's labels
// fill in what a line does not say: its instance (the instance label, else the first of
// instance, service_instance_id, pod, host), its level (level, detected_level, severity)
// and, for lines without a timestamp, Loki's own time of the entry.

#include "lokiresponse.h"
#include "lokitarget.h"
#include "lokitextsource.h"

#include "models/ingest/entryassembler.h"
#include "models/ingest/entryproducer.h"
#include "models/store/level.h"

#include <map>
#include <memory>
#include <string>
#include <unordered_map>

namespace vigil {

class LokiStreamTable {
  public:
    LokiStreamTable(SourceTable& sources, const LokiTarget& target) : m_sources(sources), m_target(target) {}

    // Parses the entries (new ones, in time order) of one stream and hands them to the sink
    // as one batch. `changeTimeUs`: when they were received while following, 0 for history.
    void add(const LokiStream& stream, const std::vector<const LokiEntry*>& entries,
             const EntryProducer::Sink& sink, std::int64_t changeTimeUs);
    // Commits each stream's open entry (a traceback may still be growing).
    void commitOpen(const EntryProducer::Sink& sink);
    std::uint64_t bytes() const { return m_bytes; }
    std::size_t streamCount() const { return m_streams.size(); }

    // The instance a stream's entries get when their lines name none.
    static std::string instanceOf(const LokiStream& stream, const QString& instanceLabel);

  private:
    struct Stream {
        FileId id;
        std::shared_ptr<LokiTextSource> text;
        std::unique_ptr<EntryAssembler> assembler;
        Level level = Level::None;
        std::map<std::uint64_t, std::int64_t> entryTimes; // offset of an entry's first line -> Loki time (µs)
    };
    Stream& streamFor(const LokiStream& stream, const EntryProducer::Sink& sink);
    void complete(Stream& s, EntryBatch& batch, std::size_t from);

    SourceTable& m_sources;
    LokiTarget m_target;
    std::unordered_map<std::string, Stream> m_streams;
    std::uint64_t m_bytes = 0;
};

} // namespace vigil
