#include "duplicatedetector.h"

#include "../memory/hugepages.h"
#include "../memory/touchpages.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>

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

void DuplicateDetector::FreeSlots::operator()(Slot* p) const {
    std::free(p);
}

DuplicateDetector::SlotArray DuplicateDetector::zeroedSlots(std::size_t n, bool writeNow) {
    const std::size_t bytes = n * sizeof(Slot);
    if (!writeNow) {
        auto* p = static_cast<Slot*>(std::calloc(n, sizeof(Slot)));
        if (!p) throw std::bad_alloc();
        return SlotArray(p);
    }
    // Written now: calloc's fresh pages would otherwise first be read by a lookup, which maps
    // the shared zero page, and then written by the insert, when the kernel replaces that
    // page and flushes the other cores' TLBs, an interrupt to each. In `vigil scan` those
    // flushes were 5 % of all CPU time, on the thread that appends.
    // On 2 MB pages where the kernel has them: lookups and the slots moved while growing land
    // anywhere in tens of megabytes, and on 4 KB pages each also missed the TLB. Opening 5 GB,
    // appends of 1,400 hashes right after the table grew took 5-16 ms of the GUI thread's CPU.
    void* p = allocateLarge(bytes);
    mapEveryPage(p, bytes);   // mapped in one call
    std::memset(p, 0, bytes); // the block may be reused memory
    return SlotArray(static_cast<Slot*>(p));
}

const DuplicateDetector::Slot* DuplicateDetector::probe(const Slot* slots, std::size_t size,
                                                        std::uint64_t key) {
    if (size == 0) return nullptr;
    const std::size_t mask = size - 1;
    for (std::size_t i = key & mask;; i = (i + 1) & mask) {
        if (slots[i].key == key) return &slots[i];
        if (slots[i].key == 0) return nullptr;
    }
}

void DuplicateDetector::place(Slot* slots, std::size_t size, const Slot& slot) {
    const std::size_t mask = size - 1;
    std::size_t i = slot.key & mask;
    while (slots[i].key != 0)
        i = (i + 1) & mask;
    slots[i] = slot;
}

const DuplicateDetector::Slot* DuplicateDetector::Table::find(std::uint64_t key) const {
    if (const Slot* slot = probe(slots.get(), size, key)) return slot;
    // The old slots are never emptied while moving, so their probe chains hold.
    return old ? probe(old.get(), oldSize, key) : nullptr;
}

void DuplicateDetector::Table::insert(std::uint64_t key, std::uint32_t file, SlotArray fresh) {
    // Eight old slots per insert: every one is over long before the new table fills.
    if (old) moveOld(8);
    if (full()) grow(std::move(fresh));
    place(slots.get(), size, Slot{key, file});
    ++count;
}

void DuplicateDetector::Table::moveOld(std::size_t n) {
    const std::size_t end = std::min(oldSize, moved + n);
    for (; moved < end; ++moved)
        if (old[moved].key != 0) place(slots.get(), size, old[moved]);
    if (moved == oldSize) {
        old.reset();
        oldSize = moved = 0;
    }
}

void DuplicateDetector::Table::grow(SlotArray fresh) {
    if (old) moveOld(oldSize); // not expected: the moving outpaces the filling
    old = std::move(slots);
    oldSize = size;
    moved = 0;
    size = size == 0 ? 1024 : size * 2;
    slots = fresh ? std::move(fresh) : zeroedSlots(size);
    if (oldSize == 0) old.reset();
}

void DuplicateDetector::Table::reset(std::size_t n, SlotArray fresh) {
    old.reset();
    oldSize = moved = 0;
    count = 0;
    if (n == 0) {
        slots.reset();
        size = 0;
        return;
    }
    if (fresh) {
        slots = std::move(fresh);
        size = n;
        return;
    }
    if (size >= n) {
        std::fill(slots.get(), slots.get() + size, Slot{});
        return;
    }
    slots = zeroedSlots(n);
    size = n;
}

void DuplicateDetector::Table::prefetch(std::uint64_t key) const {
    if (size) __builtin_prefetch(&slots[key & (size - 1)]);
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
        const std::size_t slots = m_previous.size;
        // Too small a table (the first generation's other one is empty) gets a new one as a
        // growing table does, rather than one written at once on this thread.
        m_current.reset(slots, m_current.size >= slots ? takePrepared(slots) : nextTable(slots));
    }
    m_current.insert(key, first, m_current.full() ? nextTable(m_current.size * 2) : SlotArray());
    if (m_executor) prepareAhead();
    return first != file.value;
}

void DuplicateDetector::prepareAhead() {
    // Which table comes next: an empty one of the same size when the window ends this
    // generation before the table fills, else one of twice the size. Asked for half-way.
    const std::size_t growAt = m_current.size * 7 / 10;
    const bool swapFirst = m_window > 0 && m_window / 2 <= growAt;
    const std::size_t next = swapFirst ? m_current.size : m_current.size * 2;
    const std::size_t askAt = swapFirst ? m_window / 4 : growAt / 2;
    if (next < kPrepareFrom || m_current.count < askAt) return;
    if (m_preparation && m_preparation->size == next) return;
    auto preparation = std::make_shared<Preparation>();
    preparation->size = next;
    m_preparation = preparation;
    m_preparing = m_executor->start([preparation] {
        // Written, not only allocated, so that this thread takes the page faults.
        try {
            preparation->slots = zeroedSlots(preparation->size);
        } catch (const std::bad_alloc&) {
            return; // the appending thread allocates its own
        }
        preparation->ready.store(true, std::memory_order_release);
    });
}

DuplicateDetector::SlotArray DuplicateDetector::nextTable(std::size_t slots) {
    if (SlotArray prepared = takePrepared(slots)) return prepared;
    if (slots == 0) return {}; // the first table, which grow() sizes
    // A big table a worker was still preparing, on a thread whose events must stay short
    // (the GUI's, while a deployment opens): written at once, a 96 MB table held it 30 ms.
    // Left to fault as inserts land, it costs more in all but little at a time.
    return zeroedSlots(slots, !m_executor || slots < kPrepareFrom);
}

DuplicateDetector::SlotArray DuplicateDetector::takePrepared(std::size_t slots) {
    if (!m_preparation || m_preparation->size != slots ||
        !m_preparation->ready.load(std::memory_order_acquire))
        return {};
    SlotArray taken = std::move(m_preparation->slots);
    m_preparation.reset();
    ++m_preparedUsed;
    return taken;
}

void DuplicateDetector::waitForPreparation() const {
    m_preparing.wait();
}

void DuplicateDetector::setWindow(std::size_t hashes) {
    m_window = hashes < 2 && hashes > 0 ? 2 : hashes;
}

void DuplicateDetector::clear() {
    m_preparation.reset();
    m_current.reset(0);
    m_previous.reset(0);
}

std::uint64_t DuplicateDetector::memoryBytes() const {
    return (m_current.size + m_current.oldSize + m_previous.size + m_previous.oldSize) * sizeof(Slot);
}

} // namespace vigil
