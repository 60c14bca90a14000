#pragma once
// Recognises an entry written to two files of one instance (app.log and error.log): the
// same instance and the same text seen before in a different file. Only entries whose
// hash was computed (WARNING and above, the ones error files receive) take part, which
// keeps the table small: 16 bytes per such entry, open addressing, no per-node allocation.

#include "ids.h"

#include <cstdint>
#include <vector>

namespace vigil {

class DuplicateDetector {
public:
    // True when (instance, hash) was first seen in a file other than `file`.
    // Records the pair otherwise.
    bool seenElsewhere(InstanceId instance, std::uint64_t contentHash, FileId file);
    void clear();
    std::size_t size() const { return m_count; }

private:
    struct Slot {
        std::uint64_t key = 0; // 0 marks an empty slot
        std::uint32_t file = 0;
    };
    void grow();

    std::vector<Slot> m_slots;
    std::size_t m_count = 0;
};

} // namespace vigil
