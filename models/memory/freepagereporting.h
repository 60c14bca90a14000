#pragma once
// Whether this machine hands its free 2 MB blocks back to a hypervisor: a virtio balloon
// with free page reporting (VIRTIO_BALLOON_F_REPORTING, feature bit 5) tells the host which
// free blocks of 2 MB and up the guest is not using, and the host takes their memory back.
// A fresh 2 MB page is such a block, so its first write makes the host find memory again for
// every 4 KB of it; 4 KB pages come from the guest's smaller free blocks, never reported.
//
// Measured on such a guest (Linux 6.18, 2 cores, 3-4 s idle before each run, so that the
// blocks were reported): faulting in 256 MB advised onto 2 MB pages took 1.76-1.99 s,
// 7 ms a MB; the same on 4 KB pages with madvise(MADV_POPULATE_WRITE) 80-118 ms. Right after
// another process freed them (not yet reported) the 2 MB pages took 0.17 ms a MB. A 5 GB
// `vigil scan` took 11.4-19.7 s with the store on 2 MB pages (6.7-17.7 s of it system
// time) and 5.0-5.2 s on 4 KB pages.
//
// The driver lists its negotiated features in sysfs as a string of '0' and '1', one a bit:
//   /sys/bus/virtio/drivers/virtio_balloon/virtio0/features
//   0110010000000000000000000000000010000000...

#include <string_view>

namespace vigil {

// The feature string's bit 5.
bool reportsFreePages(std::string_view featureBits);

// Whether a virtio balloon on this machine reports free pages (read once, then kept).
bool freeBlocksGoBackToHost();

} // namespace vigil
