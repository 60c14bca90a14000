#pragma once
// The calling thread's minor page faults so far: tests of memory/ count them across a step.

#include <sys/resource.h>

namespace vigil::testing {

inline long minorFaults() {
    rusage usage{};
    getrusage(RUSAGE_THREAD, &usage);
    return usage.ru_minflt;
}

} // namespace vigil::testing
