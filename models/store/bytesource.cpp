#include "bytesource.h"

namespace vigil {

bool MemoryByteSource::read(std::uint64_t offset, std::uint32_t length, std::string& out) const {
    out.clear();
    if (offset >= m_data.size()) return length == 0;
    const std::size_t available = m_data.size() - static_cast<std::size_t>(offset);
    out.assign(m_data, static_cast<std::size_t>(offset), std::min<std::size_t>(length, available));
    return available >= length;
}

bool MemoryByteSource::scan(std::uint64_t offset, std::uint32_t length, std::string&, Scan scan) const {
    const std::size_t start = std::min<std::size_t>(static_cast<std::size_t>(offset), m_data.size());
    const std::size_t available = m_data.size() - start;
    scan.fn(scan.context, m_data.data() + start, std::min<std::size_t>(length, available));
    return available >= length;
}

} // namespace vigil
