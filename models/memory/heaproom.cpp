#include "heaproom.h"

#include <cstdlib>

namespace vigil {

void keepHeapRoom() {
    if (!kGlibcHeaps) return;
    // Volatile: a compiler may drop a malloc whose block is only freed.
    void* volatile block = std::malloc(kHeapRoom);
    std::free(block);
}

} // namespace vigil
