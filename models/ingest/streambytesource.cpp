#include "streambytesource.h"

#include <vector>

namespace vigil {

std::shared_ptr<const ByteSource> StreamByteSource::bytesOf(std::uint64_t offset) const {
    std::lock_guard<std::mutex> lock(m_mutex);
    auto it = m_generations.find(generationOf(offset));
    return it != m_generations.end() ? it->second.bytes : nullptr;
}

bool StreamByteSource::read(std::uint64_t offset, std::uint32_t length, std::string& out) const {
    const std::shared_ptr<const ByteSource> bytes = bytesOf(offset);
    if (!bytes) {
        out.clear();
        return length == 0;
    }
    return bytes->read(offset & kGenerationMask, length, out);
}

bool StreamByteSource::scan(std::uint64_t offset, std::uint32_t length, std::string& scratch,
                            Scan scan) const {
    const std::shared_ptr<const ByteSource> bytes = bytesOf(offset);
    if (!bytes) {
        scan.fn(scan.context, nullptr, 0);
        return length == 0;
    }
    return bytes->scan(offset & kGenerationMask, length, scratch, scan);
}

std::uint64_t StreamByteSource::prepareScans(std::uint64_t budget) const {
    std::vector<std::shared_ptr<const ByteSource>> held;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        for (const auto& generation : m_generations)
            if (generation.second.bytes) held.push_back(generation.second.bytes);
    }
    std::uint64_t readied = 0; // outside the lock: it takes long
    for (const std::shared_ptr<const ByteSource>& bytes : held)
        readied += bytes->prepareScans(budget - readied);
    return readied;
}

void StreamByteSource::setGeneration(std::uint32_t generation, std::shared_ptr<const ByteSource> bytes) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_generations[generation % kGenerationLimit].bytes = std::move(bytes);
}

void StreamByteSource::endGeneration(std::uint32_t generation) {
    std::lock_guard<std::mutex> lock(m_mutex);
    auto it = m_generations.find(generation % kGenerationLimit);
    if (it == m_generations.end()) return;
    it->second.ended = true;
}

void StreamByteSource::releaseGeneration(std::uint32_t generation) {
    std::shared_ptr<const ByteSource> closing; // closed outside the lock
    std::lock_guard<std::mutex> lock(m_mutex);
    auto it = m_generations.find(generation % kGenerationLimit);
    if (it != m_generations.end()) closing = std::move(it->second.bytes);
}

void StreamByteSource::noteStored(std::uint32_t generation, std::uint64_t lastEntryIndex) {
    std::lock_guard<std::mutex> lock(m_mutex);
    auto it = m_generations.find(generation);
    if (it != m_generations.end()) it->second.endIndex = std::max(it->second.endIndex, lastEntryIndex + 1);
}

std::size_t StreamByteSource::releaseEvicted(std::uint64_t beginIndex) {
    std::size_t released = 0;
    std::lock_guard<std::mutex> lock(m_mutex);
    for (auto it = m_generations.begin(); it != m_generations.end();) {
        if (it->second.ended && it->second.endIndex <= beginIndex) {
            it = m_generations.erase(it);
            ++released;
        } else {
            ++it;
        }
    }
    return released;
}

std::size_t StreamByteSource::generationCount() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_generations.size();
}

} // namespace vigil
