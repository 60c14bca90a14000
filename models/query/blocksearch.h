#pragma once
// Substring search over every held entry without reading entries one by one: each file's
// bytes are searched in 1 MB blocks on all worker threads (one pread per block, hot in
// cache; in place where the file is mapped), the first match of every line is kept, and the
// hits are then mapped to entries through their offsets alone. A 200 MB deployment is read
// once per search.

#include "needlefinder.h"
#include "textaccess.h"

#include "../memory/sparebuffers.h"
#include "../store/segmentedcolumns.h"

#include <atomic>
#include <cstdint>
#include <vector>

namespace vigil {

class Executor;

// The memory of a search's match offsets, kept for the next search (sparebuffers.h): each
// thread's list and each file's.
using SpareOffsets = SpareBuffers<std::uint64_t, 8, MatchOffsets::allocator_type>;

// Marks the entries of `columns` whose bytes contain the needle, among those with
// wanted[i - begin] set when `wanted` is given (the 1 MB blocks holding none of those are not
// read): bit i - begin of `hits`, one bit an entry, so that what follows skips 64 entries
// without a match at a time. False when cancelled.
bool searchEveryEntry(const SegmentedColumns& columns, const TextAccess& text, const NeedleFinder& needle,
                      Executor* executor, const std::atomic<bool>* cancel, std::vector<std::uint64_t>& hits,
                      const std::vector<std::uint8_t>* wanted = nullptr);

} // namespace vigil
