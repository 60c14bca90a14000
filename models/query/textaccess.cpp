#include "textaccess.h"

#include <algorithm>
#include <cstring>

namespace vigil {

TextAccess TextAccess::capture(const EntryStore& store) {
    TextAccess access;
    const std::uint32_t n = store.sources().size();
    access.sources.resize(n);
    for (std::uint32_t i = 0; i < n; ++i)
        access.sources[i] = store.sources()[FileId(i)].bytes;
    return access;
}

void asciiLowercase(char* data, std::size_t size) {
    // Branch-free so the compiler vectorises it: this runs over every searched byte.
    for (std::size_t i = 0; i < size; ++i) {
        const unsigned char c = static_cast<unsigned char>(data[i]);
        data[i] = static_cast<char>(c + (static_cast<unsigned char>(c - 'A') < 26u ? 32 : 0));
    }
}

BlockReader::BlockReader(const TextAccess& access, bool lowercase)
    : m_access(access), m_lowercase(lowercase), m_windows(access.sources.size()) {}

bool BlockReader::read(FileId file, std::uint64_t offset, std::uint32_t length, std::string_view& out) {
    if (file.value >= m_access.sources.size() || !m_access.sources[file.value]) return false;
    Window& w = m_windows[file.value];
    if (offset < w.start || offset + length > w.start + w.data.size()) {
        const std::uint32_t want = std::max(kWindow, length);
        w.start = offset;
        m_access.sources[file.value]->read(offset, want, w.data); // short at the end of the file
        if (m_lowercase) asciiLowercase(w.data.data(), w.data.size());
        if (w.data.size() < length) {
            w.data.clear();
            return false;
        }
    }
    out = std::string_view(w.data).substr(offset - w.start, length);
    return true;
}

} // namespace vigil
