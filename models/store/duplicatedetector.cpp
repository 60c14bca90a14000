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
    if (m_keys.empty() || (m_count + 1) * 10 > m_keys.size() * 7) grow();
    std::uint64_t key = mix(contentHash ^ (static_cast<std::uint64_t>(instance.value) * 0x9e3779b97f4a7c15ULL));
    if (key == 0) key = 1;
    const std::size_t mask = m_keys.size() - 1;
    for (std::size_t i = key & mask;; i = (i + 1) & mask) {
        if (m_keys[i] == 0) {
            m_keys[i] = key;
            m_files[i] = file.value;
            ++m_count;
            return false;
        }
        if (m_keys[i] == key) return m_files[i] != file.value;
    }
}

void DuplicateDetector::grow() {
    std::vector<std::uint64_t> oldKeys;
    std::vector<std::uint32_t> oldFiles;
    oldKeys.swap(m_keys);
    oldFiles.swap(m_files);
    const std::size_t size = oldKeys.empty() ? 1024 : oldKeys.size() * 2;
    m_keys.assign(size, 0);
    m_files.assign(size, 0);
    const std::size_t mask = size - 1;
    for (std::size_t k = 0; k < oldKeys.size(); ++k) {
        if (oldKeys[k] == 0) continue;
        std::size_t i = oldKeys[k] & mask;
        while (m_keys[i] != 0) i = (i + 1) & mask;
        m_keys[i] = oldKeys[k];
        m_files[i] = oldFiles[k];
    }
}

void DuplicateDetector::clear() {
    m_keys.clear();
    m_files.clear();
    m_count = 0;
}

} // namespace vigil
