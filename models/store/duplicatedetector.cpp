#include "duplicatedetector.h"

namespace vigil {

namespace {
std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}
} // namespace

bool DuplicateDetector::seenElsewhere(InstanceId instance, std::uint64_t contentHash, FileId file) {
    if (m_slots.empty() || (m_count + 1) * 10 > m_slots.size() * 7) grow();
    std::uint64_t key = mix(contentHash ^ (static_cast<std::uint64_t>(instance.value) * 0x9e3779b97f4a7c15ULL));
    if (key == 0) key = 1;
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = key & mask;; i = (i + 1) & mask) {
        Slot& slot = m_slots[i];
        if (slot.key == 0) {
            slot.key = key;
            slot.file = file.value;
            ++m_count;
            return false;
        }
        if (slot.key == key) return slot.file != file.value;
    }
}

void DuplicateDetector::grow() {
    std::vector<Slot> old;
    old.swap(m_slots);
    m_slots.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    const std::size_t mask = m_slots.size() - 1;
    for (const Slot& s : old) {
        if (s.key == 0) continue;
        std::size_t i = s.key & mask;
        while (m_slots[i].key != 0) i = (i + 1) & mask;
        m_slots[i] = s;
    }
}

void DuplicateDetector::clear() {
    m_slots.clear();
    m_count = 0;
}

} // namespace vigil
