#pragma once
// Row buffers kept for the next query: the rows a table replaced, given back rather than freed.
//
// A result's rows are fresh memory each time, and every page of it faults and is zeroed on
// first write. Clearing a filter at 24 M entries copies the 192 MB time order into such
// memory: 80 ms of the kernel zeroing pages on the virtual machines Vigil was measured on,
// against 20 ms for the copy itself. The table gives back the rows it showed before (the
// full set, when a filter is set; the filter's rows, when it is cleared), so each click
// finds the memory of the click before it. Two are kept at most, and none after a while
// without queries (release()).

#include "../store/ids.h"

#include <cstddef>
#include <vector>

namespace vigil {

class Executor;

class SpareRows {
  public:
    // A vector of `n` rows whose values are unspecified, for the caller to overwrite every
    // one: a kept one when one has room and is not far larger (a filter's 1 M rows would
    // otherwise hold on to the 192 MB a cleared filter needs next), else fresh memory,
    // advised onto huge pages. Kept buffers keep their old rows: shrinking one to `n` writes
    // nothing, where emptying and refilling it would write every row twice.
    static std::vector<EntryIndex> take(std::size_t n);
    // take(), filled with a copy of `rows`, on the executor's threads.
    static std::vector<EntryIndex> copyOf(const std::vector<EntryIndex>& rows, Executor* executor);
    // Keeps the memory of `rows`; the smallest kept buffer is freed if two are kept
    // already. Only buffers of at least kMinRows rows are worth keeping.
    static void give(std::vector<EntryIndex>&& rows);
    // Frees every kept buffer.
    static void release();
    // Rows of room kept, for tests.
    static std::size_t keptRows();

    static constexpr std::size_t kMinRows = std::size_t(1) << 16;
};

} // namespace vigil
