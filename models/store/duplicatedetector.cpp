#include "duplicatedetector.h"

#include <algorithm>

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

DuplicateDetector::Slot* DuplicateDetector::Table::find(std::uint64_t key) {
    if (slots.empty()) return nullptr;
    const std::size_t mask = slots.size() - 1;
    for (std::size_t i = key & mask;; i = (i + 1) & mask) {
        if (slots[i].key == key) return &slots[i];
        if (slots[i].key == 0) return nullptr;
    }
}

void DuplicateDetector::Table::insert(std::uint64_t key, std::uint32_t file) {
    if (slots.empty() || (count + 1) * 10 > slots.size() * 7) grow();
    const std::size_t mask = slots.size() - 1;
    std::size_t i = key & mask;
    while (slots[i].key != 0)
        i = (i + 1) & mask;
    slots[i] = Slot{key, file};
    ++count;
}

void DuplicateDetector::Table::grow() {
    std::vector<Slot> old;
    old.swap(slots);
    slots.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    const std::size_t mask = slots.size() - 1;
    for (const Slot& s : old) {
        if (s.key == 0) continue;
        std::size_t i = s.key & mask;
        while (slots[i].key != 0)
            i = (i + 1) & mask;
        slots[i] = s;
    }
}

void DuplicateDetector::Table::prefetch(std::uint64_t key) const {
    if (!slots.empty()) __builtin_prefetch(&slots[key & (slots.size() - 1)]);
}

std::uint64_t DuplicateDetector::keyOf(InstanceId instance, std::uint64_t contentHash) {
    const std::uint64_t key =
        mix(contentHash ^ (static_cast<std::uint64_t>(instance.value) * 0x9e3779b97f4a7c15ULL));
    return key == 0 ? 1 : key;
}

void DuplicateDetector::prefetch(InstanceId instance, std::uint64_t contentHash) const {
    const std::uint64_t key = keyOf(instance, contentHash);
    m_current.prefetch(key);
    m_previous.prefetch(key);
}

bool DuplicateDetector::seenElsewhere(InstanceId instance, std::uint64_t contentHash, FileId file) {
    const std::uint64_t key = keyOf(instance, contentHash);
    if (const Slot* slot = m_current.find(key)) return slot->file != file.value;
    std::uint32_t first = file.value;
    if (const Slot* slot = m_previous.find(key)) first = slot->file; // keep it for the next window
    if (m_window > 0 && m_current.count >= m_window / 2) {
        // The next generation fills as far as this one did: it reuses the older table's
        // slots, emptied, instead of growing (and rehashing) from nothing on the store's thread.
        std::swap(m_previous, m_current);
        if (m_current.slots.size() < m_previous.slots.size()) {
            m_current.slots.assign(m_previous.slots.size(), Slot{});
        } else {
            std::fill(m_current.slots.begin(), m_current.slots.end(), Slot{});
        }
        m_current.count = 0;
    }
    m_current.insert(key, first);
    return first != file.value;
}

void DuplicateDetector::setWindow(std::size_t hashes) {
    m_window = hashes < 2 && hashes > 0 ? 2 : hashes;
}

void DuplicateDetector::clear() {
    m_current = Table();
    m_previous = Table();
}

std::uint64_t DuplicateDetector::memoryBytes() const {
    return (m_current.slots.capacity() + m_previous.slots.capacity()) * sizeof(Slot);
}

} // namespace vigil
