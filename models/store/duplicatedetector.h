#pragma once
// Recognises an entry written to two files of one instance (app.log and error.log): the
// same instance and the same text seen before in a different file. Only entries whose
// hash was computed (ERROR and above, the ones error files receive) take part, which
// keeps the table small: 12 bytes a slot, open addressing, no per-node allocation.
// While following for days the table would grow without end, so it can be given a window:
// two generations of at most window/2 hashes each, the older dropped when the newer fills.
// The two copies of an entry are written at the same moment, so a window of a few hundred
// thousand entries loses nothing in practice.

#include "ids.h"

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
    static SlotArray zeroedSlots(std::size_t n);

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
        // Inserts a key known to be absent.
        void insert(std::uint64_t key, std::uint32_t file);
        void grow();
        void moveOld(std::size_t slots);
        // Empties the table, keeping at least `slots` slots.
        void reset(std::size_t slots);
    };
    static const Slot* probe(const Slot* slots, std::size_t size, std::uint64_t key);
    static void place(Slot* slots, std::size_t size, const Slot& slot);

    static std::uint64_t keyOf(InstanceId instance, std::uint64_t contentHash);

    Table m_current, m_previous;
    std::size_t m_window = 0;
};

} // namespace vigil
