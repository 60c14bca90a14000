#pragma once
// Recognises an entry written to two files of one instance (app.log and error.log): the
// same instance and the same text seen before in a different file. Only entries whose
// hash was computed (ERROR and above, the ones error files receive) take part, which
// keeps the table small: 12 bytes a slot, open addressing, no per-node allocation.

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
    std::size_t memoryBytes() const { return m_keys.size() * 12; }

private:
    void grow();

    std::vector<std::uint64_t> m_keys; // 0 marks an empty slot
    std::vector<std::uint32_t> m_files;
    std::size_t m_count = 0;
};

} // namespace vigil
