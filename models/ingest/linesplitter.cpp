#include "linesplitter.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>

namespace vigil {

namespace {
constexpr std::size_t kPadding = 64; // >= simdjson::SIMDJSON_PADDING
constexpr unsigned char kBom[] = {0xEF, 0xBB, 0xBF};
constexpr std::size_t kLineRoom = 64 << 10; // a partial line this long fits beside a full read block

// The read buffer a finished file gave back, for the next file this thread reads: a fresh
// block per file costs a page fault per 4 KB, as the kernel maps each page on first write.
struct SpareBuffer {
    std::unique_ptr<char, LineSplitter::FreeBytes> data;
    std::size_t capacity = 0;
};
thread_local SpareBuffer t_spare;
constexpr std::size_t kLongLine = 1 << 20;
constexpr std::size_t kHoleRun = 4096; // NULs in a row that are a hole, not bytes of a line

// Start of the first run of at least kHoleRun NULs in [p, end).
const char* findHole(const char* p, const char* end) {
    while ((p = static_cast<const char*>(std::memchr(p, '\0', static_cast<std::size_t>(end - p))))) {
        const char* q = p;
        while (q < end && *q == '\0' && static_cast<std::size_t>(q - p) < kHoleRun)
            ++q;
        if (static_cast<std::size_t>(q - p) >= kHoleRun) return p;
        p = q;
    }
    return nullptr;
}
} // namespace

void LineSplitter::FreeBytes::operator()(char* p) const {
    std::free(p);
}

namespace {
// `n` bytes: a fresh block for a null `old`, else `old` grown by realloc(), which takes it.
char* reallocateBytes(char* old, std::size_t n) {
    char* p = static_cast<char*>(std::realloc(old, n));
    if (!p) throw std::bad_alloc();
    return p;
}
} // namespace

LineSplitter::LineSplitter(std::uint64_t startOffset) : m_bufferOffset(startOffset) {}

char* LineSplitter::writableTail(std::size_t want) {
    if (m_capacity < m_end + want + kPadding) {
        if (m_begin > 0) { // drop consumed bytes first
            std::memmove(m_buffer.get(), m_buffer.get() + m_begin, m_end - m_begin);
            m_end -= m_begin;
            m_searched -= m_begin;
            m_bufferOffset += m_begin;
            m_begin = 0;
        }
        if (m_capacity < m_end + want + kPadding) {
            // Room for a partial line beside the block, and doubling for longer lines, so that
            // a buffer is allocated once per file, not once per read.
            const std::size_t capacity =
                std::max({m_end + want + kPadding, want + kPadding + kLineRoom, 2 * m_capacity});
            if (t_spare.data && t_spare.capacity >= capacity && t_spare.capacity <= 2 * capacity) {
                Buffer grown = std::move(t_spare.data);
                if (m_end > 0) std::memcpy(grown.get(), m_buffer.get(), m_end);
                m_buffer = std::move(grown);
                m_capacity = t_spare.capacity;
                t_spare.capacity = 0;
            } else if (m_end > 0) {
                // A line longer than the block: one 160 MiB line took 3 s when each doubling
                // copied it into fresh pages, on a machine where a fresh page costs microseconds.
                char* grown = reallocateBytes(m_buffer.get(), capacity);
                (void)m_buffer.release(); // realloc took it
                m_buffer.reset(grown);
                m_capacity = capacity;
            } else {
                m_buffer.reset(reallocateBytes(nullptr, capacity));
                m_capacity = capacity;
            }
        }
    }
    return m_buffer.get() + m_end;
}

void LineSplitter::emitLine(const char* begin, const char* end, EntryAssembler& assembler, EntryBatch& out) {
    std::uint64_t offset = m_bufferOffset + static_cast<std::uint64_t>(begin - m_buffer.get());
    if (offset == 0 && end - begin >= 3 && std::memcmp(begin, kBom, 3) == 0) {
        begin += 3;
        offset = 3;
    }
    const char* contentEnd = end;
    if (contentEnd > begin && contentEnd[-1] == '\r') --contentEnd;
    const std::size_t readable = static_cast<std::size_t>(m_buffer.get() + m_capacity - begin);
    assembler.addLine(std::string_view(begin, static_cast<std::size_t>(contentEnd - begin)),
                      m_reportedBase + offset, readable, out);
    ++out.lines;
}

void LineSplitter::commit(std::size_t n, EntryAssembler& assembler, EntryBatch& out) {
    m_end += n;
    out.bytes += n;
    if (m_lineCutShort && n > 0) {
        m_lineCutShort = false;
        if (m_buffer.get()[m_begin] == '\n')
            ++m_begin;
        else if (m_buffer.get()[m_begin] == '\r' && m_end - m_begin >= 2 &&
                 m_buffer.get()[m_begin + 1] == '\n')
            m_begin += 2;
    }
    const char* data = m_buffer.get();
    const char* p = data + m_begin;
    const char* end = data + m_end;
    const char* searchFrom = data + std::max(m_searched, m_begin);
    while (p < end) {
        if (*p == '\0') { // a hole where a line would start
            const char* q = p;
            while (q < end && *q == '\0')
                ++q;
            m_holeBytes += static_cast<std::uint64_t>(q - p);
            m_inHole = q == end;
            p = searchFrom = q;
            if (p == end) break;
        }
        m_inHole = false;
        const char* nl = static_cast<const char*>(
            std::memchr(searchFrom, '\n', static_cast<std::size_t>(end - searchFrom)));
        if (!nl) {
            // A line this long may be text followed by a hole: the hole ends the line rather
            // than growing the buffer to the hole's size.
            const char* hole =
                static_cast<std::size_t>(end - p) > kLongLine ? findHole(searchFrom, end) : nullptr;
            if (hole) {
                emitLine(p, hole, assembler, out);
                p = searchFrom = hole;
                continue;
            }
            searchFrom = end;
            break;
        }
        emitLine(p, nl, assembler, out);
        p = searchFrom = nl + 1;
    }
    m_begin = static_cast<std::size_t>(p - data);
    m_searched = static_cast<std::size_t>(searchFrom - data);
}

void LineSplitter::skipHole(std::uint64_t n) {
    if (hasPartialLine()) return;
    m_bufferOffset += m_end + n;
    m_begin = m_end = m_searched = 0;
    m_holeBytes += n;
}

void LineSplitter::dropThreadSpare() {
    t_spare.data.reset();
    t_spare.capacity = 0;
}

void LineSplitter::releaseSpareRoom() {
    const std::size_t kept = m_end - m_begin;
    if (m_capacity <= kept + kPadding + 4096) return;
    Buffer small(reallocateBytes(nullptr, kept + kPadding));
    if (kept > 0) std::memcpy(small.get(), m_buffer.get() + m_begin, kept);
    if (m_capacity > t_spare.capacity) {
        t_spare.data = std::move(m_buffer);
        t_spare.capacity = m_capacity;
    }
    m_buffer = std::move(small);
    m_capacity = kept + kPadding;
    m_bufferOffset += m_begin;
    m_searched -= std::min(m_searched, m_begin);
    m_end = kept;
    m_begin = 0;
}

void LineSplitter::finish(EntryAssembler& assembler, EntryBatch& out) {
    if (m_end > m_begin) {
        writableTail(0); // guarantees the padding after the data
        emitLine(m_buffer.get() + m_begin, m_buffer.get() + m_end, assembler, out);
        m_begin = m_searched = m_end;
        m_lineCutShort = true;
    }
    assembler.commitOpen(out);
}

} // namespace vigil
