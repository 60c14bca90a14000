#pragma once
// Test helper: appends hand-made entries to an EntryStore through real EntryBatches, so
// metrics tests run on exactly the columns the store keeps (duplicate marking included).

#include "models/store/entryflags.h"
#include "models/store/entrystore.h"

#include <limits>
#include <map>
#include <string>
#include <vector>

namespace vigil::test {

struct TestEntry {
    std::int64_t timeUs = 0;
    Level level = Level::Info;
    float durationSeconds = std::numeric_limits<float>::quiet_NaN();
    std::uint16_t status = 0;
    std::string endpoint;       // "POST /v1/chat", empty for none
    int tools = -1;             // -1 unknown, 0 off, 1 on
    std::uint64_t textHash = 0; // non-zero: takes part in duplicate detection
};

class StoreFeeder {
  public:
    explicit StoreFeeder(EntryStore& store) : m_store(store) {}

    FileId addFile(const QString& path, const std::string& instance) {
        SourceInfo info;
        info.relativePath = path;
        info.defaultInstance = instance;
        const FileId id = m_store.sources().add(info);
        m_files[id.value].instance = instance;
        return id;
    }

    // Appends the entries as one batch of `file`; returns [first, end).
    std::pair<EntryIndex, EntryIndex> append(FileId file, const std::vector<TestEntry>& entries) {
        FileState& f = m_files[file.value];
        EntryBatch b;
        b.file = file;
        const std::uint32_t instance = local(f.instances, f.instance, b.newInstances);
        for (const TestEntry& e : entries) {
            b.timeUs.push_back(e.timeUs);
            b.offset.push_back(0);
            b.length.push_back(0);
            b.instance.push_back(instance);
            b.logger.push_back(0);
            b.endpoint.push_back(e.endpoint.empty() ? 0 : local(f.endpoints, e.endpoint, b.newEndpoints));
            b.durationSeconds.push_back(e.durationSeconds);
            b.status.push_back(e.status);
            b.level.push_back(static_cast<std::uint8_t>(e.level));
            b.format.push_back(1);
            std::uint8_t flags = 0;
            if (e.tools >= 0) flags |= FlagToolsKnown | (e.tools ? FlagToolsOn : 0);
            b.flags.push_back(flags);
            b.contentHash.push_back(e.textHash);
        }
        b.lines = entries.size();
        const EntryIndex first = m_store.append(b);
        return {first, m_store.endIndex()};
    }

  private:
    struct FileState {
        std::string instance;
        std::map<std::string, std::uint32_t> instances, endpoints;
    };
    static std::uint32_t local(std::map<std::string, std::uint32_t>& ids, const std::string& s,
                               std::vector<std::string>& added) {
        auto it = ids.find(s);
        if (it != ids.end()) return it->second;
        const std::uint32_t id = std::uint32_t(ids.size() + 1);
        ids.emplace(s, id);
        added.push_back(s);
        return id;
    }

    EntryStore& m_store;
    std::map<std::uint32_t, FileState> m_files;
};

inline std::int64_t secondsUs(double s) {
    return std::int64_t(s * 1e6);
}

} // namespace vigil::test
