#pragma once
// Recognises an entry written to two files of one instance (app.log and error.log): the
// same instance and the same text seen before in a different file. Only entries whose
// hash was computed (ERROR and above, the ones error files receive) take part, which
// keeps the table small: 12 bytes a slot, open addressing, no per-node allocation.
// While following for days the table would grow without end, so it can be given a window:
// two generations of at most window/2 hashes each, the older dropped when the newer fills.
// The two copies of an entry are written at the same moment, so a window of a few hundred
// thousand entries loses nothing in practice.
// Given an executor, the next big table (twice the size, or an empty one for the next
// generation) is allocated and zeroed on a worker before it is needed: on the appending
// thread (the GUI thread) a 25 MB table's first touches were 12,000 page faults, and
// emptying one a 25 MB memset, all in the turns that appended the entries.

#include "../exec/executor.h"
#include "ids.h"

#include <atomic>
#include <cstdint>
#include <memory>

namespace vigil {

class DuplicateDetector {
  public:
    // True when (instance, hash) was first seen in a file other than `file`.
    // Records the pair otherwise.
    bool seenElsewhere(InstanceId instance, std::uint64_t contentHash, FileId file);
    // Starts loading the slot seenElsewhere() will look at: the table outgrows the caches,
    // and a lookup that waits for memory was a third of the appending thread's time.
    void prefetch(InstanceId instance, std::uint64_t contentHash) const;
    // Remember about the last `hashes` hashes only (0: all of them, the default).
    void setWindow(std::size_t hashes);
    void clear();
    // Prepares big tables on `executor` (null: none), which must outlive the detector's use of it.
    void setExecutor(Executor* executor) { m_executor = executor; }
    // Blocks until no table is being prepared (tests).
    void waitForPreparation() const;
    // Tables taken from a worker's preparation rather than allocated or emptied here.
    std::uint64_t preparedTablesUsed() const { return m_preparedUsed; }
    std::size_t size() const { return m_current.count + m_previous.count; }
    std::uint64_t memoryBytes() const;

  private:
    // Packed to 12 bytes: with 16, the table was 4 of the 47 bytes each stored entry costs.
#pragma pack(push, 4)
    struct Slot {
        std::uint64_t key = 0; // 0 marks an empty slot
        std::uint32_t file = 0;
    };
#pragma pack(pop)
    static_assert(sizeof(Slot) == 12, "a slot is a key and a file, unpadded");
    // Slots come zeroed from calloc: a large block is fresh pages the kernel zeroes as they
    // are first written, instead of a memset of tens of megabytes in one go.
    struct FreeSlots {
        void operator()(Slot* p) const;
    };
    using SlotArray = std::unique_ptr<Slot[], FreeSlots>;
    // Written at once when `writeNow` (on 2 MB pages where the kernel has them; see the .cpp),
    // else left to fault as used.
    static SlotArray zeroedSlots(std::size_t n, bool writeNow = true);

    struct Table {
        SlotArray slots;
        std::size_t size = 0; // slots, a power of two
        std::size_t count = 0;
        // While growing, the previous slots, copied over a few per insert: rehashing
        // millions of hashes at once held the store's thread (the GUI thread) 20-40 ms.
        // Lookups look here too until every slot is over.
        SlotArray old;
        std::size_t oldSize = 0, moved = 0;

        const Slot* find(std::uint64_t key) const;
        void prefetch(std::uint64_t key) const;
        // Inserts a key known to be absent; `fresh` is the zeroed table of twice the size
        // should it grow (null: allocated then).
        void insert(std::uint64_t key, std::uint32_t file, SlotArray fresh);
        bool full() const { return size == 0 || (count + 1) * 10 > size * 7; }
        void grow(SlotArray fresh);
        void moveOld(std::size_t slots);
        // Empties the table, keeping at least `slots` slots; `fresh` (zeroed, `slots` of them)
        // replaces the slots instead of emptying them.
        void reset(std::size_t slots, SlotArray fresh = {});
    };
    // A zeroed table a worker makes before the appending thread needs it.
    struct Preparation {
        std::size_t size = 0;
        SlotArray slots;
        std::atomic<bool> ready{false};
    };
    static constexpr std::size_t kPrepareFrom = 1 << 16; // slots; smaller tables cost little
    void prepareAhead();
    SlotArray takePrepared(std::size_t slots);
    // The table to grow or move into: the prepared one, else one made here.
    SlotArray nextTable(std::size_t slots);
    static const Slot* probe(const Slot* slots, std::size_t size, std::uint64_t key);
    static void place(Slot* slots, std::size_t size, const Slot& slot);

    static std::uint64_t keyOf(InstanceId instance, std::uint64_t contentHash);

    Table m_current, m_previous;
    std::size_t m_window = 0;
    Executor* m_executor = nullptr;
    std::shared_ptr<Preparation> m_preparation;
    Executor::Ticket m_preparing;
    std::uint64_t m_preparedUsed = 0;
};

} // namespace vigil
