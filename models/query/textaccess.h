#pragma once
// Entry text for worker threads. The store's byte sources are captured on the store's
// thread (TextAccess::capture), then read from any thread; BlockReader reads a file in
// large windows so that scanning entries in file order costs one read per megabyte, not
// one per entry.

#include "../store/entrystore.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace vigil {

struct TextAccess {
    std::vector<std::shared_ptr<const ByteSource>> sources; // by FileId; null while unread

    // Call on the store's thread.
    static TextAccess capture(const EntryStore& store);
};

class BlockReader {
  public:
    // `lowercase`: hand out ASCII-lowercased text (for case-insensitive search).
    explicit BlockReader(const TextAccess& access, bool lowercase = false);

    // The bytes [offset, offset+length) of a file; false when they are not readable.
    bool read(FileId file, std::uint64_t offset, std::uint32_t length, std::string_view& out);

    template <typename Columns> bool read(const Columns& c, EntryIndex i, std::string_view& out) {
        return read(c.file(i), c.offset(i), c.length(i), out);
    }

    static constexpr std::uint32_t kWindow = 1u << 20;

  private:
    struct Window {
        std::uint64_t start = 0;
        std::string data;
    };
    const TextAccess& m_access;
    bool m_lowercase;
    std::vector<Window> m_windows; // by FileId
};

void asciiLowercase(char* data, std::size_t size);

} // namespace vigil
