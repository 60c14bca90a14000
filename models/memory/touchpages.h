#pragma once
// Writing a byte of every page of a fresh block makes the calling thread take its page
// faults now, rather than whichever thread first uses the block (the GUI thread appending
// entries, or a lookup that would map the shared zero page for a later write to replace).
// The bytes written are zeros, so a calloc'd block stays zeroed.

#include <cstddef>

namespace vigil {

inline void writeEveryPage(void* data, std::size_t bytes) {
    auto* at = static_cast<volatile unsigned char*>(data);
    for (std::size_t i = 0; i < bytes; i += 4096)
        at[i] = 0;
}

} // namespace vigil
