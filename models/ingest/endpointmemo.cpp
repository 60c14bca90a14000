#include "endpointmemo.h"

#include "../store/bytehash.h"

namespace vigil {

std::uint32_t EndpointMemo::find(std::string_view method, std::string_view path, std::uint64_t& hash) const {
    hash = hashBytes(path) ^ (hashBytes(method) * 0x9e3779b97f4a7c15ull);
    const Slot& slot = slotOf(hash);
    if (slot.id == kUnknown || slot.hash != hash || slot.methodSize != method.size() ||
        slot.text.size() != method.size() + path.size())
        return kUnknown;
    // string_view's comparison, not memcmp: an empty method or path may have no data pointer.
    const std::string_view text(slot.text);
    if (text.substr(0, method.size()) != method || text.substr(method.size()) != path) return kUnknown;
    return slot.id;
}

void EndpointMemo::remember(std::uint64_t hash, std::string_view method, std::string_view path,
                            std::uint32_t id) {
    Slot& slot = m_slots[hash % kSlots];
    slot.hash = hash;
    slot.id = id;
    slot.methodSize = static_cast<std::uint32_t>(method.size());
    slot.text.assign(method);
    slot.text.append(path);
}

} // namespace vigil
