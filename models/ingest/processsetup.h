#pragma once
// Process-wide settings that ingest relies on, applied once at start-up by the executable.

namespace vigil {

// - Gives each thread a malloc arena of its own (processsetup.cpp says why).
// - Keeps freed batch memory in the heap for the next batch instead of unmapping it.
// - Raises the open-file limit to its hard maximum: every followed file keeps a descriptor
//   so rotated and deleted files stay readable.
void applyIngestProcessSettings();

// Hands memory freed after a burst of transient allocations (the batches of an initial
// scan) back to the system, so the resident size reflects what is kept.
void releaseFreedMemory();

} // namespace vigil
