#pragma once
// Reads of a memory-mapped log that survive the file shrinking underneath. A watched log
// rotated by copytruncate ("copytruncate" in logrotate.conf) is cut to zero bytes while we
// may be searching its mapping; touching a mapped page past the new end raises SIGBUS,
// which by default kills the process. Work run through guardedRead() is abandoned instead:
// the handler (installed once, for the whole process) jumps back out of it and the caller
// falls back to pread. A SIGBUS outside a guarded range goes on to the handler installed
// before ours, or kills the process as it would have.
//
// The guarded work must tolerate being cut short anywhere: no locks taken, no objects with
// destructors created in it, only plain reads of the range and writes to its own output.

#include <cstddef>

namespace vigil {

// Runs work(context); returns false (work cut short) when it touched [from, from + size)
// where the file no longer has bytes.
bool guardedRead(const char* from, std::size_t size, void (*work)(void*), void* context);

// Process-wide count of reads cut short by a shrinking file, for tests and diagnostics.
std::size_t guardedReadFaults();

} // namespace vigil
