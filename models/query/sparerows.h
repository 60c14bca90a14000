#pragma once
// Row buffers kept for the next query (memory/sparebuffers.h): the rows a new filter's
// result replaced are given back rather than freed (queryrunner.cpp). The table gives back
// the rows it showed before (the full set, when a filter is set; the filter's rows, when it
// is cleared), so clearing a filter at 24 M entries copies the time order into the memory of
// the full set shown before the filter, not into 192 MB of fresh pages. Two are kept: the
// current filter's and the other.

#include "../memory/sparebuffers.h"
#include "../store/ids.h"

namespace vigil {

class Executor;

class SpareRows : public SpareBuffers<EntryIndex, 2> {
  public:
    // take(), filled with a copy of `rows`, on the executor's threads.
    static std::vector<EntryIndex> copyOf(const std::vector<EntryIndex>& rows, Executor* executor);
};

// The rows and the matches a query gathers (timedhits.h, blocksearch.h) go back at once when
// the query is done, its kept buffers together when queries stop.
void releaseSpareQueryBuffers();

} // namespace vigil
