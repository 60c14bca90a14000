#include "batchrecycler.h"

#include <utility>

namespace vigil {

EntryBatch BatchRecycler::take() {
    EntryBatch batch;
    const std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_kept.empty()) {
        batch = std::move(m_kept.back());
        m_kept.pop_back(); // the moved-from batch holds no memory
        ++m_reused;
    }
    return batch;
}

void BatchRecycler::give(EntryBatch&& batch) {
    batch.clear(); // keeps the columns' room
    const std::unique_lock<std::mutex> lock(m_mutex, std::try_to_lock);
    if (lock.owns_lock() && m_kept.size() < kMaxKept) m_kept.push_back(std::move(batch)); // room reserved
}

void BatchRecycler::release() {
    std::vector<EntryBatch> freed; // outside the lock
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        if (m_kept.empty()) return; // called after every call a finished scan's inbox drains
        freed.swap(m_kept);
        m_kept.reserve(kMaxKept);
    }
}

std::size_t BatchRecycler::kept() const {
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_kept.size();
}

std::uint64_t BatchRecycler::reused() const {
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_reused;
}

} // namespace vigil
