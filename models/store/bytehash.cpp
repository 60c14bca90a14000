#include "bytehash.h"

#include <chrono>
#include <random>

namespace vigil::bytehash_detail {

std::uint64_t processSeed() {
    std::random_device device;
    const auto now = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    return (std::uint64_t(device()) << 32 ^ device()) ^ mix(now, 0x9e3779b97f4a7c15ull);
}

} // namespace vigil::bytehash_detail
