#include "filemapping.h"

#include <sys/mman.h>
#include <unistd.h>

namespace vigil {

std::shared_ptr<const FileMapping> FileMapping::map(int fd, std::uint64_t fileSize) {
    if (fileSize == 0) return nullptr;
    // Room for half as much again: a followed log is mapped again only after growing by half.
    const std::uint64_t page = static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
    const std::uint64_t want = fileSize + fileSize / 2 + (std::uint64_t(16) << 20);
    const std::uint64_t span = (want + page - 1) / page * page;
    void* data = ::mmap(nullptr, span, PROT_READ, MAP_SHARED, fd, 0);
    if (data == MAP_FAILED) return nullptr;
    return std::shared_ptr<const FileMapping>(new FileMapping(static_cast<const char*>(data), span));
}

FileMapping::~FileMapping() {
    ::munmap(const_cast<char*>(m_data), m_span);
}

} // namespace vigil
