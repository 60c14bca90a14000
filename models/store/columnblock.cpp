#include "columnblock.h"

#include <cstdint>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace vigil {

namespace {
constexpr std::size_t kHugePage = std::size_t(2) << 20;
constexpr std::size_t kPage = 4096;
} // namespace

#if defined(__linux__)
ColumnBlock::ColumnBlock(std::size_t bytes) : m_bytes((bytes + kPage - 1) / kPage * kPage) {
    // Over-allocate by one huge page, then unmap what lies before the aligned start and
    // after the end: anonymous mappings are only page-aligned.
    const std::size_t reserved = m_bytes + kHugePage;
    void* raw = mmap(nullptr, reserved, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) throw std::bad_alloc();
    const auto start = reinterpret_cast<std::uintptr_t>(raw);
    const std::uintptr_t aligned = (start + kHugePage - 1) & ~(kHugePage - 1);
    if (aligned > start) munmap(raw, aligned - start);
    const std::uintptr_t end = aligned + m_bytes, reservedEnd = start + reserved;
    if (reservedEnd > end) munmap(reinterpret_cast<void*>(end), reservedEnd - end);
    m_data = reinterpret_cast<char*>(aligned);
#if defined(MADV_HUGEPAGE)
    madvise(m_data, m_bytes, MADV_HUGEPAGE); // advice only: where refused, small pages
#endif
}

ColumnBlock::~ColumnBlock() {
    munmap(m_data, m_bytes);
}
#else
ColumnBlock::ColumnBlock(std::size_t bytes) : m_data(new char[bytes]()), m_bytes(bytes) {}

ColumnBlock::~ColumnBlock() {
    delete[] m_data;
}
#endif

} // namespace vigil
