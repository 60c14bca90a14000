#pragma once
// Which tell-tale keys a JSON line had: the dialects are told apart by these.

#include <cstdint>

namespace vigil {

enum JsonKey : std::uint32_t {
    KeyTimestamp = 1u << 0,
    KeyLevel = 1u << 1,
    KeyMessage = 1u << 2,
    KeyEvent = 1u << 3,
    KeyService = 1u << 4,
    KeyFields = 1u << 5,
    KeyTarget = 1u << 6,
    KeySpan = 1u << 7,
    KeyApp = 1u << 8,
    KeyCallId = 1u << 9,
    KeyExtra = 1u << 10,
    KeyType = 1u << 11,
    KeyEndpoint = 1u << 12,
    KeyUrl = 1u << 13,
    KeyUserId = 1u << 14,
    KeyIpAddress = 1u << 15,
    KeyLogger = 1u << 16,
    KeyModule = 1u << 17,
};

using JsonKeys = std::uint32_t;

} // namespace vigil
