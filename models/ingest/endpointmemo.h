#pragma once
// The endpoint ids of the request lines a source wrote lately, so a request that repeats
// ("POST /api/chat" on every call of a chat service) is templated and interned once, not
// once per entry: templating each path was 8 % of a scan's instructions. Direct-mapped:
// a slot holds the last method and path that hashed to it, so paths that carry ids
// ("GET /v1/users/8123/orders") cost one miss each and cannot grow it.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vigil {

class EndpointMemo {
  public:
    static constexpr std::uint32_t kUnknown = UINT32_MAX;

    // The id remembered for (method, path), or kUnknown. Sets `hash` for remember().
    std::uint32_t find(std::string_view method, std::string_view path, std::uint64_t& hash) const;
    void remember(std::uint64_t hash, std::string_view method, std::string_view path, std::uint32_t id);

  private:
    static constexpr std::size_t kSlots = 512;
    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t id = kUnknown;
        std::uint32_t methodSize = 0;
        std::string text; // method then path
    };
    const Slot& slotOf(std::uint64_t hash) const { return m_slots[hash % kSlots]; }
    std::vector<Slot> m_slots = std::vector<Slot>(kSlots);
};

} // namespace vigil
