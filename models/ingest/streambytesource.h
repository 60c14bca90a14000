#pragma once
// The bytes of one followed source across its generations. A source is a path (logs/app.log);
// each file that path held over time (a new inode after rotation, or the same inode cut to
// zero by copytruncate) is a generation with its own byte range: an entry's stored offset is
// (generation << kGenerationShift) + its offset in that file, so a rotation never makes one
// file's byte ranges point into another's. Generation 0 keeps plain file offsets, which is
// what the initial scan stored.
//
// Generations are added by the follow thread and read by any thread (locked). The store's
// thread notes which entries each generation holds and, after the last of them, that the
// generation ended (that news travels behind its batches, so it is never early); once all
// of its entries are evicted the generation is released and its file descriptor (possibly
// of a deleted file still taking disk space) closed.

#include "../store/bytesource.h"

#include <map>
#include <memory>
#include <mutex>

namespace vigil {

constexpr unsigned kGenerationShift = 40; // 1 TiB per file, 2^24 generations per source
constexpr std::uint64_t kGenerationMask = (std::uint64_t(1) << kGenerationShift) - 1;
constexpr std::uint32_t kGenerationLimit = std::uint32_t(1) << (64 - kGenerationShift);

inline std::uint64_t generationBase(std::uint32_t generation) {
    return static_cast<std::uint64_t>(generation % kGenerationLimit) << kGenerationShift;
}
inline std::uint32_t generationOf(std::uint64_t storedOffset) {
    return static_cast<std::uint32_t>(storedOffset >> kGenerationShift);
}

class StreamByteSource final : public ByteSource {
  public:
    bool read(std::uint64_t offset, std::uint32_t length, std::string& out) const override;
    // Through the generation's own scan: a followed file is searched in place through its
    // mapping, as a file opened without following is.
    bool scan(std::uint64_t offset, std::uint32_t length, std::string& scratch, Scan scan) const override;
    // Each generation still held, readied through its own source.
    std::uint64_t prepareScans(std::uint64_t budget) const override;

    // Follow thread.
    void setGeneration(std::uint32_t generation, std::shared_ptr<const ByteSource> bytes);
    // The generation's bytes are gone (its file was truncated); its entries read back empty.
    void loseGeneration(std::uint32_t generation) { setGeneration(generation, nullptr); }
    // Closes the generation's file now (too many deleted files held open).
    void releaseGeneration(std::uint32_t generation);

    // Store thread.
    void noteStored(std::uint32_t generation, std::uint64_t lastEntryIndex);
    // No more entries will come from the generation: it may be released once they are evicted.
    void endGeneration(std::uint32_t generation);
    // Releases ended generations whose entries all lie before `beginIndex`; returns how many.
    std::size_t releaseEvicted(std::uint64_t beginIndex);

    std::size_t generationCount() const;

  private:
    std::shared_ptr<const ByteSource> bytesOf(std::uint64_t offset) const;

    struct Generation {
        std::shared_ptr<const ByteSource> bytes;
        std::uint64_t endIndex = 0; // one past its last stored entry; 0: none stored yet
        bool ended = false;
    };
    mutable std::mutex m_mutex;
    std::map<std::uint32_t, Generation> m_generations; // by generation % kGenerationLimit
};

} // namespace vigil
