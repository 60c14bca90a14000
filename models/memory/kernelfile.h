#pragma once
// What the kernel says in one of its small files (/proc/buddyinfo, a device's features in
// /sys): one read of at most kKernelFileMaxBytes, empty when the file cannot be read.

#include <cstddef>
#include <string>

namespace vigil {

constexpr std::size_t kKernelFileMaxBytes = 4095;

std::string readKernelFile(const char* path);

} // namespace vigil
